/* cg-case.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every write reads the case, changes it and puts it back with its _rev,
 * so a change made meanwhile (by the replicator) is a CONFLICT rather than
 * a lost update. The SLA object is kept right here, on every write that
 * can move it, so that reports and badges never have to replay history.
 */
#define G_LOG_DOMAIN "cg-case"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cg-case.h"
#include "cg-device.h"
#include "cg-json.h"
#include "cg-notification.h"
#include "cg-store.h"
#include "cg-validate.h"

#define POLICIES_KEY "cg-case-sla-policies"

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

const CgSlaPolicies *
cg_case_get_sla_policies (CgStore *store)
{
  CgSlaPolicies *policies;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  policies = g_object_get_data (G_OBJECT (store), POLICIES_KEY);
  if (policies == NULL)
    {
      policies = cg_sla_policies_new_default ();
      g_object_set_data_full (G_OBJECT (store), POLICIES_KEY, policies,
                              (GDestroyNotify) cg_sla_policies_unref);
    }
  return policies;
}

void
cg_case_set_sla_policies (CgStore       *store,
                          CgSlaPolicies *policies)
{
  g_return_if_fail (CG_IS_STORE (store));

  g_object_set_data_full (G_OBJECT (store), POLICIES_KEY,
                          policies != NULL ? cg_sla_policies_ref (policies) : cg_sla_policies_new_default (),
                          (GDestroyNotify) cg_sla_policies_unref);
}

static void
set_optional (JsonObject *doc,
              const char *member,
              const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (doc, member, value);
}

static char *
stamp_for (gint64 now)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (now);

  return cg_json_timestamp (dt);
}

static gint64
unix_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

char *
cg_case_create (CgStore            *store,
                const CgCaseDraft  *draft,
                GError            **error)
{
  return cg_case_create_at (store, draft, unix_now (), error);
}

char *
cg_case_create_at (CgStore            *store,
                   const CgCaseDraft  *draft,
                   gint64              now,
                   GError            **error)
{
  return cg_case_create_with (store, draft, NULL, now, error);
}

char *
cg_case_create_with (CgStore            *store,
                     const CgCaseDraft  *draft,
                     JsonObject         *extra,
                     gint64              now,
                     GError            **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *id = cg_device_new_doc_id ("case");
  g_autofree char *stamp = stamp_for (now);
  g_autofree char *store_id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *rev = NULL;
  const char *priority;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  priority = draft->priority != NULL && *draft->priority != '\0' ? draft->priority : "normal";
  store_id = cg_device_get_store_id (store);

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
  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, extra);
      while (json_object_iter_next (&iter, &name, &value))
        if (!json_object_has_member (doc, name))
          json_object_set_member (doc, name, json_node_copy (value));
    }
  cg_device_stamp_change (store, doc, draft->created_by, stamp);
  cg_sla_apply_policy (doc, cg_case_get_sla_policies (store));

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
  return cg_case_set_status_at (store, case_id, status, actor, resolution, unix_now (), error);
}

gboolean
cg_case_set_status_at (CgStore     *store,
                       const char  *case_id,
                       const char  *status,
                       const char  *actor,
                       const char  *resolution,
                       gint64       now,
                       GError     **error)
{
  const CgSlaPolicies *policies;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *stamp = stamp_for (now);
  g_autofree char *rev = NULL;
  const char *from;
  gboolean resolving;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  doc = cg_store_get (store, case_id, FALSE, error);
  if (doc == NULL)
    return FALSE;
  from = cg_json_get_string (doc, "status");
  resolving = g_strcmp0 (status, "resolved") == 0 && g_strcmp0 (from, "resolved") != 0;

  if (resolving && (resolution == NULL || *resolution == '\0'))
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                   _("Describe how the case was resolved."));
      return FALSE;
    }

  /* Checked here too, before the SLA object is touched: the store would
   * refuse the write anyway, but the message is clearer this way. */
  if (from != NULL && !cg_validate_transition ("case", from, status))
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION,
                   _("A case cannot go from “%s” to “%s”."), from, status);
      return FALSE;
    }

  /* The clock reads the old status and resolved_at: update it first. */
  policies = cg_case_get_sla_policies (store);
  cg_sla_apply_policy (doc, policies);
  cg_sla_update_for_status (doc, status, policies, now);

  if (resolving)
    {
      json_object_set_string_member (doc, "resolution", resolution);
      json_object_set_string_member (doc, "resolved_at", stamp);
    }
  if (g_strcmp0 (from, "resolved") == 0 && g_strcmp0 (status, "open") == 0)
    {
      gint64 count = 0;
      cg_json_get_int (doc, "reopened_count", &count);
      json_object_set_int_member (doc, "reopened_count", count + 1);
      json_object_remove_member (doc, "resolved_at");
    }
  json_object_set_string_member (doc, "status", status);
  cg_device_stamp_change (store, doc, actor, stamp);

  if (!cg_store_begin (store, error))
    return FALSE;
  rev = cg_store_put (store, doc, error);   /* validates the transition */
  if (rev != NULL && resolving)
    {
      g_autoptr(JsonObject) params = json_object_new ();
      g_autoptr(GError) local_error = NULL;
      g_autofree char *notification = NULL;
      const char *number = cg_json_get_string (doc, "number");

      json_object_set_string_member (params, "case_number", number ? number : "");
      json_object_set_string_member (params, "case_id", case_id);
      notification = cg_notification_queue_for_customer (store, cg_json_get_string (doc, "customer_id"),
                                                         "csat_request", params, &local_error);
      /* NULL without an error: the customer cannot be reached, which is
       * no reason not to resolve. */
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          g_clear_pointer (&rev, g_free);
        }
    }
  if (rev == NULL)
    {
      cg_store_rollback (store);
      return FALSE;
    }
  return cg_store_commit (store, error);
}

