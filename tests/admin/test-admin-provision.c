/* test-admin-provision.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin provision and add-device against a real pouchdb-server
 * (tests/cg-test-peer.h), and the write rules of data/couchdb they install:
 * what a counter and a kiosk may write with their own credentials, and how
 * a device's sync reports what the server refused.
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "changgu-core.h"
#include "cg-test-peer.h"
#include "cg-admin-test-util.h"
#include "cg-test-util.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "s3cret"
#define STORE "0421"
#define NOW "2026-11-22T07:11:34Z"

typedef CgAdminResult Result;
#define result_clear cg_admin_result_clear
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, cg_admin_result_clear)

typedef struct {
  CgTestPeer *peer;
  char       *dir;
  char       *admin_url;   /* with the admin's credentials */
  char       *key_pub;     /* a public key file from keygen */
} Fixture;

/* Runs changgu-admin with @argv (NULL-terminated) in @dir; @password, if
 * given, goes into CHANGGU_ADMIN_PASSWORD. */
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

static gboolean
fixture_set_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  Result keygen = { 0 };

  f->peer = cg_test_peer_start (&error);
  if (f->peer == NULL)
    {
      g_assert_error (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_UNAVAILABLE);
      return FALSE;
    }
  g_assert_true (cg_test_peer_add_admin (f->peer, ADMIN, ADMIN_PASSWORD, &error));
  g_assert_no_error (error);
  f->dir = cg_test_make_tmpdir ();
  f->admin_url = g_strdup_printf ("http://%s:%s@127.0.0.1:%u", ADMIN, ADMIN_PASSWORD,
                                  cg_test_peer_get_port (f->peer));
  run_admin (&keygen, f->dir, NULL,
             (const char *[]) { "keygen", "--key-id", "seoul-2026", "--out", "keys", NULL });
  g_assert_cmpint (keygen.status, ==, 0);
  result_clear (&keygen);
  f->key_pub = g_build_filename (f->dir, "keys", "seoul-2026.pub", NULL);
  return TRUE;
}

static void
fixture_tear_down (Fixture *f)
{
  if (f->peer != NULL)
    cg_test_peer_assert_alive (f->peer);
  g_clear_pointer (&f->peer, cg_test_peer_stop);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->admin_url, g_free);
  g_clear_pointer (&f->key_pub, g_free);
}

static void
provision (Fixture    *f,
           const char *store)
{
  g_auto(Result) r = { 0 };

  run_admin (&r, f->dir, NULL,
             (const char *[]) { "provision", "--server", f->admin_url, "--store", store, NULL });
  g_assert_cmpint (r.status, ==, 0);
}

/* add-device; returns the provisioning file's path. */
static char *
add_device (Fixture    *f,
            const char *role,
            const char *file)
{
  g_auto(Result) r = { 0 };

  run_admin (&r, f->dir, NULL,
             (const char *[]) { "add-device", "--server", f->admin_url, "--store", STORE,
                                "--role", role, "--trust", f->key_pub, "--out", file, NULL });
  g_assert_cmpint (r.status, ==, 0);
  return g_build_filename (f->dir, file, NULL);
}

