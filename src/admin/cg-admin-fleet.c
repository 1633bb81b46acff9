/* cg-admin-fleet.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin fleet: what every device last reported about itself. Each
 * device writes a `device:<id>` document (DATA-MODEL.md) into its store's
 * database; this reads them from the store databases on the server and
 * prints one row per device, so a regional admin sees at a glance which
 * device is behind, failing, or refusing a configuration.
 */
#define G_LOG_DOMAIN "cg-admin"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-admin.h"
#include "cg-admin-http.h"

#define COMMAND "fleet"

/* "device:" ≤ id < "device:\ufff0", as a JSON string in a query. */
#define DEVICE_RANGE "startkey=%22device%3A%22&endkey=%22device%3A%5Cufff0%22"

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return -1;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt ? g_date_time_to_unix (dt) : -1;
}

/* "just now", "5 min ago", "3 h ago", "2 days ago"; "never" without a time. */
static char *
format_ago (const char *when,
            gint64      now)
{
  gint64 t = parse_time (when);
  gint64 ago;

  if (when == NULL)
    return g_strdup (_("never"));
  if (t < 0)
    return g_strdup (when);
  ago = now - t;
  if (ago < -60)
    return g_strdup (_("in the future (clock?)"));
  if (ago < 60)
    return g_strdup (_("just now"));
  if (ago < 3600)
    return g_strdup_printf (ngettext ("%d min ago", "%d min ago", (int) (ago / 60)), (int) (ago / 60));
  if (ago < 2 * 86400)
    return g_strdup_printf (ngettext ("%d h ago", "%d h ago", (int) (ago / 3600)), (int) (ago / 3600));
  return g_strdup_printf (ngettext ("%d day ago", "%d days ago", (int) (ago / 86400)), (int) (ago / 86400));
}

static gint64
node_version (JsonNode *node)
{
  if (node == NULL)
    return -1;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      gint64 v;
      if (cg_json_get_int (json_node_get_object (node), "version", &v))
        return v;
    }
  return -1;
}

/* config_version_applied: {"global": 3, "store:0421": {"version": 7, …}}
 * (either form per scope), or a single number → "global v3, store:0421 v7". */
static char *
format_applied (JsonObject *device)
{
  JsonNode *node = json_object_get_member (device, "config_version_applied");
  g_autoptr(GString) out = g_string_new (NULL);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("-");
  if (node_version (node) >= 0 && !JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup_printf ("v%" G_GINT64_FORMAT, node_version (node));
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      g_autoptr(GList) scopes = json_object_get_members (obj);

      scopes = g_list_sort (scopes, (GCompareFunc) g_strcmp0);
      for (GList *l = scopes; l != NULL; l = l->next)
        {
          gint64 v = node_version (json_object_get_member (obj, l->data));

          if (out->len > 0)
            g_string_append (out, ", ");
          if (v >= 0)
            g_string_append_printf (out, "%s v%" G_GINT64_FORMAT, (const char *) l->data, v);
          else
            g_string_append (out, l->data);
        }
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : g_strdup ("-");
}

/* config_rejected: {scope, version, reason} → "store:0421 v8 bad signature". */
static char *
format_rejected (JsonObject *device)
{
  JsonObject *rej = cg_json_get_object (device, "config_rejected");
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 v;

  if (rej == NULL)
    return g_strdup ("-");
  if (cg_json_get_string (rej, "scope") != NULL)
    g_string_append (out, cg_json_get_string (rej, "scope"));
  if (cg_json_get_int (rej, "version", &v))
    g_string_append_printf (out, "%sv%" G_GINT64_FORMAT, out->len ? " " : "", v);
  if (cg_json_get_string (rej, "reason") != NULL)
    g_string_append_printf (out, "%s%s", out->len ? " " : "", cg_json_get_string (rej, "reason"));
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : g_strdup (_("yes"));
}

static char *
format_error (JsonObject *device)
{
  JsonNode *node = json_object_get_member (device, "last_error");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("-");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (*json_node_get_string (node) ? json_node_get_string (node) : "-");
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      const char *msg = cg_json_get_string (json_node_get_object (node), "message");
      if (msg != NULL)
        return g_strdup (msg);
    }
  return g_strdup ("?");
}

static char *
format_count (JsonObject *device,
              const char *member)
{
  gint64 v;

  if (!cg_json_get_int (device, member, &v))
    return g_strdup ("-");
  return g_strdup_printf ("%" G_GINT64_FORMAT, v);
}

