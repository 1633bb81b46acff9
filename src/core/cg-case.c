/* cg-case.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-case"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cg-case.h"
#include "cg-device.h"
#include "cg-json.h"
#include "cg-store.h"

gboolean
cg_case_default_sla (const char *priority,
                     gint64     *first_response_min,
                     gint64     *resolution_min)
{
  static const struct { const char *priority; gint64 first, resolution; } defaults[] = {
    { "urgent", 15, 4 * 60 },
    { "high", 60, 8 * 60 },
    { "normal", 4 * 60, 24 * 60 },
    { "low", 24 * 60, 72 * 60 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    if (g_strcmp0 (defaults[i].priority, priority) == 0)
      {
        *first_response_min = defaults[i].first;
        *resolution_min = defaults[i].resolution;
        return TRUE;
      }
  return FALSE;
}

static void
set_optional (JsonObject *doc,
              const char *member,
              const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (doc, member, value);
}

char *
cg_case_create (CgStore            *store,
                const CgCaseDraft  *draft,
                GError            **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *id = cg_device_new_doc_id ("case");
  g_autofree char *stamp = cg_json_timestamp (now);
  g_autofree char *store_id = cg_device_get_store_id (store);
  g_autofree char *number = NULL;
  g_autofree char *rev = NULL;
  const char *priority = draft->priority ? draft->priority : "normal";
  gint64 first_min, resolution_min;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "case");
  json_object_set_string_member (doc, "store_id", store_id);
  json_object_set_string_member (doc, "channel", draft->channel ? draft->channel : "counter");
  set_optional (doc, "customer_id", draft->customer_id);
  set_optional (doc, "order_id", draft->order_id);
  json_object_set_string_member (doc, "category", draft->category ? draft->category : "");
  json_object_set_string_member (doc, "subject", draft->subject ? draft->subject : "");
  set_optional (doc, "description", draft->description);
  json_object_set_string_member (doc, "priority", priority);
  json_object_set_string_member (doc, "status", "new");
  json_object_set_int_member (doc, "reopened_count", 0);
  json_object_set_string_member (doc, "created_by", draft->created_by ? draft->created_by : "");
  json_object_set_string_member (doc, "created_at", stamp);
  json_object_set_string_member (doc, "updated_at", stamp);

  if (cg_case_default_sla (priority, &first_min, &resolution_min))
    {
      JsonObject *sla = json_object_new ();
      g_autoptr(GDateTime) first = g_date_time_add_minutes (now, (gint) first_min);
      g_autoptr(GDateTime) resolution = g_date_time_add_minutes (now, (gint) resolution_min);
      g_autofree char *first_text = cg_json_timestamp (first);
      g_autofree char *resolution_text = cg_json_timestamp (resolution);

      json_object_set_string_member (sla, "policy", priority);
      json_object_set_string_member (sla, "first_response_due", first_text);
      json_object_set_string_member (sla, "resolution_due", resolution_text);
      json_object_set_int_member (sla, "paused_total_s", 0);
      json_object_set_object_member (doc, "sla", sla);
    }

  /* The number and the case commit together, or neither does. */
  if (!cg_store_begin (store, error))
    return NULL;
  number = cg_device_next_case_number (store, error);
  if (number != NULL)
    {
      json_object_set_string_member (doc, "number", number);
      rev = cg_store_put (store, doc, error);
    }
  if (rev == NULL)
    {
      cg_store_rollback (store);
      return NULL;
    }
  if (!cg_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
cg_case_set_status (CgStore     *store,
                    const char  *case_id,
                    const char  *status,
                    const char  *actor,
                    const char  *resolution,
                    GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *now = cg_json_timestamp_now ();
  g_autofree char *rev = NULL;
  const char *from;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);

  doc = cg_store_get (store, case_id, FALSE, error);
  if (doc == NULL)
    return FALSE;
  from = cg_json_get_string (doc, "status");

  if (g_strcmp0 (status, "resolved") == 0)
    {
      if (resolution == NULL || *resolution == '\0')
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                       _("Describe how the case was resolved."));
          return FALSE;
        }
      json_object_set_string_member (doc, "resolution", resolution);
      json_object_set_string_member (doc, "resolved_at", now);
    }
  if (g_strcmp0 (from, "resolved") == 0 && g_strcmp0 (status, "open") == 0)
    {
      gint64 count = 0;
      cg_json_get_int (doc, "reopened_count", &count);
      json_object_set_int_member (doc, "reopened_count", count + 1);
      json_object_remove_member (doc, "resolved_at");
    }
  json_object_set_string_member (doc, "status", status);
  json_object_set_string_member (doc, "updated_at", now);
  if (actor != NULL)
    json_object_set_string_member (doc, "updated_by", actor);

  rev = cg_store_put (store, doc, error);   /* validates the transition */
  return rev != NULL;
}

char *
cg_case_add_note (CgStore     *store,
                  const char  *case_id,
                  const char  *author,
                  const char  *visibility,
                  const char  *body,
                  GError     **error)
{
  g_autoptr(JsonObject) note = json_object_new ();
  g_autoptr(JsonObject) kase = NULL;
  g_autofree char *id = cg_device_new_doc_id ("case_note");
  g_autofree char *now = cg_json_timestamp_now ();
  g_autofree char *rev = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  kase = cg_store_get (store, case_id, FALSE, error);
  if (kase == NULL)
    return NULL;
  if (body == NULL || *body == '\0')
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                   _("Write something before adding the note."));
      return NULL;
    }

  json_object_set_string_member (note, "_id", id);
  json_object_set_string_member (note, "type", "case_note");
  json_object_set_string_member (note, "case_id", case_id);
  json_object_set_string_member (note, "author", author ? author : "");
  json_object_set_string_member (note, "visibility", visibility);
  json_object_set_string_member (note, "body", body);
  json_object_set_string_member (note, "created_at", now);

  if (!cg_store_begin (store, error))
    return NULL;
  rev = cg_store_put (store, note, error);
  if (rev != NULL && g_strcmp0 (visibility, "customer") == 0 &&
      cg_json_get_string (kase, "first_response_at") == NULL)
    {
      g_autofree char *case_rev = NULL;
      json_object_set_string_member (kase, "first_response_at", now);
      json_object_set_string_member (kase, "updated_at", now);
      case_rev = cg_store_put (store, kase, error);
      if (case_rev == NULL)
        g_clear_pointer (&rev, g_free);
    }
  if (rev == NULL)
    {
      cg_store_rollback (store);
      return NULL;
    }
  if (!cg_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}
