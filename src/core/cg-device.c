/* cg-device.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-device"

#include "config.h"

#include "cg-device.h"
#include "cg-json.h"
#include "cg-store.h"

static char *
meta_or_default (CgStore    *store,
                 const char *key,
                 const char *fallback)
{
  char *value = cg_store_get_meta (store, key);
  return value != NULL ? value : g_strdup (fallback);
}

char *
cg_device_get_id (CgStore *store)
{
  char *id = cg_store_get_meta (store, "device_id");

  if (id == NULL)
    {
      id = g_uuid_string_random ();
      if (!cg_store_set_meta (store, "device_id", id, NULL))
        g_warning ("Could not record the device id");
    }
  return id;
}

char *
cg_device_get_store_id (CgStore *store)
{
  return meta_or_default (store, "store_id", "0000");
}

char *
cg_device_get_prefix (CgStore *store)
{
  return meta_or_default (store, "device_prefix", "L1");
}

char *
cg_device_get_role (CgStore *store)
{
  return meta_or_default (store, "role", "counter");
}

gboolean
cg_device_set_identity (CgStore     *store,
                        const char  *store_id,
                        const char  *prefix,
                        const char  *role,
                        GError     **error)
{
  g_autofree char *id = cg_device_get_id (store);

  if (!cg_store_begin (store, error))
    return FALSE;
  if (id == NULL ||
      !cg_store_set_meta (store, "store_id", store_id, error) ||
      !cg_store_set_meta (store, "device_prefix", prefix, error) ||
      !cg_store_set_meta (store, "role", role, error))
    {
      cg_store_rollback (store);
      return FALSE;
    }
  return cg_store_commit (store, error);
}

char *
cg_device_next_case_number (CgStore  *store,
                            GError  **error)
{
  g_autofree char *store_id = cg_device_get_store_id (store);
  g_autofree char *prefix = cg_device_get_prefix (store);
  gint64 n = cg_store_next_counter (store, "counter:case", error);

  if (n < 0)
    return NULL;
  return g_strdup_printf ("%s-%s-%06" G_GINT64_FORMAT, store_id, prefix, n);
}

char *
cg_device_next_ticket (CgStore    *store,
                       GDateTime  *now,
                       GError    **error)
{
  g_autofree char *prefix = cg_device_get_prefix (store);
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *key = g_strconcat ("counter:ticket:", day, NULL);
  gint64 n = cg_store_next_counter (store, key, error);

  if (n < 0)
    return NULL;
  /* Three digits as on a paper ticket; after 999 in a day it keeps counting. */
  return g_strdup_printf ("%s-%03" G_GINT64_FORMAT, prefix, n);
}

char *
cg_device_new_doc_id (const char *type)
{
  g_autofree char *uuid = g_uuid_string_random ();
  return g_strconcat (type, ":", uuid, NULL);
}

void
cg_device_stamp_change (CgStore    *store,
                        JsonObject *doc,
                        const char *actor,
                        const char *now)
{
  g_autofree char *device_id = cg_device_get_id (store);
  g_autofree char *stamp = now == NULL ? cg_json_timestamp_now () : NULL;

  g_return_if_fail (doc != NULL);

  json_object_set_string_member (doc, "updated_at", now != NULL ? now : stamp);
  if (actor != NULL && *actor != '\0')
    json_object_set_string_member (doc, "updated_by", actor);
  if (device_id != NULL)
    json_object_set_string_member (doc, "updated_device", device_id);
}
