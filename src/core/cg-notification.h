/* cg-notification.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Outbound messages (DATA-MODEL.md `notification`): the device only queues
 * them as documents; the central side delivers them. The channel and the
 * address come from the customer's preferred channel; a customer who chose
 * "none", or has no address for it, gets nothing and that is not an error.
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

/* Queues @template_name ("order_ready", "case_update", "csat_request") for
 * @customer_id with @params (transfer none; may be NULL) in the customer's
 * language. Writes inside the caller's batch when one is open.
 *
 * Returns the new notification's id (transfer full); NULL with @error set
 * when the write failed; NULL without an error when the customer cannot be
 * reached (no such customer, preferred channel "none", no phone or e-mail
 * for the channel). */
char *cg_notification_queue_for_customer (CgStore     *store,
                                          const char  *customer_id,
                                          const char  *template_name,
                                          JsonObject  *params,
                                          GError     **error);

G_END_DECLS
