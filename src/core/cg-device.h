/* cg-device.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

/* Who this device is, from the store's metadata (set at provisioning).
 * An unprovisioned store gets a device id on first use, store "0000" and
 * prefix "L1" (local). */
char   *cg_device_get_id          (CgStore     *store);
char   *cg_device_get_store_id    (CgStore     *store);
char   *cg_device_get_prefix      (CgStore     *store);
char   *cg_device_get_role        (CgStore     *store);
gboolean cg_device_set_identity   (CgStore     *store,
                                   const char  *store_id,
                                   const char  *prefix,
                                   const char  *role,
                                   GError     **error);

/* Human numbers made offline without collisions between devices
 * (ARCHITECTURE.md): the device prefix plus a per-device counter. Call
 * inside the transaction that writes the document carrying the number. */
char   *cg_device_next_case_number (CgStore    *store,
                                    GError    **error);   /* 0421-C1-000123 */
char   *cg_device_next_ticket      (CgStore    *store,
                                    GDateTime  *now,
                                    GError    **error);   /* K1-042, daily */

/* Records who changed @doc and where, just before it is written: sets
 * "updated_at" to @now (an RFC 3339 string; NULL: the current time),
 * "updated_by" to @actor (a staff id, or the kiosk's device id; NULL
 * leaves it as it is) and "updated_device" to this device's id. Every
 * domain write calls it, so that each revision says which person on which
 * device made it (issue 4: "every change records who made it and on which
 * device"). */
void    cg_device_stamp_change     (CgStore    *store,
                                    JsonObject *doc,
                                    const char *actor,
                                    const char *now);

/* A new document id: "<type>:<uuid>". */
char   *cg_device_new_doc_id       (const char *type);

G_END_DECLS
