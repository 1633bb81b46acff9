/* cg-admin-provision.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin provision and add-device: set up a store's two databases on
 * the central server (SYNC.md "Databases and scoping") with their access
 * rules and the validate_doc_update of data/couchdb, and make one CouchDB
 * user plus provisioning file (CONFIG.md) per device.
 *
 * The rules are compiled into the binary (cg-admin.gresource.xml): an
 * uninstalled build and an installed one install the same text, and there
 * is no data directory to get wrong. Everything is idempotent: what is
 * already as wanted is left alone, so running provision twice writes
 * nothing the second time.
 */
#define G_LOG_DOMAIN "changgu-admin"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "cg-admin.h"
#include "cg-admin-http.h"

#define RULES_RESOURCE "/io/github/changgu/Changgu/admin/couchdb/"
#define DESIGN_ID "_design/changgu"
#define ADMIN_ROLE "changgu-admin"

/* ------------------------------------------------------------ helpers */

/* Store ids become part of database names, which CouchDB allows only in
 * lower case: digits, lower-case letters, "-" and "_". */
static gboolean
store_id_ok (const char *store)
{
  if (store == NULL || *store == '\0' || strlen (store) > 64)
    return FALSE;
  for (const char *p = store; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !g_ascii_islower (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static char *
resource_text (const char *name)
{
  g_autofree char *path = g_strconcat (RULES_RESOURCE, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  /* Compiled in: missing means a broken build, not a user mistake. */
  g_assert (bytes != NULL);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Takes @object. */
static JsonNode *
node_from_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static JsonArray *
string_array (const char * const *values)
{
  JsonArray *array = json_array_new ();
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  return array;
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (cg_json_array_get_string (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static JsonObject *
node_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
doc_path (const char *db,
          const char *id)
{
  g_autofree char *e_db = cg_admin_http_escape (db);
  g_autofree char *e_id = NULL;

  /* "_design/changgu" keeps its slash: CouchDB routes it that way. */
  if (g_str_has_prefix (id, "_design/"))
    {
      g_autofree char *rest = cg_admin_http_escape (id + strlen ("_design/"));
      e_id = g_strconcat ("_design/", rest, NULL);
    }
  else
    e_id = cg_admin_http_escape (id);
  return g_strconcat (e_db, "/", e_id, NULL);
}

/* A random secret: 24 bytes from libsodium as URL-safe base64 (32
 * characters), safe to put in a JSON file and an HTTP Basic header. */
static char *
random_password (void)
{
  guchar bytes[24];
  char text[sodium_base64_ENCODED_LEN (sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (bytes, sizeof bytes);
  return g_strdup (text);
}

static void
print_step (gboolean    quiet,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
print_step (gboolean    quiet,
            const char *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list args;

  if (quiet)
    return;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_print ("%s\n", text);
}

/* ---------------------------------------------------------- provision */

typedef struct {
  CgAdminHttp *http;
  const char  *store;
  gboolean     quiet;       /* --json: no step lines */
  GPtrArray   *changes;     /* what was changed, for --json */
} Provision;

static gboolean
ensure_database (Provision   *p,
                 const char  *db,
                 GError     **error)
{
  g_autofree char *path = cg_admin_http_escape (db);
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(GError) local_error = NULL;

  info = cg_admin_http_get (p->http, path, &local_error);
  if (info != NULL)
    return TRUE;
  if (!g_error_matches (local_error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_NOT_PROVISIONED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);
  created = cg_admin_http_put (p->http, path, NULL, &local_error);
  /* 412: someone made it in between; that is what we wanted. */
  if (created == NULL && !g_error_matches (local_error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  print_step (p->quiet, _("Created the database %s."), db);
  g_ptr_array_add (p->changes, g_strdup_printf ("database %s", db));
  return TRUE;
}

/* Adds @role to @section.roles of @security; TRUE if it was missing. */
static gboolean
security_add_role (JsonObject *security,
                   const char *section,
                   const char *role)
{
  JsonObject *part = cg_json_get_object (security, section);
  JsonArray *roles;

  if (part == NULL)
    {
      part = json_object_new ();
      json_object_set_object_member (security, section, part);
    }
  if (cg_json_get_array (part, "names") == NULL)
    json_object_set_array_member (part, "names", json_array_new ());
  roles = cg_json_get_array (part, "roles");
  if (roles == NULL)
    {
      roles = json_array_new ();
      json_object_set_array_member (part, "roles", roles);
    }
  if (array_has_string (roles, role))
    return FALSE;
  json_array_add_string_element (roles, role);
  return TRUE;
}

/* Members: the role of the devices that use this database; admins: the
 * regional admins' role. Names and roles an admin added by hand stay. */
static gboolean
ensure_security (Provision   *p,
                 const char  *db,
                 const char  *member_role,
                 GError     **error)
{
  g_autofree char *e_db = cg_admin_http_escape (db);
  g_autofree char *path = g_strconcat (e_db, "/_security", NULL);
  g_autoptr(JsonNode) node = cg_admin_http_get (p->http, path, error);
  g_autoptr(JsonNode) reply = NULL;
  JsonObject *security;
  gboolean changed = FALSE;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* An empty _security may come back as nothing at all. */
      json_node_unref (node);
      node = node_from_object (json_object_new ());
    }
  security = json_node_get_object (node);
  changed |= security_add_role (security, "members", member_role);
  changed |= security_add_role (security, "admins", ADMIN_ROLE);
  if (!changed)
    return TRUE;
  reply = cg_admin_http_put (p->http, path, node, error);
  if (reply == NULL)
    return FALSE;
  print_step (p->quiet, _("Set who may use %s: devices with the role %s, admins with %s."),
              db, member_role, ADMIN_ROLE);
  g_ptr_array_add (p->changes, g_strdup_printf ("security %s", db));
  return TRUE;
}

/* The design document's Changgu fields, from the compiled-in files. */
static void
design_fields (char **validate,
               char **kiosk_to_store,
               char **store_to_kiosk)
{
  *validate = resource_text ("changgu-rules.js");
  *kiosk_to_store = resource_text ("filter-kiosk-to-store.js");
  *store_to_kiosk = resource_text ("filter-store-to-kiosk.js");
}

static gboolean
ensure_design (Provision   *p,
               const char  *db,
               GError     **error)
{
  g_autofree char *path = doc_path (db, DESIGN_ID);
  g_autofree char *validate = NULL, *k2s = NULL, *s2k = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) reply = NULL;
  JsonObject *design, *filters;
  gboolean existed;

  design_fields (&validate, &k2s, &s2k);
  node = cg_admin_http_get_doc (p->http, db, DESIGN_ID, &local_error);
  if (node == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  existed = node_object (node) != NULL;
  if (!existed)
    {
      g_clear_pointer (&node, json_node_unref);
      node = node_from_object (json_object_new ());
      json_object_set_string_member (json_node_get_object (node), "_id", DESIGN_ID);
    }
  design = json_node_get_object (node);
  filters = cg_json_get_object (design, "filters");

  /* Only rewritten when a Changgu field differs: other fields (a view an
   * admin added) are kept. */
  if (existed &&
      g_strcmp0 (cg_json_get_string (design, "validate_doc_update"), validate) == 0 &&
      g_strcmp0 (cg_json_get_string (design, "language"), "javascript") == 0 &&
      g_strcmp0 (cg_json_get_string (filters, "kiosk_to_store"), k2s) == 0 &&
      g_strcmp0 (cg_json_get_string (filters, "store_to_kiosk"), s2k) == 0)
    return TRUE;

  json_object_set_string_member (design, "language", "javascript");
  json_object_set_string_member (design, "validate_doc_update", validate);
  if (filters == NULL)
    {
      filters = json_object_new ();
      json_object_set_object_member (design, "filters", filters);
    }
  json_object_set_string_member (filters, "kiosk_to_store", k2s);
  json_object_set_string_member (filters, "store_to_kiosk", s2k);

  reply = cg_admin_http_put (p->http, path, node, error);
  if (reply == NULL)
    return FALSE;
  if (existed)
    print_step (p->quiet, _("Updated the write rules of %s."), db);
  else
    print_step (p->quiet, _("Installed the write rules in %s."), db);
  g_ptr_array_add (p->changes, g_strdup_printf ("rules %s", db));
  return TRUE;
}

/* pouchdb-server answers GET / with "express-pouchdb"; CouchDB with
 * "couchdb". pouchdb-server 4.2.0 does emulate _replicator (express-pouchdb's
 * pouchdb-replicator, in the server's own process), and a quick trial ran
 * these filtered documents; but it is not part of the test peer measured in
 * TEST-PEER.md, so with it the relay is the supported way. */
static gboolean
server_is_pouchdb (CgAdminHttp  *http,
                   gboolean     *is_pouchdb,
                   GError      **error)
{
  g_autoptr(JsonNode) root = cg_admin_http_get (http, "", error);

  if (root == NULL)
    return FALSE;
  *is_pouchdb = node_object (root) != NULL &&
                json_object_has_member (node_object (root), "express-pouchdb");
  return TRUE;
}

/* A replication document the way CouchDB 3 wants it: full URLs (local
 * database names are gone in 3.x) with the relay user's credentials in an
 * Authorization header, which every 2.x/3.x version accepts. */
static JsonObject *
replication_doc (const char *id,
                 const char *base,
                 const char *source_db,
                 const char *target_db,
                 const char *filter,
                 const char *authorization)
{
  JsonObject *doc = json_object_new ();
  const char *dbs[2] = { source_db, target_db };
  const char *ends[2] = { "source", "target" };

  json_object_set_string_member (doc, "_id", id);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *end = json_object_new ();
      JsonObject *headers = json_object_new ();
      g_autofree char *e_db = cg_admin_http_escape (dbs[i]);
      g_autofree char *url = g_strconcat (base, "/", e_db, NULL);

      json_object_set_string_member (end, "url", url);
      json_object_set_string_member (headers, "Authorization", authorization);
      json_object_set_object_member (end, "headers", headers);
      json_object_set_object_member (doc, ends[i], end);
    }
  json_object_set_string_member (doc, "filter", filter);
  json_object_set_boolean_member (doc, "continuous", TRUE);
  json_object_set_boolean_member (doc, "create_target", FALSE);
  return doc;
}

/* Whether an existing replication document already says what we want,
 * credentials aside (they are checked by whether the relay user is new). */
static gboolean
replication_same (JsonObject *have,
                  JsonObject *want)
{
  const char *ends[2] = { "source", "target" };

  if (have == NULL)
    return FALSE;
  for (guint i = 0; i < 2; i++)
    if (g_strcmp0 (cg_json_get_string (cg_json_get_object (have, ends[i]), "url"),
                   cg_json_get_string (cg_json_get_object (want, ends[i]), "url")) != 0)
      return FALSE;
  return g_strcmp0 (cg_json_get_string (have, "filter"), cg_json_get_string (want, "filter")) == 0 &&
         json_object_get_boolean_member_with_default (have, "continuous", FALSE);
}

static gboolean
ensure_replications (Provision   *p,
                     GError     **error)
{
  g_autofree char *relay = g_strconcat ("changgu-relay-", p->store, NULL);
  g_autofree char *user_id = g_strconcat ("org.couchdb.user:", relay, NULL);
  g_autofree char *store_db = g_strconcat ("changgu-store-", p->store, NULL);
  g_autofree char *kiosk_db = g_strconcat ("changgu-kiosk-", p->store, NULL);
  g_autofree char *id_k2s = g_strdup_printf ("changgu-%s-kiosk-to-store", p->store);
  g_autofree char *id_s2k = g_strdup_printf ("changgu-%s-store-to-kiosk", p->store);
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(JsonNode) have_k2s = NULL;
  g_autoptr(JsonNode) have_s2k = NULL;
  g_autoptr(JsonObject) want_k2s = NULL;
  g_autoptr(JsonObject) want_s2k = NULL;
  g_autofree char *password = NULL;
  g_autofree char *authorization = NULL;
  const char *base = cg_admin_http_get_url (p->http);
  guint status = 0;

  {
    /* CouchDB 3 creates _replicator at setup; a server without it cannot
     * run replications from documents. */
    g_autoptr(JsonNode) info = cg_admin_http_request (p->http, "GET", "_replicator", NULL, &status, NULL);
    if (info == NULL)
      {
        g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_FAILED,
                     _("%s has no _replicator database (HTTP %u): create it (PUT /_replicator) or run “changgu-admin relay --store %s” instead of --replicator"),
                     base, status, p->store);
        return FALSE;
      }
  }

  user = cg_admin_http_get_doc (p->http, "_users", user_id, error);
  if (user == NULL && error != NULL && *error != NULL)
    return FALSE;
  have_k2s = cg_admin_http_get_doc (p->http, "_replicator", id_k2s, error);
  if (have_k2s == NULL && error != NULL && *error != NULL)
    return FALSE;
  have_s2k = cg_admin_http_get_doc (p->http, "_replicator", id_s2k, error);
  if (have_s2k == NULL && error != NULL && *error != NULL)
    return FALSE;

  want_k2s = replication_doc (id_k2s, base, kiosk_db, store_db, "changgu/kiosk_to_store", "");
  want_s2k = replication_doc (id_s2k, base, store_db, kiosk_db, "changgu/store_to_kiosk", "");
  if (node_object (user) != NULL &&
      replication_same (node_object (have_k2s), want_k2s) &&
      replication_same (node_object (have_s2k), want_s2k))
    return TRUE;

  /* The relay user: a member of both databases (their member roles) and
   * trusted by the rules (changgu-relay-<store>). Its password exists only
   * in the two documents below, so it is set anew whenever they are. */
  password = random_password ();
  {
    g_autoptr(JsonObject) doc = node_object (user) ? cg_json_copy (node_object (user)) : json_object_new ();
    g_autoptr(JsonNode) body = NULL;
    g_autoptr(JsonNode) reply = NULL;
    g_autofree char *path = doc_path ("_users", user_id);
    g_autofree char *store_role = g_strconcat ("changgu-store-", p->store, NULL);
    g_autofree char *kiosk_role = g_strconcat ("changgu-kiosk-", p->store, NULL);
    const char *roles[] = { store_role, kiosk_role, relay, NULL };

    json_object_set_string_member (doc, "_id", user_id);
    json_object_set_string_member (doc, "name", relay);
    json_object_set_string_member (doc, "type", "user");
    json_object_set_array_member (doc, "roles", string_array (roles));
    json_object_set_string_member (doc, "password", password);
    body = node_from_object (json_object_ref (doc));
    reply = cg_admin_http_put (p->http, path, body, error);
    if (reply == NULL)
      return FALSE;
  }
  {
    g_autofree char *pair = g_strconcat (relay, ":", password, NULL);
    g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
    authorization = g_strconcat ("Basic ", encoded, NULL);
  }

  for (guint i = 0; i < 2; i++)
    {
      const char *id = i == 0 ? id_k2s : id_s2k;
      JsonObject *have = node_object (i == 0 ? have_k2s : have_s2k);
      g_autoptr(JsonObject) doc = replication_doc (id, base,
                                                   i == 0 ? kiosk_db : store_db,
                                                   i == 0 ? store_db : kiosk_db,
                                                   i == 0 ? "changgu/kiosk_to_store" : "changgu/store_to_kiosk",
                                                   authorization);
      g_autofree char *path = doc_path ("_replicator", id);
      g_autoptr(JsonNode) body = NULL;
      g_autoptr(JsonNode) reply = NULL;

      json_object_set_string_member (doc, "changgu_store", p->store);
      if (have != NULL && cg_json_get_string (have, "_rev") != NULL)
        json_object_set_string_member (doc, "_rev", cg_json_get_string (have, "_rev"));
      body = node_from_object (json_object_ref (doc));
      reply = cg_admin_http_put (p->http, path, body, error);
      if (reply == NULL)
        return FALSE;
      print_step (p->quiet, _("Wrote the replication %s (%s → %s)."), id,
                  i == 0 ? kiosk_db : store_db, i == 0 ? store_db : kiosk_db);
      g_ptr_array_add (p->changes, g_strdup_printf ("replication %s", id));
    }
  sodium_memzero (password, strlen (password));
  return TRUE;
}

int
cg_admin_provision_main (int    argc,
                         char **argv)
{
  const char *command = "provision";
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *store = NULL;
  gboolean replicator = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    CG_ADMIN_HTTP_OPTIONS (server, user),
    { "store", 0, 0, G_OPTION_ARG_STRING, &store, N_("The store id (digits, lower-case letters, - and _)"), N_("S") },
    { "replicator", 0, 0, G_OPTION_ARG_NONE, &replicator,
      N_("Also create the kiosk↔store _replicator documents (Apache CouchDB)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print what changed as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CgAdminHttp) http = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *store_db = NULL, *kiosk_db = NULL, *store_role = NULL, *kiosk_role = NULL;
  int exit_code = CG_ADMIN_EXIT_OK;
  Provision p = { 0 };

  context = cg_admin_option_context_new (command, "",
                                         _("Create a store's databases on the central server, with their access rules."),
                                         _("Creates changgu-store-S and changgu-kiosk-S if missing, lets devices of the "
                                           "store in (roles changgu-store-S and changgu-kiosk-S) and regional admins "
                                           "(role changgu-admin), and installs the write rules (_design/changgu). "
                                           "Running it again changes only what differs.\n\n"
                                           "With --replicator (Apache CouchDB), also creates the two filtered "
                                           "_replicator documents that join the kiosk and store databases. "
                                           "With pouchdb-server, run “changgu-admin relay --store S” instead."),
                                         entries);
  if (!cg_admin_parse_options (context, command, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return cg_admin_usage_error (command, _("unexpected argument “%s”"), argv[1]);
  if (server == NULL)
    return cg_admin_usage_error (command, _("Say which server with --server URL."));
  if (store == NULL)
    return cg_admin_usage_error (command, _("Say which store with --store S."));
  if (!store_id_ok (store))
    return cg_admin_usage_error (command,
                                 _("“%s” cannot be a store id: use digits, lower-case letters, “-” and “_” (it becomes part of database names)."),
                                 store);

  http = cg_admin_http_new (server, user, &error);
  if (http == NULL)
    return g_error_matches (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_BAD_URL)
           ? cg_admin_usage_error (command, "%s", error->message)
           : cg_admin_failure (command, "%s", error->message);

  if (replicator)
    {
      gboolean pouchdb = FALSE;
      if (!server_is_pouchdb (http, &pouchdb, &error))
        return cg_admin_failure (command, "%s", error->message);
      /* The tests set CHANGGU_ADMIN_POUCHDB_REPLICATOR=1 to exercise the
       * _replicator documents against the only peer they have. */
      if (pouchdb && g_strcmp0 (g_getenv ("CHANGGU_ADMIN_POUCHDB_REPLICATOR"), "1") != 0)
        return cg_admin_failure (command,
                                 _("%s is pouchdb-server, whose _replicator emulation Changgu does not rely on: "
                                   "leave out --replicator and run “changgu-admin relay --server URL --store %s”."),
                                 cg_admin_http_get_url (http), store);
    }

  p.http = http;
  p.store = store;
  p.quiet = json;
  p.changes = changes;
  store_db = g_strconcat ("changgu-store-", store, NULL);
  kiosk_db = g_strconcat ("changgu-kiosk-", store, NULL);
  store_role = g_strconcat ("changgu-store-", store, NULL);
  kiosk_role = g_strconcat ("changgu-kiosk-", store, NULL);

  if (!ensure_database (&p, store_db, &error) ||
      !ensure_database (&p, kiosk_db, &error) ||
      !ensure_security (&p, store_db, store_role, &error) ||
      !ensure_security (&p, kiosk_db, kiosk_role, &error) ||
      !ensure_design (&p, store_db, &error) ||
      !ensure_design (&p, kiosk_db, &error) ||
      (replicator && !ensure_replications (&p, &error)))
    return cg_admin_failure (command, "%s", error->message);

  if (json)
    {
      g_autoptr(GString) out = g_string_new ("{\"store\": ");
      cg_admin_append_json_string (out, store);
      g_string_append (out, ", \"server\": ");
      cg_admin_append_json_string (out, cg_admin_http_get_url (http));
      g_string_append_printf (out, ", \"already_provisioned\": %s, \"changed\": [",
                              changes->len == 0 ? "true" : "false");
      for (guint i = 0; i < changes->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          cg_admin_append_json_string (out, g_ptr_array_index (changes, i));
        }
      g_string_append (out, "]}\n");
      g_print ("%s", out->str);
    }
  else if (changes->len == 0)
    g_print (_("Store %s is already provisioned on %s: nothing changed.\n"), store, cg_admin_http_get_url (http));
  else
    {
      g_print (_("Store %s is provisioned on %s.\n"), store, cg_admin_http_get_url (http));
      if (!replicator)
        g_print (_("Join the kiosk and store databases with --replicator (Apache CouchDB) or “changgu-admin relay --store %s”.\n"),
                 store);
    }
  return CG_ADMIN_EXIT_OK;
}

/* --------------------------------------------------------- add-device */

/* A trusted key from a .pub file: either the JSON {key_id, public_key} or
 * the bare base64 key, whose key id is then the file name without .pub
 * (keygen writes DIR/ID.pub). */
static JsonObject *
read_public_key (const char  *path,
                 GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) object = NULL;
  guchar raw[crypto_sign_PUBLICKEYBYTES + 8];
  size_t raw_len = 0;
  JsonObject *result;

  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("cannot read the public key %s: %s"), path, local_error->message);
      return NULL;
    }
  g_strstrip (text);
  if (text[0] == '{')
    {
      object = cg_json_from_string (text, NULL);
      if (object != NULL)
        {
          key_id = g_strdup (cg_json_get_string (object, "key_id"));
          key = g_strdup (cg_json_get_string (object, "public_key"));
        }
    }
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      if (g_str_has_suffix (base, ".pub"))
        base[strlen (base) - 4] = '\0';
      key_id = g_steal_pointer (&base);
      key = g_strdup (text);
    }
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  if (key_id == NULL || *key_id == '\0' || key == NULL ||
      sodium_base642bin (raw, sizeof raw, key, strlen (key), NULL, &raw_len, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0 ||
      raw_len != crypto_sign_PUBLICKEYBYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not a public key from “changgu-admin keygen” (an Ed25519 key in base64); give the .pub file, not the .key file."),
                   path);
      return NULL;
    }
  result = json_object_new ();
  json_object_set_string_member (result, "key_id", key_id);
  json_object_set_string_member (result, "public_key", key);
  return result;
}

/* The next free prefix: C1, C2… for counters, K1, K2… for kiosks, looking
 * at the users this store already has (device-S-c1…). */
static char *
next_prefix (CgAdminHttp  *http,
             const char   *store,
             char          letter,
             GError      **error)
{
  g_autofree char *stem = g_strdup_printf ("org.couchdb.user:device-%s-%c", store, g_ascii_tolower (letter));
  g_autofree char *start = NULL, *end = NULL, *e_start = NULL, *e_end = NULL, *path = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GHashTable) used = g_hash_table_new (g_direct_hash, g_direct_equal);
  JsonArray *rows;

  start = g_strdup_printf ("\"%s\"", stem);
  end = g_strdup_printf ("\"%s\xef\xbf\xb0\"", stem);
  e_start = g_uri_escape_string (start, NULL, FALSE);
  e_end = g_uri_escape_string (end, NULL, FALSE);
  path = g_strdup_printf ("_users/_all_docs?startkey=%s&endkey=%s", e_start, e_end);
  node = cg_admin_http_get (http, path, error);
  if (node == NULL)
    return NULL;
  rows = cg_json_get_array (node_object (node), "rows");
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      const char *id = cg_json_get_string (json_node_get_object (json_array_get_element (rows, i)), "id");
      guint64 n = 0;

      if (id != NULL && g_str_has_prefix (id, stem) &&
          g_ascii_string_to_unsigned (id + strlen (stem), 10, 1, 9999, &n, NULL))
        g_hash_table_add (used, GUINT_TO_POINTER ((guint) n));
    }
  for (guint n = 1; ; n++)
    if (!g_hash_table_contains (used, GUINT_TO_POINTER (n)))
      return g_strdup_printf ("%c%u", letter, n);
}

/* A prefix appears in case numbers and tickets ("K1-042"): an upper-case
 * letter and up to three letters or digits. */
static gboolean
prefix_ok (const char *prefix)
{
  gsize len = strlen (prefix);

  if (len < 1 || len > 4 || !g_ascii_isupper (prefix[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isupper (prefix[i]) && !g_ascii_isdigit (prefix[i]))
      return FALSE;
  return TRUE;
}

static gboolean
store_provisioned (CgAdminHttp  *http,
                   const char   *store,
                   GError      **error)
{
  g_auto(GStrv) dbs = cg_admin_http_store_databases (store);

  for (guint i = 0; dbs[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) design = cg_admin_http_get_doc (http, dbs[i], DESIGN_ID, &local_error);

      if (local_error != NULL &&
          !g_error_matches (local_error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_NOT_PROVISIONED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (design == NULL)
        {
          g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_NOT_PROVISIONED,
                       _("store %s is not provisioned on %s (%s or its rules are missing): run “changgu-admin provision --store %s” first"),
                       store, cg_admin_http_get_url (http), dbs[i], store);
          return FALSE;
        }
    }
  return TRUE;
}

int
cg_admin_add_device_main (int    argc,
                          char **argv)
{
  const char *command = "add-device";
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *store = NULL;
  g_autofree char *role = NULL;
  g_autofree char *out = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *region = NULL;
  g_autofree char *ca = NULL;
  g_auto(GStrv) trust = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    CG_ADMIN_HTTP_OPTIONS (server, user),
    { "store", 0, 0, G_OPTION_ARG_STRING, &store, N_("The store id (provisioned already)"), N_("S") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("counter or kiosk"), N_("ROLE") },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &trust,
      N_("A public key (from keygen) the device trusts for configuration; repeat for more"), N_("KEY.pub") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Where to write the provisioning file (must not exist)"), N_("FILE") },
    { "prefix", 0, 0, G_OPTION_ARG_STRING, &prefix,
      N_("Prefix for the device's case numbers and tickets (default: the next free C1, C2… or K1, K2…)"), N_("C2") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("The store's region, for region-wide configuration"), N_("R") },
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, &ca, N_("A CA certificate (PEM) the device pins for the server"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the new device as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CgAdminHttp) http = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) keys = json_array_new ();
  g_autoptr(GPtrArray) key_files = g_ptr_array_new ();
  g_autofree char *ca_pem = NULL;
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *database = NULL;
  g_autofree char *file_text = NULL;
  gboolean counter;
  int exit_code = CG_ADMIN_EXIT_OK;
  int fd;

  context = cg_admin_option_context_new (command, _("[KEY.pub…]"),
                                         _("Create a device's server account and its provisioning file."),
                                         _("Makes the CouchDB user device-S-<prefix> with a random password and the "
                                           "role of the store's counters or kiosks, and writes the provisioning file "
                                           "the device is set up with (“changgu --provision FILE”). The file holds "
                                           "the password: it is written readable only by you; hand it over safely "
                                           "and delete it after use. Key files after the options are trusted too."),
                                         entries);
  if (!cg_admin_parse_options (context, command, &argc, &argv, &exit_code))
    return exit_code;

  for (guint i = 0; trust != NULL && trust[i] != NULL; i++)
    g_ptr_array_add (key_files, trust[i]);
  /* `--trust a.pub b.pub` as a shell glob expands it. */
  for (int i = 1; i < argc; i++)
    {
      if (trust == NULL || !g_str_has_suffix (argv[i], ".pub"))
        return cg_admin_usage_error (command, _("unexpected argument “%s”"), argv[i]);
      g_ptr_array_add (key_files, argv[i]);
    }

  if (server == NULL)
    return cg_admin_usage_error (command, _("Say which server with --server URL."));
  if (store == NULL)
    return cg_admin_usage_error (command, _("Say which store with --store S."));
  if (!store_id_ok (store))
    return cg_admin_usage_error (command,
                                 _("“%s” cannot be a store id: use digits, lower-case letters, “-” and “_” (it becomes part of database names)."),
                                 store);
  if (role == NULL || (!g_str_equal (role, "counter") && !g_str_equal (role, "kiosk")))
    return cg_admin_usage_error (command, _("Say what the device is with --role counter or --role kiosk."));
  if (key_files->len == 0)
    return cg_admin_usage_error (command,
                                 _("Give at least one --trust KEY.pub: without a trusted key the device accepts no configuration."));
  if (out == NULL)
    return cg_admin_usage_error (command, _("Say where to write the provisioning file with --out FILE."));
  if (prefix != NULL)
    {
      g_autofree char *upper = g_ascii_strup (prefix, -1);
      g_free (prefix);
      prefix = g_steal_pointer (&upper);
      if (!prefix_ok (prefix))
        return cg_admin_usage_error (command,
                                     _("“%s” cannot be a device prefix: use a letter and up to three letters or digits, like C2 or K1."),
                                     prefix);
    }
  counter = g_str_equal (role, "counter");

  /* Everything that can be checked before touching the server. */
  if (g_file_test (out, G_FILE_TEST_EXISTS))
    return cg_admin_failure (command,
                             _("%s already exists: it may be another device's provisioning file. Choose another --out or remove it."),
                             out);
  for (guint i = 0; i < key_files->len; i++)
    {
      JsonObject *key = read_public_key (g_ptr_array_index (key_files, i), &error);
      if (key == NULL)
        return cg_admin_failure (command, "%s", error->message);
      json_array_add_object_element (keys, key);
    }
  if (ca != NULL)
    {
      g_autoptr(GTlsCertificate) certificate = NULL;
      if (!g_file_get_contents (ca, &ca_pem, NULL, &error))
        return cg_admin_failure (command, _("cannot read the CA certificate: %s"), error->message);
      certificate = g_tls_certificate_new_from_pem (ca_pem, -1, &error);
      if (certificate == NULL)
        return cg_admin_failure (command, _("%s is not a PEM certificate: %s"), ca, error->message);
    }

  http = cg_admin_http_new (server, user, &error);
  if (http == NULL)
    return g_error_matches (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_BAD_URL)
           ? cg_admin_usage_error (command, "%s", error->message)
           : cg_admin_failure (command, "%s", error->message);
  if (!store_provisioned (http, store, &error))
    return cg_admin_failure (command, "%s", error->message);

  if (prefix == NULL)
    {
      prefix = next_prefix (http, store, counter ? 'C' : 'K', &error);
      if (prefix == NULL)
        return cg_admin_failure (command, "%s", error->message);
    }
  {
    g_autofree char *lower = g_ascii_strdown (prefix, -1);
    username = g_strdup_printf ("device-%s-%s", store, lower);
  }
  user_id = g_strconcat ("org.couchdb.user:", username, NULL);
  {
    g_autoptr(JsonNode) existing = cg_admin_http_get_doc (http, "_users", user_id, &error);
    if (existing == NULL && error != NULL)
      return cg_admin_failure (command, "%s", error->message);
    if (existing != NULL)
      return cg_admin_failure (command,
                               _("the prefix %s is taken in store %s (user %s exists): choose another --prefix or leave it out"),
                               prefix, store, username);
  }

  /* Reserve the file before the account exists, so that a file that
   * appeared meanwhile or an unwritable directory leaves nothing behind. */
  fd = g_open (out, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      return cg_admin_failure (command, _("cannot create %s: %s"), out, g_strerror (saved));
    }

  password = random_password ();
  device_id = g_uuid_string_random ();
  database = g_strconcat (counter ? "changgu-store-" : "changgu-kiosk-", store, NULL);
  {
    g_autofree char *member_role = g_strconcat (counter ? "changgu-store-" : "changgu-kiosk-", store, NULL);
    g_autofree char *device_role = g_strconcat ("changgu-device-", device_id, NULL);
    g_autofree char *path = doc_path ("_users", user_id);
    g_autofree char *now = cg_json_timestamp_now ();
    const char *roles[] = { member_role, device_role, NULL };
    JsonObject *doc = json_object_new ();
    JsonObject *info = json_object_new ();
    g_autoptr(JsonNode) body = NULL;
    g_autoptr(JsonNode) reply = NULL;

    /* changgu-device-<id> lets the rules tell a kiosk's own device
     * document from another's (userCtx carries only name and roles). */
    json_object_set_string_member (doc, "_id", user_id);
    json_object_set_string_member (doc, "name", username);
    json_object_set_string_member (doc, "type", "user");
    json_object_set_array_member (doc, "roles", string_array (roles));
    json_object_set_string_member (doc, "password", password);
    json_object_set_string_member (info, "store_id", store);
    json_object_set_string_member (info, "role", role);
    json_object_set_string_member (info, "device_id", device_id);
    json_object_set_string_member (info, "device_prefix", prefix);
    json_object_set_string_member (info, "created_at", now);
    json_object_set_object_member (doc, "changgu", info);
    body = node_from_object (doc);
    reply = cg_admin_http_put (http, path, body, &error);
    if (reply == NULL)
      {
        close (fd);
        g_unlink (out);
        return cg_admin_failure (command, "%s", error->message);
      }
  }

  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autoptr(JsonNode) root = NULL;
    g_autoptr(JsonNode) keys_node = json_node_new (JSON_NODE_ARRAY);
    gsize len, written = 0;

    json_node_set_array (keys_node, keys);
    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "server");
    json_builder_add_string_value (builder, cg_admin_http_get_url (http));
    json_builder_set_member_name (builder, "database");
    json_builder_add_string_value (builder, database);
    json_builder_set_member_name (builder, "store_id");
    json_builder_add_string_value (builder, store);
    json_builder_set_member_name (builder, "role");
    json_builder_add_string_value (builder, role);
    json_builder_set_member_name (builder, "device_id");
    json_builder_add_string_value (builder, device_id);
    json_builder_set_member_name (builder, "device_prefix");
    json_builder_add_string_value (builder, prefix);
    json_builder_set_member_name (builder, "username");
    json_builder_add_string_value (builder, username);
    json_builder_set_member_name (builder, "password");
    json_builder_add_string_value (builder, password);
    if (region != NULL)
      {
        json_builder_set_member_name (builder, "region");
        json_builder_add_string_value (builder, region);
      }
    json_builder_set_member_name (builder, "trusted_keys");
    json_builder_add_value (builder, json_node_ref (keys_node));
    if (ca_pem != NULL)
      {
        json_builder_set_member_name (builder, "ca_certificate");
        json_builder_add_string_value (builder, ca_pem);
      }
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    json_generator_set_root (generator, root);
    json_generator_set_pretty (generator, TRUE);
    file_text = json_generator_to_data (generator, &len);

    while (written < len)
      {
        gssize n = write (fd, file_text + written, len - written);
        if (n < 0 && errno == EINTR)
          continue;
        if (n <= 0)
          break;
        written += (gsize) n;
      }
    if (written < len || write (fd, "\n", 1) != 1 || fsync (fd) != 0 || close (fd) != 0)
      {
        int saved = errno;
        g_unlink (out);
        return cg_admin_failure (command,
                                 _("cannot write %s: %s (the user %s was created: remove it from _users or run add-device again with another --prefix)"),
                                 out, g_strerror (saved), username);
      }
    sodium_memzero (file_text, len);
  }

  if (json)
    {
      g_autoptr(GString) text = g_string_new ("{\"username\": ");
      cg_admin_append_json_string (text, username);
      g_string_append (text, ", \"device_id\": ");
      cg_admin_append_json_string (text, device_id);
      g_string_append (text, ", \"device_prefix\": ");
      cg_admin_append_json_string (text, prefix);
      g_string_append (text, ", \"role\": ");
      cg_admin_append_json_string (text, role);
      g_string_append (text, ", \"store_id\": ");
      cg_admin_append_json_string (text, store);
      g_string_append (text, ", \"database\": ");
      cg_admin_append_json_string (text, database);
      g_string_append (text, ", \"file\": ");
      cg_admin_append_json_string (text, out);
      g_string_append (text, "}\n");
      g_print ("%s", text->str);
    }
  else
    {
      g_print (counter ? _("Added counter %s of store %s as %s.\n") : _("Added kiosk %s of store %s as %s.\n"),
               prefix, store, username);
      g_print (_("Its provisioning file is %s. It holds the password: hand it over safely and delete it after use.\n"), out);
    }
  sodium_memzero (password, strlen (password));
  return CG_ADMIN_EXIT_OK;
}
