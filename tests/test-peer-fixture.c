/* test-peer-fixture.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tests the sync tests' own tools: the pouchdb-server fixture, the
 * fault-injecting proxy and interop.js, with plain libsoup requests, so
 * that a sync test failing can be trusted to be about the client.
 */
#define G_LOG_DOMAIN "test-peer-fixture"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "cg-fault-proxy.h"
#include "cg-test-peer.h"

/* Most tests share one server (each start costs about a second); they use
 * databases of their own and leave the server's global state alone. */
static CgTestPeer *shared_peer;

static CgTestPeer *
get_shared_peer (void)
{
  g_autoptr(GError) error = NULL;

  if (shared_peer != NULL)
    return shared_peer;
  shared_peer = cg_test_peer_start (&error);
  if (g_error_matches (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_UNAVAILABLE))
    return NULL;  /* skipped */
  g_assert_no_error (error);
  return shared_peer;
}

/* Plain HTTP */

typedef struct {
  guint    status;
  GBytes  *body;
  GError  *error;
  char    *connection;   /* the Connection response header */
  gint64   content_length;
} Response;

static void
response_free (Response *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_error (&response->error);
  g_free (response->connection);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static Response *
http (const char *method,
      const char *url,
      const char *json_body,
      guint       timeout_s)
{
  g_autoptr(SoupSession) session = cg_test_peer_new_session (timeout_s);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  Response *response = g_new0 (Response, 1);
  SoupMessageHeaders *headers;

  g_assert_nonnull (message);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");
  if (json_body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json_body, strlen (json_body));
      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  response->body = soup_session_send_and_read (session, message, NULL, &response->error);
  response->status = soup_message_get_status (message);
  headers = soup_message_get_response_headers (message);
  response->connection = g_strdup (soup_message_headers_get_one (headers, "Connection"));
  response->content_length = soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
                             ? soup_message_headers_get_content_length (headers) : -1;
  return response;
}

static char *
url_for (const char *base,
         const char *path)
{
  return g_strconcat (base, path, NULL);
}

static JsonNode *
parse (GBytes  *bytes,
       GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), error))
    return NULL;
  return json_parser_steal_root (parser);
}

static JsonObject *
parse_object (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = parse (bytes, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
assert_response_ok (Response *response,
                    guint     status)
{
  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, status);
}

static char *
unique_db (const char *prefix)
{
  static guint counter;

  return g_strdup_printf ("%s-%u", prefix, ++counter);
}

static CgFaultProxy *
proxy_for (CgTestPeer *peer)
{
  g_autoptr(GError) error = NULL;
  CgFaultProxy *proxy = cg_fault_proxy_new (cg_test_peer_get_url (peer), &error);

  g_assert_no_error (error);
  g_assert_nonnull (proxy);
  return proxy;
}

/* Makes a database holding doc "d" with a body of about @size bytes. */
static char *
db_with_doc (CgTestPeer *peer,
             const char *prefix,
             gsize       size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = unique_db (prefix);
  g_autofree char *filler = g_strnfill (size, 'x');
  g_autofree char *body = g_strdup_printf ("{\"filler\":\"%s\"}", filler);
  g_autofree char *path = g_strdup_printf ("/%s/d", db);
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  cg_test_peer_create_db (peer, db, &error);
  g_assert_no_error (error);
  node = cg_test_peer_request (peer, "PUT", path, body, &status);
  g_assert_cmpuint (status, ==, 201);
  return g_steal_pointer (&db);
}

/* The fixture */

static void
test_peer_start (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonObject) welcome = NULL;
  g_autofree char *expected_prefix = NULL;
  g_autofree char *root = NULL;

  if (peer == NULL)
    return;

  expected_prefix = g_strdup_printf ("http://127.0.0.1:%u", cg_test_peer_get_port (peer));
  g_assert_cmpstr (cg_test_peer_get_url (peer), ==, expected_prefix);
  g_assert_true (cg_test_peer_is_alive (peer));
  g_assert_cmpint (cg_test_peer_get_pid (peer), >, 0);
  g_assert_true (g_file_test (cg_test_peer_get_dir (peer), G_FILE_TEST_IS_DIR));

  root = url_for (cg_test_peer_get_url (peer), "/");
  response = http ("GET", root, NULL, 10);
  assert_response_ok (response, 200);
  welcome = parse_object (response->body);
  g_assert_cmpstr (json_object_get_string_member (welcome, "version"), ==, "4.2.0");
  g_assert_true (json_object_has_member (welcome, "express-pouchdb"));

  cg_test_peer_assert_alive (peer);
}

