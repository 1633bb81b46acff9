/* test-admin-config.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin keygen, config push, config show and fleet, run as a
 * subprocess against a real pouchdb-server (tests/cg-test-peer.h) with an
 * admin: the files and modes keygen writes, the documents push stores (read
 * back from the server and verified independently of the tool), and the
 * errors an admin meets (key too open, value out of range, wrong password,
 * store not provisioned, bad URL, server down).
 */
#include "config.h"

#include <string.h>
#include <sodium.h>
#include <sys/stat.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "changgu-core.h"
#include "cg-test-peer.h"
#include "cg-admin-test-util.h"

#define ADMIN_NAME     "admin"
#define ADMIN_PASSWORD "pa:ss w0rd"   /* needs escaping in a URL */

static CgTestPeer *peer;

typedef CgAdminResult Result;
#define result_clear cg_admin_result_clear
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, cg_admin_result_clear)

typedef struct {
  char *dir;
  char *url;        /* with the admin's credentials */
  char *key;        /* DIR/test.key */
  char *pub;        /* DIR/test.pub */
} Fixture;

/* Runs changgu-admin with @argv (NULL-terminated) in @dir; @password, when
 * not NULL, goes into CHANGGU_ADMIN_PASSWORD (otherwise it is unset, and
 * stdin is a pipe, so nothing can prompt). */
static void
run_admin (Result             *result,
           const char         *dir,
           const char         *password,
           const char * const *argv)
{
  g_autofree char *setting = password ? g_strconcat ("CHANGGU_ADMIN_PASSWORD=", password, NULL) : NULL;
  /* Without a password the variable is unset, and stdin is empty, so
   * nothing can prompt. */
  const char * const env[] = { setting ? setting : "CHANGGU_ADMIN_PASSWORD", NULL };

  cg_admin_test_run (result, dir, NULL, env, argv);
}

#define RUN(result, dir, password, ...) \
  run_admin ((result), (dir), (password), (const char * const[]) { __VA_ARGS__, NULL })

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = parse_json (text);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
create_db (const char *name)
{
  g_autoptr(GError) error = NULL;

  cg_test_peer_create_db (peer, name, &error);
  g_assert_no_error (error);
}

/* A store's two databases, as provision would make them. */
static void
create_store (const char *store)
{
  g_autofree char *s = g_strconcat ("changgu-store-", store, NULL);
  g_autofree char *k = g_strconcat ("changgu-kiosk-", store, NULL);

  create_db (s);
  create_db (k);
}

/* The document @id of @db on the server (as admin), or NULL on 404. */
static JsonObject *
server_doc (const char *db,
            const char *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/", db, "/", escaped, NULL);
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = cg_test_peer_request (peer, "GET", path, NULL, &status);
  if (status == 404)
    return NULL;
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static void
put_doc (const char *db,
         const char *id,
         const char *json)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/", db, "/", escaped, NULL);
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = cg_test_peer_request (peer, "PUT", path, json, &status);
  g_assert_cmpuint (status, ==, 201);
}

static gint64
int_member (JsonObject *obj,
            const char *name)
{
  gint64 v = -1;

  g_assert_true (cg_json_get_int (obj, name, &v));
  return v;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = g_uri_escape_string (ADMIN_PASSWORD, NULL, FALSE);
  g_autofree char *host = g_strdup (cg_test_peer_get_url (peer) + strlen ("http://"));
  g_auto(Result) keygen = { 0 };

  f->dir = g_dir_make_tmp ("changgu-admin-config-XXXXXX", &error);
  g_assert_no_error (error);
  f->url = g_strdup_printf ("http://%s:%s@%s", ADMIN_NAME, escaped, host);
  f->key = g_build_filename (f->dir, "test.key", NULL);
  f->pub = g_build_filename (f->dir, "test.pub", NULL);
  RUN (&keygen, f->dir, NULL, "keygen", "--key-id", "test", "--out", f->dir);
  g_assert_cmpint (keygen.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cg_test_peer_assert_alive (peer);
  cg_admin_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->url);
  g_free (f->key);
  g_free (f->pub);
}