static JsonObject *
get_object (Fixture    *f,
            const char *path,
            guint       expected_status)
{
  guint status = 0;
  g_autoptr(JsonNode) node = cg_test_peer_request (f->peer, "GET", path, NULL, &status);

  g_assert_cmpuint (status, ==, expected_status);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

static char *
source_file (const char *relative)
{
  const char *root = g_getenv ("CHANGGU_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root ? root : CG_TEST_SOURCE_ROOT, relative, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

#define CHECKIN_BODY_FOR_RELAY \
  "{\"type\":\"checkin\",\"ticket\":\"K1-043\",\"store_id\":\"0421\",\"reason\":\"pickup\"," \
  "\"status\":\"waiting\",\"created_at\":\"2026-11-22T07:11:34Z\"}"

/* ------------------------------------------------------------ provision */

static void
test_provision (void)
{
  Fixture f = { 0 };
  g_auto(Result) r = { 0 };
  g_autoptr(JsonObject) security = NULL;
  g_autoptr(JsonObject) design = NULL;
  g_autoptr(JsonObject) design2 = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *rev = NULL;

  if (!fixture_set_up (&f))
    return;

  run_admin (&r, f.dir, NULL,
             (const char *[]) { "provision", "--server", f.admin_url, "--store", STORE, NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Created the database changgu-store-0421"));
  g_assert_nonnull (strstr (r.out, "Created the database changgu-kiosk-0421"));
  result_clear (&r);

  /* Both databases, each open to its devices' role and the admins. */
  g_clear_pointer (&security, json_object_unref);
  security = get_object (&f, "/changgu-store-0421/_security", 200);
  g_assert_true (g_strcmp0 (cg_json_array_get_string (cg_json_get_array (cg_json_get_object (security, "members"), "roles"), 0),
                            "changgu-store-0421") == 0);
  g_assert_cmpstr (cg_json_array_get_string (cg_json_get_array (cg_json_get_object (security, "admins"), "roles"), 0),
                   ==, "changgu-admin");
  g_clear_pointer (&security, json_object_unref);
  security = get_object (&f, "/changgu-kiosk-0421/_security", 200);
  g_assert_cmpstr (cg_json_array_get_string (cg_json_get_array (cg_json_get_object (security, "members"), "roles"), 0),
                   ==, "changgu-kiosk-0421");

  /* The design document carries data/couchdb/changgu-rules.js verbatim. */
  rules = source_file ("data/couchdb/changgu-rules.js");
  design = get_object (&f, "/changgu-kiosk-0421/_design/changgu", 200);
  g_assert_cmpstr (cg_json_get_string (design, "validate_doc_update"), ==, rules);
  g_assert_nonnull (cg_json_get_string (cg_json_get_object (design, "filters"), "kiosk_to_store"));
  g_assert_nonnull (cg_json_get_string (cg_json_get_object (design, "filters"), "store_to_kiosk"));
  rev = g_strdup (cg_json_get_string (design, "_rev"));

  /* Twice: nothing changes, and it says so (with the password from the
   * environment this time). */
  {
    g_autofree char *plain_url = g_strdup_printf ("http://127.0.0.1:%u", cg_test_peer_get_port (f.peer));
    run_admin (&r, f.dir, ADMIN_PASSWORD,
               (const char *[]) { "provision", "--server", plain_url, "--user", ADMIN, "--store", STORE, NULL });
  }
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "already provisioned"));
  result_clear (&r);
  run_admin (&r, f.dir, NULL,
             (const char *[]) { "provision", "--server", f.admin_url, "--store", STORE, "--json", NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"already_provisioned\": true"));
  result_clear (&r);
  design2 = get_object (&f, "/changgu-kiosk-0421/_design/changgu", 200);
  g_assert_cmpstr (cg_json_get_string (design2, "_rev"), ==, rev);

  /* Rules changed on the server (an older version): put back, and only
   * that database's design document is rewritten. */
  {
    guint status = 0;
    g_autoptr(JsonObject) old = cg_json_copy (design2);
    g_autofree char *body = NULL;
    g_autoptr(JsonNode) reply = NULL;

    json_object_set_string_member (old, "validate_doc_update", "function (newDoc) {}");
    body = cg_json_to_string (old);
    reply = cg_test_peer_request (f.peer, "PUT", "/changgu-kiosk-0421/_design/changgu", body, &status);
    g_assert_cmpuint (status, ==, 201);
  }
  run_admin (&r, f.dir, NULL,
             (const char *[]) { "provision", "--server", f.admin_url, "--store", STORE, "--json", NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"changed\": [\"rules changgu-kiosk-0421\"]"));
  result_clear (&r);
  g_clear_pointer (&design2, json_object_unref);
  design2 = get_object (&f, "/changgu-kiosk-0421/_design/changgu", 200);
  g_assert_cmpstr (cg_json_get_string (design2, "validate_doc_update"), ==, rules);

  /* pouchdb-server runs no _replicator documents: point to relay. */
  run_admin (&r, f.dir, NULL,
             (const char *[]) { "provision", "--server", f.admin_url, "--store", STORE, "--replicator", NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "changgu-admin relay"));
  result_clear (&r);

  /* Command-line and credential mistakes. */
  run_admin (&r, f.dir, NULL,
             (const char *[]) { "provision", "--server", f.admin_url, "--store", "Seoul 1", NULL });
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "store id"));
  result_clear (&r);
  run_admin (&r, f.dir, NULL, (const char *[]) { "provision", "--server", f.admin_url, NULL });
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  {
    g_autofree char *wrong = g_strdup_printf ("http://%s:nope@127.0.0.1:%u", ADMIN, cg_test_peer_get_port (f.peer));
    run_admin (&r, f.dir, NULL,
               (const char *[]) { "provision", "--server", wrong, "--store", "0999", NULL });
  }
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "wrong admin password"));
  result_clear (&r);

  fixture_tear_down (&f);
}

