/* cg-reports-page.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reports (supervisor only; the window hides the page from agents): the
 * KPIs of a chosen period as cards and charts, computed on a worker
 * thread (cg-kpi-task.h), and exported as CSV (cg-kpi-csv.h).
 */
#pragma once

#include <gtk/gtk.h>

#include "changgu-core.h"
#include "cg-report-format.h"

G_BEGIN_DECLS

#define CG_TYPE_REPORTS_PAGE (cg_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (CgReportsPage, cg_reports_page, CG, REPORTS_PAGE, GtkWidget)

GtkWidget         *cg_reports_page_new            (void);
void               cg_reports_page_set_store      (CgReportsPage  *self,
                                                   CgStore        *store);
void               cg_reports_page_set_session    (CgReportsPage  *self,
                                                   CgSession      *session);
/* Chooses the period (as the period menu does) and computes it; a
 * computation still running is cancelled. */
void               cg_reports_page_set_period     (CgReportsPage  *self,
                                                   CgReportPeriod  period);
/* A custom range, both days included (local dates). */
void               cg_reports_page_set_custom_range (CgReportsPage *self,
                                                   GDate          *first_day,
                                                   GDate          *last_day);
/* Computes the chosen period again. */
void               cg_reports_page_refresh        (CgReportsPage  *self);
gboolean           cg_reports_page_is_loading     (CgReportsPage  *self);
/* The report shown, or NULL (none yet, loading or failed). */
const CgKpiReport *cg_reports_page_get_report     (CgReportsPage  *self);
/* Writes the shown report as CSV to @file (what "Export CSV…" does once a
 * file is chosen). */
gboolean           cg_reports_page_export_to_file (CgReportsPage  *self,
                                                   GFile          *file,
                                                   GError        **error);

G_END_DECLS
