/* cg-cases-page.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cases list: filters by status, assignee and priority and a
 * "Breaching soon" toggle; one row per case with its SLA badge, nearest
 * due first. Activating a row opens the case (win.show-case).
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_CASES_PAGE (cg_cases_page_get_type ())
G_DECLARE_FINAL_TYPE (CgCasesPage, cg_cases_page, CG, CASES_PAGE, GtkWidget)

/* At most this many rows; the count says how many match. */
#define CG_CASES_PAGE_LIMIT 200

GtkWidget  *cg_cases_page_new         (void);
void        cg_cases_page_set_store   (CgCasesPage *self,
                                       CgStore     *store);
void        cg_cases_page_set_session (CgCasesPage *self,
                                       CgSession   *session);
/* Runs the query again now (the page also does on every change to a
 * case or note, and every minute so that badges count down). */
void        cg_cases_page_refresh     (CgCasesPage *self);
/* The rows shown (element-type CgCaseSummary) (transfer none). */
GListModel *cg_cases_page_get_cases   (CgCasesPage *self);
/* How many cases match the filters, beyond the rows shown. */
guint       cg_cases_page_get_total   (CgCasesPage *self);

G_END_DECLS