static void
test_peer_doc_round_trip (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) put = NULL;
  g_autoptr(JsonNode) got = NULL;
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *db = NULL;
  g_autofree char *doc_path = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *diff_path = NULL;
  JsonObject *doc;
  guint status = 0;

  if (peer == NULL)
    return;

  db = unique_db ("roundtrip");
  g_assert_true (cg_test_peer_create_db (peer, db, &error));
  g_assert_no_error (error);
  /* A second create is an error with the status in the message. */
  g_assert_false (cg_test_peer_create_db (peer, db, &error));
  g_assert_error (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_REQUEST);
  g_assert_nonnull (strstr (error->message, "412"));

  doc_path = g_strdup_printf ("/%s/caf%%C3%%A9", db);   /* "café", escaped */
  put = cg_test_peer_request (peer, "PUT", doc_path,
                              "{\"name\":\"Zoë\",\"n\":3,\"tags\":[\"a\"]}", &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (put), "ok"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (put), "id"), ==, "café");

  got = cg_test_peer_request (peer, "GET", doc_path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  doc = json_node_get_object (got);
  g_assert_cmpstr (json_object_get_string_member (doc, "name"), ==, "Zoë");
  g_assert_cmpint (json_object_get_int_member (doc, "n"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (doc, "_rev"), ==,
                   json_object_get_string_member (json_node_get_object (put), "rev"));

  db_path = g_strdup_printf ("/%s", db);
  info = cg_test_peer_request (peer, "GET", db_path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (info), "doc_count"), ==, 1);

  /* A body goes with Content-Type, or the peer would ignore it and answer
   * _revs_diff with {} ("nothing missing"). */
  diff_path = g_strdup_printf ("/%s/_revs_diff", db);
  again = cg_test_peer_request (peer, "POST", diff_path, "{\"other\":[\"1-abc\"]}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (json_object_has_member (json_node_get_object (again), "other"));

  cg_test_peer_assert_alive (peer);
}

static void
test_peer_auth (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTestPeer) peer = cg_test_peer_start (&error);
  const char *members[] = { "bob", NULL };
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  if (g_error_matches (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_UNAVAILABLE))
    return;
  g_assert_no_error (error);

  g_assert_true (cg_test_peer_add_admin (peer, "admin", "s3cret", &error));
  g_assert_no_error (error);

  node = cg_test_peer_request_as (peer, "admin", "wrong", "GET", "/_all_dbs", NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "error"), ==,
                   "unauthorized");
  g_clear_pointer (&node, json_node_unref);

  /* The fixture now acts as that admin. */
  g_assert_true (cg_test_peer_create_db (peer, "private", &error));
  g_assert_no_error (error);
  g_assert_true (cg_test_peer_add_user (peer, "bob", "pw-bob", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cg_test_peer_add_user (peer, "carol", "pw-carol", (const char *[]) { "staff", NULL }, &error));
  g_assert_no_error (error);
  g_assert_true (cg_test_peer_set_members (peer, "private", members, NULL, &error));
  g_assert_no_error (error);

  node = cg_test_peer_request_as (peer, "bob", "pw-bob", "GET", "/private", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&node, json_node_unref);

  node = cg_test_peer_request_as (peer, "bob", "not-bobs", "GET", "/private", NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&node, json_node_unref);

  /* An authenticated non-member: 401 from this peer, 403 from CouchDB. */
  node = cg_test_peer_request_as (peer, "carol", "pw-carol", "GET", "/private", NULL, &status);
  g_assert_true (status == 401 || status == 403);
  g_clear_pointer (&node, json_node_unref);

  node = cg_test_peer_request_as (peer, NULL, NULL, "GET", "/private", NULL, &status);
  g_assert_true (status == 401 || status == 403);
  g_clear_pointer (&node, json_node_unref);

  node = cg_test_peer_request (peer, "GET", "/private", NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  cg_test_peer_assert_alive (peer);
}

static void
test_peer_restart (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTestPeer) peer = cg_test_peer_start (&error);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *url = NULL;
  GPid old_pid;
  guint status = 0;

  if (g_error_matches (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_UNAVAILABLE))
    return;
  g_assert_no_error (error);

  g_assert_true (cg_test_peer_add_admin (peer, "admin", "pw", &error));
  g_assert_no_error (error);
  g_assert_true (cg_test_peer_create_db (peer, "lost", &error));
  g_assert_no_error (error);
  node = cg_test_peer_request (peer, "PUT", "/lost/doc", "{\"a\":1}", &status);
  g_assert_cmpuint (status, ==, 201);
  g_clear_pointer (&node, json_node_unref);

  url = g_strdup (cg_test_peer_get_url (peer));
  old_pid = cg_test_peer_get_pid (peer);
  cg_test_peer_restart (peer);

  g_assert_true (cg_test_peer_is_alive (peer));
  g_assert_cmpstr (cg_test_peer_get_url (peer), ==, url);
  g_assert_cmpint (cg_test_peer_get_pid (peer), !=, old_pid);

  /* The data is gone... */
  node = cg_test_peer_request (peer, "GET", "/lost", NULL, &status);
  g_assert_cmpuint (status, ==, 404);
  g_clear_pointer (&node, json_node_unref);
  /* ...the config (and so the admin) is not. */
  node = cg_test_peer_request_as (peer, "admin", "wrong", "GET", "/_all_dbs", NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&node, json_node_unref);
  g_assert_true (cg_test_peer_create_db (peer, "lost", &error));
  g_assert_no_error (error);

  cg_test_peer_assert_alive (peer);
}

