/* test-admin-relay.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin relay against the real test peer (pouchdb-server, which has
 * no _replicator): a kiosk check-in reaches the store database; articles,
 * pickups and check-in status reach the kiosk database; customers, orders
 * and every personal field never do (the kiosk database is scanned); a
 * second --once copies nothing; the command line and an unprovisioned
 * store fail as they should.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <gio/gio.h>

#include "changgu-core.h"
#include "cg-test-peer.h"
#include "cg-admin-test-util.h"

#define ADMIN "admin"
#define PASSWORD "relay-secret"
#define STORE_DB "changgu-store-0421"
#define KIOSK_DB "changgu-kiosk-0421"

typedef CgAdminResult Result;
#define result_clear cg_admin_result_clear
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, cg_admin_result_clear)

/* Runs changgu-admin with the admin password in the environment. */
static char *
admin_path (void)
{
  const char *root = g_getenv ("CHANGGU_BUILD_ROOT");
  return root ? g_build_filename (root, "src", "admin", "changgu-admin", NULL) : NULL;
}

static void
run_admin (Result             *result,
           const char * const *argv)
{
  const char * const env[] = { "CHANGGU_ADMIN_PASSWORD=" PASSWORD, NULL };

  cg_admin_test_run (result, NULL, NULL, env, argv);
}

#define RUN(result, ...) \
  run_admin ((result), (const char * const[]) { __VA_ARGS__, NULL })

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gint64
copied (JsonObject *summary,
        const char *direction)
{
  gint64 value = -1;
  g_assert_true (cg_json_get_int (cg_json_get_object (summary, direction), "copied", &value));
  return value;
}

/* PUT a document (new_edits as usual: the peer makes the revision). */
static char *
put_doc (CgTestPeer *peer,
         const char *db,
         const char *id,
         const char *json)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/%s/%s", db, escaped);
  guint status = 0;
  g_autoptr(JsonNode) reply = cg_test_peer_request (peer, "PUT", path, json, &status);

  g_assert_cmpuint (status, ==, 201);
  return g_strdup (cg_json_get_string (json_node_get_object (reply), "rev"));
}

static JsonObject *
get_doc (CgTestPeer *peer,
         const char *db,
         const char *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/%s/%s", db, escaped);
  guint status = 0;
  g_autoptr(JsonNode) reply = cg_test_peer_request (peer, "GET", path, NULL, &status);

  if (status != 200)
    return NULL;
  return json_object_ref (json_node_get_object (reply));
}

