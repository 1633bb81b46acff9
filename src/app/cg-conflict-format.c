/* cg-conflict-format.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-conflict-format"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cg-conflict-format.h"
#include "cg-format.h"

const char *
cg_conflict_format_type (const char *type)
{
  static const struct { const char *code; const char *words; } types[] = {
    { "customer", N_("Customer") }, { "order", N_("Order") }, { "case", N_("Case") },
    { "case_note", N_("Case note") }, { "checkin", N_("Visit") }, { "feedback", N_("Feedback") },
    { "article", N_("Article") }, { "pickup", N_("Pickup") }, { "staff", N_("Staff member") },
    { "config", N_("Settings") }, { "device", N_("Device") }, { "notification", N_("Message") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (type, types[i].code) == 0)
      return _(types[i].words);
  return type != NULL ? type : "";
}

char *
cg_conflict_format_field (const char *name)
{
  static const struct { const char *code; const char *words; } fields[] = {
    { "name", N_("Name") }, { "phones", N_("Phones") }, { "emails", N_("E-mail addresses") },
    { "phone_raw", N_("Phone as typed") },
    { "preferred_channel", N_("Preferred channel") }, { "language", N_("Language") },
    { "tier", N_("Tier") }, { "consent", N_("Consent") }, { "notes", N_("Notes") },
    { "merged_into", N_("Merged into") }, { "merged_from", N_("Merged records") },
    { "status", N_("Status") }, { "priority", N_("Priority") }, { "assignee", N_("Assignee") },
    { "subject", N_("Subject") }, { "description", N_("Description") }, { "category", N_("Category") },
    { "resolution", N_("Resolution") }, { "items", N_("Items") }, { "total", N_("Total") },
    { "customer_id", N_("Customer") }, { "order_id", N_("Order") },
    { "ready_at", N_("Ready since") }, { "picked_up_at", N_("Picked up") },
    { "picked_up_by", N_("Handed over by") }, { "pickup_verified_with", N_("Verified with") },
    { "created_at", N_("Created") }, { "resolved_at", N_("Resolved") },
    { "first_response_at", N_("First response") }, { "sla", N_("Service level") },
    { "reopened_count", N_("Times reopened") }, { "title", N_("Title") }, { "body", N_("Text") },
    { "tags", N_("Tags") }, { "ticket", N_("Ticket") }, { "display_name", N_("Display name") },
    { "served_by", N_("Served by") }, { "reason", N_("Reason") },
  };
  g_autofree char *spaced = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (name, fields[i].code) == 0)
      return g_strdup (_(fields[i].words));
  spaced = g_strdup (name != NULL ? name : "");
  g_strdelimit (spaced, "_", ' ');
  if (*spaced != '\0')
    spaced[0] = g_ascii_toupper (spaced[0]);
  return g_steal_pointer (&spaced);
}

static gboolean
is_time_member (const char *name)
{
  return name != NULL && (g_str_has_suffix (name, "_at") || g_str_has_suffix (name, "_due"));
}

static char *format_node (const char *name, JsonNode *value);

static char *
format_scalar (const char *name,
               JsonNode   *value)
{
  GType type = json_node_get_value_type (value);

  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? _("Yes") : _("No"));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
  if (type == G_TYPE_DOUBLE)
    return g_strdup_printf ("%g", json_node_get_double (value));
  if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (value);

      if (g_strcmp0 (name, "phones") == 0 && g_str_has_prefix (s, "+"))
        return cg_phone_format (s);
      if (is_time_member (name))
        {
          char *when = cg_format_time_long (s);
          if (when != NULL)
            return when;
        }
      if (g_strcmp0 (name, "preferred_channel") == 0)
        return g_strdup (cg_format_channel (s));
      if (g_strcmp0 (name, "language") == 0)
        return g_strdup (cg_format_language (s));
      if (g_strcmp0 (name, "tier") == 0)
        return g_strdup (cg_format_tier (s));
      return g_strdup (s);
    }
  return g_strdup ("");
}

static char *
format_node (const char *name,
             JsonNode   *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup (_("Not set"));

  if (JSON_NODE_HOLDS_VALUE (value))
    return format_scalar (name, value);

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);
      g_autoptr(GString) out = g_string_new (NULL);

      if (json_array_get_length (array) == 0)
        return g_strdup (_("None"));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = format_node (name, json_array_get_element (array, i));
          if (i > 0)
            g_string_append (out, ", ");
          g_string_append (out, item);
        }
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  /* An object: its members as "key: value", in the document's order. */
  {
    JsonObject *object = json_node_get_object (value);
    g_autoptr(GList) members = json_object_get_members (object);
    g_autoptr(GString) out = g_string_new (NULL);

    for (GList *l = members; l != NULL; l = l->next)
      {
        g_autofree char *label = cg_conflict_format_field (l->data);
        g_autofree char *item = format_node (l->data, json_object_get_member (object, l->data));
        if (out->len > 0)
          g_string_append (out, ", ");
        g_string_append_printf (out, "%s: %s", label, item);
      }
    if (out->len == 0)
      return g_strdup (_("None"));
    return g_string_free (g_steal_pointer (&out), FALSE);
  }
}

char *
cg_conflict_format_value (const char *name,
                          JsonNode   *value)
{
  return format_node (name, value);
}

char *
cg_conflict_format_author (CgStore    *store,
                           JsonObject *side)
{
  const char *by = cg_json_get_string (side, "updated_by");
  const char *device = cg_json_get_string (side, "updated_device");
  const char *at = cg_json_get_string (side, "updated_at");
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (by != NULL)
    g_ptr_array_add (parts, store != NULL ? cg_staff_dup_name (store, by) : g_strdup (by));
  if (device != NULL)
    {
      /* A generated id (a UUID) is recognisable by its first 8 characters;
       * a name an admin chose ("counter-2") is shown whole. */
      g_autofree char *shown = g_uuid_string_is_valid (device) ? g_strndup (device, 8) : g_strdup (device);
      /* Translators: %s is a device's name or the first characters of its id. */
      g_ptr_array_add (parts, g_strdup_printf (_("device %s"), shown));
    }
  if (at != NULL)
    {
      char *when = cg_format_time (at, NULL);
      if (when != NULL)
        g_ptr_array_add (parts, when);
    }
  if (parts->len == 0)
    return g_strdup (_("Unknown"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

const char *
cg_conflict_format_state (CgConflictState state)
{
  switch (state)
    {
    case CG_CONFLICT_SAME:
      return _("Same in both versions");
    case CG_CONFLICT_WINNER:
      return _("Changed only in version A: merged automatically");
    case CG_CONFLICT_OTHER:
      return _("Changed only in version B: merged automatically");
    case CG_CONFLICT_BOTH:
    default:
      return _("Changed in both versions: choose one");
    }
}