/* Sends a request from TEST-PEER.md's crash list, bypassing the fixture's
 * guard, and waits for the server to die. */
static void
crash_peer (CgTestPeer *peer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = url_for (cg_test_peer_get_url (peer), "/victim/_revs_diff");
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;
  gint64 deadline;

  g_assert_true (cg_test_peer_create_db (peer, "victim", &error));
  g_assert_no_error (error);
  /* It only crashes for a document that exists (else: {"missing":null}). */
  node = cg_test_peer_request (peer, "PUT", "/victim/a", "{}", &status);
  g_assert_cmpuint (status, ==, 201);
  response = http ("POST", url, "{\"a\":null}", 5);
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (cg_test_peer_is_alive (peer) && g_get_monotonic_time () < deadline)
    g_usleep (20 * G_TIME_SPAN_MILLISECOND);
}

static void
test_peer_assert_alive_detects_crash (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgTestPeer) peer = cg_test_peer_start (&error);

      g_assert_no_error (error);
      crash_peer (peer);
      g_assert_false (cg_test_peer_is_alive (peer));
      cg_test_peer_assert_alive (peer);  /* fails this subprocess */
      return;
    }

  if (get_shared_peer () == NULL)
    return;  /* skipped: no peer */

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  /* The reason, and the server's log and output (the crashing request
   * itself never reaches log.txt: it is logged on completion). */
  g_test_trap_assert_stderr ("*pouchdb-server on http://127.0.0.1:*died*");
  g_test_trap_assert_stderr ("*PUT /victim/a 201*");   /* log.txt */
  g_test_trap_assert_stderr ("*TypeError*");           /* its stderr */
}

static void
test_peer_crash_guard (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgTestPeer) peer = cg_test_peer_start (&error);
      g_autoptr(JsonNode) node = NULL;
      guint status = 123;

      /* Its own peer: the failure aborts the subprocess at the end of this
       * function, before main() could stop a shared one. */
      g_assert_no_error (error);
      node = cg_test_peer_request (peer, "POST", "/x/_revs_diff", "{\"a\":\"1-x\"}", &status);
      g_assert_null (node);
      g_assert_cmpuint (status, ==, 0);
      g_assert_true (cg_test_peer_is_alive (peer));
      return;
    }

  if (get_shared_peer () == NULL)
    return;

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*would crash pouchdb-server*crash 2*");
}

/* The proxy */

static void
test_proxy_passthrough (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(CgFaultProxy) proxy = NULL;
  g_autofree char *db = NULL;
  g_autofree char *direct_url = NULL;
  g_autofree char *proxied_url = NULL;
  g_autofree char *put_url = NULL;
  g_autofree char *changes_url = NULL;
  g_autofree char *direct_changes_url = NULL;
  g_autofree char *expected_url = NULL;
  g_autoptr(Response) direct = NULL;
  g_autoptr(Response) proxied = NULL;
  g_autoptr(Response) put = NULL;
  g_autoptr(Response) changes = NULL;
  g_autoptr(Response) direct_changes = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autofree char *stored_path = NULL;
  guint status = 0;

  if (peer == NULL)
    return;

  proxy = proxy_for (peer);
  expected_url = g_strdup_printf ("http://127.0.0.1:%u", cg_fault_proxy_get_port (proxy));
  g_assert_cmpstr (cg_fault_proxy_get_url (proxy), ==, expected_url);
  g_assert_cmpuint (cg_fault_proxy_get_port (proxy), !=, cg_test_peer_get_port (peer));

  db = db_with_doc (peer, "pass", 3000);
  direct_url = g_strdup_printf ("%s/%s/d", cg_test_peer_get_url (peer), db);
  proxied_url = g_strdup_printf ("%s/%s/d", cg_fault_proxy_get_url (proxy), db);

  /* A GET comes back byte for byte, one request per connection. */
  direct = http ("GET", direct_url, NULL, 10);
  proxied = http ("GET", proxied_url, NULL, 10);
  assert_response_ok (direct, 200);
  assert_response_ok (proxied, 200);
  g_assert_true (g_bytes_equal (direct->body, proxied->body));
  g_assert_cmpstr (proxied->connection, ==, "close");

  /* A PUT's method, path and body arrive unchanged. */
  put_url = g_strdup_printf ("%s/%s/through%%20proxy", cg_fault_proxy_get_url (proxy), db);
  put = http ("PUT", put_url, "{\"via\":\"proxy\",\"ü\":[1,2.5,null]}", 10);
  assert_response_ok (put, 201);
  stored_path = g_strdup_printf ("/%s/through%%20proxy", db);
  stored = cg_test_peer_request (peer, "GET", stored_path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (stored), "via"), ==, "proxy");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (stored), "ü")), ==, 3);

  /* A streamed (chunked) response too. */
  changes_url = g_strdup_printf ("%s/%s/_changes?style=all_docs", cg_fault_proxy_get_url (proxy), db);
  direct_changes_url = g_strdup_printf ("%s/%s/_changes?style=all_docs", cg_test_peer_get_url (peer), db);
  changes = http ("GET", changes_url, NULL, 10);
  direct_changes = http ("GET", direct_changes_url, NULL, 10);
  assert_response_ok (changes, 200);
  assert_response_ok (direct_changes, 200);
  g_assert_true (g_bytes_equal (changes->body, direct_changes->body));

  g_assert_cmpuint (cg_fault_proxy_get_requests (proxy), ==, 3);
  g_assert_cmpuint (cg_fault_proxy_get_injected (proxy), ==, 0);
  cg_test_peer_assert_alive (peer);
}

