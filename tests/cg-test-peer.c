/* cg-test-peer.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts pouchdb-server 4.2.0 (tests/peer/, TEST-PEER.md) for the sync tests.
 *
 * Picking a free port by binding to port 0 and closing the socket leaves a
 * window in which another process can take the port. pouchdb-server then
 * dies (EADDRINUSE, reported as a TypeError from its own error handler) —
 * but GET / on that port is answered by the other process, which is worse.
 * So the fixture writes a random server uuid into the config file before
 * starting, and the server only counts as ours once GET / answers with it.
 */
#define G_LOG_DOMAIN "cg-test-peer"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cg-test-peer.h"

#define START_TIMEOUT_S       20
#define RESTART_PORT_WAIT_S   10
#define STOP_GRACE_MS         2000
#define PORT_ATTEMPTS         5
#define PROBE_INTERVAL_MS     50
#define REQUEST_TIMEOUT_S     60
#define INTEROP_TIMEOUT_S     60
#define DEPS_HINT             "run `build-aux/dev deps` to install node and the npm test peer"

struct _CgTestPeer
{
  char        *dir;
  char        *url;
  char        *uuid;
  guint16      port;
  GSubprocess *process;
  SoupSession *session;
  char        *admin_name;
  char        *admin_password;
};

G_DEFINE_QUARK (cg-test-peer-error-quark, cg_test_peer_error)

typedef enum {
  LAUNCH_OK,
  LAUNCH_PORT_TAKEN,  /* someone else has the port: try another */
  LAUNCH_FAILED,
} LaunchResult;

/* Paths and prerequisites */

static char *
source_root (void)
{
  const char *env = g_getenv ("CHANGGU_SOURCE_ROOT");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
#ifdef CG_TEST_SOURCE_ROOT
  return g_strdup (CG_TEST_SOURCE_ROOT);
#else
  return g_get_current_dir ();
#endif
}

static char *
peer_path (const char *relative)
{
  g_autofree char *root = source_root ();

  return g_build_filename (root, "tests", "peer", relative, NULL);
}

/* Finds node and the npm files the caller needs, or skips the test: a
 * missing toolchain must show up as a skip that says how to fix it, never
 * as a silent pass. */
static gboolean
check_prerequisites (const char * const *files,
                     char              **node_out,
                     GError            **error)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *missing = NULL;

  if (node == NULL)
    missing = g_strdup ("`node` is not in PATH");

  for (guint i = 0; missing == NULL && files[i] != NULL; i++)
    {
      g_autofree char *path = peer_path (files[i]);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        missing = g_strdup_printf ("%s is missing", path);
    }

  /* The peer must carry our fixes (tests/peer/patches/README.md), or the
   * sync tests would check the peer's bugs instead of Changgu. */
  if (missing == NULL)
    {
      g_autofree char *path = peer_path ("node_modules/pouchdb-validation/lib/index.js");
      g_autofree char *source = NULL;
      if (g_file_get_contents (path, &source, NULL, NULL)
          && strstr (source, "Changgu test-peer fix") == NULL)
        missing = g_strdup_printf ("%s lacks tests/peer/patches/pouchdb-validation--keep-revisions.patch",
                                   path);
    }

  if (missing != NULL)
    {
      g_autofree char *message = g_strdup_printf ("test peer unavailable: %s; %s",
                                                  missing, DEPS_HINT);
      g_test_skip (message);
      g_set_error_literal (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_UNAVAILABLE,
                           message);
      return FALSE;
    }

  *node_out = g_steal_pointer (&node);
  return TRUE;
}

/* Ports */

static GSocket *
bind_loopback (guint16   port,
               GError  **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;
  /* Like node, so that a port in TIME_WAIT counts as free. */
  if (!g_socket_bind (socket, address, TRUE, error))
    return NULL;
  return g_steal_pointer (&socket);
}

