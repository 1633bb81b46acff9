/* cg-admin-config.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin config push / config show: signed configuration documents
 * on the server (CONFIG.md). push validates, bumps the version, signs with
 * the regional admin's private key and writes; show prints a document, and
 * with --store what a device of that store will merge and apply.
 *
 * Where config documents live: devices replicate only their store's two
 * databases, so a scope is written into every database whose devices it
 * concerns — store:S into changgu-store-S and changgu-kiosk-S; global,
 * region:R and device:D into every provisioned store database on the server
 * (a device ignores the scopes that are not its own), or only into those of
 * --store S.
 */
#define G_LOG_DOMAIN "cg-admin"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cg-admin.h"
#include "cg-admin-http.h"

/* ------------------------------------------------------------ helpers */

static gboolean
id_part_is_valid (const char *part)
{
  if (part == NULL || *part == '\0' || strlen (part) > 128)
    return FALSE;
  for (const char *p = part; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

/* global | region:R | store:S | device:D */
static gboolean
scope_is_valid (const char *scope)
{
  if (g_strcmp0 (scope, "global") == 0)
    return TRUE;
  if (g_str_has_prefix (scope, "region:"))
    return id_part_is_valid (scope + strlen ("region:"));
  if (g_str_has_prefix (scope, "store:"))
    return id_part_is_valid (scope + strlen ("store:"));
  if (g_str_has_prefix (scope, "device:"))
    return id_part_is_valid (scope + strlen ("device:"));
  return FALSE;
}

static JsonNode *
read_json_file (const char  *path,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  gsize len = 0;

  if (g_strcmp0 (path, "-") == 0)
    {
      g_autoptr(GString) in = g_string_new (NULL);
      char buf[4096];
      size_t n;

      while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
        g_string_append_len (in, buf, n);
      len = in->len;
      text = g_string_free (g_steal_pointer (&in), FALSE);
    }
  else if (!g_file_get_contents (path, &text, &len, error))
    return NULL;
  if (!json_parser_load_from_data (parser, text, len, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, _("the file is empty"));
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

static char *
to_json (JsonNode *node,
         gboolean  pretty)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static void
print_json_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = to_json (node, TRUE);

  g_print ("%s\n", text);
}

/* The private key file: refused if others can read it (like ssh does), so
 * that a key left world-readable is noticed before it leaks further. */
static gboolean
load_private_key (const char  *command,
                  const char  *path,
                  char       **key_id,
                  char       **secret_key,
                  int         *exit_code)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  JsonObject *obj;
  const char *id, *secret;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      *exit_code = cg_admin_failure (command, _("Cannot read the key file %s: %s."), path, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      *exit_code = cg_admin_failure (command, _("The key file %s is not a regular file."), path);
      return FALSE;
    }
  if ((st.st_mode & 077) != 0)
    {
      *exit_code = cg_admin_failure (command, _("key file is too open: chmod 600 %s"), path);
      return FALSE;
    }
  node = read_json_file (path, &error);
  if (node == NULL)
    {
      *exit_code = cg_admin_failure (command, _("Cannot read the key file %s: %s."), path, error->message);
      return FALSE;
    }
  obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  id = obj ? cg_json_get_string (obj, "key_id") : NULL;
  secret = obj ? cg_json_get_string (obj, "secret_key") : NULL;
  if (obj != NULL && secret == NULL && cg_json_get_string (obj, "public_key") != NULL)
    {
      *exit_code = cg_admin_failure (command,
                                     _("%s is a public key: sign with the private key (the .key file made by keygen)."),
                                     path);
      return FALSE;
    }
  if (id == NULL || secret == NULL || !cg_admin_key_id_is_valid (id))
    {
      *exit_code = cg_admin_failure (command,
                                     _("%s is not a Changgu private key (expected key_id and secret_key; "
                                       "make one with “changgu-admin keygen”)."),
                                     path);
      return FALSE;
    }
  *key_id = g_strdup (id);
  *secret_key = g_strdup (secret);
  return TRUE;
}

/* Public keys (.pub files) as the array cg_config_verify_signature wants. */
static JsonArray *
load_public_keys (const char  *command,
                  char       **paths,
                  int         *exit_code)
{
  g_autoptr(JsonArray) keys = json_array_new ();

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = read_json_file (paths[i], &error);
      JsonObject *obj, *key;

      if (node == NULL)
        {
          *exit_code = cg_admin_failure (command, _("Cannot read the public key %s: %s."), paths[i], error->message);
          return NULL;
        }
      obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      if (obj == NULL || cg_json_get_string (obj, "key_id") == NULL || cg_json_get_string (obj, "public_key") == NULL)
        {
          *exit_code = cg_admin_failure (command,
                                         _("%s is not a Changgu public key (expected key_id and public_key, "
                                           "as in the .pub file made by keygen)."),
                                         paths[i]);
          return NULL;
        }
      key = json_object_new ();
      json_object_set_string_member (key, "key_id", cg_json_get_string (obj, "key_id"));
      json_object_set_string_member (key, "public_key", cg_json_get_string (obj, "public_key"));
      json_array_add_object_element (keys, key);
    }
  return g_steal_pointer (&keys);
}

/* The databases a scope is written to or read from (see the file comment). */
static GPtrArray *
scope_databases (CgAdminHttp  *http,
                 const char   *scope,
                 const char   *store,
                 GError      **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *for_store = store;

  if (g_str_has_prefix (scope, "store:"))
    for_store = scope + strlen ("store:");
  if (for_store != NULL)
    {
      g_auto(GStrv) dbs = cg_admin_http_store_databases (for_store);

      for (guint i = 0; dbs[i] != NULL; i++)
        g_ptr_array_add (names, g_strdup (dbs[i]));
      return g_steal_pointer (&names);
    }
  g_clear_pointer (&names, g_ptr_array_unref);
  names = cg_admin_http_list_store_databases (http, error);
  if (names != NULL && names->len == 0)
    {
      g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_NOT_PROVISIONED,
                   _("there are no store databases on %s: store not provisioned: run “changgu-admin provision” first"),
                   cg_admin_http_get_url (http));
      return NULL;
    }
  return g_steal_pointer (&names);
}