char *
cg_case_add_note (CgStore     *store,
                  const char  *case_id,
                  const char  *author,
                  const char  *visibility,
                  const char  *body,
                  GError     **error)
{
  return cg_case_add_note_at (store, case_id, author, visibility, body, unix_now (), error);
}

char *
cg_case_add_note_at (CgStore     *store,
                     const char  *case_id,
                     const char  *author,
                     const char  *visibility,
                     const char  *body,
                     gint64       now,
                     GError     **error)
{
  g_autoptr(JsonObject) note = json_object_new ();
  g_autoptr(JsonObject) kase = NULL;
  g_autofree char *id = cg_device_new_doc_id ("case_note");
  g_autofree char *stamp = stamp_for (now);
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
  json_object_set_string_member (note, "created_at", stamp);
  cg_device_stamp_change (store, note, author, stamp);

  if (!cg_store_begin (store, error))
    return NULL;
  rev = cg_store_put (store, note, error);
  if (rev != NULL && g_strcmp0 (visibility, "customer") == 0 &&
      cg_json_get_string (kase, "first_response_at") == NULL)
    {
      g_autofree char *case_rev = NULL;

      /* The due times were right until now; settle them before the first
       * response completes that target and freezes its due time. */
      cg_sla_apply_policy (kase, cg_case_get_sla_policies (store));
      json_object_set_string_member (kase, "first_response_at", stamp);
      cg_device_stamp_change (store, kase, author, stamp);
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

/* Reads the case, lets @change edit it, stamps and writes it. */
typedef gboolean (*ChangeFunc) (JsonObject   *doc,
                                gpointer      data,
                                GError      **error);

static gboolean
update_case (CgStore     *store,
             const char  *case_id,
             const char  *actor,
             ChangeFunc   change,
             gpointer     data,
             GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *rev = NULL;

  doc = cg_store_get (store, case_id, FALSE, error);
  if (doc == NULL)
    return FALSE;
  if (g_strcmp0 (cg_json_get_string (doc, "type"), "case") != 0)
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND,
                   _("There is no case “%s”."), case_id);
      return FALSE;
    }
  if (!change (doc, data, error))
    return FALSE;
  cg_device_stamp_change (store, doc, actor, NULL);
  rev = cg_store_put (store, doc, error);
  return rev != NULL;
}

static gboolean
change_assignee (JsonObject  *doc,
                 gpointer     data,
                 GError     **error)
{
  const char *assignee = data;

  if (assignee != NULL && *assignee != '\0')
    json_object_set_string_member (doc, "assignee", assignee);
  else if (json_object_has_member (doc, "assignee"))
    json_object_remove_member (doc, "assignee");
  return TRUE;
}

gboolean
cg_case_assign (CgStore     *store,
                const char  *case_id,
                const char  *assignee,
                const char  *actor,
                GError     **error)
{
  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  return update_case (store, case_id, actor, change_assignee, (gpointer) assignee, error);
}

typedef struct {
  const char          *priority;
  const CgSlaPolicies *policies;
} PriorityChange;

static gboolean
change_priority (JsonObject  *doc,
                 gpointer     data,
                 GError     **error)
{
  PriorityChange *change = data;
  gint64 first, resolution;

  if (!cg_case_default_sla (change->priority, &first, &resolution))
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("“%s” is not a priority."), change->priority);
      return FALSE;
    }
  json_object_set_string_member (doc, "priority", change->priority);
  cg_sla_apply_policy (doc, change->policies);
  return TRUE;
}

gboolean
cg_case_set_priority (CgStore     *store,
                      const char  *case_id,
                      const char  *priority,
                      const char  *actor,
                      GError     **error)
{
  PriorityChange change = { priority, NULL };

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  change.policies = cg_case_get_sla_policies (store);
  return update_case (store, case_id, actor, change_priority, &change, error);
}
