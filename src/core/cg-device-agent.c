/* cg-device-agent.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-device"

#include "config.h"

#include "cg-config.h"
#include "cg-device.h"
#include "cg-device-agent.h"
#include "cg-json.h"
#include "cg-kiosk.h"
#include "cg-retention.h"
#include "cg-store.h"

#define META_LAST_PURGE "retention.last_run"

/* A refusal is "new" when its text differs from the one seen last time:
 * the same refusal found again on every tick is not news. */
static gboolean
note_rejection (CgStore *store)
{
  g_autoptr(JsonObject) rejection = cg_config_dup_rejection (store);
  g_autofree char *text = rejection ? cg_json_to_string (rejection) : NULL;
  g_autofree char *seen = cg_store_get_meta (store, "config.rejection_seen");

  if (text == NULL || g_strcmp0 (text, seen) == 0)
    return FALSE;
  if (!cg_store_set_meta (store, "config.rejection_seen", text, NULL))
    g_message ("Could not note the refused config as seen");
  return TRUE;
}

gboolean
cg_device_agent_tick (CgStore                  *store,
                      const CgDeviceSyncStatus *status,
                      const char               *app_version,
                      gint64                    now,
                      CgDeviceTick             *tick,
                      GError                  **error)
{
  CgDeviceTick result = { 0 };
  g_autofree char *last_purge = NULL;
  gint64 last = 0;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);

  result.settings_changed = cg_config_refresh (store);
  result.new_rejection = note_rejection (store);

  last_purge = cg_store_get_meta (store, META_LAST_PURGE);
  if (last_purge != NULL)
    last = g_ascii_strtoll (last_purge, NULL, 10);
  if (result.settings_changed || now - last >= CG_DEVICE_AGENT_PURGE_INTERVAL_S)
    {
      g_autofree char *stamp = g_strdup_printf ("%" G_GINT64_FORMAT, now);

      if (!cg_retention_purge (store, now, &result.purged, NULL, error) ||
          !cg_store_set_meta (store, META_LAST_PURGE, stamp, error))
        return FALSE;
    }

  /* A kiosk keeps nothing a customer typed once the central side has it
   * (SYNC.md): every tick, not every few hours. */
  {
    g_autofree char *role = cg_device_get_role (store);

    if (g_strcmp0 (role, "kiosk") == 0)
      {
        g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
        g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
        g_autoptr(GError) local_error = NULL;
        guint n = cg_kiosk_purge_delivered (store, local, &local_error);

        if (local_error != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return FALSE;
          }
        result.purged += n;
      }
  }

  if (!cg_device_report_write_if_changed (store, status, app_version, now,
                                          &result.report_written, error))
    return FALSE;

  if (tick != NULL)
    *tick = result;
  return TRUE;
}