static char *
config_doc_id (const char *scope)
{
  return g_strconcat ("config:", scope, NULL);
}

static gint64
doc_version (JsonObject *doc)
{
  gint64 version = 0;

  if (doc == NULL || !cg_json_get_int (doc, "version", &version))
    return 0;
  return version;
}

/* Compares two settings objects by their canonical JSON (member order and
 * number spelling do not matter). */
static gboolean
settings_equal (JsonObject *a,
                JsonObject *b)
{
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  ca = cg_canonical_json_object (a, NULL);
  cb = cg_canonical_json_object (b, NULL);
  return ca != NULL && cb != NULL && g_str_equal (ca, cb);
}

static CgAdminHttp *
connect_server (const char *command,
                const char *server,
                const char *user,
                int        *exit_code)
{
  g_autoptr(GError) error = NULL;
  CgAdminHttp *http;

  if (server == NULL)
    {
      *exit_code = cg_admin_usage_error (command, _("Say which server with --server URL."));
      return NULL;
    }
  http = cg_admin_http_new (server, user, &error);
  if (http == NULL)
    *exit_code = g_error_matches (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_BAD_URL)
                 ? cg_admin_usage_error (command, "%s", error->message)
                 : cg_admin_failure (command, "%s", error->message);
  return http;
}

/* --------------------------------------------------------- config push */

typedef struct {
  char       *database;
  JsonObject *current;   /* the document there now, or NULL */
  char       *new_rev;
} Target;

static void
target_free (Target *target)
{
  g_free (target->database);
  g_clear_pointer (&target->current, json_object_unref);
  g_free (target->new_rev);
  g_free (target);
}

#define PUSH "config push"