static guint16
pick_free_port (GError **error)
{
  g_autoptr(GSocket) socket = bind_loopback (0, error);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  if (socket == NULL)
    return 0;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return 0;
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

static gboolean
port_is_free (guint16 port)
{
  g_autoptr(GSocket) socket = bind_loopback (port, NULL);

  if (socket == NULL)
    return FALSE;
  g_socket_close (socket, NULL);
  return TRUE;
}

/* Files */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
          !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

char *
cg_test_peer_read_log (CgTestPeer *self)
{
  g_autofree char *log_path = g_build_filename (self->dir, "log.txt", NULL);
  g_autofree char *output_path = g_build_filename (self->dir, "output.txt", NULL);
  g_autofree char *log = NULL;
  g_autofree char *output = NULL;

  if (!g_file_get_contents (log_path, &log, NULL, NULL))
    log = g_strdup ("(no log.txt)\n");
  if (!g_file_get_contents (output_path, &output, NULL, NULL))
    output = g_strdup ("(no output)\n");
  return g_strdup_printf ("--- %s ---\n%s--- stdout/stderr ---\n%s", log_path, log, output);
}

/* The process */

static gboolean
process_running (GSubprocess *process)
{
  /* GSubprocess reaps the child from GLib's worker thread and clears its
   * identifier then, so this needs no main loop of ours. */
  return process != NULL && g_subprocess_get_identifier (process) != NULL;
}

static char *
describe_exit (GSubprocess *process)
{
  if (process_running (process))
    return g_strdup ("still running");
  /* Already reaped: this returns at once. */
  g_subprocess_wait (process, NULL, NULL);
  if (g_subprocess_get_if_signaled (process))
    return g_strdup_printf ("killed by signal %d", g_subprocess_get_term_sig (process));
  return g_strdup_printf ("exited with status %d", g_subprocess_get_exit_status (process));
}

#ifdef __linux__
static void
die_with_parent (gpointer user_data)
{
  /* A test that aborts must not leave a server running forever. This is
   * tied to the thread that spawns the child: start peers from the thread
   * that runs the tests. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}
#endif

static void
kill_process (GSubprocess *process)
{
  gint64 deadline;

  if (process == NULL)
    return;
  if (process_running (process))
    {
      g_subprocess_send_signal (process, SIGTERM);
      deadline = g_get_monotonic_time () + STOP_GRACE_MS * G_TIME_SPAN_MILLISECOND;
      while (process_running (process) && g_get_monotonic_time () < deadline)
        g_usleep (10 * G_TIME_SPAN_MILLISECOND);
      if (process_running (process))
        g_subprocess_force_exit (process);
    }
  /* SIGKILL cannot be ignored, so this returns promptly. */
  g_subprocess_wait (process, NULL, NULL);
}

/* HTTP */

static SoupSession *
new_session (guint timeout_s)
{
  /* Never a proxy from the environment: everything here is loopback. */
  g_autoptr(GProxyResolver) direct = g_simple_proxy_resolver_new (NULL, NULL);

  return soup_session_new_with_options ("timeout", timeout_s,
                                        "proxy-resolver", direct,
                                        "user-agent", "changgu-test-peer",
                                        NULL);
}

SoupSession *
cg_test_peer_new_session (guint timeout_s)
{
  return new_session (timeout_s);
}

static char *
basic_authorization (const char *username,
                     const char *password)
{
  g_autofree char *pair = g_strdup_printf ("%s:%s", username, password ? password : "");
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  return g_strdup_printf ("Basic %s", encoded);
}

/* One request, returning the raw body. Connection: close, because the
 * peer drops idle kept-alive connections after 5 s and a test may well be
 * idle that long between two requests. */
static GBytes *
send_raw (SoupSession  *session,
          const char   *method,
          const char   *url,
          const char   *username,
          const char   *password,
          const char   *json_body,
          guint        *status,
          GError      **error)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  SoupMessageHeaders *headers;
  GBytes *body;

  *status = 0;
  if (message == NULL)
    {
      g_set_error (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_REQUEST,
                   "not a valid URL: %s", url);
      return NULL;
    }
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "Connection", "close");
  if (username != NULL)
    {
      g_autofree char *authorization = basic_authorization (username, password);
      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  if (json_body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json_body, strlen (json_body));
      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  body = soup_session_send_and_read (session, message, NULL, error);
  if (body != NULL)
    *status = soup_message_get_status (message);
  return body;
}

