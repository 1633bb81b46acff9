/* cg-device-report.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is one more document of the device's database: it reaches
 * the central side by the ordinary push. It is written sparingly (only on
 * a change, at most once a minute) because every write is a revision that
 * is pushed and kept.
 */
#define G_LOG_DOMAIN "cg-device-report"

#include "config.h"

#include "cg-canonical-json.h"
#include "cg-config.h"
#include "cg-device-report.h"
#include "cg-device.h"
#include "cg-json.h"
#include "cg-store.h"

#define META_WRITTEN_AT "device_report.written_at"
#define MIN_INTERVAL_S  60

static char *
timestamp (gint64 now)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (now);

  return t != NULL ? cg_json_timestamp (t) : cg_json_timestamp_now ();
}

static void
set_optional (JsonObject *doc,
              const char *member,
              const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (doc, member, value);
}

JsonObject *
cg_device_report_build (CgStore                  *store,
                        const CgDeviceSyncStatus *status,
                        const char               *app_version,
                        gint64                    now)
{
  g_autofree char *device_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *role = NULL;
  g_autofree char *store_id = NULL;
  g_autofree char *at = NULL;
  g_auto(GStrv) own_pending = NULL;
  JsonObject *rejection;
  JsonObject *doc;
  guint pending;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  device_id = cg_device_get_id (store);
  id = g_strconcat ("device:", device_id, NULL);
  role = cg_device_get_role (store);
  store_id = cg_device_get_store_id (store);
  at = timestamp (now);

  pending = cg_store_count_pending (store);
  own_pending = cg_store_get_unsynced_leaves (store, id);
  if (own_pending != NULL && own_pending[0] != NULL && pending > 0)
    pending--;

  doc = json_object_new ();
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "device");
  json_object_set_string_member (doc, "role", role);
  json_object_set_string_member (doc, "store_id", store_id);
  set_optional (doc, "app_version", app_version);
  json_object_set_object_member (doc, "config_version_applied", cg_config_dup_applied (store));
  rejection = cg_config_dup_rejection (store);
  if (rejection != NULL)
    json_object_set_object_member (doc, "config_rejected", rejection);
  if (status != NULL)
    {
      set_optional (doc, "last_pull_at", status->last_pull_at);
      set_optional (doc, "last_push_at", status->last_push_at);
      set_optional (doc, "last_error", status->last_error);
    }
  json_object_set_int_member (doc, "pending_changes", pending);
  json_object_set_int_member (doc, "conflicts", cg_store_count_conflicts (store));
  json_object_set_string_member (doc, "updated_at", at);
  return doc;
}

/* The content that matters: without revision, time and change stamp. */
static char *
content_key (JsonObject *doc)
{
  g_autoptr(JsonObject) copy = cg_json_copy (doc);

  json_object_remove_member (copy, "_rev");
  json_object_remove_member (copy, "_conflicts");
  json_object_remove_member (copy, "updated_at");
  json_object_remove_member (copy, "updated_by");
  json_object_remove_member (copy, "updated_device");
  return cg_canonical_json_object (copy, NULL);
}

/* Whether the configuration part of the report differs. */
static gboolean
config_changed (JsonObject *old,
                JsonObject *doc)
{
  static const char * const members[] = { "config_version_applied", "config_rejected" };

  if (old == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *a = json_object_get_member (old, members[i]);
      JsonNode *b = json_object_get_member (doc, members[i]);

      if ((a == NULL) != (b == NULL))
        return TRUE;
      if (a != NULL && !json_node_equal (a, b))
        return TRUE;
    }
  return FALSE;
}

gboolean
cg_device_report_write_if_changed (CgStore                  *store,
                                   const CgDeviceSyncStatus *status,
                                   const char               *app_version,
                                   gint64                    now,
                                   gboolean                 *written,
                                   GError                  **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *new_key = NULL;
  g_autofree char *old_key = NULL;
  g_autofree char *at = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *now_text = NULL;
  gint64 last = G_MININT64;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);

  if (written)
    *written = FALSE;

  last_text = cg_store_get_meta (store, META_WRITTEN_AT);
  if (last_text != NULL)
    last = g_ascii_strtoll (last_text, NULL, 10);

  doc = cg_device_report_build (store, status, app_version, now);
  old = cg_store_get (store, cg_json_get_string (doc, "_id"), FALSE, NULL);
  new_key = content_key (doc);
  if (old != NULL)
    {
      old_key = content_key (old);
      if (g_strcmp0 (old_key, new_key) == 0)
        return TRUE;
      json_object_set_string_member (doc, "_rev", cg_json_get_string (old, "_rev"));
    }
  /* At most once a minute for the churn of pending counts and sync
   * times; a configuration applied or refused is what the admin is
   * waiting to see in `fleet`, and it changes at most once per push, so
   * it goes out at once. A clock set back must not silence the report for
   * good. */
  if (last != G_MININT64 && now >= last && now - last < MIN_INTERVAL_S &&
      !config_changed (old, doc))
    return TRUE;

  at = timestamp (now);
  cg_device_stamp_change (store, doc, NULL, at);
  now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);

  if (!cg_store_begin (store, error))
    return FALSE;
  rev = cg_store_put (store, doc, error);
  if (rev == NULL || !cg_store_set_meta (store, META_WRITTEN_AT, now_text, error))
    {
      cg_store_rollback (store);
      return FALSE;
    }
  if (!cg_store_commit (store, error))
    return FALSE;
  if (written)
    *written = TRUE;
  return TRUE;
}