/* ------------------------------------------------------------------------ */

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_keygen (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "keys", "nested", NULL);
  g_autofree char *key = g_build_filename (out, "seoul-2026.key", NULL);
  g_autofree char *pub = g_build_filename (out, "seoul-2026.pub", NULL);
  g_autofree char *key_text = NULL;
  g_autofree char *pub_text = NULL;
  g_autofree char *again_text = NULL;
  g_autoptr(JsonObject) key_obj = NULL;
  g_autoptr(JsonObject) pub_obj = NULL;
  g_autoptr(JsonObject) json = NULL;
  guchar secret[crypto_sign_SECRETKEYBYTES];
  guchar public[crypto_sign_PUBLICKEYBYTES];
  guchar derived[crypto_sign_PUBLICKEYBYTES];
  gsize len;
  g_auto(Result) first = { 0 };
  g_auto(Result) second = { 0 };
  g_auto(Result) forced = { 0 };
  g_auto(Result) no_id = { 0 };
  g_auto(Result) bad_id = { 0 };
  g_auto(Result) bad_dir = { 0 };
  g_autofree char *plain = write_file (f, "plain-file", "x");
  g_autofree char *under_file = g_build_filename (plain, "keys", NULL);

  RUN (&first, f->dir, NULL, "keygen", "--key-id", "seoul-2026", "--out", out, "--json");
  g_assert_cmpint (first.status, ==, 0);
  json = parse_object (first.out);
  g_assert_cmpstr (cg_json_get_string (json, "private_key_file"), ==, key);
  g_assert_cmpstr (cg_json_get_string (json, "public_key_file"), ==, pub);

  /* Private 0600; the public key is for handing out. */
  g_assert_cmpuint (file_mode (key), ==, 0600);
  g_assert_cmpuint (file_mode (pub) & 0600, ==, 0600);
  g_assert_true (g_file_get_contents (key, &key_text, NULL, NULL));
  g_assert_true (g_file_get_contents (pub, &pub_text, NULL, NULL));
  key_obj = parse_object (key_text);
  pub_obj = parse_object (pub_text);
  g_assert_cmpstr (cg_json_get_string (key_obj, "key_id"), ==, "seoul-2026");
  g_assert_cmpstr (cg_json_get_string (pub_obj, "key_id"), ==, "seoul-2026");
  g_assert_null (cg_json_get_string (pub_obj, "secret_key"));
  g_assert_cmpstr (cg_json_get_string (json, "public_key"), ==, cg_json_get_string (pub_obj, "public_key"));

  /* The two halves belong together: the public key is the one derived from
   * the secret key (libsodium, independently of the tool). */
  g_assert_cmpint (sodium_init (), >=, 0);
  g_assert_cmpint (sodium_base642bin (secret, sizeof secret, cg_json_get_string (key_obj, "secret_key"),
                                      strlen (cg_json_get_string (key_obj, "secret_key")), NULL, &len, NULL,
                                      sodium_base64_VARIANT_ORIGINAL), ==, 0);
  g_assert_cmpuint (len, ==, crypto_sign_SECRETKEYBYTES);
  g_assert_cmpint (sodium_base642bin (public, sizeof public, cg_json_get_string (pub_obj, "public_key"),
                                      strlen (cg_json_get_string (pub_obj, "public_key")), NULL, &len, NULL,
                                      sodium_base64_VARIANT_ORIGINAL), ==, 0);
  g_assert_cmpuint (len, ==, crypto_sign_PUBLICKEYBYTES);
  crypto_sign_ed25519_sk_to_pk (derived, secret);
  g_assert_cmpmem (derived, sizeof derived, public, sizeof public);

  /* Never replaced silently. */
  RUN (&second, f->dir, NULL, "keygen", "--key-id", "seoul-2026", "--out", out);
  g_assert_cmpint (second.status, ==, 1);
  g_assert_nonnull (strstr (second.err, "already exists"));
  g_assert_nonnull (strstr (second.err, "--force"));
  g_assert_true (g_file_get_contents (key, &again_text, NULL, NULL));
  g_assert_cmpstr (again_text, ==, key_text);
  g_clear_pointer (&again_text, g_free);

  /* --force: a new key, still 0600 (even if the old file was loosened). */
  g_assert_cmpint (g_chmod (key, 0644), ==, 0);
  RUN (&forced, f->dir, NULL, "keygen", "--key-id", "seoul-2026", "--out", out, "--force");
  g_assert_cmpint (forced.status, ==, 0);
  g_assert_true (g_file_get_contents (key, &again_text, NULL, NULL));
  g_assert_cmpstr (again_text, !=, key_text);
  g_assert_cmpuint (file_mode (key), ==, 0600);

  RUN (&no_id, f->dir, NULL, "keygen", "--out", out);
  g_assert_cmpint (no_id.status, ==, 2);
  g_assert_nonnull (strstr (no_id.err, "--key-id"));
  RUN (&bad_id, f->dir, NULL, "keygen", "--key-id", "../escape", "--out", out);
  g_assert_cmpint (bad_id.status, ==, 2);
  g_assert_nonnull (strstr (bad_id.err, "../escape"));

  /* A directory that cannot be made (its parent is a file). The tests may
   * run as root, for whom no permission bit makes a directory unwritable. */
  RUN (&bad_dir, f->dir, NULL, "keygen", "--key-id", "k", "--out", under_file);
  g_assert_cmpint (bad_dir.status, ==, 1);
  g_assert_nonnull (strstr (bad_dir.err, under_file));
}