static JsonNode *
parse_json (const char *data,
            gsize       length,
            GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           "empty document");
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/* Start and stop */

static gboolean
write_config (CgTestPeer  *self,
              GError     **error)
{
  g_autofree char *path = g_build_filename (self->dir, "config.json", NULL);
  g_autofree char *config = g_strdup_printf ("{\"couchdb\":{\"uuid\":\"%s\"}}\n", self->uuid);

  return g_file_set_contents (path, config, -1, error);
}

/* GET / until it answers as our server. */
static LaunchResult
wait_until_ready (CgTestPeer  *self,
                  GError     **error)
{
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_S * G_TIME_SPAN_SECOND;
  g_autoptr(SoupSession) probe = new_session (2);
  g_autofree char *root = g_strconcat (self->url, "/", NULL);

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonNode) node = NULL;
      guint status = 0;

      if (!process_running (self->process))
        {
          g_autofree char *how = describe_exit (self->process);
          g_autofree char *log = cg_test_peer_read_log (self);

          if (!port_is_free (self->port))
            return LAUNCH_PORT_TAKEN;
          g_set_error (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_START,
                       "pouchdb-server %s before answering on %s\n%s",
                       how, self->url, log);
          return LAUNCH_FAILED;
        }

      body = send_raw (probe, "GET", root, NULL, NULL, NULL, &status, NULL);
      if (body != NULL && status == SOUP_STATUS_OK)
        node = parse_json (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL);
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          const char *uuid = json_object_get_string_member_with_default (json_node_get_object (node),
                                                                         "uuid", "");
          if (g_strcmp0 (uuid, self->uuid) == 0)
            return LAUNCH_OK;
          /* Another server holds the port; ours will die of EADDRINUSE. */
          return LAUNCH_PORT_TAKEN;
        }
      g_usleep (PROBE_INTERVAL_MS * G_TIME_SPAN_MILLISECOND);
    }

  {
    g_autofree char *log = cg_test_peer_read_log (self);
    g_set_error (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_START,
                 "pouchdb-server did not answer on %s within %d s\n%s",
                 self->url, START_TIMEOUT_S, log);
  }
  return LAUNCH_FAILED;
}

static LaunchResult
launch (CgTestPeer  *self,
        const char  *node,
        GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *script = peer_path ("node_modules/pouchdb-server/bin/pouchdb-server");
  g_autofree char *port = g_strdup_printf ("%u", self->port);
  g_autofree char *db_dir = g_strconcat (self->dir, G_DIR_SEPARATOR_S, NULL);
  g_autofree char *config = g_build_filename (self->dir, "config.json", NULL);
  g_autofree char *output = g_build_filename (self->dir, "output.txt", NULL);
  LaunchResult result;

  g_clear_pointer (&self->url, g_free);
  self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_cwd (launcher, self->dir);  /* it writes log.txt there */
  g_subprocess_launcher_set_stdout_file_path (launcher, output);
#ifdef __linux__
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
#endif

  g_clear_object (&self->process);
  self->process = g_subprocess_launcher_spawn (launcher, error,
                                               node, script,
                                               "-o", "127.0.0.1",
                                               "-p", port,
                                               "-d", db_dir,
                                               "-c", config,
                                               "-n",
                                               "--in-memory",
                                               NULL);
  if (self->process == NULL)
    return LAUNCH_FAILED;

  result = wait_until_ready (self, error);
  if (result != LAUNCH_OK)
    kill_process (self->process);
  return result;
}

