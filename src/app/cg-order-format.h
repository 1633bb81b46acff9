/* cg-order-format.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the orders pages show, as plain functions of the order (no GTK), so
 * tests pin it down without a display.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "changgu-core.h"

G_BEGIN_DECLS

/* What may be done to an order in its status. */
typedef enum {
  CG_ORDER_ACTION_NONE       = 0,
  CG_ORDER_ACTION_MARK_READY = 1 << 0,   /* placed */
  CG_ORDER_ACTION_HAND_OVER  = 1 << 1,   /* placed, ready_for_pickup */
  CG_ORDER_ACTION_RETURN     = 1 << 2,   /* picked_up, partially_returned */
} CgOrderActions;

CgOrderActions cg_order_format_actions        (const char *status);

/* "2 × ₩19,000" (transfer full). */
char       *cg_order_format_quantity_price    (gint64      qty,
                                               gint64      unit_price,
                                               const char *currency);
/* "3 items", "1 item" (transfer full). */
char       *cg_order_format_item_count        (guint       count);
/* How an order was verified at hand-over: "Last 4 phone digits", "ID
 * document", "Pickup code" (static; the code itself when unknown). */
const char *cg_order_format_verification     (const char *method);
/* "Online", "In store" (static; the code when unknown). */
const char *cg_order_format_channel           (const char *channel);
/* "Ready since Today, 14:05" for the ready list, or NULL (transfer full). */
char       *cg_order_format_ready_since       (const char *ready_at,
                                               GDateTime  *now);
/* "Returned 1 of 2" for an item line with returns, or NULL (transfer full). */
char       *cg_order_format_returned          (gint64      returned,
                                               gint64      bought);

typedef struct {
  char *label;   /* "Placed", "Ready", "Picked up", "Updated" */
  char *value;   /* cg_format_time() of it */
  char *tooltip; /* cg_format_time_long() */
} CgOrderTime;

void        cg_order_time_free                (CgOrderTime *time);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgOrderTime, cg_order_time_free)

/* The order's times in the order they happened; missing ones left out.
 * (transfer full) (element-type CgOrderTime) */
GPtrArray  *cg_order_format_times             (JsonObject *order,
                                               GDateTime  *now);

/* "Handed over by Kim Minji · Pickup code" for a handed-over order, or
 * NULL. @by_name is the display name of the order's picked_up_by (the
 * caller looks it up: cg_staff_dup_name), never the staff id itself.
 * (transfer full) */
char       *cg_order_format_pickup_line       (JsonObject *order,
                                               const char *by_name);

G_END_DECLS
