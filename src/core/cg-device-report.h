/* cg-device-report.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The device's own `device:<id>` document (DATA-MODEL.md): what the
 * regional admin sees in `changgu-admin fleet`: role, app and config
 * versions, sync state and the last config refusal.
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

/* What the sync side knows; any member may be NULL. Times are RFC 3339. */
typedef struct {
  const char *last_pull_at;
  const char *last_push_at;
  const char *last_error;     /* a sentence for the admin, NULL when fine */
} CgDeviceSyncStatus;

/* The report as it would be written now, without _rev (transfer full):
 *
 *   { "_id": "device:<id>", "type": "device", "role", "store_id",
 *     "app_version", "config_version_applied": {"<scope>": {"version",
 *     "issued_at"}, …}, "config_rejected"?: {"scope", "version", "reason",
 *     "at"}, "last_pull_at"?, "last_push_at"?, "pending_changes",
 *     "conflicts", "last_error"?, "updated_at" (@now) }
 *
 * pending_changes does not count the report itself, or every write of
 * the report would change the next one. */
JsonObject *cg_device_report_build            (CgStore                  *store,
                                               const CgDeviceSyncStatus *status,
                                               const char               *app_version,
                                               gint64                    now);
/* Writes the report when its content (all but updated_at and the change
 * stamp) differs from the stored one, and not more than once a minute
 * (meta "device_report.written_at"): a change within the minute waits for
 * a later call. *@written tells whether it wrote. FALSE only when the
 * store refuses the write. */
gboolean    cg_device_report_write_if_changed (CgStore                  *store,
                                               const CgDeviceSyncStatus *status,
                                               const char               *app_version,
                                               gint64                    now,
                                               gboolean                 *written,
                                               GError                  **error);

G_END_DECLS