CgTestPeer *
cg_test_peer_start (GError **error)
{
  const char *files[] = { "node_modules/pouchdb-server/bin/pouchdb-server", NULL };
  g_autofree char *node = NULL;
  CgTestPeer *self;

  if (!check_prerequisites (files, &node, error))
    return NULL;

  self = g_new0 (CgTestPeer, 1);
  self->dir = g_dir_make_tmp ("changgu-peer-XXXXXX", error);
  if (self->dir == NULL)
    {
      cg_test_peer_stop (self);
      return NULL;
    }
  self->uuid = g_uuid_string_random ();
  self->session = new_session (REQUEST_TIMEOUT_S);

  for (guint attempt = 1; attempt <= PORT_ATTEMPTS; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      LaunchResult result;

      self->port = pick_free_port (error);
      if (self->port == 0 || !write_config (self, error))
        break;

      result = launch (self, node, &local_error);
      if (result == LAUNCH_OK)
        {
          g_test_message ("pouchdb-server pid %s on %s, in %s",
                          g_subprocess_get_identifier (self->process), self->url, self->dir);
          return self;
        }
      if (result == LAUNCH_FAILED)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          break;
        }
      g_test_message ("port %u was taken by another process; trying another", self->port);
      if (attempt == PORT_ATTEMPTS)
        g_set_error (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_START,
                     "no free port after %u attempts", PORT_ATTEMPTS);
    }

  cg_test_peer_stop (self);
  return NULL;
}

void
cg_test_peer_stop (CgTestPeer *self)
{
  if (self == NULL)
    return;

  kill_process (self->process);
  g_clear_object (&self->process);
  g_clear_object (&self->session);
  if (self->dir != NULL)
    remove_tree (self->dir);
  g_free (self->dir);
  g_free (self->url);
  g_free (self->uuid);
  g_free (self->admin_name);
  g_free (self->admin_password);
  g_free (self);
}

void
cg_test_peer_restart (CgTestPeer *self)
{
  const char *files[] = { "node_modules/pouchdb-server/bin/pouchdb-server", NULL };
  g_autofree char *node = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  LaunchResult result = LAUNCH_FAILED;

  g_return_if_fail (self != NULL);

  if (!check_prerequisites (files, &node, &error))
    return;

  kill_process (self->process);

  /* The same port, so that clients keep their URL. The port is normally
   * free as soon as the old process is gone; if someone grabbed it in
   * between, wait a little for it rather than move. */
  deadline = g_get_monotonic_time () + RESTART_PORT_WAIT_S * G_TIME_SPAN_SECOND;
  while (g_get_monotonic_time () < deadline)
    {
      g_clear_error (&error);
      result = launch (self, node, &error);
      if (result != LAUNCH_PORT_TAKEN)
        break;
      g_usleep (100 * G_TIME_SPAN_MILLISECOND);
    }

  if (result != LAUNCH_OK)
    g_test_fail_printf ("pouchdb-server did not come back on port %u: %s",
                        self->port, error ? error->message : "the port stayed taken");
}

const char *
cg_test_peer_get_url (CgTestPeer *self)
{
  return self->url;
}

guint16
cg_test_peer_get_port (CgTestPeer *self)
{
  return self->port;
}

GPid
cg_test_peer_get_pid (CgTestPeer *self)
{
  const char *identifier = g_subprocess_get_identifier (self->process);

  return identifier != NULL ? (GPid) g_ascii_strtoll (identifier, NULL, 10) : 0;
}

const char *
cg_test_peer_get_dir (CgTestPeer *self)
{
  return self->dir;
}

gboolean
cg_test_peer_is_alive (CgTestPeer *self)
{
  return process_running (self->process);
}