static JsonObject *
push_json (Fixture    *f,
           const char *scope,
           const char *settings_path,
           const char *extra)
{
  g_auto(Result) r = { 0 };

  if (extra != NULL)
    RUN (&r, f->dir, NULL, "config", "push", "--server", f->url, "--key", f->key,
         "--scope", scope, settings_path, "--json", extra);
  else
    RUN (&r, f->dir, NULL, "config", "push", "--server", f->url, "--key", f->key,
         "--scope", scope, settings_path, "--json");
  if (r.status != 0)
    g_printerr ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  return parse_object (r.out);
}

static JsonArray *
trusted_keys (Fixture *f)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) pub = NULL;
  JsonArray *keys = json_array_new ();

  g_assert_true (g_file_get_contents (f->pub, &text, NULL, NULL));
  pub = parse_object (text);
  json_array_add_object_element (keys, json_object_ref (pub));
  return keys;
}

/* The signature is Ed25519 over the RFC 8785 form of the document without
 * _id, _rev and signature — checked here with libsodium directly. */
static void
assert_canonical_signature (Fixture    *f,
                            JsonObject *doc)
{
  g_autoptr(JsonObject) copy = cg_json_copy (doc);
  g_autofree char *canonical = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) pub = NULL;
  guchar public[crypto_sign_PUBLICKEYBYTES];
  guchar sig[crypto_sign_BYTES];
  const char *b64 = cg_json_get_string (doc, "signature");
  gsize len;

  g_assert_nonnull (b64);
  json_object_remove_member (copy, "_id");
  json_object_remove_member (copy, "_rev");
  json_object_remove_member (copy, "signature");
  canonical = cg_canonical_json_object (copy, NULL);
  g_assert_nonnull (canonical);
  /* Canonical: sorted keys, no whitespace. */
  g_assert_true (g_str_has_prefix (canonical, "{\"issued_at\":"));
  g_assert_null (strchr (canonical, '\n'));

  g_assert_true (g_file_get_contents (f->pub, &text, NULL, NULL));
  pub = parse_object (text);
  g_assert_cmpint (sodium_base642bin (public, sizeof public, cg_json_get_string (pub, "public_key"),
                                      strlen (cg_json_get_string (pub, "public_key")), NULL, &len, NULL,
                                      sodium_base64_VARIANT_ORIGINAL), ==, 0);
  g_assert_cmpint (sodium_base642bin (sig, sizeof sig, b64, strlen (b64), NULL, &len, NULL,
                                      sodium_base64_VARIANT_ORIGINAL), ==, 0);
  g_assert_cmpuint (len, ==, crypto_sign_BYTES);
  g_assert_cmpint (crypto_sign_verify_detached (sig, (const guchar *) canonical, strlen (canonical), public), ==, 0);
}