static int
config_push (int    argc,
             char **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *store = NULL;
  g_auto(GStrv) remaining = NULL;
  gboolean json = FALSE;
  gboolean if_changed = FALSE;
  const GOptionEntry entries[] = {
    CG_ADMIN_HTTP_OPTIONS (server, user),
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path,
      N_("The private key to sign with (ID.key from keygen; must be mode 0600)"), N_("FILE") },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope,
      N_("global, region:R, store:S or device:D"), N_("SCOPE") },
    { "store", 0, 0, G_OPTION_ARG_STRING, &store,
      N_("Write a global, region or device scope only to this store's databases"), N_("S") },
    { "if-changed", 0, 0, G_OPTION_ARG_NONE, &if_changed,
      N_("Do nothing when the server already has these settings for the scope"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) settings_node = NULL;
  g_autoptr(CgAdminHttp) http = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) target_free);
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *doc_id = NULL;
  g_autofree char *issued_at = NULL;
  JsonObject *settings;
  gint64 current = 0, version;
  gboolean unchanged = TRUE;
  guint written = 0;
  int exit_code;

  context = cg_admin_option_context_new (PUSH, "SETTINGS.json",
                                         _("Sign and write a configuration for a scope."),
                                         _("SETTINGS.json holds the settings object (CONFIG.md), or “-” for stdin. "
                                           "It is checked against the settings schema, given the next version "
                                           "of the scope (the version on the server + 1, or 1), signed with the "
                                           "key, and written as config:SCOPE.\n\n"
                                           "Databases: store:S goes to changgu-store-S and changgu-kiosk-S. "
                                           "global, region:R and device:D go to every provisioned store database "
                                           "on the server (changgu-store-* and changgu-kiosk-*, from _all_dbs), "
                                           "or with --store S only to that store's two; devices ignore scopes "
                                           "that are not theirs.\n\n"
                                           "Pushing the same settings again still makes a new version (devices "
                                           "apply it again, harmlessly); with --if-changed nothing is written "
                                           "when every database already holds these settings at the same "
                                           "version."),
                                         entries);
  if (!cg_admin_parse_options (context, PUSH, &argc, &argv, &exit_code))
    return exit_code;
  if (remaining == NULL || remaining[0] == NULL)
    return cg_admin_usage_error (PUSH, _("Give the settings file (SETTINGS.json, or - for stdin)."));
  if (remaining[1] != NULL)
    return cg_admin_usage_error (PUSH, _("Unexpected argument “%s”: give one settings file."), remaining[1]);
  if (server == NULL)
    return cg_admin_usage_error (PUSH, _("Say which server with --server URL."));
  if (key_path == NULL)
    return cg_admin_usage_error (PUSH, _("Say which private key signs the configuration with --key FILE."));
  if (scope == NULL)
    return cg_admin_usage_error (PUSH, _("Say which scope to configure with --scope (global, region:R, store:S or device:D)."));
  if (!scope_is_valid (scope))
    return cg_admin_usage_error (PUSH, _("The scope “%s” is not valid: use global, region:R, store:S or device:D "
                                         "(R, S and D in letters, digits, '.', '_', '-')."), scope);
  if (store != NULL && !id_part_is_valid (store))
    return cg_admin_usage_error (PUSH, _("The store id “%s” is not valid."), store);
  if (store != NULL && g_str_has_prefix (scope, "store:") && g_strcmp0 (store, scope + strlen ("store:")) != 0)
    return cg_admin_usage_error (PUSH, _("--store %s does not match --scope %s."), store, scope);

  /* Everything that can be checked here is checked before the server is
   * touched: a push either writes a valid, signed document or nothing. */
  if (!load_private_key (PUSH, key_path, &key_id, &secret_key, &exit_code))
    return exit_code;

  settings_node = read_json_file (remaining[0], &error);
  if (settings_node == NULL)
    return cg_admin_failure (PUSH, _("Cannot read the settings %s: %s."), remaining[0], error->message);
  if (!JSON_NODE_HOLDS_OBJECT (settings_node))
    return cg_admin_failure (PUSH, _("%s must hold a JSON object of settings ({\"sync\": {…}, \"kiosk\": {…}, …})."),
                             remaining[0]);
  settings = json_node_get_object (settings_node);
  if (!cg_config_validate_settings (settings, &error))
    return cg_admin_failure (PUSH, _("%s: %s"), remaining[0], error->message);

  http = connect_server (PUSH, server, user, &exit_code);
  if (http == NULL)
    return exit_code;
  names = scope_databases (http, scope, store, &error);
  if (names == NULL)
    return cg_admin_failure (PUSH, "%s", error->message);

  doc_id = config_doc_id (scope);
  for (guint i = 0; i < names->len; i++)
    {
      Target *target = g_new0 (Target, 1);
      g_autoptr(JsonNode) node = NULL;

      target->database = g_strdup (names->pdata[i]);
      g_ptr_array_add (targets, target);
      node = cg_admin_http_get_doc (http, target->database, doc_id, &error);
      if (error != NULL)
        return cg_admin_failure (PUSH, "%s", error->message);
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        target->current = json_object_ref (json_node_get_object (node));
      current = MAX (current, doc_version (target->current));
    }

  for (guint i = 0; i < targets->len; i++)
    {
      Target *target = targets->pdata[i];

      if (target->current == NULL || doc_version (target->current) != current
          || !settings_equal (cg_json_get_object (target->current, "settings"), settings))
        unchanged = FALSE;
    }
  if (if_changed && unchanged)
    {
      if (json)
        {
          g_autoptr(JsonObject) out = json_object_new ();

          json_object_set_string_member (out, "scope", scope);
          json_object_set_string_member (out, "id", doc_id);
          json_object_set_int_member (out, "version", current);
          json_object_set_boolean_member (out, "changed", FALSE);
          print_json_object (out);
        }
      else
        {
          g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, current);

          /* TRANSLATORS: %s are a scope such as store:0421 and its version */
          g_print (_("%s is unchanged (version %s): nothing written.\n"), scope, v);
        }
      return CG_ADMIN_EXIT_OK;
    }

  version = current + 1;
  issued_at = cg_json_timestamp_now ();
  doc = json_object_new ();
  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "type", "config");
  json_object_set_string_member (doc, "scope", scope);
  json_object_set_int_member (doc, "version", version);
  json_object_set_string_member (doc, "issued_at", issued_at);
  json_object_set_object_member (doc, "settings", json_object_ref (settings));
  if (!cg_config_sign (doc, key_id, secret_key, &error))
    {
      memset (secret_key, 0, strlen (secret_key));
      return cg_admin_failure (PUSH, _("Cannot sign with %s: %s"), key_path, error->message);
    }
  memset (secret_key, 0, strlen (secret_key));

  for (guint i = 0; i < targets->len; i++)
    {
      Target *target = targets->pdata[i];
      g_autoptr(JsonObject) copy = cg_json_copy (doc);
      g_autoptr(JsonNode) body = NULL;
      g_autoptr(JsonNode) result = NULL;
      g_autofree char *db = cg_admin_http_escape (target->database);
      g_autofree char *id = cg_admin_http_escape (doc_id);
      g_autofree char *path = g_strconcat (db, "/", id, NULL);
      const char *rev = target->current ? cg_json_get_string (target->current, "_rev") : NULL;

      if (rev != NULL)
        json_object_set_string_member (copy, "_rev", rev);
      body = json_node_init_object (json_node_alloc (), copy);
      result = cg_admin_http_put (http, path, body, &error);
      if (result == NULL)
        {
          if (written > 0)
            {
              g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, version);

              return cg_admin_failure (PUSH,
                                       _("%s (version %s was written to %u of %u databases; run the command "
                                         "again to bring them all to one new version)"),
                                       error->message, v, written, targets->len);
            }
          return cg_admin_failure (PUSH, "%s", error->message);
        }
      if (JSON_NODE_HOLDS_OBJECT (result))
        target->new_rev = g_strdup (cg_json_get_string (json_node_get_object (result), "rev"));
      written++;
    }

  if (json)
    {
      g_autoptr(JsonObject) out = json_object_new ();
      JsonArray *dbs = json_array_new ();

      json_object_set_string_member (out, "scope", scope);
      json_object_set_string_member (out, "id", doc_id);
      json_object_set_int_member (out, "version", version);
      json_object_set_int_member (out, "previous_version", current);
      json_object_set_string_member (out, "issued_at", issued_at);
      json_object_set_string_member (out, "key_id", key_id);
      json_object_set_boolean_member (out, "changed", TRUE);
      for (guint i = 0; i < targets->len; i++)
        {
          Target *target = targets->pdata[i];
          JsonObject *entry = json_object_new ();

          json_object_set_string_member (entry, "name", target->database);
          if (target->new_rev != NULL)
            json_object_set_string_member (entry, "rev", target->new_rev);
          json_array_add_object_element (dbs, entry);
        }
      json_object_set_array_member (out, "databases", dbs);
      print_json_object (out);
    }
  else
    {
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      /* TRANSLATORS: "config:store:0421 version 3, signed with key seoul-2026, written to:" */
      g_print (_("%s version %s, signed with key %s, written to:\n"), doc_id, v, key_id);
      for (guint i = 0; i < targets->len; i++)
        g_print ("  %s\n", ((Target *) targets->pdata[i])->database);
      if (unchanged)
        g_print (_("The settings are the same as in the previous version (use --if-changed to skip such pushes).\n"));
    }
  return CG_ADMIN_EXIT_OK;
}