static void
test_proxy_status_faults (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(CgFaultProxy) proxy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  const struct {
    CgFault     fault;
    guint       status;
    const char *error;
  } cases[] = {
    { CG_FAULT_STATUS_500, 500, "internal_server_error" },
    { CG_FAULT_STATUS_503, 503, "service_unavailable" },
    { CG_FAULT_STATUS_401, 401, "unauthorized" },
    { CG_FAULT_STATUS_413, 413, "too_large" },
  };

  if (peer == NULL)
    return;

  proxy = proxy_for (peer);
  db = unique_db ("status");
  cg_test_peer_create_db (peer, db, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/%s/doc%u", cg_fault_proxy_get_url (proxy), db, i);
      g_autofree char *path = g_strdup_printf ("/%s/doc%u", db, i);
      g_autoptr(Response) faulty = NULL;
      g_autoptr(Response) healthy = NULL;
      g_autoptr(JsonObject) body = NULL;
      g_autoptr(JsonNode) stored = NULL;
      guint status = 0;

      g_test_message ("fault %s", cg_fault_to_string (cases[i].fault));
      cg_fault_proxy_set_fault (proxy, cases[i].fault, 1, NULL);

      faulty = http ("PUT", url, "{\"n\":1}", 10);
      assert_response_ok (faulty, cases[i].status);
      body = parse_object (faulty->body);
      g_assert_cmpstr (json_object_get_string_member (body, "error"), ==, cases[i].error);
      g_assert_cmpstr (faulty->connection, ==, "close");
      /* The request never reached the server. */
      stored = cg_test_peer_request (peer, "GET", path, NULL, &status);
      g_assert_cmpuint (status, ==, 404);

      /* times = 1: the next request goes through. */
      healthy = http ("PUT", url, "{\"n\":1}", 10);
      assert_response_ok (healthy, 201);
      g_assert_cmpuint (cg_fault_proxy_get_injected (proxy), ==, i + 1);
    }

  g_assert_cmpuint (cg_fault_proxy_get_requests (proxy), ==, 2 * G_N_ELEMENTS (cases));
  cg_test_peer_assert_alive (peer);
}

static void
test_proxy_truncate_json (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(CgFaultProxy) proxy = NULL;
  g_autofree char *db = NULL;
  g_autofree char *direct_url = NULL;
  g_autofree char *proxied_url = NULL;
  g_autoptr(Response) direct = NULL;
  g_autoptr(Response) truncated = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize full, half;

  if (peer == NULL)
    return;

  proxy = proxy_for (peer);
  db = db_with_doc (peer, "truncate", 5000);
  direct_url = g_strdup_printf ("%s/%s/d", cg_test_peer_get_url (peer), db);
  proxied_url = g_strdup_printf ("%s/%s/d", cg_fault_proxy_get_url (proxy), db);
  direct = http ("GET", direct_url, NULL, 10);
  assert_response_ok (direct, 200);

  cg_fault_proxy_set_fault (proxy, CG_FAULT_TRUNCATE_JSON, 1, NULL);
  truncated = http ("GET", proxied_url, NULL, 10);

  /* A complete HTTP response (no transport error) whose JSON is cut. */
  assert_response_ok (truncated, 200);
  full = g_bytes_get_size (direct->body);
  half = g_bytes_get_size (truncated->body);
  g_assert_cmpuint (half, ==, full / 2);
  g_assert_cmpint (truncated->content_length, ==, (gint64) half);
  g_assert_cmpmem (g_bytes_get_data (truncated->body, NULL), half,
                   g_bytes_get_data (direct->body, NULL), half);
  node = parse (truncated->body, &error);
  g_assert_null (node);
  g_assert_nonnull (error);
  g_assert_cmpuint (cg_fault_proxy_get_injected (proxy), ==, 1);
  cg_test_peer_assert_alive (peer);
}

