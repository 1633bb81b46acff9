/* cg-case-page.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One case: number, subject, status, priority, category, channel, the
 * customer and linked order; SLA badges for both targets; buttons for the
 * status moves the workflow allows; assignment (supervisors); internal
 * notes and customer replies with a composer; suggested knowledge
 * articles, opened in place.
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_CASE_PAGE (cg_case_page_get_type ())
G_DECLARE_FINAL_TYPE (CgCasePage, cg_case_page, CG, CASE_PAGE, GtkWidget)

GtkWidget  *cg_case_page_new          (void);
void        cg_case_page_set_store    (CgCasePage  *self,
                                       CgStore     *store);
void        cg_case_page_set_session  (CgCasePage  *self,
                                       CgSession   *session);
/* Shows case @case_id; FALSE with @error when it cannot be read. */
gboolean    cg_case_page_load         (CgCasePage  *self,
                                       const char  *case_id,
                                       GError     **error);
const char *cg_case_page_get_case_id  (CgCasePage  *self);
/* The dialog the page has open (resolve, close, article), or NULL. */
GtkWidget  *cg_case_page_get_dialog   (CgCasePage  *self);

G_END_DECLS
