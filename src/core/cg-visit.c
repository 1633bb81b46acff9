/* cg-visit.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-visit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cg-device.h"
#include "cg-json.h"
#include "cg-store.h"
#include "cg-visit.h"

gboolean
cg_order_set_status (CgStore     *store,
                     const char  *order_id,
                     const char  *status,
                     const char  *actor,
                     const char  *verified_with,
                     GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *now = cg_json_timestamp_now ();
  g_autofree char *rev = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);

  doc = cg_store_get (store, order_id, FALSE, error);
  if (doc == NULL)
    return FALSE;

  if (g_strcmp0 (status, "picked_up") == 0)
    {
      if (verified_with == NULL)
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                       _("Verify the customer (last 4 phone digits, ID document or pickup code) before handing over the order."));
          return FALSE;
        }
      json_object_set_string_member (doc, "pickup_verified_with", verified_with);
      json_object_set_string_member (doc, "picked_up_at", now);
      if (actor != NULL)
        json_object_set_string_member (doc, "picked_up_by", actor);
    }
  if (g_strcmp0 (status, "ready_for_pickup") == 0)
    json_object_set_string_member (doc, "ready_at", now);
  json_object_set_string_member (doc, "status", status);
  json_object_set_string_member (doc, "updated_at", now);

  rev = cg_store_put (store, doc, error);
  return rev != NULL;
}

char *
cg_checkin_create (CgStore     *store,
                   const char  *reason,
                   const char  *customer_id,
                   const char  *display_name,
                   char       **ticket,
                   GError     **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *id = cg_device_new_doc_id ("checkin");
  g_autofree char *stamp = cg_json_timestamp (now);
  g_autofree char *store_id = cg_device_get_store_id (store);
  g_autofree char *number = NULL;
  g_autofree char *rev = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "checkin");
  json_object_set_string_member (doc, "store_id", store_id);
  json_object_set_string_member (doc, "reason", reason ? reason : "help");
  if (customer_id != NULL)
    json_object_set_string_member (doc, "customer_id", customer_id);
  if (display_name != NULL && *display_name != '\0')
    json_object_set_string_member (doc, "display_name", display_name);
  json_object_set_string_member (doc, "status", "waiting");
  json_object_set_string_member (doc, "created_at", stamp);

  if (!cg_store_begin (store, error))
    return NULL;
  /* Tickets restart every local day, as on paper. */
  number = cg_device_next_ticket (store, now, error);
  if (number != NULL)
    {
      json_object_set_string_member (doc, "ticket", number);
      rev = cg_store_put (store, doc, error);
    }
  if (rev == NULL)
    {
      cg_store_rollback (store);
      return NULL;
    }
  if (!cg_store_commit (store, error))
    return NULL;
  if (ticket != NULL)
    *ticket = g_steal_pointer (&number);
  return g_steal_pointer (&id);
}

gboolean
cg_checkin_set_status (CgStore     *store,
                       const char  *checkin_id,
                       const char  *status,
                       const char  *actor,
                       GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *now = cg_json_timestamp_now ();
  g_autofree char *rev = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);

  doc = cg_store_get (store, checkin_id, FALSE, error);
  if (doc == NULL)
    return FALSE;
  if (g_strcmp0 (status, "called") == 0)
    json_object_set_string_member (doc, "called_at", now);
  if (g_strcmp0 (status, "serving") == 0 && actor != NULL)
    json_object_set_string_member (doc, "served_by", actor);
  if (g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "no_show") == 0)
    json_object_set_string_member (doc, "done_at", now);
  json_object_set_string_member (doc, "status", status);
  rev = cg_store_put (store, doc, error);
  return rev != NULL;
}