static const char *
text_or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "-";
}

static gint
compare_devices (gconstpointer a,
                 gconstpointer b)
{
  JsonObject *da = *(JsonObject * const *) a;
  JsonObject *db = *(JsonObject * const *) b;
  int c;

  c = g_strcmp0 (cg_json_get_string (da, "store_id"), cg_json_get_string (db, "store_id"));
  if (c == 0)
    c = g_strcmp0 (cg_json_get_string (da, "role"), cg_json_get_string (db, "role"));
  if (c == 0)
    c = g_strcmp0 (cg_json_get_string (da, "_id"), cg_json_get_string (db, "_id"));
  return c;
}

/* The columns of the table, in order. */
enum { C_DEVICE, C_ROLE, C_STORE, C_APP, C_CONFIG, C_PULL, C_PUSH, C_PENDING,
       C_CONFLICTS, C_ERROR, C_REJECTED, N_COLUMNS };

static void
print_row (char **cells,
           guint *widths)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_string_append (line, cells[c]);
      if (c + 1 < N_COLUMNS)
        for (guint pad = g_utf8_strlen (cells[c], -1); pad < widths[c] + 2; pad++)
          g_string_append_c (line, ' ');
    }
  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  g_print ("%s\n", line->str);
}

int
cg_admin_fleet_main (int    argc,
                     char **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *store = NULL;
  g_auto(GStrv) remaining = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    CG_ADMIN_HTTP_OPTIONS (server, user),
    { "store", 0, 0, G_OPTION_ARG_STRING, &store,
      N_("Only the devices of this store"), N_("S") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the devices as JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgAdminHttp) http = NULL;
  g_autoptr(GPtrArray) databases = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) devices = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int exit_code;

  context = cg_admin_option_context_new (COMMAND, NULL,
                                         _("Show what every device last reported."),
                                         _("Reads the device documents (device:ID) that devices write into "
                                           "their store's databases (changgu-store-S and changgu-kiosk-S; every "
                                           "provisioned store without --store) and prints one row per device: "
                                           "role, store, app version, configuration versions applied, last pull "
                                           "and push, changes waiting to be pushed, conflicts, the last sync "
                                           "error and a refused configuration (scope, version, reason).\n\n"
                                           "The JSON output (--json) has the device documents' fields as they "
                                           "are, plus the database each was read from."),
                                         entries);
  if (!cg_admin_parse_options (context, COMMAND, &argc, &argv, &exit_code))
    return exit_code;
  if (remaining != NULL && remaining[0] != NULL)
    return cg_admin_usage_error (COMMAND, _("Unexpected argument “%s”."), remaining[0]);
  if (server == NULL)
    return cg_admin_usage_error (COMMAND, _("Say which server with --server URL."));
  if (store != NULL && (*store == '\0' || strpbrk (store, "/?#% ") != NULL))
    return cg_admin_usage_error (COMMAND, _("The store id “%s” is not valid."), store);

  http = cg_admin_http_new (server, user, &error);
  if (http == NULL)
    return g_error_matches (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_BAD_URL)
           ? cg_admin_usage_error (COMMAND, "%s", error->message)
           : cg_admin_failure (COMMAND, "%s", error->message);

  if (store != NULL)
    {
      g_auto(GStrv) names = cg_admin_http_store_databases (store);

      databases = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; names[i] != NULL; i++)
        g_ptr_array_add (databases, g_strdup (names[i]));
    }
  else
    {
      databases = cg_admin_http_list_store_databases (http, &error);
      if (databases == NULL)
        return cg_admin_failure (COMMAND, "%s", error->message);
    }

  for (guint i = 0; i < databases->len; i++)
    {
      const char *database = databases->pdata[i];
      g_autofree char *db = cg_admin_http_escape (database);
      g_autofree char *path = g_strconcat (db, "/_all_docs?include_docs=true&" DEVICE_RANGE, NULL);
      g_autoptr(JsonNode) node = cg_admin_http_get (http, path, &error);
      JsonArray *rows;

      if (node == NULL)
        return cg_admin_failure (COMMAND, "%s", error->message);
      rows = JSON_NODE_HOLDS_OBJECT (node) ? cg_json_get_array (json_node_get_object (node), "rows") : NULL;
      if (rows == NULL)
        return cg_admin_failure (COMMAND, _("%s answered _all_docs of %s without rows: is this a CouchDB server?"),
                                 cg_admin_http_get_url (http), database);
      for (guint r = 0; r < json_array_get_length (rows); r++)
        {
          JsonNode *row = json_array_get_element (rows, r);
          JsonObject *doc = JSON_NODE_HOLDS_OBJECT (row) ? cg_json_get_object (json_node_get_object (row), "doc") : NULL;
          const char *id = doc ? cg_json_get_string (doc, "_id") : NULL;
          JsonObject *seen;

          if (doc == NULL || id == NULL || g_strcmp0 (cg_json_get_string (doc, "type"), "device") != 0)
            continue;
          /* A kiosk's document may be in both of its store's databases
           * (replicated between them): keep the newest report. */
          seen = g_hash_table_lookup (by_id, id);
          if (seen != NULL && g_strcmp0 (cg_json_get_string (seen, "updated_at"),
                                         cg_json_get_string (doc, "updated_at")) >= 0)
            continue;
          doc = cg_json_copy (doc);
          json_object_set_string_member (doc, "database", database);
          g_hash_table_replace (by_id, g_strdup (id), doc);
        }
    }

  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (devices, value);
  g_ptr_array_sort (devices, compare_devices);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "server");
      json_builder_add_string_value (builder, cg_admin_http_get_url (http));
      json_builder_set_member_name (builder, "devices");
      json_builder_begin_array (builder);
      for (guint i = 0; i < devices->len; i++)
        {
          JsonObject *doc = cg_json_copy (devices->pdata[i]);
          const char *id = cg_json_get_string (doc, "_id");

          json_object_set_string_member (doc, "device_id", id + strlen ("device:"));
          json_object_remove_member (doc, "_rev");
          json_builder_add_value (builder, json_node_init_object (json_node_alloc (), doc));
          json_object_unref (doc);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_pretty (gen, TRUE);
      json_generator_set_root (gen, root);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
      return CG_ADMIN_EXIT_OK;
    }

  if (devices->len == 0)
    {
      if (store != NULL)
        g_print (_("No device of store %s has reported to %s yet.\n"), store, cg_admin_http_get_url (http));
      else
        g_print (_("No device has reported to %s yet.\n"), cg_admin_http_get_url (http));
      return CG_ADMIN_EXIT_OK;
    }

  {
    /* TRANSLATORS: column headings of the fleet table; keep them short */
    const char *headings[N_COLUMNS] = {
      _("DEVICE"), _("ROLE"), _("STORE"), _("APP"), _("CONFIG"), _("LAST PULL"),
      _("LAST PUSH"), _("PENDING"), _("CONFLICTS"), _("LAST ERROR"), _("CONFIG REJECTED"),
    };
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
    guint widths[N_COLUMNS] = { 0 };

    for (guint i = 0; i < devices->len; i++)
      {
        JsonObject *doc = devices->pdata[i];
        char **cells = g_new0 (char *, N_COLUMNS + 1);

        cells[C_DEVICE] = g_strdup (cg_json_get_string (doc, "_id") + strlen ("device:"));
        cells[C_ROLE] = g_strdup (text_or_dash (cg_json_get_string (doc, "role")));
        cells[C_STORE] = g_strdup (text_or_dash (cg_json_get_string (doc, "store_id")));
        cells[C_APP] = g_strdup (text_or_dash (cg_json_get_string (doc, "app_version")));
        cells[C_CONFIG] = format_applied (doc);
        cells[C_PULL] = format_ago (cg_json_get_string (doc, "last_pull_at"), now);
        cells[C_PUSH] = format_ago (cg_json_get_string (doc, "last_push_at"), now);
        cells[C_PENDING] = format_count (doc, "pending_changes");
        cells[C_CONFLICTS] = format_count (doc, "conflicts");
        cells[C_ERROR] = format_error (doc);
        cells[C_REJECTED] = format_rejected (doc);
        /* One row per device: a multi-line error would break the table. */
        for (guint c = 0; c < N_COLUMNS; c++)
          g_strdelimit (cells[c], "\r\n\t", ' ');
        g_ptr_array_add (rows, cells);
      }
    for (guint c = 0; c < N_COLUMNS; c++)
      {
        widths[c] = g_utf8_strlen (headings[c], -1);
        for (guint i = 0; i < rows->len; i++)
          widths[c] = MAX (widths[c], (guint) g_utf8_strlen (((char **) rows->pdata[i])[c], -1));
      }
    print_row ((char **) headings, widths);
    for (guint i = 0; i < rows->len; i++)
      print_row (rows->pdata[i], widths);
  }
  return CG_ADMIN_EXIT_OK;
}