void
cg_test_peer_assert_alive (CgTestPeer *self)
{
  g_autofree char *how = NULL;
  g_autofree char *log = NULL;

  if (cg_test_peer_is_alive (self))
    return;

  how = describe_exit (self->process);
  log = cg_test_peer_read_log (self);
  /* stderr: GTest shows it in every mode, also from a trap subprocess,
   * where g_test_message() is silent. */
  g_printerr ("pouchdb-server on %s died (%s). See the crash list in TEST-PEER.md.\n%s\n",
              self->url, how, log);
  g_test_fail_printf ("pouchdb-server on %s died (%s); its log is on stderr",
                      self->url, how);
}

/* Requests */

static gboolean
revs_diff_body_is_safe (const char *json_body)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObjectIter iter;
  JsonNode *value;

  if (json_body == NULL)
    return TRUE;
  node = parse_json (json_body, strlen (json_body), NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;  /* the peer answers 400 to that */

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, NULL, &value))
    {
      JsonArray *revs;

      if (!JSON_NODE_HOLDS_ARRAY (value))
        return FALSE;
      revs = json_node_get_array (value);
      for (guint i = 0; i < json_array_get_length (revs); i++)
        if (json_node_get_value_type (json_array_get_element (revs, i)) != G_TYPE_STRING)
          return FALSE;
    }
  return TRUE;
}

/* The requests in TEST-PEER.md that make pouchdb-server exit, where they
 * can be recognised from the request alone (an unknown revision with
 * latest=true cannot). A test that sends one by accident would otherwise
 * fail later with a confusing connection error. */
static const char *
crash_reason (CgTestPeer *self,
              const char *method,
              const char *path,
              const char *json_body,
              gboolean    as_admin)
{
  g_autofree char *bare = g_strdup (path);
  char *query = strchr (bare, '?');

  if (query != NULL)
    *query++ = '\0';

  if (g_str_equal (method, "PUT") && self->admin_name != NULL && !as_admin &&
      bare[0] == '/' && bare[1] != '\0' && strchr (bare + 1, '/') == NULL)
    return "PUT /db by a non-admin once an admin exists (crash 4)";

  if (g_str_equal (method, "POST") && g_str_has_suffix (bare, "/_revs_diff") &&
      !revs_diff_body_is_safe (json_body))
    return "_revs_diff whose values are not arrays of strings (crash 2)";

  if (g_str_has_suffix (bare, "/_changes") && query != NULL &&
      strstr (query, "feed=continuous") == NULL)
    {
      if (strstr (query, "filter=_selector") != NULL ||
          strstr (query, "filter=_view") != NULL)
        return "a _changes filter the peer cannot run (crash 3)";
      if (strstr (query, "filter=_doc_ids") != NULL &&
          strstr (query, "doc_ids=") == NULL &&
          (json_body == NULL || strstr (json_body, "\"doc_ids\"") == NULL))
        return "filter=_doc_ids without doc_ids (crash 3)";
    }

  return NULL;
}