/* --------------------------------------------------------- config show */

#define SHOW "config show"

typedef enum {
  SIGNATURE_UNCHECKED,
  SIGNATURE_VERIFIED,
  SIGNATURE_BAD,
} SignatureState;

static SignatureState
check_signature (JsonObject  *doc,
                 JsonArray   *trusted,
                 char       **reason)
{
  g_autoptr(GError) error = NULL;

  if (trusted == NULL || json_array_get_length (trusted) == 0)
    return SIGNATURE_UNCHECKED;
  if (cg_config_verify_signature (doc, trusted, &error))
    return SIGNATURE_VERIFIED;
  /* The core's message speaks for a device; here the trust is --trust. */
  if (g_error_matches (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_UNKNOWN_KEY) && cg_json_get_string (doc, "key_id") != NULL)
    *reason = g_strdup_printf (_("it is signed with key %s, which is not among the --trust keys"),
                               cg_json_get_string (doc, "key_id"));
  else
    *reason = g_strdup (error->message);
  return SIGNATURE_BAD;
}

static const char *
signature_word (SignatureState state)
{
  switch (state)
    {
    case SIGNATURE_VERIFIED:
      return "verified";
    case SIGNATURE_BAD:
      return "invalid";
    case SIGNATURE_UNCHECKED:
    default:
      return "unchecked";
    }
}