/* The _replicator documents (meant for Apache CouchDB), exercised against
 * pouchdb-server's own _replicator emulation, which provision otherwise
 * refuses. */
static void
test_replicator (void)
{
  Fixture f = { 0 };
  g_auto(Result) r = { 0 };
  g_autoptr(JsonObject) k2s = NULL;
  g_autoptr(JsonObject) s2k = NULL;
  g_autoptr(JsonObject) relay = NULL;
  g_autofree char *rev = NULL;
  gint64 deadline;
  guint status = 0;

  if (!fixture_set_up (&f))
    return;

  g_setenv ("CHANGGU_ADMIN_POUCHDB_REPLICATOR", "1", TRUE);
  run_admin (&r, f.dir, NULL,
             (const char *[]) { "provision", "--server", f.admin_url, "--store", STORE, "--replicator", NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "changgu-0421-kiosk-to-store"));
  result_clear (&r);

  k2s = get_object (&f, "/_replicator/changgu-0421-kiosk-to-store", 200);
  s2k = get_object (&f, "/_replicator/changgu-0421-store-to-kiosk", 200);
  g_assert_cmpstr (cg_json_get_string (k2s, "filter"), ==, "changgu/kiosk_to_store");
  g_assert_cmpstr (cg_json_get_string (s2k, "filter"), ==, "changgu/store_to_kiosk");
  g_assert_true (g_str_has_suffix (cg_json_get_string (cg_json_get_object (k2s, "source"), "url"), "/changgu-kiosk-0421"));
  g_assert_true (g_str_has_suffix (cg_json_get_string (cg_json_get_object (k2s, "target"), "url"), "/changgu-store-0421"));
  g_assert_null (strstr (cg_json_get_string (cg_json_get_object (k2s, "source"), "url"), ADMIN_PASSWORD));
  relay = get_object (&f, "/_users/org.couchdb.user:changgu-relay-0421", 200);
  g_assert_true (json_object_get_boolean_member (k2s, "continuous"));
  rev = g_strdup (cg_json_get_string (s2k, "_rev"));

  /* Again: nothing changes (pouchdb-server adds state fields to the
   * documents; they do not count as a difference). */
  run_admin (&r, f.dir, NULL,
             (const char *[]) { "provision", "--server", f.admin_url, "--store", STORE, "--replicator", NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "already provisioned"));
  result_clear (&r);
  g_unsetenv ("CHANGGU_ADMIN_POUCHDB_REPLICATOR");

  /* A kiosk's check-in reaches the store database through the filter. */
  {
    g_autoptr(JsonNode) node = cg_test_peer_request (f.peer, "PUT", "/changgu-kiosk-0421/checkin%3Ar1",
                                                     CHECKIN_BODY_FOR_RELAY, &status);
    g_assert_cmpuint (status, ==, 201);
  }
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  do
    {
      g_autoptr(JsonNode) node = cg_test_peer_request (f.peer, "GET", "/changgu-store-0421/checkin%3Ar1", NULL, &status);
      if (status == 200)
        break;
      g_usleep (200000);
    }
  while (g_get_monotonic_time () < deadline);
  g_assert_cmpuint (status, ==, 200);

  fixture_tear_down (&f);
}

/* ----------------------------------------------------------- add-device */