static void
test_proxy_malformed_json (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(CgFaultProxy) proxy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) stored = NULL;
  guint status = 0;

  if (peer == NULL)
    return;

  proxy = proxy_for (peer);
  db = unique_db ("malformed");
  cg_test_peer_create_db (peer, db, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("%s/%s/doc", cg_fault_proxy_get_url (proxy), db);

  cg_fault_proxy_set_fault (proxy, CG_FAULT_MALFORMED_JSON, 1, NULL);
  response = http ("PUT", url, "{\"n\":1}", 10);
  assert_response_ok (response, 200);
  g_assert_cmpuint (g_bytes_get_size (response->body), >, 0);
  node = parse (response->body, &error);
  g_assert_null (node);
  g_assert_nonnull (error);

  /* The damage is to the response only: the server did the write. */
  path = g_strdup_printf ("/%s/doc", db);
  stored = cg_test_peer_request (peer, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  cg_test_peer_assert_alive (peer);
}

static void
test_proxy_reset_mid_body (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(CgFaultProxy) proxy = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Response) direct = NULL;
  g_autofree char *db = NULL;
  g_autofree char *direct_url = NULL;
  g_autofree char *proxied_url = NULL;
  guint8 buffer[4096];
  gsize received = 0;
  gsize full;

  if (peer == NULL)
    return;

  proxy = proxy_for (peer);
  db = db_with_doc (peer, "reset", 200000);
  direct_url = g_strdup_printf ("%s/%s/d", cg_test_peer_get_url (peer), db);
  proxied_url = g_strdup_printf ("%s/%s/d", cg_fault_proxy_get_url (proxy), db);
  direct = http ("GET", direct_url, NULL, 10);
  assert_response_ok (direct, 200);
  full = g_bytes_get_size (direct->body);

  cg_fault_proxy_set_fault (proxy, CG_FAULT_RESET_MID_BODY, 1, "/d");

  /* Read the body by hand to see how far it got. */
  session = cg_test_peer_new_session (10);
  message = soup_message_new ("GET", proxied_url);
  stream = soup_session_send (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  g_assert_cmpint (soup_message_headers_get_content_length (soup_message_get_response_headers (message)),
                   ==, (goffset) full);
  for (guint i = 0; i < 10000; i++)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error);
      if (n <= 0)
        break;
      received += n;
    }

  /* The connection broke before the end: an error, or libsoup's early EOF
   * on a Content-Length body, which is an error too. */
  g_test_message ("received %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes: %s",
                  received, full, error ? error->message : "(no error)");
  g_assert_nonnull (error);
  g_assert_cmpuint (received, ==, full / 2);
  g_assert_cmpuint (cg_fault_proxy_get_injected (proxy), ==, 1);
  cg_test_peer_assert_alive (peer);
}