static void
test_push_versions (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *settings = write_file (f, "settings.json",
                                          "{\"kiosk\": {\"idle_timeout_s\": 45, \"idle_warning_s\": 15},"
                                          " \"x_future\": {\"kept\": true}}");
  g_autofree char *other = write_file (f, "other.json", "{\"kiosk\": {\"idle_timeout_s\": 50}}");
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) third = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) kiosk_doc = NULL;
  g_autoptr(JsonArray) keys = trusted_keys (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *host_url = g_strdup (cg_test_peer_get_url (peer));
  g_auto(Result) text = { 0 };
  g_auto(Result) unchanged = { 0 };
  g_auto(Result) by_user = { 0 };
  JsonArray *dbs;

  create_store ("0421");

  first = push_json (f, "store:0421", settings, NULL);
  g_assert_cmpint (int_member (first, "version"), ==, 1);
  g_assert_cmpstr (cg_json_get_string (first, "id"), ==, "config:store:0421");
  dbs = cg_json_get_array (first, "databases");
  g_assert_cmpuint (json_array_get_length (dbs), ==, 2);

  second = push_json (f, "store:0421", settings, NULL);
  g_assert_cmpint (int_member (second, "version"), ==, 2);
  g_assert_true (cg_json_get_bool (second, "changed", FALSE));

  /* What the server holds, in both of the store's databases. */
  doc = server_doc ("changgu-store-0421", "config:store:0421");
  kiosk_doc = server_doc ("changgu-kiosk-0421", "config:store:0421");
  g_assert_nonnull (doc);
  g_assert_nonnull (kiosk_doc);
  g_assert_cmpint (int_member (doc, "version"), ==, 2);
  g_assert_cmpint (int_member (kiosk_doc, "version"), ==, 2);
  g_assert_cmpstr (cg_json_get_string (doc, "type"), ==, "config");
  g_assert_cmpstr (cg_json_get_string (doc, "scope"), ==, "store:0421");
  g_assert_cmpstr (cg_json_get_string (doc, "key_id"), ==, "test");
  g_assert_nonnull (cg_json_get_string (doc, "issued_at"));
  g_assert_true (g_str_has_prefix (cg_json_get_string (doc, "_rev"), "2-"));
  g_assert_true (cg_json_get_bool (cg_json_get_object (cg_json_get_object (doc, "settings"), "x_future"),
                                   "kept", FALSE));
  cg_config_verify_signature (doc, keys, &error);
  g_assert_no_error (error);
  assert_canonical_signature (f, doc);
  assert_canonical_signature (f, kiosk_doc);

  /* --if-changed: the same settings write nothing. */
  RUN (&unchanged, f->dir, NULL, "config", "push", "--server", f->url, "--key", f->key,
       "--scope", "store:0421", settings, "--if-changed");
  g_assert_cmpint (unchanged.status, ==, 0);
  g_assert_nonnull (strstr (unchanged.out, "unchanged"));
  g_clear_pointer (&doc, json_object_unref);
  doc = server_doc ("changgu-store-0421", "config:store:0421");
  g_assert_cmpint (int_member (doc, "version"), ==, 2);

  /* Other settings with --if-changed do get written; text output. */
  RUN (&text, f->dir, NULL, "config", "push", "--server", f->url, "--key", f->key,
       "--scope", "store:0421", other, "--if-changed");
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "config:store:0421 version 3"));
  g_assert_nonnull (strstr (text.out, "changgu-kiosk-0421"));

  /* --user with the password from the environment, URL without user info. */
  RUN (&by_user, f->dir, ADMIN_PASSWORD, "config", "push", "--server", host_url, "--user", ADMIN_NAME,
       "--key", f->key, "--scope", "store:0421", other, "--json");
  g_assert_cmpint (by_user.status, ==, 0);
  third = parse_object (by_user.out);
  g_assert_cmpint (int_member (third, "version"), ==, 4);
}

static void
test_push_global (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *settings = write_file (f, "global.json", "{\"sync\": {\"interval_s\": 120}}");
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(JsonObject) b = NULL;
  JsonArray *dbs;
  gboolean saw_a = FALSE, saw_b = FALSE;

  create_store ("g1");
  create_db ("changgu-store-g2");
  create_db ("not-changgu");

  result = push_json (f, "global", settings, NULL);
  dbs = cg_json_get_array (result, "databases");
  for (guint i = 0; i < json_array_get_length (dbs); i++)
    {
      const char *name = cg_json_get_string (json_array_get_object_element (dbs, i), "name");

      g_assert_true (g_str_has_prefix (name, "changgu-store-") || g_str_has_prefix (name, "changgu-kiosk-"));
      saw_a |= g_str_equal (name, "changgu-kiosk-g1");
      saw_b |= g_str_equal (name, "changgu-store-g2");
    }
  g_assert_true (saw_a && saw_b);
  a = server_doc ("changgu-kiosk-g1", "config:global");
  b = server_doc ("changgu-store-g2", "config:global");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (int_member (a, "version"), ==, int_member (result, "version"));
  g_assert_cmpint (int_member (b, "version"), ==, int_member (result, "version"));
  g_assert_null (server_doc ("not-changgu", "config:global"));
}

static void
test_out_of_range (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *settings = write_file (f, "bad.json", "{\"kiosk\": {\"idle_timeout_s\": 5}}");
  g_autofree char *not_object = write_file (f, "list.json", "[1, 2]");
  g_auto(Result) r = { 0 };
  g_auto(Result) list = { 0 };

  create_store ("0422");
  RUN (&r, f->dir, NULL, "config", "push", "--server", f->url, "--key", f->key,
       "--scope", "store:0422", settings);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "kiosk.idle_timeout_s"));
  g_assert_nonnull (strstr (r.err, "10"));     /* the range */
  g_assert_null (server_doc ("changgu-store-0422", "config:store:0422"));

  RUN (&list, f->dir, NULL, "config", "push", "--server", f->url, "--key", f->key,
       "--scope", "store:0422", not_object);
  g_assert_cmpint (list.status, ==, 1);
  g_assert_nonnull (strstr (list.err, "JSON object"));
}

