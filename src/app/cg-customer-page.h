/* cg-customer-page.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

/* How many timeline rows the page reads. */
#define CG_CUSTOMER_PAGE_TIMELINE_LIMIT 50

#define CG_TYPE_CUSTOMER_PAGE (cg_customer_page_get_type ())
G_DECLARE_FINAL_TYPE (CgCustomerPage, cg_customer_page, CG, CUSTOMER_PAGE, GtkWidget)

GtkWidget  *cg_customer_page_new             (void);
CgStore    *cg_customer_page_get_store       (CgCustomerPage *self);
void        cg_customer_page_set_store       (CgCustomerPage *self,
                                              CgStore        *store);
const char *cg_customer_page_get_customer_id (CgCustomerPage *self);
/* Shows the customer @id: profile and timeline. FALSE with @error when the
 * customer cannot be read (deleted meanwhile); the page is then cleared. */
gboolean    cg_customer_page_load            (CgCustomerPage *self,
                                              const char     *id,
                                              GError        **error);
/* Reads the shown customer again (after the store changed). */
gboolean    cg_customer_page_reload          (CgCustomerPage *self,
                                              GError        **error);
/* The timeline shown, newest first (element-type CgTimelineEntry). */
GListModel *cg_customer_page_get_timeline    (CgCustomerPage *self);
/* The signed-in person: the actor of edits, merges and check-ins. */
void        cg_customer_page_set_session     (CgCustomerPage *self,
                                              CgSession      *session);
/* Editing the profile: switches to the form, filled from the customer. */
void        cg_customer_page_edit            (CgCustomerPage *self);
gboolean    cg_customer_page_is_editing      (CgCustomerPage *self);
/* Saves the form (Save button). FALSE with the form still open when a
 * value is invalid (shown inline next to it) or the write failed. */
gboolean    cg_customer_page_save            (CgCustomerPage *self);
/* Leaves the form without saving (Cancel button). */
void        cg_customer_page_cancel_edit     (CgCustomerPage *self);
/* The toast of the last merge, whose Undo button unmerges (tests). */
AdwToast   *cg_customer_page_get_merge_toast (CgCustomerPage *self);

G_END_DECLS