static void
test_proxy_slow (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(CgFaultProxy) proxy = NULL;
  g_autofree char *url = NULL;
  g_autoptr(Response) slow = NULL;
  g_autoptr(Response) timed_out = NULL;
  gint64 start, elapsed_ms, free_ms;

  if (peer == NULL)
    return;

  proxy = proxy_for (peer);
  url = url_for (cg_fault_proxy_get_url (proxy), "/");

  cg_fault_proxy_set_delay_ms (proxy, 700);
  cg_fault_proxy_set_fault (proxy, CG_FAULT_SLOW, 1, NULL);
  start = g_get_monotonic_time ();
  slow = http ("GET", url, NULL, 10);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  assert_response_ok (slow, 200);
  g_assert_cmpint (elapsed_ms, >=, 700);
  g_assert_cmpint (elapsed_ms, <, 5000);

  /* Longer than the client waits: a timeout. */
  cg_fault_proxy_set_delay_ms (proxy, 30000);
  cg_fault_proxy_set_fault (proxy, CG_FAULT_SLOW, 0, NULL);
  start = g_get_monotonic_time ();
  timed_out = http ("GET", url, NULL, 1);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_error (timed_out->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (elapsed_ms, <, 5000);
  g_assert_cmpuint (cg_fault_proxy_get_injected (proxy), ==, 2);

  /* Freeing does not wait out a delay still running. */
  start = g_get_monotonic_time ();
  g_clear_pointer (&proxy, cg_fault_proxy_free);
  free_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_cmpint (free_ms, <, 3000);
  cg_test_peer_assert_alive (peer);
}

static void
test_proxy_refuse (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(CgFaultProxy) proxy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Response) refused = NULL;
  g_autoptr(Response) accepted = NULL;
  g_autoptr(JsonNode) stored = NULL;
  guint status = 0;

  if (peer == NULL)
    return;

  proxy = proxy_for (peer);
  db = unique_db ("refuse");
  cg_test_peer_create_db (peer, db, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("%s/%s/doc", cg_fault_proxy_get_url (proxy), db);
  path = g_strdup_printf ("/%s/doc", db);

  cg_fault_proxy_set_fault (proxy, CG_FAULT_REFUSE, 1, NULL);
  refused = http ("PUT", url, "{\"n\":1}", 10);
  g_test_message ("refused: %s", refused->error ? refused->error->message : "(no error)");
  g_assert_nonnull (refused->error);
  g_assert_true (refused->error->domain == G_IO_ERROR);
  g_assert_null (refused->body);
  stored = cg_test_peer_request (peer, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 404);

  accepted = http ("PUT", url, "{\"n\":1}", 10);
  assert_response_ok (accepted, 201);
  g_assert_cmpuint (cg_fault_proxy_get_injected (proxy), ==, 1);
  g_assert_cmpuint (cg_fault_proxy_get_requests (proxy), ==, 2);
  cg_test_peer_assert_alive (peer);
}

static void
test_proxy_filter_and_times (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(CgFaultProxy) proxy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *bulk_get = NULL;
  g_autofree char *root = NULL;
  const char *bulk_body = "{\"docs\":[{\"id\":\"nothing\"}]}";

  if (peer == NULL)
    return;

  proxy = proxy_for (peer);
  db = unique_db ("filter");
  cg_test_peer_create_db (peer, db, &error);
  g_assert_no_error (error);
  bulk_get = g_strdup_printf ("%s/%s/_bulk_get?revs=true", cg_fault_proxy_get_url (proxy), db);
  root = url_for (cg_fault_proxy_get_url (proxy), "/");

  /* Only matching requests, until cleared. */
  cg_fault_proxy_set_fault (proxy, CG_FAULT_STATUS_500, 0, "_bulk_get");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Response) other = http ("GET", root, NULL, 10);
      g_autoptr(Response) matching = http ("POST", bulk_get, bulk_body, 10);

      assert_response_ok (other, 200);
      assert_response_ok (matching, 500);
    }
  g_assert_cmpuint (cg_fault_proxy_get_injected (proxy), ==, 3);
  cg_fault_proxy_set_fault (proxy, CG_FAULT_NONE, 0, NULL);
  {
    g_autoptr(Response) cleared = http ("POST", bulk_get, bulk_body, 10);
    assert_response_ok (cleared, 200);
  }

  /* times = 2: exactly two, then it clears itself. */
  cg_fault_proxy_set_fault (proxy, CG_FAULT_STATUS_503, 2, NULL);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(Response) response = http ("GET", root, NULL, 10);
      assert_response_ok (response, i < 2 ? 503 : 200);
    }
  g_assert_cmpuint (cg_fault_proxy_get_injected (proxy), ==, 5);
  g_assert_cmpuint (cg_fault_proxy_get_requests (proxy), ==, 11);
  cg_test_peer_assert_alive (peer);
}

/* A feed is relayed as it arrives, not when it ends. */
static void
test_proxy_streams (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(CgFaultProxy) proxy = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *url = NULL;
  g_autofree char *line = NULL;

  if (peer == NULL)
    return;

  proxy = proxy_for (peer);
  db = db_with_doc (peer, "stream", 10);
  /* A continuous feed never ends (the peer ignores limit), so only
   * relaying as it arrives can deliver its first row. */
  url = g_strdup_printf ("%s/%s/_changes?feed=continuous&since=0&heartbeat=500",
                         cg_fault_proxy_get_url (proxy), db);
  session = cg_test_peer_new_session (10);
  /* Without Accept-Encoding: pouchdb-server gzips when asked, and its
   * compressor holds back a feed's rows and heartbeats until the end. */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  message = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");
  stream = soup_session_send (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);

  lines = g_data_input_stream_new (stream);
  for (guint i = 0; i < 20; i++)
    {
      g_clear_pointer (&line, g_free);
      line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (*line != '\0')
        break;  /* not a heartbeat */
    }
  g_assert_nonnull (strstr (line, "\"id\":\"d\""));

  /* Freeing the proxy cuts the feed it is still relaying. */
  g_clear_pointer (&proxy, cg_fault_proxy_free);
  g_input_stream_close (G_INPUT_STREAM (lines), NULL, NULL);
  cg_test_peer_assert_alive (peer);
}

typedef struct {
  const char *url;
  guint       ok;
  guint       unavailable;
  guint       other;
} Worker;

static gpointer
worker_run (gpointer data)
{
  Worker *worker = data;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(Response) response = http ("GET", worker->url, NULL, 10);

      if (response->error == NULL && response->status == 200)
        worker->ok++;
      else if (response->error == NULL && response->status == 503)
        worker->unavailable++;
      else
        worker->other++;
    }
  return NULL;
}