static void
test_key_too_open (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *settings = write_file (f, "ok.json", "{\"sync\": {\"interval_s\": 60}}");
  g_auto(Result) r = { 0 };
  g_auto(Result) pub = { 0 };
  g_auto(Result) missing = { 0 };
  g_autofree char *expected = g_strdup_printf ("chmod 600 %s", f->key);

  create_store ("0423");
  g_assert_cmpint (g_chmod (f->key, 0644), ==, 0);
  RUN (&r, f->dir, NULL, "config", "push", "--server", f->url, "--key", f->key,
       "--scope", "store:0423", settings);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "key file is too open"));
  g_assert_nonnull (strstr (r.err, expected));
  g_assert_null (server_doc ("changgu-store-0423", "config:store:0423"));

  /* The public key is no signing key. */
  g_assert_cmpint (g_chmod (f->pub, 0600), ==, 0);
  RUN (&pub, f->dir, NULL, "config", "push", "--server", f->url, "--key", f->pub,
       "--scope", "store:0423", settings);
  g_assert_cmpint (pub.status, ==, 1);
  g_assert_nonnull (strstr (pub.err, "public key"));

  RUN (&missing, f->dir, NULL, "config", "push", "--server", f->url, "--key", "nope.key",
       "--scope", "store:0423", settings);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "nope.key"));
}

static void
test_server_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *settings = write_file (f, "ok.json", "{\"sync\": {\"interval_s\": 60}}");
  g_autofree char *wrong_url = g_strdup_printf ("http://%s:wrong@%s", ADMIN_NAME,
                                                cg_test_peer_get_url (peer) + strlen ("http://"));
  g_autofree char *host_url = g_strdup (cg_test_peer_get_url (peer));
  g_autoptr(GSocket) sock = NULL;
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *closed_url = NULL;
  g_auto(Result) wrong = { 0 };
  g_auto(Result) missing = { 0 };
  g_auto(Result) bad_url = { 0 };
  g_auto(Result) refused = { 0 };
  g_auto(Result) no_password = { 0 };
  g_auto(Result) bad_scope = { 0 };
  g_auto(Result) fleet_wrong = { 0 };

  create_store ("0424");
  RUN (&wrong, f->dir, NULL, "config", "push", "--server", wrong_url, "--key", f->key,
       "--scope", "store:0424", settings);
  g_assert_cmpint (wrong.status, ==, 1);
  g_assert_nonnull (strstr (wrong.err, "wrong admin password"));
  /* The password is never echoed. */
  g_assert_null (strstr (wrong.err, "wrong@"));
  g_assert_null (server_doc ("changgu-store-0424", "config:store:0424"));

  RUN (&fleet_wrong, f->dir, "wrong", "fleet", "--server", host_url, "--user", ADMIN_NAME);
  g_assert_cmpint (fleet_wrong.status, ==, 1);
  g_assert_nonnull (strstr (fleet_wrong.err, "wrong admin password"));

  RUN (&missing, f->dir, NULL, "config", "push", "--server", f->url, "--key", f->key,
       "--scope", "store:9999", settings);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "not provisioned"));
  g_assert_nonnull (strstr (missing.err, "changgu-admin provision"));

  RUN (&bad_url, f->dir, NULL, "config", "push", "--server", "localhost:5984", "--key", f->key,
       "--scope", "store:0424", settings);
  g_assert_cmpint (bad_url.status, ==, 2);
  g_assert_nonnull (strstr (bad_url.err, "URL"));

  /* A port nobody listens on: bind one, then close it. */
  sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_assert_true (g_socket_bind (sock, any, TRUE, NULL));
  bound = g_socket_get_local_address (sock, NULL);
  closed_url = g_strdup_printf ("http://127.0.0.1:%u",
                                g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (sock, NULL);
  RUN (&refused, f->dir, NULL, "fleet", "--server", closed_url);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "connection refused"));

  /* --user without a password anywhere, and no terminal to ask on. */
  RUN (&no_password, f->dir, NULL, "fleet", "--server", host_url, "--user", ADMIN_NAME);
  g_assert_cmpint (no_password.status, ==, 1);
  g_assert_nonnull (strstr (no_password.err, "CHANGGU_ADMIN_PASSWORD"));

  RUN (&bad_scope, f->dir, NULL, "config", "push", "--server", f->url, "--key", f->key,
       "--scope", "shop:1", settings);
  g_assert_cmpint (bad_scope.status, ==, 2);
  g_assert_nonnull (strstr (bad_scope.err, "shop:1"));
}

