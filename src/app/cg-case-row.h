/* cg-case-row.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of the cases list: subject; number, customer and category;
 * priority; the SLA badge of the case's next target.
 */
#pragma once

#include <gtk/gtk.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_CASE_ROW (cg_case_row_get_type ())
G_DECLARE_FINAL_TYPE (CgCaseRow, cg_case_row, CG, CASE_ROW, GtkWidget)

GtkWidget     *cg_case_row_new             (void);
/* Shows @summary (NULL: nothing), its badge as of @now (Unix seconds). */
void           cg_case_row_set_summary     (CgCaseRow     *self,
                                            CgCaseSummary *summary,
                                            gint64         now);
CgCaseSummary *cg_case_row_get_summary     (CgCaseRow     *self);
const char    *cg_case_row_get_badge_text  (CgCaseRow     *self);
const char    *cg_case_row_get_subject_text (CgCaseRow    *self);

G_END_DECLS
