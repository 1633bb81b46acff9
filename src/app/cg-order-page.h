/* cg-order-page.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_ORDER_PAGE (cg_order_page_get_type ())
G_DECLARE_FINAL_TYPE (CgOrderPage, cg_order_page, CG, ORDER_PAGE, GtkWidget)

GtkWidget  *cg_order_page_new          (void);
void        cg_order_page_set_store    (CgOrderPage  *self,
                                        CgStore      *store);
/* The signed-in person: the actor of Mark Ready, Hand Over and Return. */
void        cg_order_page_set_session  (CgOrderPage  *self,
                                        CgSession    *session);
/* Shows the order; FALSE with @error when it cannot be read (the page then
 * shows an error state). */
gboolean    cg_order_page_load         (CgOrderPage  *self,
                                        const char   *order_id,
                                        GError      **error);
const char *cg_order_page_get_order_id (CgOrderPage  *self);
/* The dialog open on top of the page (hand-over or return), or NULL; for
 * tests. (transfer none) */
GtkWindow  *cg_order_page_get_dialog   (CgOrderPage  *self);

G_END_DECLS
