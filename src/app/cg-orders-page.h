/* cg-orders-page.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_ORDERS_PAGE (cg_orders_page_get_type ())
G_DECLARE_FINAL_TYPE (CgOrdersPage, cg_orders_page, CG, ORDERS_PAGE, GtkWidget)

/* At most this many rows; the caption says how many there are in all. */
#define CG_ORDERS_PAGE_LIMIT 200

GtkWidget *cg_orders_page_new         (void);
void       cg_orders_page_set_store   (CgOrdersPage *self,
                                       CgStore      *store);
void       cg_orders_page_set_session (CgOrdersPage *self,
                                       CgSession    *session);
/* Reads the list again (the page also does so on the store's "changed"). */
void       cg_orders_page_reload      (CgOrdersPage *self);
/* The orders shown (element-type CgOrderSummary), for tests. */
GListModel *cg_orders_page_get_orders (CgOrdersPage *self);

G_END_DECLS
