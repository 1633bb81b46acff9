/* cg-visit.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Orders changing hands and walk-in check-ins: the two workflows of a visit
 * to the counter besides cases.
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

/* Moves an order along its workflow (placed → ready_for_pickup → picked_up,
 * cancellations, returns). @verified_with (phone_last4, id_document, code)
 * is required for picked_up and recorded with @actor and the time. */
gboolean  cg_order_set_status   (CgStore     *store,
                                 const char  *order_id,
                                 const char  *status,
                                 const char  *actor,
                                 const char  *verified_with,
                                 GError     **error);

/* A walk-in takes a ticket (K1-042, numbered on this device per day).
 * @customer_id and @display_name may be NULL. Returns the check-in's id
 * (transfer full); *@ticket (optional) receives the ticket number. */
char     *cg_checkin_create     (CgStore     *store,
                                 const char  *reason,
                                 const char  *customer_id,
                                 const char  *display_name,
                                 char       **ticket,
                                 GError     **error);
gboolean  cg_checkin_set_status (CgStore     *store,
                                 const char  *checkin_id,
                                 const char  *status,
                                 const char  *actor,
                                 GError     **error);

G_END_DECLS