/* A line of @text that contains every one of @needles (NULL-terminated). */
static gboolean
has_line_with (const char         *text,
               const char * const *needles)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean all = TRUE;

      for (guint n = 0; needles[n] != NULL && all; n++)
        all = strstr (lines[i], needles[n]) != NULL;
      if (all)
        return TRUE;
    }
  return FALSE;
}

#define HAS_LINE(text, ...) has_line_with ((text), (const char * const[]) { __VA_ARGS__, NULL })

static void
test_show (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *global = write_file (f, "global.json",
                                        "{\"sync\": {\"interval_s\": 120, \"live\": true},"
                                        " \"kiosk\": {\"idle_timeout_s\": 90, \"languages\": [\"ko\", \"en\"]}}");
  g_autofree char *store = write_file (f, "store.json",
                                       "{\"kiosk\": {\"idle_timeout_s\": 45, \"languages\": [\"ko\"]}}");
  g_autofree char *other_dir = g_build_filename (f->dir, "other", NULL);
  g_autofree char *other_pub = g_build_filename (other_dir, "other.pub", NULL);
  g_autoptr(JsonObject) pushed = NULL;
  g_autoptr(JsonObject) shown = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_auto(Result) scope = { 0 };
  g_auto(Result) untrusted = { 0 };
  g_auto(Result) merge = { 0 };
  g_auto(Result) merge_json = { 0 };
  g_auto(Result) keygen = { 0 };
  g_auto(Result) none = { 0 };
  JsonObject *sources, *settings, *kiosk, *src;

  create_store ("0430");
  g_clear_pointer (&pushed, json_object_unref);
  pushed = push_json (f, "global", global, "--store=0430");
  g_assert_cmpint (int_member (pushed, "version"), ==, 1);
  g_assert_cmpuint (json_array_get_length (cg_json_get_array (pushed, "databases")), ==, 2);
  g_clear_pointer (&pushed, json_object_unref);
  pushed = push_json (f, "store:0430", store, NULL);
  g_clear_pointer (&pushed, json_object_unref);
  pushed = push_json (f, "store:0430", store, NULL);
  g_assert_cmpint (int_member (pushed, "version"), ==, 2);

  /* One scope, with its signature checked. */
  RUN (&scope, f->dir, NULL, "config", "show", "--server", f->url, "--scope", "store:0430",
       "--trust", f->pub);
  g_assert_cmpint (scope.status, ==, 0);
  g_assert_true (HAS_LINE (scope.out, "Version:", "2"));
  g_assert_true (HAS_LINE (scope.out, "Key:", "test"));
  g_assert_true (HAS_LINE (scope.out, "Signature:", "verified"));
  g_assert_true (HAS_LINE (scope.out, "changgu-store-0430 (v2)", "changgu-kiosk-0430 (v2)"));
  g_assert_true (HAS_LINE (scope.out, "\"idle_timeout_s\"", "45"));

  /* With someone else's key it does not verify. */
  RUN (&keygen, f->dir, NULL, "keygen", "--key-id", "other", "--out", other_dir);
  g_assert_cmpint (keygen.status, ==, 0);
  RUN (&untrusted, f->dir, NULL, "config", "show", "--server", f->url, "--scope", "store:0430",
       "--trust", other_pub);
  g_assert_cmpint (untrusted.status, ==, 0);
  g_assert_true (HAS_LINE (untrusted.out, "Signature:", "DOES NOT VERIFY"));

  /* The merge a device of the store applies, each leaf with its source. */
  RUN (&merge, f->dir, NULL, "config", "show", "--server", f->url, "--store", "0430", "--trust", f->pub);
  g_assert_cmpint (merge.status, ==, 0);
  g_assert_true (HAS_LINE (merge.out, "global", "v1", "verified"));
  g_assert_true (HAS_LINE (merge.out, "store:0430", "v2", "verified"));
  g_assert_true (HAS_LINE (merge.out, "kiosk.idle_timeout_s", "45", "[store:0430 v2]"));
  g_assert_true (HAS_LINE (merge.out, "kiosk.languages", "[\"ko\"]", "[store:0430 v2]"));
  g_assert_true (HAS_LINE (merge.out, "sync.interval_s", "120", "[global v1]"));
  g_assert_true (HAS_LINE (merge.out, "sync.live", "true", "[global v1]"));

  RUN (&merge_json, f->dir, NULL, "config", "show", "--server", f->url, "--store", "0430", "--json");
  g_assert_cmpint (merge_json.status, ==, 0);
  merged = parse_object (merge_json.out);
  settings = cg_json_get_object (merged, "settings");
  kiosk = cg_json_get_object (settings, "kiosk");
  g_assert_cmpint (int_member (kiosk, "idle_timeout_s"), ==, 45);
  g_assert_cmpint (int_member (cg_json_get_object (settings, "sync"), "interval_s"), ==, 120);
  g_assert_cmpuint (json_array_get_length (cg_json_get_array (kiosk, "languages")), ==, 1);
  sources = cg_json_get_object (merged, "sources");
  src = cg_json_get_object (sources, "kiosk.idle_timeout_s");
  g_assert_cmpstr (cg_json_get_string (src, "scope"), ==, "store:0430");
  g_assert_cmpint (int_member (src, "version"), ==, 2);
  src = cg_json_get_object (sources, "sync.interval_s");
  g_assert_cmpstr (cg_json_get_string (src, "scope"), ==, "global");

  /* A scope that nobody configured. */
  RUN (&none, f->dir, NULL, "config", "show", "--server", f->url, "--scope", "device:nobody", "--store", "0430");
  g_assert_cmpint (none.status, ==, 0);
  g_assert_nonnull (strstr (none.out, "no configuration for device:nobody"));
}