static char *
signature_text (SignatureState  state,
                JsonObject     *doc,
                const char     *reason)
{
  switch (state)
    {
    case SIGNATURE_VERIFIED:
      return g_strdup_printf (_("verified with key %s"), cg_json_get_string (doc, "key_id"));
    case SIGNATURE_BAD:
      return g_strdup_printf (_("DOES NOT VERIFY: %s"), reason);
    case SIGNATURE_UNCHECKED:
    default:
      return g_strdup (_("not checked (give --trust KEY.pub)"));
    }
}

/* @text followed by spaces up to @width characters (printf's %-*s counts
 * bytes, which misaligns UTF-8 such as Korean labels). */
static char *
pad_text (const char *text,
          guint       width)
{
  GString *out = g_string_new (text);

  for (glong n = g_utf8_strlen (text, -1); n < (glong) width; n++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

static char *
node_text (JsonNode *node)
{
  return to_json (node, FALSE);
}

/* Every leaf of @object as a dotted path ("kiosk.idle_timeout_s"); arrays
 * are leaves (they replace, not merge), so is an empty object. */
static void
collect_leaves (JsonObject *object,
                const char *prefix,
                GPtrArray  *paths)
{
  g_autoptr(GList) members = json_object_get_members (object);

  members = g_list_sort (members, (GCompareFunc) g_strcmp0);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *child = json_object_get_member (object, name);
      g_autofree char *path = prefix ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);

      if (JSON_NODE_HOLDS_OBJECT (child) && json_object_get_size (json_node_get_object (child)) > 0)
        collect_leaves (json_node_get_object (child), path, paths);
      else
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

/* The node at @path, walking member by member. Keys with dots in them are
 * looked up whole at each level first so that a leaf path from
 * collect_leaves() always finds its node. */
static JsonNode *
lookup_path (JsonObject *object,
             const char *path)
{
  const char *dot;

  if (object == NULL)
    return NULL;
  if (json_object_has_member (object, path))
    return json_object_get_member (object, path);
  for (dot = strchr (path, '.'); dot != NULL; dot = strchr (dot + 1, '.'))
    {
      g_autofree char *head = g_strndup (path, dot - path);
      JsonNode *child = json_object_get_member (object, head);

      if (child != NULL && JSON_NODE_HOLDS_OBJECT (child))
        {
          JsonNode *found = lookup_path (json_node_get_object (child), dot + 1);
          if (found != NULL)
            return found;
        }
    }
  return NULL;
}

typedef struct {
  char           *scope;
  JsonObject     *doc;        /* NULL: no document for this scope */
  SignatureState  signature;
  char           *problem;    /* why a device would refuse it, or NULL */
} ScopeDoc;

static void
scope_doc_free (ScopeDoc *sd)
{
  g_free (sd->scope);
  g_clear_pointer (&sd->doc, json_object_unref);
  g_free (sd->problem);
  g_free (sd);
}

/* The newest config:@scope among @databases (NULL when none has it), and
 * per database the version found there, in @versions. */
static JsonObject *
fetch_newest (CgAdminHttp  *http,
              GPtrArray    *databases,
              const char   *scope,
              JsonObject   *versions,
              GError      **error)
{
  g_autofree char *doc_id = config_doc_id (scope);
  JsonObject *best = NULL;

  for (guint i = 0; i < databases->len; i++)
    {
      g_autoptr(JsonNode) node = cg_admin_http_get_doc (http, databases->pdata[i], doc_id, error);

      if (node == NULL && error != NULL && *error != NULL)
        {
          g_clear_pointer (&best, json_object_unref);
          return NULL;
        }
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          if (versions != NULL)
            json_object_set_null_member (versions, databases->pdata[i]);
          continue;
        }
      if (versions != NULL)
        json_object_set_int_member (versions, databases->pdata[i], doc_version (json_node_get_object (node)));
      if (best == NULL || doc_version (json_node_get_object (node)) > doc_version (best))
        {
          g_clear_pointer (&best, json_object_unref);
          best = json_object_ref (json_node_get_object (node));
        }
    }
  return best;
}

static void
print_doc (JsonObject     *doc,
           SignatureState  state,
           const char     *reason,
           JsonObject     *versions)
{
  g_autofree char *sig = signature_text (state, doc, reason);
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, doc_version (doc));
  JsonObject *settings = cg_json_get_object (doc, "settings");
  g_autoptr(GString) dbs = g_string_new (NULL);
  g_autoptr(GList) members = json_object_get_members (versions);

  members = g_list_sort (members, (GCompareFunc) g_strcmp0);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *v = json_object_get_member (versions, l->data);

      if (dbs->len > 0)
        g_string_append (dbs, ", ");
      if (JSON_NODE_HOLDS_NULL (v))
        /* TRANSLATORS: a database that has no document for the scope */
        g_string_append_printf (dbs, _("%s (none)"), (const char *) l->data);
      else
        g_string_append_printf (dbs, "%s (v%" G_GINT64_FORMAT ")", (const char *) l->data, json_node_get_int (v));
    }

  g_print ("%-12s %s\n", _("Document:"), cg_json_get_string (doc, "_id"));
  g_print ("%-12s %s\n", _("Version:"), version);
  g_print ("%-12s %s\n", _("Issued at:"), cg_json_get_string (doc, "issued_at") ? cg_json_get_string (doc, "issued_at") : "?");
  g_print ("%-12s %s\n", _("Key:"), cg_json_get_string (doc, "key_id") ? cg_json_get_string (doc, "key_id") : "?");
  g_print ("%-12s %s\n", _("Signature:"), sig);
  g_print ("%-12s %s\n", _("Databases:"), dbs->str);
  g_print ("%s\n", _("Settings:"));
  if (settings != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), settings);
      g_autofree char *text = to_json (node, TRUE);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        g_print ("  %s\n", lines[i]);
    }
}