static void
test_add_device (void)
{
  Fixture f = { 0 };
  g_auto(Result) r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgProvisioning) p = NULL;
  g_autoptr(CgProvisioning) k = NULL;
  g_autoptr(JsonObject) user = NULL;
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;
  g_autofree char *k1 = NULL;
  GStatBuf st;

  if (!fixture_set_up (&f))
    return;

  /* Not provisioned yet: refused, and no file left behind. */
  run_admin (&r, f.dir, NULL,
             (const char *[]) { "add-device", "--server", f.admin_url, "--store", STORE, "--role", "counter",
                                "--trust", f.key_pub, "--out", "c1.json", NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "run “changgu-admin provision --store 0421” first"));
  result_clear (&r);
  {
    g_autofree char *path = g_build_filename (f.dir, "c1.json", NULL);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  provision (&f, STORE);
  c1 = add_device (&f, "counter", "c1.json");

  /* 0600, and a device accepts it. */
  g_assert_cmpint (g_stat (c1, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  p = cg_provisioning_load (c1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->database, ==, "changgu-store-0421");
  g_assert_cmpstr (p->store_id, ==, STORE);
  g_assert_cmpstr (p->role, ==, "counter");
  g_assert_cmpstr (p->device_prefix, ==, "C1");
  g_assert_cmpstr (p->username, ==, "device-0421-c1");
  g_assert_true (g_uuid_string_is_valid (p->device_id));
  g_assert_cmpuint (strlen (p->password), >=, 32);
  g_assert_null (strstr (p->server, ADMIN_PASSWORD));
  g_assert_nonnull (strstr (p->trusted_keys, "\"seoul-2026\""));

  /* The user: the store's counter role plus its own device role. */
  {
    g_autofree char *path = g_strdup ("/_users/org.couchdb.user:device-0421-c1");
    JsonArray *roles;
    g_autofree char *device_role = g_strconcat ("changgu-device-", p->device_id, NULL);

    user = get_object (&f, path, 200);
    roles = cg_json_get_array (user, "roles");
    g_assert_cmpstr (cg_json_array_get_string (roles, 0), ==, "changgu-store-0421");
    g_assert_cmpstr (cg_json_array_get_string (roles, 1), ==, device_role);
  }

  /* The next counter and the first kiosk get the next free prefixes. */
  c2 = add_device (&f, "counter", "c2.json");
  g_clear_pointer (&p, cg_provisioning_free);
  p = cg_provisioning_load (c2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->device_prefix, ==, "C2");
  g_assert_cmpstr (p->username, ==, "device-0421-c2");
  k1 = add_device (&f, "kiosk", "k1.json");
  k = cg_provisioning_load (k1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (k->device_prefix, ==, "K1");
  g_assert_cmpstr (k->database, ==, "changgu-kiosk-0421");
  g_assert_cmpstr (k->role, ==, "kiosk");

  /* Refusals: an existing file, a taken prefix, a private key given as a
   * public one, a bad role. */
  run_admin (&r, f.dir, NULL,
             (const char *[]) { "add-device", "--server", f.admin_url, "--store", STORE, "--role", "counter",
                                "--trust", f.key_pub, "--out", "c1.json", NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "already exists"));
  result_clear (&r);
  run_admin (&r, f.dir, NULL,
             (const char *[]) { "add-device", "--server", f.admin_url, "--store", STORE, "--role", "counter",
                                "--trust", f.key_pub, "--out", "x.json", "--prefix", "c2", NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "prefix C2 is taken"));
  result_clear (&r);
  run_admin (&r, f.dir, NULL,
             (const char *[]) { "add-device", "--server", f.admin_url, "--store", STORE, "--role", "counter",
                                "--trust", "keys/seoul-2026.key", "--out", "x.json", NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "not a public key"));
  result_clear (&r);
  run_admin (&r, f.dir, NULL,
             (const char *[]) { "add-device", "--server", f.admin_url, "--store", STORE, "--role", "till",
                                "--trust", f.key_pub, "--out", "x.json", NULL });
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  {
    g_autofree char *path = g_build_filename (f.dir, "x.json", NULL);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  /* An explicit prefix and a second key after --trust (as a glob gives). */
  run_admin (&r, f.dir, NULL,
             (const char *[]) { "add-device", "--server", f.admin_url, "--store", STORE, "--role", "kiosk",
                                "--prefix", "k7", "--region", "seoul", "--trust", f.key_pub, f.key_pub,
                                "--out", "k7.json", "--json", NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"username\": \"device-0421-k7\""));
  result_clear (&r);

  fixture_tear_down (&f);
}

/* ------------------------------------------------------- the write rules */

typedef struct {
  char *name;
  char *password;
  char *device_id;
} Device;

static void
device_clear (Device *d)
{
  g_clear_pointer (&d->name, g_free);
  g_clear_pointer (&d->password, g_free);
  g_clear_pointer (&d->device_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Device, device_clear)

static void
load_device (Device     *d,
             const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgProvisioning) p = cg_provisioning_load (file, &error);

  g_assert_no_error (error);
  d->name = g_strdup (p->username);
  d->password = g_strdup (p->password);
  d->device_id = g_strdup (p->device_id);
}

/* PUT as the device; returns the status and the reason of a refusal. */
static guint
put_as (Fixture    *f,
        Device     *d,
        const char *db,
        const char *id,
        const char *body,
        char      **reason)
{
  guint status = 0;
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/%s/%s", db, escaped);
  g_autoptr(JsonNode) node = cg_test_peer_request_as (f->peer, d->name, d->password, "PUT", path, body, &status);

  if (reason != NULL)
    {
      JsonObject *o = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      *reason = g_strdup (cg_json_get_string (o, "reason"));
      if (status == 403)
        g_assert_cmpstr (cg_json_get_string (o, "error"), ==, "forbidden");
    }
  return status;
}

#define CUSTOMER_BODY \
  "{\"type\":\"customer\",\"name\":\"Kim Minji\",\"phones\":[\"+821012345678\"]," \
  "\"created_at\":\"" NOW "\",\"updated_at\":\"" NOW "\"}"
#define CASE_BODY(status, priority) \
  "{\"type\":\"case\",\"number\":\"K1-001\",\"store_id\":\"0421\",\"channel\":\"kiosk\"," \
  "\"category\":\"return\",\"subject\":\"Broken zip\",\"priority\":\"" priority "\"," \
  "\"status\":\"" status "\",\"created_by\":\"kiosk\",\"created_at\":\"" NOW "\",\"updated_at\":\"" NOW "\"}"
#define CHECKIN_BODY \
  "{\"type\":\"checkin\",\"ticket\":\"K1-042\",\"store_id\":\"0421\",\"reason\":\"help\"," \
  "\"status\":\"waiting\",\"created_at\":\"" NOW "\"}"
#define STAFF_BODY \
  "{\"type\":\"staff\",\"name\":\"Lee\",\"role\":\"supervisor\",\"pin_hash\":\"$argon2id$x\",\"active\":true}"

static void
test_rules (void)
{
  Fixture f = { 0 };
  g_auto(Device) counter = { 0 };
  g_auto(Device) kiosk = { 0 };
  g_autofree char *c1 = NULL;
  g_autofree char *k1 = NULL;
  g_autofree char *reason = NULL;
  const char *store_db = "changgu-store-0421";
  const char *kiosk_db = "changgu-kiosk-0421";

  if (!fixture_set_up (&f))
    return;
  provision (&f, STORE);
  c1 = add_device (&f, "counter", "c1.json");
  k1 = add_device (&f, "kiosk", "k1.json");
  load_device (&counter, c1);
  load_device (&kiosk, k1);

  /* A counter writes customers, cases and check-ins. */
  g_assert_cmpuint (put_as (&f, &counter, store_db, "customer:1", CUSTOMER_BODY, NULL), ==, 201);
  g_assert_cmpuint (put_as (&f, &counter, store_db, "case:c1", CASE_BODY ("new", "normal"), NULL), ==, 201);

  /* …but not staff or config. */
  g_assert_cmpuint (put_as (&f, &counter, store_db, "staff:0421-09", STAFF_BODY, &reason), ==, 403);
  g_assert_nonnull (strstr (reason, "Only a regional admin may write staff"));
  g_clear_pointer (&reason, g_free);
  {
    /* As a replicator pushes it: a 201 whose row says forbidden. */
    guint status = 0;
    g_autoptr(JsonNode) node = cg_test_peer_request_as (
        f.peer, counter.name, counter.password, "POST", "/changgu-store-0421/_bulk_docs",
        "{\"new_edits\":false,\"docs\":[{\"_id\":\"config:store:0421\",\"_rev\":\"1-aaaa\","
        "\"_revisions\":{\"start\":1,\"ids\":[\"aaaa\"]},\"type\":\"config\",\"scope\":\"store:0421\","
        "\"version\":9,\"issued_at\":\"" NOW "\",\"key_id\":\"seoul-2026\",\"settings\":{},\"signature\":\"x\"}]}",
        &status);
    JsonObject *row;

    g_assert_cmpuint (status, ==, 201);
    g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
    row = json_array_get_object_element (json_node_get_array (node), 0);
    g_assert_cmpstr (cg_json_get_string (row, "id"), ==, "config:store:0421");
    g_assert_cmpstr (cg_json_get_string (row, "error"), ==, "forbidden");
    g_assert_nonnull (strstr (cg_json_get_string (row, "reason"), "config"));
  }
  {
    g_autoptr(JsonObject) missing = get_object (&f, "/changgu-store-0421/config%3Astore%3A0421", 404);
  }

  /* The admin may (and the schema still applies to it). */
  {
    guint status = 0;
    g_autoptr(JsonNode) node = cg_test_peer_request (f.peer, "PUT", "/changgu-store-0421/staff%3A0421-09",
                                                     STAFF_BODY, &status);
    g_assert_cmpuint (status, ==, 201);
    g_clear_pointer (&node, json_node_unref);
    node = cg_test_peer_request (f.peer, "PUT", "/changgu-store-0421/staff%3A0421-10",
                                 "{\"type\":\"staff\",\"name\":\"Park\",\"role\":\"boss\",\"pin_hash\":\"x\",\"active\":true}",
                                 &status);
    g_assert_cmpuint (status, ==, 403);
  }

  /* Schema: a bad enum, negative money, a missing field, an unknown type;
   * a workflow step the case workflow does not have. */
  g_assert_cmpuint (put_as (&f, &counter, store_db, "case:c2", CASE_BODY ("new", "whenever"), &reason), ==, 403);
  g_assert_nonnull (strstr (reason, "priority"));
  g_assert_nonnull (strstr (reason, "low, normal, high, urgent"));
  g_clear_pointer (&reason, g_free);
  g_assert_cmpuint (put_as (&f, &counter, store_db, "order:0421:1",
                            "{\"type\":\"order\",\"number\":\"1\",\"store_id\":\"0421\",\"channel\":\"in_store\","
                            "\"items\":[],\"total\":-5000,\"currency\":\"KRW\",\"status\":\"placed\"}", &reason), ==, 403);
  g_assert_nonnull (strstr (reason, "cannot be negative"));
  g_clear_pointer (&reason, g_free);
  g_assert_cmpuint (put_as (&f, &counter, store_db, "customer:2",
                            "{\"type\":\"customer\",\"created_at\":\"" NOW "\",\"updated_at\":\"" NOW "\"}", &reason), ==, 403);
  g_assert_nonnull (strstr (reason, "“name” is required"));
  g_clear_pointer (&reason, g_free);
  g_assert_cmpuint (put_as (&f, &counter, store_db, "coupon:1", "{\"type\":\"coupon\"}", &reason), ==, 403);
  g_assert_nonnull (strstr (reason, "not a document type"));
  g_clear_pointer (&reason, g_free);
  {
    g_autoptr(JsonObject) stored = get_object (&f, "/changgu-store-0421/case%3Ac1", 200);
    g_autoptr(JsonObject) closed = cg_test_json (CASE_BODY ("closed", "normal"));
    g_autofree char *body = NULL;

    json_object_set_string_member (closed, "_rev", cg_json_get_string (stored, "_rev"));
    body = cg_json_to_string (closed);
    g_assert_cmpuint (put_as (&f, &counter, store_db, "case:c1", body, &reason), ==, 403);
    g_assert_nonnull (strstr (reason, "cannot go from “new” to “closed”"));
    g_clear_pointer (&reason, g_free);
  }

  /* A kiosk: check-ins, new cases, its own device document; nothing else. */
  g_assert_cmpuint (put_as (&f, &kiosk, kiosk_db, "customer:9", CUSTOMER_BODY, &reason), ==, 403);
  g_assert_nonnull (strstr (reason, "A kiosk may write only"));
  g_clear_pointer (&reason, g_free);
  g_assert_cmpuint (put_as (&f, &kiosk, kiosk_db, "checkin:1", CHECKIN_BODY, NULL), ==, 201);
  g_assert_cmpuint (put_as (&f, &kiosk, kiosk_db, "case:k1", CASE_BODY ("open", "normal"), &reason), ==, 403);
  g_assert_nonnull (strstr (reason, "status “new”"));
  g_clear_pointer (&reason, g_free);
  g_assert_cmpuint (put_as (&f, &kiosk, kiosk_db, "case:k1", CASE_BODY ("new", "normal"), NULL), ==, 201);
  {
    g_autoptr(JsonObject) stored = get_object (&f, "/changgu-kiosk-0421/case%3Ak1", 200);
    g_autoptr(JsonObject) open = cg_test_json (CASE_BODY ("open", "normal"));
    g_autofree char *body = NULL;

    json_object_set_string_member (open, "_rev", cg_json_get_string (stored, "_rev"));
    body = cg_json_to_string (open);
    g_assert_cmpuint (put_as (&f, &kiosk, kiosk_db, "case:k1", body, &reason), ==, 403);
    g_assert_nonnull (strstr (reason, "only create new cases"));
    g_clear_pointer (&reason, g_free);
  }
  {
    /* A push retried after a lost reply re-sends a revision the server
     * has: pouchdb-server validates it again (CouchDB does not), and the
     * rules must not call that "changing an existing case". */
    const char *push = "{\"new_edits\":false,\"docs\":[{\"_id\":\"case:k2\",\"_rev\":\"1-abcd\","
                       "\"_revisions\":{\"start\":1,\"ids\":[\"abcd\"]},\"type\":\"case\",\"number\":\"K1-002\","
                       "\"store_id\":\"0421\",\"channel\":\"kiosk\",\"category\":\"return\",\"subject\":\"Zip\","
                       "\"priority\":\"normal\",\"status\":\"new\",\"created_by\":\"kiosk\","
                       "\"created_at\":\"" NOW "\",\"updated_at\":\"" NOW "\"}]}";

    for (guint i = 0; i < 2; i++)
      {
        guint status = 0;
        g_autoptr(JsonNode) node = cg_test_peer_request_as (f.peer, kiosk.name, kiosk.password, "POST",
                                                            "/changgu-kiosk-0421/_bulk_docs", push, &status);
        g_autofree char *text = node ? json_to_string (node, FALSE) : NULL;

        g_assert_cmpuint (status, ==, 201);
        g_assert_null (strstr (text, "forbidden"));
      }
  }
  {
    g_autofree char *own = g_strconcat ("device:", kiosk.device_id, NULL);
    const char *device_body = "{\"type\":\"device\",\"role\":\"kiosk\",\"store_id\":\"0421\",\"updated_at\":\"" NOW "\"}";

    g_assert_cmpuint (put_as (&f, &kiosk, kiosk_db, own, device_body, NULL), ==, 201);
    g_assert_cmpuint (put_as (&f, &kiosk, kiosk_db, "device:someone-else", device_body, &reason), ==, 403);
    g_assert_nonnull (strstr (reason, "only its own device document"));
    g_clear_pointer (&reason, g_free);
  }
  /* And the kiosk cannot reach the store database at all (pouchdb-server:
   * 401; CouchDB: 403). */
  {
    guint status = 0;
    g_autoptr(JsonNode) node = cg_test_peer_request_as (f.peer, kiosk.name, kiosk.password, "GET",
                                                        "/changgu-store-0421", NULL, &status);
    g_assert_true (status == 401 || status == 403);
  }

  fixture_tear_down (&f);
}

/* ------------------------------------------- what a device's sync shows */

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  gboolean *done = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_replicator_run_finish (CG_REPLICATOR (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static CgStore *
provisioned_store (const char  *file,
                   CgRemote   **remote)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgProvisioning) p = cg_provisioning_load (file, &error);
  CgStore *store = cg_test_open_store (NULL);

  g_assert_no_error (error);
  g_assert_true (cg_provisioning_apply (p, store, &error));
  g_assert_no_error (error);
  *remote = cg_provisioning_open_remote (store, &error);
  g_assert_no_error (error);
  return store;
}

static void
put_local (CgStore    *store,
           const char *id,
           const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_test_json (body);
  g_autofree char *rev = NULL;

  json_object_set_string_member (doc, "_id", id);
  rev = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rev);
}

static gboolean
manager_saw_rejection (gpointer data)
{
  return cg_sync_manager_get_rejected (data) > 0 &&
         cg_sync_manager_get_state (data) == CG_SYNC_STATE_UP_TO_DATE;
}

static void
test_device_sync_refused (void)
{
  Fixture f = { 0 };
  g_autofree char *c1 = NULL;
  g_autofree char *k1 = NULL;

  if (!fixture_set_up (&f))
    return;
  provision (&f, STORE);
  c1 = add_device (&f, "counter", "c1.json");
  k1 = add_device (&f, "kiosk", "k1.json");

  /* A counter pushes a customer and a staff document (valid locally: the
   * device's store checks the schema, the server checks who may write). */
  {
    g_autoptr(CgRemote) remote = NULL;
    g_autoptr(CgStore) store = provisioned_store (c1, &remote);
    g_autofree char *device_id = cg_device_get_id (store);
    g_autoptr(CgReplicator) push = NULL;
    gboolean done = FALSE;

    put_local (store, "customer:11", CUSTOMER_BODY);
    put_local (store, "staff:0421-77", STAFF_BODY);
    push = cg_replicator_new (cg_store_get_path (store), remote, CG_REPLICATION_PUSH, device_id);
    cg_replicator_run_async (push, FALSE, NULL, on_run_done, &done);
    while (!done)
      g_main_context_iteration (NULL, TRUE);

    g_assert_cmpuint (cg_replicator_get_docs_failed (push), ==, 1);
    g_assert_nonnull (cg_replicator_get_last_rejection (push));
    g_assert_true (g_str_has_prefix (cg_replicator_get_last_rejection (push), "staff:0421-77: forbidden: "));
    g_assert_nonnull (strstr (cg_replicator_get_last_rejection (push), "Only a regional admin may write staff"));
    /* The customer arrived; the refused document waits, still pending, and
     * is not on the server. */
    {
      g_autoptr(JsonObject) customer = get_object (&f, "/changgu-store-0421/customer%3A11", 200);
      g_autoptr(JsonObject) staff = get_object (&f, "/changgu-store-0421/staff%3A0421-77", 404);
    }
    g_assert_cmpuint (cg_store_count_pending (store), ==, 1);
  }

  /* A kiosk's sync manager shows the refusal of a customer it wrote, and
   * still delivers its check-in. */
  {
    g_autoptr(CgRemote) remote = NULL;
    g_autoptr(CgStore) store = provisioned_store (k1, &remote);
    g_autofree char *device_id = cg_device_get_id (store);
    g_autoptr(CgSyncManager) manager = NULL;
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    put_local (store, "checkin:k1-1", CHECKIN_BODY);
    put_local (store, "customer:12", CUSTOMER_BODY);
    manager = cg_sync_manager_new (store, remote, device_id);
    cg_sync_manager_set_live (manager, FALSE);
    cg_sync_manager_start (manager);
    while (!manager_saw_rejection (manager) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE), g_usleep (2000);
    g_assert_true (manager_saw_rejection (manager));
    g_assert_cmpuint (cg_sync_manager_get_rejected (manager), ==, 1);
    g_assert_nonnull (strstr (cg_sync_manager_get_last_rejection (manager), "customer:12"));
    g_assert_nonnull (strstr (cg_sync_manager_get_last_rejection (manager), "forbidden"));
    g_assert_nonnull (strstr (cg_sync_manager_get_last_rejection (manager), "A kiosk may write only"));
    g_assert_cmpuint (cg_sync_manager_get_pending (manager), ==, 1);
    cg_sync_manager_stop (manager);
    {
      g_autoptr(JsonObject) checkin = get_object (&f, "/changgu-kiosk-0421/checkin%3Ak1-1", 200);
    }
  }

  fixture_tear_down (&f);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/admin/provision/idempotent", test_provision);
  g_test_add_func ("/admin/provision/replicator", test_replicator);
  g_test_add_func ("/admin/provision/add-device", test_add_device);
  g_test_add_func ("/admin/provision/rules", test_rules);
  g_test_add_func ("/admin/provision/device-sync-refused", test_device_sync_refused);
  return g_test_run ();
}
