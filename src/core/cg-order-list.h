/* cg-order-list.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists of orders for the orders page and search: one row per order, from
 * the orders projection and its indexes, so that each query reads only the
 * rows it returns (plus one document per row for the item count), however
 * many orders the store holds.
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_TYPE_ORDER_SUMMARY (cg_order_summary_get_type ())
G_DECLARE_FINAL_TYPE (CgOrderSummary, cg_order_summary, CG, ORDER_SUMMARY, GObject)

const char *cg_order_summary_get_id            (CgOrderSummary *self);
const char *cg_order_summary_get_number        (CgOrderSummary *self);
const char *cg_order_summary_get_customer_id   (CgOrderSummary *self);   /* nullable */
const char *cg_order_summary_get_customer_name (CgOrderSummary *self);   /* nullable */
const char *cg_order_summary_get_status        (CgOrderSummary *self);
gint64      cg_order_summary_get_total         (CgOrderSummary *self);
const char *cg_order_summary_get_currency      (CgOrderSummary *self);
const char *cg_order_summary_get_ready_at      (CgOrderSummary *self);   /* nullable */
const char *cg_order_summary_get_created_at    (CgOrderSummary *self);   /* nullable */
/* Pieces on the order: the sum of the items' quantities. */
guint       cg_order_summary_get_item_count    (CgOrderSummary *self);

/* Orders waiting for pickup, longest waiting first (index orders_by_status),
 * at most @limit; *@total (optional) receives how many there are in all.
 * (transfer full) (element-type CgOrderSummary) */
GPtrArray  *cg_order_list_ready_for_pickup     (CgStore     *store,
                                                guint        limit,
                                                guint       *total,
                                                GError     **error);
/* Orders whose number starts with @prefix (spaces around it ignored; also
 * tried in capitals, as numbers like W24001234 are typed in lower case),
 * by number, at most @limit. Empty @prefix: nothing. (transfer full) */
GPtrArray  *cg_order_list_by_number_prefix     (CgStore     *store,
                                                const char  *prefix,
                                                guint        limit,
                                                GError     **error);
/* A customer's orders, newest first, at most @limit. (transfer full) */
GPtrArray  *cg_order_list_for_customer         (CgStore     *store,
                                                const char  *customer_id,
                                                guint        limit,
                                                GError     **error);

G_END_DECLS