static void
test_fleet (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) five = g_date_time_add_minutes (now, -5);
  g_autoptr(GDateTime) three_h = g_date_time_add_hours (now, -3);
  g_autofree char *t_five = cg_json_timestamp (five);
  g_autofree char *t_three = cg_json_timestamp (three_h);
  g_autofree char *t_now = cg_json_timestamp (now);
  g_autofree char *counter = NULL;
  g_autofree char *kiosk = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_auto(Result) text = { 0 };
  g_auto(Result) all = { 0 };
  g_auto(Result) as_json = { 0 };
  g_auto(Result) empty = { 0 };
  JsonArray *devices;
  JsonObject *first, *second;

  create_store ("0440");
  create_store ("0441");
  counter = g_strdup_printf ("{\"type\":\"device\",\"role\":\"counter\",\"store_id\":\"0440\","
                             "\"app_version\":\"0.5.0\",\"config_version_applied\":{\"global\":1,\"store:0440\":{\"version\":2,\"issued_at\":\"%s\"}},"
                             "\"last_pull_at\":\"%s\",\"last_push_at\":\"%s\",\"pending_changes\":3,"
                             "\"conflicts\":1,\"updated_at\":\"%s\"}", t_five, t_five, t_three, t_now);
  kiosk = g_strdup_printf ("{\"type\":\"device\",\"role\":\"kiosk\",\"store_id\":\"0440\","
                           "\"app_version\":\"0.5.0\",\"config_version_applied\":{\"store:0440\":2},"
                           "\"config_rejected\":{\"scope\":\"store:0440\",\"version\":3,\"reason\":\"bad signature\"},"
                           "\"last_pull_at\":\"%s\",\"pending_changes\":0,\"conflicts\":0,"
                           "\"last_error\":\"HTTP 401: credentials refused\",\"updated_at\":\"%s\"}", t_five, t_now);
  put_doc ("changgu-store-0440", "device:c1-aaaa", counter);
  put_doc ("changgu-kiosk-0440", "device:k1-bbbb", kiosk);
  /* The kiosk's report replicated into the store database too: one row. */
  put_doc ("changgu-store-0440", "device:k1-bbbb", kiosk);
  /* Not device documents. */
  put_doc ("changgu-store-0440", "customer:x", "{\"type\":\"customer\",\"name\":\"x\"}");
  put_doc ("changgu-store-0440", "devices-note", "{\"type\":\"note\"}");
  put_doc ("changgu-store-0441", "device:c1-cccc",
           "{\"type\":\"device\",\"role\":\"counter\",\"store_id\":\"0441\",\"updated_at\":\"2026-01-01T00:00:00Z\"}");

  RUN (&text, f->dir, NULL, "fleet", "--server", f->url, "--store", "0440");
  g_assert_cmpint (text.status, ==, 0);
  g_assert_true (HAS_LINE (text.out, "DEVICE", "ROLE", "STORE", "APP", "CONFIG", "LAST PULL", "LAST PUSH",
                           "PENDING", "CONFLICTS", "LAST ERROR", "CONFIG REJECTED"));
  g_assert_true (HAS_LINE (text.out, "c1-aaaa", "counter", "0440", "0.5.0", "global v1, store:0440 v2",
                           "5 min ago", "3 h ago"));
  g_assert_true (HAS_LINE (text.out, "k1-bbbb", "kiosk", "store:0440 v2", "HTTP 401: credentials refused",
                           "store:0440 v3 bad signature"));
  g_assert_null (strstr (text.out, "c1-cccc"));
  g_assert_null (strstr (text.out, "customer:x"));
  g_assert_null (strstr (text.out, "devices-note"));
  {
    /* Aligned: every column starts at the same offset on each line. */
    g_auto(GStrv) lines = g_strsplit (text.out, "\n", -1);
    const char *pull_h = strstr (lines[0], "LAST PULL");

    g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* heading, two rows, "" */
    g_assert_nonnull (pull_h);
    g_assert_cmpint (strstr (lines[1], "5 min ago") - lines[1], ==, pull_h - lines[0]);
    g_assert_cmpint (strstr (lines[2], "5 min ago") - lines[2], ==, pull_h - lines[0]);
  }

  RUN (&all, f->dir, NULL, "fleet", "--server", f->url);
  g_assert_cmpint (all.status, ==, 0);
  g_assert_true (HAS_LINE (all.out, "c1-cccc", "0441", "never"));
  g_assert_true (HAS_LINE (all.out, "c1-aaaa"));

  RUN (&as_json, f->dir, NULL, "fleet", "--server", f->url, "--store", "0440", "--json");
  g_assert_cmpint (as_json.status, ==, 0);
  json = parse_object (as_json.out);
  devices = cg_json_get_array (json, "devices");
  g_assert_nonnull (devices);
  g_assert_cmpuint (json_array_get_length (devices), ==, 2);
  first = json_array_get_object_element (devices, 0);
  second = json_array_get_object_element (devices, 1);
  g_assert_cmpstr (cg_json_get_string (first, "device_id"), ==, "c1-aaaa");
  g_assert_cmpstr (cg_json_get_string (first, "role"), ==, "counter");
  g_assert_cmpint (int_member (first, "pending_changes"), ==, 3);
  g_assert_cmpstr (cg_json_get_string (first, "last_pull_at"), ==, t_five);
  g_assert_cmpstr (cg_json_get_string (first, "database"), ==, "changgu-store-0440");
  g_assert_cmpstr (cg_json_get_string (second, "device_id"), ==, "k1-bbbb");
  g_assert_cmpstr (cg_json_get_string (cg_json_get_object (second, "config_rejected"), "reason"), ==,
                   "bad signature");

  create_store ("0442");
  RUN (&empty, f->dir, NULL, "fleet", "--server", f->url, "--store", "0442");
  g_assert_cmpint (empty.status, ==, 0);
  g_assert_nonnull (strstr (empty.out, "No device of store 0442"));
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  static const char * const commands[][2] = {
    { "keygen", NULL }, { "config", "push" }, { "config", "show" }, { "fleet", NULL },
  };
  g_auto(Result) top = { 0 };

  RUN (&top, f->dir, NULL, "--help");
  g_assert_cmpint (top.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Result) sub = { 0 };
      g_autofree char *name = commands[i][1] ? g_strjoin (" ", commands[i][0], commands[i][1], NULL)
                                             : g_strdup (commands[i][0]);
      g_autofree char *usage = g_strconcat ("changgu-admin ", name, NULL);

      g_assert_nonnull (strstr (top.out, name));
      if (commands[i][1] != NULL)
        RUN (&sub, f->dir, NULL, commands[i][0], commands[i][1], "--help");
      else
        RUN (&sub, f->dir, NULL, commands[i][0], "--help");
      g_assert_cmpint (sub.status, ==, 0);
      g_assert_nonnull (strstr (sub.out, usage));
      g_assert_nonnull (strstr (sub.out, "Exit status"));
    }
  {
    g_auto(Result) push = { 0 };

    /* The choice of databases is documented. */
    RUN (&push, f->dir, NULL, "config", "push", "--help");
    g_assert_nonnull (strstr (push.out, "_all_dbs"));
    g_assert_nonnull (strstr (push.out, "--if-changed"));
  }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  peer = cg_test_peer_start (&error);
  if (peer == NULL)
    {
      /* The fixture says why (e.g. run build-aux/dev deps); not a pass. */
      g_printerr ("%s\n", error->message);
      return 1;
    }
  cg_test_peer_add_admin (peer, ADMIN_NAME, ADMIN_PASSWORD, &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add ("/admin-config/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("help", test_help);
  ADD ("keygen", test_keygen);
  ADD ("push-versions", test_push_versions);
  ADD ("push-global", test_push_global);
  ADD ("out-of-range", test_out_of_range);
  ADD ("key-too-open", test_key_too_open);
  ADD ("server-errors", test_server_errors);
  ADD ("show", test_show);
  ADD ("fleet", test_fleet);
#undef ADD

  result = g_test_run ();
  cg_test_peer_stop (peer);
  return result;
}