/* Configuring from the test's thread while requests are in flight. */
static void
test_proxy_concurrent (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(CgFaultProxy) proxy = NULL;
  g_autofree char *url = NULL;
  Worker workers[4] = { { 0, }, };
  GThread *threads[G_N_ELEMENTS (workers)];
  guint ok = 0, unavailable = 0;

  if (peer == NULL)
    return;

  proxy = proxy_for (peer);
  url = url_for (cg_fault_proxy_get_url (proxy), "/");
  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      workers[i].url = url;
      threads[i] = g_thread_new ("worker", worker_run, &workers[i]);
    }
  for (guint i = 0; i < 40; i++)
    {
      cg_fault_proxy_set_fault (proxy, i % 2 ? CG_FAULT_NONE : CG_FAULT_STATUS_503, 0, NULL);
      cg_fault_proxy_set_delay_ms (proxy, i);
      g_usleep (5 * G_TIME_SPAN_MILLISECOND);
    }
  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (workers[i].other, ==, 0);
      ok += workers[i].ok;
      unavailable += workers[i].unavailable;
    }

  g_assert_cmpuint (ok + unavailable, ==, 80);
  g_assert_cmpuint (cg_fault_proxy_get_requests (proxy), ==, 80);
  g_assert_cmpuint (cg_fault_proxy_get_injected (proxy), ==, unavailable);
  cg_test_peer_assert_alive (peer);
}

static void
test_proxy_loopback_only (void)
{
  const char *refused[] = {
    "http://192.0.2.1:5984",     /* TEST-NET-1: never contacted, only parsed */
    "http://example.com:5984",
    "https://127.0.0.1:6984",
    "not a url",
  };
  const char *accepted[] = {
    "http://127.0.0.1:9",
    "http://localhost:9/db",
    "http://[::1]:9",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgFaultProxy) proxy = cg_fault_proxy_new (refused[i], &error);

      g_assert_null (proxy);
      g_assert_nonnull (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgFaultProxy) proxy = cg_fault_proxy_new (accepted[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (proxy);
    }
}

/* An unreachable upstream is a 502, not a hang. */
static void
test_proxy_upstream_down (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(CgFaultProxy) proxy = NULL;
  g_autoptr(Response) response = NULL;
  g_autofree char *upstream = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago and has no listener. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any_port, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  upstream = g_strdup_printf ("http://127.0.0.1:%u",
                              g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  proxy = cg_fault_proxy_new (upstream, &error);
  g_assert_no_error (error);
  url = url_for (cg_fault_proxy_get_url (proxy), "/");
  response = http ("GET", url, NULL, 10);
  assert_response_ok (response, 502);
}

/* interop.js */

static void
test_interop_pull (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) bulk = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *db = NULL;
  g_autofree char *db_url = NULL;
  g_autofree char *a_path = NULL;
  g_autofree char *bulk_path = NULL;
  const char *args[3];
  JsonArray *docs;
  JsonObject *doc_a, *doc_b;
  JsonArray *conflicts;
  guint status = 0;

  if (peer == NULL)
    return;

  db = unique_db ("interop-pull");
  cg_test_peer_create_db (peer, db, &error);
  g_assert_no_error (error);

  a_path = g_strdup_printf ("/%s/a", db);
  a = cg_test_peer_request (peer, "PUT", a_path, "{\"name\":\"Ana\"}", &status);
  g_assert_cmpuint (status, ==, 201);
  /* b has two branches, as a replicator would write them. */
  bulk_path = g_strdup_printf ("/%s/_bulk_docs", db);
  bulk = cg_test_peer_request (peer, "POST", bulk_path,
                               "{\"new_edits\":false,\"docs\":["
                               "{\"_id\":\"b\",\"_rev\":\"2-bbbb\",\"_revisions\":{\"start\":2,\"ids\":[\"bbbb\",\"aaaa\"]},\"v\":1},"
                               "{\"_id\":\"b\",\"_rev\":\"2-cccc\",\"_revisions\":{\"start\":2,\"ids\":[\"cccc\",\"aaaa\"]},\"v\":2}]}",
                               &status);
  g_assert_cmpuint (status, ==, 201);

  db_url = g_strdup_printf ("%s/%s", cg_test_peer_get_url (peer), db);
  args[0] = "pull";
  args[1] = db_url;
  args[2] = NULL;
  result = cg_test_peer_run_interop (args, 60, &error);
  if (g_error_matches (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_UNAVAILABLE))
    return;
  g_assert_no_error (error);

  g_assert_true (json_object_get_boolean_member (json_node_get_object (result), "ok"));
  docs = json_object_get_array_member (json_node_get_object (result), "docs");
  g_assert_cmpuint (json_array_get_length (docs), ==, 2);

  doc_a = json_array_get_object_element (docs, 0);
  g_assert_cmpstr (json_object_get_string_member (doc_a, "_id"), ==, "a");
  g_assert_cmpstr (json_object_get_string_member (doc_a, "_rev"), ==,
                   json_object_get_string_member (json_node_get_object (a), "rev"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc_a, "_conflicts")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (doc_a, "doc"), "name"),
                   ==, "Ana");

  /* The same winner CouchDB picks: the higher revision id. */
  doc_b = json_array_get_object_element (docs, 1);
  g_assert_cmpstr (json_object_get_string_member (doc_b, "_id"), ==, "b");
  g_assert_cmpstr (json_object_get_string_member (doc_b, "_rev"), ==, "2-cccc");
  conflicts = json_object_get_array_member (doc_b, "_conflicts");
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (conflicts, 0), ==, "2-bbbb");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc_b, "leaves")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (
                       json_array_get_object_element (json_object_get_array_member (doc_b, "leaves"), 0),
                       "revisions"), 1), ==, "1-aaaa");
  cg_test_peer_assert_alive (peer);
}