JsonNode *
cg_test_peer_request_as (CgTestPeer *self,
                         const char *username,
                         const char *password,
                         const char *method,
                         const char *path,
                         const char *json_body,
                         guint      *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *url = NULL;
  const char *reason;
  guint dummy;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (method != NULL && path != NULL, NULL);

  if (status == NULL)
    status = &dummy;
  *status = 0;

  reason = crash_reason (self, method, path, json_body,
                         username != NULL && g_strcmp0 (username, self->admin_name) == 0);
  if (reason != NULL)
    {
      g_printerr ("not sending %s %s: it would crash pouchdb-server: %s\n",
                  method, path, reason);
      g_test_fail_printf ("not sending %s %s: it would crash pouchdb-server: %s",
                          method, path, reason);
      return NULL;
    }

  url = g_strconcat (self->url, path[0] == '/' ? "" : "/", path, NULL);
  body = send_raw (self->session, method, url, username, password, json_body, status, &error);
  if (body == NULL)
    {
      g_test_message ("%s %s: no response: %s", method, path, error->message);
      return NULL;
    }

  node = parse_json (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  if (node == NULL && g_bytes_get_size (body) > 0)
    g_test_message ("%s %s: %u with a body that is not JSON (%s): %.*s",
                    method, path, *status, error->message,
                    (int) MIN (g_bytes_get_size (body), 500),
                    (const char *) g_bytes_get_data (body, NULL));
  return g_steal_pointer (&node);
}

JsonNode *
cg_test_peer_request (CgTestPeer *self,
                      const char *method,
                      const char *path,
                      const char *json_body,
                      guint      *status)
{
  g_return_val_if_fail (self != NULL, NULL);

  return cg_test_peer_request_as (self, self->admin_name, self->admin_password,
                                  method, path, json_body, status);
}

/* Runs a helper's request and turns anything but @expected into an error. */
static gboolean
expect_status (CgTestPeer  *self,
               const char  *method,
               const char  *path,
               const char  *json_body,
               guint        expected,
               guint        also_expected,
               GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  guint status = 0;

  node = cg_test_peer_request (self, method, path, json_body, &status);
  if (status == expected || (also_expected != 0 && status == also_expected))
    return TRUE;

  text = node != NULL ? json_to_string (node, FALSE) : g_strdup ("(no JSON body)");
  g_set_error (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_REQUEST,
               "%s %s: status %u: %s", method, path, status, text);
  return FALSE;
}

static char *
json_string_literal (const char *value)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, value);
  return json_to_string (node, FALSE);
}

static JsonNode *
string_array (const char * const *values)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_node_set_array (node, array);
  return node;
}

gboolean
cg_test_peer_create_db (CgTestPeer  *self,
                        const char  *db,
                        GError     **error)
{
  g_autofree char *escaped = g_uri_escape_string (db, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/", escaped, NULL);

  g_return_val_if_fail (self != NULL && db != NULL, FALSE);

  return expect_status (self, "PUT", path, NULL, SOUP_STATUS_CREATED, 0, error);
}

gboolean
cg_test_peer_add_admin (CgTestPeer  *self,
                        const char  *name,
                        const char  *password,
                        GError     **error)
{
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/_config/admins/", escaped, NULL);
  g_autofree char *body = json_string_literal (password);

  g_return_val_if_fail (self != NULL && name != NULL && password != NULL, FALSE);

  if (!expect_status (self, "PUT", path, body, SOUP_STATUS_OK, 0, error))
    return FALSE;

  g_free (self->admin_name);
  g_free (self->admin_password);
  self->admin_name = g_strdup (name);
  self->admin_password = g_strdup (password);
  return TRUE;
}

gboolean
cg_test_peer_add_user (CgTestPeer          *self,
                       const char          *name,
                       const char          *password,
                       const char * const  *roles,
                       GError             **error)
{
  g_autoptr(JsonObject) user = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *id = g_strconcat ("org.couchdb.user:", name, NULL);
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/_users/", escaped, NULL);
  g_autofree char *body = NULL;

  g_return_val_if_fail (self != NULL && name != NULL && password != NULL, FALSE);

  json_object_set_string_member (user, "_id", id);
  json_object_set_string_member (user, "name", name);
  json_object_set_string_member (user, "password", password);
  json_object_set_string_member (user, "type", "user");
  json_object_set_member (user, "roles", string_array (roles));
  json_node_set_object (node, user);
  body = json_to_string (node, FALSE);

  return expect_status (self, "PUT", path, body, SOUP_STATUS_CREATED, SOUP_STATUS_ACCEPTED, error);
}

gboolean
cg_test_peer_set_members (CgTestPeer          *self,
                          const char          *db,
                          const char * const  *names,
                          const char * const  *roles,
                          GError             **error)
{
  g_autoptr(JsonObject) security = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *escaped = g_uri_escape_string (db, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/", escaped, "/_security", NULL);
  g_autofree char *body = NULL;
  JsonObject *admins = json_object_new ();
  JsonObject *members = json_object_new ();

  g_return_val_if_fail (self != NULL && db != NULL, FALSE);

  json_object_set_member (admins, "names", string_array (NULL));
  json_object_set_member (admins, "roles", string_array (NULL));
  json_object_set_member (members, "names", string_array (names));
  json_object_set_member (members, "roles", string_array (roles));
  json_object_set_object_member (security, "admins", admins);
  json_object_set_object_member (security, "members", members);
  json_node_set_object (node, security);
  body = json_to_string (node, FALSE);

  return expect_status (self, "PUT", path, body, SOUP_STATUS_OK, 0, error);
}

/* interop.js */

typedef struct {
  gboolean  done;
  char     *out;
  char     *err;
  GError   *error;
} Communication;

static void
communicated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Communication *c = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result,
                                        &c->out, &c->err, &c->error);
  c->done = TRUE;
}