static JsonObject *
doc_summary (JsonObject     *doc,
             SignatureState  state,
             const char     *reason)
{
  JsonObject *out = json_object_new ();

  json_object_set_string_member (out, "id", cg_json_get_string (doc, "_id"));
  json_object_set_string_member (out, "scope", cg_json_get_string (doc, "scope"));
  json_object_set_int_member (out, "version", doc_version (doc));
  json_object_set_string_member (out, "issued_at", cg_json_get_string (doc, "issued_at"));
  json_object_set_string_member (out, "key_id", cg_json_get_string (doc, "key_id"));
  json_object_set_string_member (out, "signature", signature_word (state));
  if (reason != NULL)
    json_object_set_string_member (out, "signature_error", reason);
  if (cg_json_get_object (doc, "settings") != NULL)
    json_object_set_object_member (out, "settings", json_object_ref (cg_json_get_object (doc, "settings")));
  return out;
}

static int
config_show (int    argc,
             char **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *store = NULL;
  g_autofree char *region = NULL;
  g_auto(GStrv) trust = NULL;
  g_auto(GStrv) remaining = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    CG_ADMIN_HTTP_OPTIONS (server, user),
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope,
      N_("The scope to print: global, region:R, store:S or device:D"), N_("SCOPE") },
    { "store", 0, 0, G_OPTION_ARG_STRING, &store,
      N_("Print the merged settings a device of store S applies, with the source of each"), N_("S") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("With --store: the store's region, to include region:R in the merge"), N_("R") },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &trust,
      N_("Check signatures with this public key (repeatable)"), N_("KEY.pub") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgAdminHttp) http = NULL;
  g_autoptr(JsonArray) trusted = NULL;
  g_autoptr(JsonObject) out = json_object_new ();
  int exit_code;

  context = cg_admin_option_context_new (SHOW, NULL,
                                         _("Print a configuration document, or what a store's devices merge."),
                                         _("With --scope: the newest config:SCOPE found in the databases it is "
                                           "written to (see “config push --help”), its version, issue time, key "
                                           "and settings, and whether its signature verifies with the --trust "
                                           "keys.\n\n"
                                           "With --store S: the settings a device of store S applies, merging "
                                           "global < region:R (with --region R) < store:S as found in "
                                           "changgu-store-S, each setting with the scope and version it comes "
                                           "from. With --trust, documents whose signature does not verify are "
                                           "left out, as a device would."),
                                         entries);
  if (!cg_admin_parse_options (context, SHOW, &argc, &argv, &exit_code))
    return exit_code;
  if (remaining != NULL && remaining[0] != NULL)
    return cg_admin_usage_error (SHOW, _("Unexpected argument “%s”."), remaining[0]);
  if (scope == NULL && store == NULL)
    return cg_admin_usage_error (SHOW, _("Say what to show: --scope SCOPE, --store S, or both."));
  if (scope != NULL && !scope_is_valid (scope))
    return cg_admin_usage_error (SHOW, _("The scope “%s” is not valid: use global, region:R, store:S or device:D."), scope);
  if (store != NULL && !id_part_is_valid (store))
    return cg_admin_usage_error (SHOW, _("The store id “%s” is not valid."), store);
  if (region != NULL && !id_part_is_valid (region))
    return cg_admin_usage_error (SHOW, _("The region id “%s” is not valid."), region);
  if (region != NULL && store == NULL)
    return cg_admin_usage_error (SHOW, _("--region is for the merge: give --store S too."));

  trusted = load_public_keys (SHOW, trust, &exit_code);
  if (trusted == NULL)
    return exit_code;
  http = connect_server (SHOW, server, user, &exit_code);
  if (http == NULL)
    return exit_code;

  if (scope != NULL)
    {
      g_autoptr(GPtrArray) names = scope_databases (http, scope, store, &error);
      g_autoptr(JsonObject) versions = json_object_new ();
      g_autoptr(JsonObject) doc = NULL;
      g_autofree char *reason = NULL;
      SignatureState state;

      if (names == NULL)
        return cg_admin_failure (SHOW, "%s", error->message);
      doc = fetch_newest (http, names, scope, versions, &error);
      if (error != NULL)
        return cg_admin_failure (SHOW, "%s", error->message);
      if (doc == NULL && store == NULL)
        return cg_admin_failure (SHOW, _("There is no configuration for %s on %s (push one with “config push”)."),
                                 scope, cg_admin_http_get_url (http));
      if (doc != NULL)
        {
          state = check_signature (doc, trusted, &reason);
          if (json)
            {
              JsonObject *summary = doc_summary (doc, state, reason);

              json_object_set_object_member (summary, "databases", json_object_ref (versions));
              json_object_set_object_member (out, "document", summary);
            }
          else
            print_doc (doc, state, reason, versions);
        }
      else if (json)
        json_object_set_null_member (out, "document");
      else
        g_print (_("There is no configuration for %s in store %s's databases.\n"), scope, store);
    }

  if (store != NULL)
    {
      g_autoptr(GPtrArray) scopes = g_ptr_array_new_with_free_func ((GDestroyNotify) scope_doc_free);
      g_autoptr(GPtrArray) dbs = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(JsonObject) merged = json_object_new ();
      g_autoptr(GPtrArray) leaves = g_ptr_array_new_with_free_func (g_free);
      JsonArray *json_scopes = json_array_new ();
      JsonObject *json_sources = json_object_new ();

      g_ptr_array_add (dbs, g_strconcat ("changgu-store-", store, NULL));
      {
        ScopeDoc *sd;
        const char *names[3] = { "global", NULL, NULL };
        g_autofree char *region_scope = region ? g_strconcat ("region:", region, NULL) : NULL;
        g_autofree char *store_scope = g_strconcat ("store:", store, NULL);

        names[1] = region_scope;
        names[2] = store_scope;
        for (guint i = 0; i < G_N_ELEMENTS (names); i++)
          {
            if (names[i] == NULL)
              continue;
            sd = g_new0 (ScopeDoc, 1);
            sd->scope = g_strdup (names[i]);
            g_ptr_array_add (scopes, sd);
            sd->doc = fetch_newest (http, dbs, names[i], NULL, &error);
            if (error != NULL)
              return cg_admin_failure (SHOW, "%s", error->message);
          }
      }

      for (guint i = 0; i < scopes->len; i++)
        {
          ScopeDoc *sd = scopes->pdata[i];
          g_autofree char *reason = NULL;
          JsonObject *settings;

          if (sd->doc == NULL)
            continue;
          settings = cg_json_get_object (sd->doc, "settings");
          sd->signature = check_signature (sd->doc, trusted, &reason);
          if (sd->signature == SIGNATURE_BAD)
            sd->problem = g_steal_pointer (&reason);
          else if (settings == NULL)
            sd->problem = g_strdup (_("it has no settings object"));
          else
            {
              g_autoptr(GError) invalid = NULL;

              if (!cg_config_validate_settings (settings, &invalid))
                sd->problem = g_strdup (invalid->message);
            }
          if (sd->problem == NULL)
            {
              JsonObject *next = cg_config_merge (merged, settings);

              json_object_unref (merged);
              merged = next;
            }
        }

      collect_leaves (merged, NULL, leaves);
      for (guint i = 0; i < leaves->len; i++)
        {
          const char *path = leaves->pdata[i];
          ScopeDoc *source = NULL;

          /* The most specific scope that has the path is the one that won. */
          for (guint j = 0; j < scopes->len; j++)
            {
              ScopeDoc *sd = scopes->pdata[j];

              if (sd->doc != NULL && sd->problem == NULL
                  && lookup_path (cg_json_get_object (sd->doc, "settings"), path) != NULL)
                source = sd;
            }
          if (source != NULL)
            {
              JsonObject *src = json_object_new ();

              json_object_set_string_member (src, "scope", source->scope);
              json_object_set_int_member (src, "version", doc_version (source->doc));
              json_object_set_object_member (json_sources, path, src);
            }
        }

      if (json)
        {
          for (guint i = 0; i < scopes->len; i++)
            {
              ScopeDoc *sd = scopes->pdata[i];
              JsonObject *entry = json_object_new ();

              json_object_set_string_member (entry, "scope", sd->scope);
              if (sd->doc != NULL)
                {
                  json_object_set_int_member (entry, "version", doc_version (sd->doc));
                  json_object_set_string_member (entry, "issued_at", cg_json_get_string (sd->doc, "issued_at"));
                  json_object_set_string_member (entry, "key_id", cg_json_get_string (sd->doc, "key_id"));
                  json_object_set_string_member (entry, "signature", signature_word (sd->signature));
                }
              else
                json_object_set_null_member (entry, "version");
              json_object_set_boolean_member (entry, "applied", sd->doc != NULL && sd->problem == NULL);
              if (sd->problem != NULL)
                json_object_set_string_member (entry, "problem", sd->problem);
              json_array_add_object_element (json_scopes, entry);
            }
          json_object_set_string_member (out, "store", store);
          json_object_set_array_member (out, "scopes", json_scopes);
          json_object_set_object_member (out, "settings", json_object_ref (merged));
          json_object_set_object_member (out, "sources", json_sources);
        }
      else
        {
          guint width = 0;

          json_array_unref (json_scopes);
          if (scope != NULL)
            g_print ("\n");
          g_print (region ? _("Settings a device of store %s applies (global < region < store):\n")
                          : _("Settings a device of store %s applies (global < store; give --region R to include its region):\n"),
                   store);
          for (guint i = 0; i < scopes->len; i++)
            {
              ScopeDoc *sd = scopes->pdata[i];

              if (sd->doc == NULL)
                g_print ("  %-16s %s\n", sd->scope, _("no configuration"));
              else
                {
                  g_autofree char *v = g_strdup_printf ("v%" G_GINT64_FORMAT, doc_version (sd->doc));
                  g_autofree char *sig = signature_text (sd->signature, sd->doc, sd->problem);

                  if (sd->problem != NULL && sd->signature != SIGNATURE_BAD)
                    {
                      /* TRANSLATORS: a scope left out of the merge, and why */
                      g_autofree char *why = g_strdup_printf (_("left out: %s"), sd->problem);

                      g_print ("  %-16s %-5s %s\n", sd->scope, v, why);
                    }
                  else
                    g_print ("  %-16s %-5s %s\n", sd->scope, v, sig);
                }
            }
          g_print ("\n");
          g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
          guint value_width = 0;

          for (guint i = 0; i < leaves->len; i++)
            {
              char *value = node_text (lookup_path (merged, leaves->pdata[i]));

              width = MAX (width, (guint) g_utf8_strlen (leaves->pdata[i], -1));
              value_width = MAX (value_width, (guint) g_utf8_strlen (value, -1));
              g_ptr_array_add (values, value);
            }
          if (leaves->len == 0)
            g_print ("  %s\n", _("No settings: devices use their built-in defaults."));
          for (guint i = 0; i < leaves->len; i++)
            {
              const char *path = leaves->pdata[i];
              const char *value = values->pdata[i];
              JsonObject *src = cg_json_get_object (json_sources, path);
              g_autofree char *from = src ? g_strdup_printf ("%s v%" G_GINT64_FORMAT,
                                                             cg_json_get_string (src, "scope"),
                                                             json_object_get_int_member (src, "version"))
                                          : g_strdup ("?");

              g_autofree char *padded_path = pad_text (path, width);
              g_autofree char *padded_value = pad_text (value, value_width);

              g_print ("  %s  %s  [%s]\n", padded_path, padded_value, from);
            }
          json_object_unref (json_sources);
        }
    }

  if (json)
    print_json_object (out);
  return CG_ADMIN_EXIT_OK;
}

/* --------------------------------------------------------------- entry */

int
cg_admin_config_main (int    argc,
                      char **argv)
{
  if (argc < 2)
    return cg_admin_usage_error ("config", _("Say what to do: push or show."));
  if (g_str_equal (argv[1], "push"))
    return config_push (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "show"))
    return config_show (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      g_print ("%s\n  changgu-admin config push --server URL --key FILE --scope SCOPE SETTINGS.json\n"
               "  changgu-admin config show --server URL [--scope SCOPE] [--store S] [--trust KEY.pub]\n\n%s\n",
               _("Usage:"),
               _("Run “changgu-admin config push --help” (or show) for details."));
      return CG_ADMIN_EXIT_OK;
    }
  return cg_admin_usage_error ("config", _("Unknown config command “%s”: use push or show."), argv[1]);
}