static void
test_interop_write (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autofree char *db = NULL;
  g_autofree char *db_url = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  const char *args[4];
  JsonArray *written;
  guint status = 0;

  if (peer == NULL)
    return;

  db = unique_db ("interop-write");
  cg_test_peer_create_db (peer, db, &error);
  g_assert_no_error (error);

  dir = g_dir_make_tmp ("changgu-interop-XXXXXX", &error);
  g_assert_no_error (error);
  file = g_build_filename (dir, "docs.json", NULL);
  g_file_set_contents (file, "[{\"_id\":\"w\",\"n\":1},{\"_id\":\"w\",\"n\":2}]", -1, &error);
  g_assert_no_error (error);

  db_url = g_strdup_printf ("%s/%s", cg_test_peer_get_url (peer), db);
  args[0] = "write";
  args[1] = db_url;
  args[2] = file;
  args[3] = NULL;
  result = cg_test_peer_run_interop (args, 60, &error);
  g_unlink (file);
  g_rmdir (dir);
  if (g_error_matches (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_UNAVAILABLE))
    return;
  g_assert_no_error (error);

  written = json_object_get_array_member (json_node_get_object (result), "written");
  g_assert_cmpuint (json_array_get_length (written), ==, 2);
  path = g_strdup_printf ("/%s/w", db);
  stored = cg_test_peer_request (peer, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (stored), "n"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (stored), "_rev"), ==,
                   json_object_get_string_member (json_array_get_object_element (written, 1), "rev"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_node_get_object (stored), "_rev"), "2-"));
  cg_test_peer_assert_alive (peer);
}

static void
test_interop_error (void)
{
  CgTestPeer *peer = get_shared_peer ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *db_url = NULL;
  const char *args[3];

  if (peer == NULL)
    return;

  db_url = g_strdup_printf ("%s/no-such-db", cg_test_peer_get_url (peer));
  args[0] = "pull";
  args[1] = db_url;
  args[2] = NULL;
  result = cg_test_peer_run_interop (args, 60, &error);
  if (g_error_matches (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_UNAVAILABLE))
    return;
  g_assert_null (result);
  g_assert_error (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_INTEROP);
  g_assert_nonnull (strstr (error->message, "404"));
  cg_test_peer_assert_alive (peer);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peer/start", test_peer_start);
  g_test_add_func ("/peer/doc-round-trip", test_peer_doc_round_trip);
  g_test_add_func ("/peer/auth", test_peer_auth);
  g_test_add_func ("/peer/restart", test_peer_restart);
  g_test_add_func ("/peer/assert-alive-detects-crash", test_peer_assert_alive_detects_crash);
  g_test_add_func ("/peer/crash-guard", test_peer_crash_guard);
  g_test_add_func ("/proxy/passthrough", test_proxy_passthrough);
  g_test_add_func ("/proxy/status-faults", test_proxy_status_faults);
  g_test_add_func ("/proxy/truncate-json", test_proxy_truncate_json);
  g_test_add_func ("/proxy/malformed-json", test_proxy_malformed_json);
  g_test_add_func ("/proxy/reset-mid-body", test_proxy_reset_mid_body);
  g_test_add_func ("/proxy/slow", test_proxy_slow);
  g_test_add_func ("/proxy/refuse", test_proxy_refuse);
  g_test_add_func ("/proxy/filter-and-times", test_proxy_filter_and_times);
  g_test_add_func ("/proxy/streams", test_proxy_streams);
  g_test_add_func ("/proxy/concurrent", test_proxy_concurrent);
  g_test_add_func ("/proxy/loopback-only", test_proxy_loopback_only);
  g_test_add_func ("/proxy/upstream-down", test_proxy_upstream_down);
  g_test_add_func ("/interop/pull", test_interop_pull);
  g_test_add_func ("/interop/write", test_interop_write);
  g_test_add_func ("/interop/error", test_interop_error);

  status = g_test_run ();
  g_clear_pointer (&shared_peer, cg_test_peer_stop);
  return status;
}