static gboolean
timed_out (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

JsonNode *
cg_test_peer_run_interop (const char * const  *args,
                          guint                timeout_s,
                          GError             **error)
{
  const char *files[] = {
    "interop.js",
    "node_modules/pouchdb-node/package.json",
    "node_modules/pouchdb-adapter-memory/package.json",
    NULL
  };
  g_autofree char *node = NULL;
  g_autofree char *script = peer_path ("interop.js");
  g_autofree char *cwd = peer_path ("");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GSource) timeout = NULL;
  g_autofree char *how = NULL;
  Communication c = { 0, };
  gboolean expired = FALSE;
  JsonNode *node_out;

  if (!check_prerequisites (files, &node, error))
    return NULL;

  g_ptr_array_add (argv, node);
  g_ptr_array_add (argv, script);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, cwd);
#ifdef __linux__
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
#endif
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
  if (process == NULL)
    return NULL;

  /* A private context so that nothing else of the caller's runs meanwhile,
   * and a deadline so that a hung replication fails the test instead of
   * the whole suite timing out. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated, &c);
  timeout = g_timeout_source_new_seconds (timeout_s ? timeout_s : INTEROP_TIMEOUT_S);
  g_source_set_callback (timeout, timed_out, &expired, NULL);
  g_source_attach (timeout, context);
  while (!c.done)
    {
      g_main_context_iteration (context, TRUE);
      if (expired && process_running (process))
        g_subprocess_force_exit (process);  /* the pipes close, and c.done follows */
    }
  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);

  if (c.error == NULL && !expired)
    g_subprocess_wait (process, NULL, NULL);  /* the pipes can close just before it exits */

  if (c.error != NULL)
    {
      g_propagate_error (error, c.error);
      node_out = NULL;
    }
  else if (expired)
    {
      g_set_error (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_INTEROP,
                   "interop.js %s: no result within %u s\n%s", args ? args[0] : "",
                   timeout_s ? timeout_s : INTEROP_TIMEOUT_S, c.err ? c.err : "");
      node_out = NULL;
    }
  else if (!g_subprocess_get_successful (process))
    {
      how = describe_exit (process);
      g_set_error (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_INTEROP,
                   "interop.js %s %s:\n%s%s", args ? args[0] : "", how,
                   c.err ? c.err : "", c.out ? c.out : "");
      node_out = NULL;
    }
  else
    {
      g_autoptr(GError) parse_error = NULL;

      node_out = parse_json (c.out ? c.out : "", c.out ? strlen (c.out) : 0, &parse_error);
      if (node_out == NULL)
        g_set_error (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_INTEROP,
                     "interop.js %s printed no JSON (%s):\n%s", args ? args[0] : "",
                     parse_error->message, c.out ? c.out : "");
    }

  g_free (c.out);
  g_free (c.err);
  return node_out;
}