/* Every document of the kiosk database, as one JSON text. */
static char *
dump_db (CgTestPeer *peer,
         const char *db)
{
  g_autofree char *path = g_strdup_printf ("/%s/_all_docs?include_docs=true", db);
  guint status = 0;
  g_autoptr(JsonNode) reply = cg_test_peer_request (peer, "GET", path, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  return json_to_string (reply, FALSE);
}

static void
test_relay (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTestPeer) peer = cg_test_peer_start (&error);
  g_autofree char *url = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *checkin_rev = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_auto(Result) r = { 0 };

  if (peer == NULL)
    return;   /* skipped: no node or pouchdb-server */
  url = g_strdup (cg_test_peer_get_url (peer));
  g_assert_true (cg_test_peer_add_admin (peer, ADMIN, PASSWORD, &error));
  g_assert_no_error (error);

  /* Not provisioned yet: a failure that says what to do. */
  RUN (&r, "relay", "--server", url, "--user", ADMIN, "--store", "0421", "--once");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "provision"));
  result_clear (&r);

  g_assert_true (cg_test_peer_create_db (peer, STORE_DB, &error));
  g_assert_true (cg_test_peer_create_db (peer, KIOSK_DB, &error));

  /* On the kiosk side: what a kiosk writes, and something it must not
   * (a customer) that must not travel either. */
  g_free (put_doc (peer, KIOSK_DB, "checkin:k1",
                   "{\"type\":\"checkin\",\"ticket\":\"K1-001\",\"store_id\":\"0421\",\"reason\":\"help\","
                   "\"status\":\"waiting\",\"created_at\":\"2026-11-22T09:00:00Z\"}"));
  g_free (put_doc (peer, KIOSK_DB, "feedback:f1",
                   "{\"type\":\"feedback\",\"channel\":\"kiosk\",\"csat\":5,\"created_at\":\"2026-11-22T09:01:00Z\"}"));
  g_free (put_doc (peer, KIOSK_DB, "customer:planted",
                   "{\"type\":\"customer\",\"name\":\"Planted\",\"created_at\":\"2026-11-22T09:00:00Z\","
                   "\"updated_at\":\"2026-11-22T09:00:00Z\"}"));

  /* On the store side: what the kiosk needs, and personal data. */
  g_free (put_doc (peer, STORE_DB, "article:returns",
                   "{\"type\":\"article\",\"title\":\"Returns\",\"body\":\"Bring the receipt.\",\"tags\":[],"
                   "\"locale\":\"en\",\"category\":\"return\",\"published\":true,\"updated_at\":\"2026-11-22T08:00:00Z\"}"));
  g_free (put_doc (peer, STORE_DB, "pickup:0421:W1",
                   "{\"type\":\"pickup\",\"order_number\":\"W1\",\"status\":\"ready_for_pickup\","
                   "\"verify\":{\"salt\":\"00112233445566778899aabbccddeeff\",\"hash\":\"ab\"}}"));
  g_free (put_doc (peer, STORE_DB, "customer:kim",
                   "{\"type\":\"customer\",\"name\":\"김민준\",\"phones\":[\"+821012345678\"],"
                   "\"emails\":[\"minjun@example.com\"],\"created_at\":\"2026-11-22T08:00:00Z\","
                   "\"updated_at\":\"2026-11-22T08:00:00Z\"}"));
  g_free (put_doc (peer, STORE_DB, "order:0421:W1",
                   "{\"type\":\"order\",\"number\":\"W1\",\"customer_id\":\"customer:kim\",\"store_id\":\"0421\","
                   "\"channel\":\"online\",\"items\":[{\"sku\":\"S1\",\"name\":\"Scarf\",\"qty\":1,\"unit_price\":19000}],"
                   "\"total\":19000,\"currency\":\"KRW\",\"status\":\"ready_for_pickup\"}"));
  /* A body whose type is not what its id says. */
  g_free (put_doc (peer, STORE_DB, "article:disguised",
                   "{\"type\":\"customer\",\"name\":\"Disguised\",\"phones\":[\"+821099998888\"]}"));
  checkin_rev = put_doc (peer, STORE_DB, "checkin:c1",
                         "{\"type\":\"checkin\",\"ticket\":\"C1-007\",\"store_id\":\"0421\",\"reason\":\"pickup\","
                         "\"customer_id\":\"customer:kim\",\"order_number\":\"W1\",\"display_name\":\"민준\","
                         "\"status\":\"called\",\"called_at\":\"2026-11-22T09:05:00Z\",\"served_by\":\"staff:0421-01\","
                         "\"created_at\":\"2026-11-22T09:00:00Z\"}");

  RUN (&r, "relay", "--server", url, "--user", ADMIN, "--store", "0421", "--once", "--json");
  g_assert_cmpint (r.status, ==, 0);
  summary = parse_object (r.out);
  g_assert_true (cg_json_get_bool (summary, "ok", FALSE));
  g_assert_cmpint (copied (summary, "kiosk_to_store"), ==, 2);   /* checkin, feedback */
  g_assert_cmpint (copied (summary, "store_to_kiosk"), ==, 3);   /* article, pickup, checkin */
  result_clear (&r);
  g_clear_pointer (&summary, json_object_unref);

  /* kiosk → store */
  doc = get_doc (peer, STORE_DB, "checkin:k1");
  g_assert_nonnull (doc);
  g_assert_cmpstr (cg_json_get_string (doc, "ticket"), ==, "K1-001");
  g_clear_pointer (&doc, json_object_unref);
  doc = get_doc (peer, STORE_DB, "feedback:f1");
  g_assert_nonnull (doc);
  g_clear_pointer (&doc, json_object_unref);
  g_assert_null (get_doc (peer, STORE_DB, "customer:planted"));

  /* store → kiosk */
  doc = get_doc (peer, KIOSK_DB, "article:returns");
  g_assert_nonnull (doc);
  g_clear_pointer (&doc, json_object_unref);
  doc = get_doc (peer, KIOSK_DB, "pickup:0421:W1");
  g_assert_nonnull (doc);
  g_clear_pointer (&doc, json_object_unref);
  doc = get_doc (peer, KIOSK_DB, "checkin:c1");
  g_assert_nonnull (doc);
  g_assert_cmpstr (cg_json_get_string (doc, "_rev"), ==, checkin_rev);
  g_assert_cmpstr (cg_json_get_string (doc, "ticket"), ==, "C1-007");
  g_assert_cmpstr (cg_json_get_string (doc, "status"), ==, "called");
  g_assert_cmpstr (cg_json_get_string (doc, "called_at"), ==, "2026-11-22T09:05:00Z");
  g_assert_false (json_object_has_member (doc, "customer_id"));
  g_assert_false (json_object_has_member (doc, "display_name"));
  g_assert_false (json_object_has_member (doc, "order_number"));
  g_assert_false (json_object_has_member (doc, "served_by"));
  g_clear_pointer (&doc, json_object_unref);

  /* Nothing personal anywhere in the kiosk database (the planted customer
   * is the kiosk's own and stays there alone). */
  g_assert_null (get_doc (peer, KIOSK_DB, "customer:kim"));
  g_assert_null (get_doc (peer, KIOSK_DB, "order:0421:W1"));
  g_assert_null (get_doc (peer, KIOSK_DB, "article:disguised"));
  dump = dump_db (peer, KIOSK_DB);
  g_assert_null (strstr (dump, "김민준"));
  g_assert_null (strstr (dump, "민준"));
  g_assert_null (strstr (dump, "+8210"));
  g_assert_null (strstr (dump, "minjun@example.com"));
  g_assert_null (strstr (dump, "customer:kim"));
  g_assert_null (strstr (dump, "\"type\":\"order\""));
  g_assert_null (strstr (dump, "Disguised"));
  g_assert_null (strstr (dump, "Scarf"));

  /* A second run copies nothing. */
  RUN (&r, "relay", "--server", url, "--user", ADMIN, "--store", "0421", "--once", "--json");
  g_assert_cmpint (r.status, ==, 0);
  summary = parse_object (r.out);
  g_assert_cmpint (copied (summary, "kiosk_to_store"), ==, 0);
  g_assert_cmpint (copied (summary, "store_to_kiosk"), ==, 0);
  result_clear (&r);
  g_clear_pointer (&summary, json_object_unref);

  /* The counter serves the check-in: the new status reaches the kiosk,
   * still without the personal fields; the text output says so. */
  {
    g_autofree char *body = g_strdup_printf ("{\"_rev\":\"%s\",\"type\":\"checkin\",\"ticket\":\"C1-007\","
                                             "\"store_id\":\"0421\",\"reason\":\"pickup\",\"customer_id\":\"customer:kim\","
                                             "\"display_name\":\"민준\",\"status\":\"serving\","
                                             "\"called_at\":\"2026-11-22T09:05:00Z\",\"created_at\":\"2026-11-22T09:00:00Z\"}",
                                             checkin_rev);
    g_free (put_doc (peer, STORE_DB, "checkin:c1", body));
  }
  RUN (&r, "relay", "--server", url, "--user", ADMIN, "--store", "0421", "--once");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "store → kiosk: 1 copied"));
  result_clear (&r);
  doc = get_doc (peer, KIOSK_DB, "checkin:c1");
  g_assert_cmpstr (cg_json_get_string (doc, "status"), ==, "serving");
  g_assert_false (json_object_has_member (doc, "display_name"));
  g_assert_false (json_object_has_member (doc, "customer_id"));
  g_clear_pointer (&doc, json_object_unref);

  /* The long-running mode runs at once, then every --interval: stopped by
   * SIGTERM, it exits cleanly. */
  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_autofree char *program = admin_path ();
    g_autoptr(GSubprocess) process = NULL;
    g_autoptr(JsonObject) arrived = NULL;
    gint64 deadline;

    g_subprocess_launcher_setenv (launcher, "CHANGGU_ADMIN_PASSWORD", PASSWORD, TRUE);
    process = g_subprocess_launcher_spawn (launcher, &error, program, "relay", "--server", url, "--user", ADMIN,
                                           "--store", "0421", "--interval", "1", NULL);
    g_assert_no_error (error);
    g_free (put_doc (peer, KIOSK_DB, "checkin:k2",
                     "{\"type\":\"checkin\",\"ticket\":\"K1-002\",\"store_id\":\"0421\",\"reason\":\"return\","
                     "\"status\":\"waiting\",\"created_at\":\"2026-11-22T09:10:00Z\"}"));
    deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
    while (arrived == NULL && g_get_monotonic_time () < deadline)
      {
        g_usleep (G_USEC_PER_SEC / 5);
        arrived = get_doc (peer, STORE_DB, "checkin:k2");
      }
    g_assert_nonnull (arrived);
    g_subprocess_send_signal (process, SIGTERM);
    g_subprocess_wait (process, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_if_exited (process));
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  }

  cg_test_peer_assert_alive (peer);
}

static void
test_usage (void)
{
  g_auto(Result) r = { 0 };

  RUN (&r, "relay", "--server", "http://127.0.0.1:9", "--once");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--store"));
  result_clear (&r);
  RUN (&r, "relay", "--store", "0421", "--once");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  RUN (&r, "relay", "--server", "http://127.0.0.1:9", "--store", "0421", "--json");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  RUN (&r, "relay", "--server", "http://127.0.0.1:9", "--store", "0421", "--interval", "0");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  RUN (&r, "relay", "--server", "ftp://example.com", "--store", "0421", "--once");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  /* Nothing listens on port 9: a failure, not a usage error. */
  RUN (&r, "relay", "--server", "http://127.0.0.1:9", "--store", "0421", "--once");
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);
  RUN (&r, "relay", "--help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--interval"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/admin-relay/usage", test_usage);
  g_test_add_func ("/admin-relay/relay", test_relay);
  return g_test_run ();
}
