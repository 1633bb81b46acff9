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

/* A new document id: "<type>:<uuid>". */
char   *cg_device_new_doc_id       (const char *type);

G_END_DECLS
