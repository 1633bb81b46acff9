/* cg-visit.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Orders changing hands and walk-in check-ins: the two workflows of a visit
 * to the counter besides cases.
 *
 * Order fields written here besides DATA-MODEL.md's:
 *   pickup_code        6 ASCII digits, made when the order becomes ready and
 *                      sent to the customer in the order_ready message; only
 *                      on the order (counters and central), never in the
 *                      kiosk-safe pickup document
 *   pickup_document    the kind of ID shown at hand-over ("id_card",
 *                      "passport", …), when staff entered one; never its number
 *   returns[]          { sku, qty, at, by, case_id } per returned line
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_ORDER_ERROR (cg_order_error_quark ())
GQuark cg_order_error_quark (void);

/* An order in a status that does not allow the step is
 * CG_VALIDATION_ERROR_BAD_TRANSITION, as for any other document. */
typedef enum {
  CG_ORDER_ERROR_NOT_VERIFIED,     /* the value given at hand-over did not match */
  CG_ORDER_ERROR_TOO_MANY,         /* returning more than was bought and not yet returned */
} CgOrderError;

/* Moves an order along its workflow (placed → ready_for_pickup → picked_up,
 * cancellations, returns). @verified_with (phone_last4, id_document, code)
 * is required for picked_up and recorded with @actor and the time; it is
 * NOT checked here (cg_order_hand_over() checks it). Moving to
 * ready_for_pickup is cg_order_mark_ready(). A pickup document, when there
 * is one, follows the order's status. */
gboolean  cg_order_set_status   (CgStore     *store,
                                 const char  *order_id,
                                 const char  *status,
                                 const char  *actor,
                                 const char  *verified_with,
                                 GError     **error);

/* placed → ready_for_pickup, in one transaction: sets ready_at and a new
 * pickup_code on the order, writes the kiosk-safe pickup document
 * (cg-pickup.h) and queues an order_ready notification to the customer
 * (params: order_number, store, pickup_code). *@pickup_code (optional)
 * receives the code (transfer full). */
gboolean  cg_order_mark_ready   (CgStore     *store,
                                 const char  *order_id,
                                 const char  *actor,
                                 char       **pickup_code,
                                 GError     **error);

/* Hands a ready (or placed) order over after verifying who collects it:
 *   "phone_last4"  @value: 4 digits, checked against every phone of the
 *                  order's customer
 *   "id_document"  staff looked at an ID; @value (nullable) is its kind,
 *                  recorded as pickup_document
 *   "code"         @value: the 6-digit pickup_code of the order
 * A value that does not match is CG_ORDER_ERROR_NOT_VERIFIED with a message
 * naming what did not match, and nothing is written. Records
 * pickup_verified_with, picked_up_at, picked_up_by and moves the pickup
 * document to picked_up. */
gboolean  cg_order_hand_over    (CgStore     *store,
                                 const char  *order_id,
                                 const char  *method,
                                 const char  *value,
                                 const char  *actor,
                                 GError     **error);

typedef struct {
  const char *sku;
  gint64      qty;
} CgReturnLine;

/* How many of @sku on @order may still be returned: bought minus already
 * returned (0 for an unknown sku). */
gint64    cg_order_returnable   (JsonObject  *order,
                                 const char  *sku);

/* Takes back @n_lines lines of a picked-up order, in one transaction: the
 * lines go into the order's returns[], the status becomes returned (nothing
 * left) or partially_returned, and a case (category "return", linked to the
 * order and its customer, @reason as its description) is opened.
 * Returning more than cg_order_returnable() is CG_ORDER_ERROR_TOO_MANY and
 * writes nothing. *@case_id (optional) receives the case's id (transfer
 * full). */
gboolean  cg_order_return       (CgStore            *store,
                                 const char         *order_id,
                                 const CgReturnLine *lines,
                                 guint               n_lines,
                                 const char         *reason,
                                 const char         *actor,
                                 char              **case_id,
                                 GError            **error);

/* A walk-in takes a ticket (K1-042, numbered on this device per day).
 * @customer_id and @display_name may be NULL. Returns the check-in's id
 * (transfer full); *@ticket (optional) receives the ticket number. */
char     *cg_checkin_create     (CgStore     *store,
                                 const char  *reason,
                                 const char  *customer_id,
                                 const char  *display_name,
                                 char       **ticket,
                                 GError     **error);
/* Moves a ticket: called (records called_at, and served_by = @actor, the
 * person who called it to their counter), serving (served_by), done or
 * no_show (done_at). */
gboolean  cg_checkin_set_status (CgStore     *store,
                                 const char  *checkin_id,
                                 const char  *status,
                                 const char  *actor,
                                 GError     **error);
/* The same at a given time (@now NULL: the current time). */
gboolean  cg_checkin_set_status_at (CgStore     *store,
                                    const char  *checkin_id,
                                    const char  *status,
                                    const char  *actor,
                                    GDateTime   *now,
                                    GError     **error);

G_END_DECLS
