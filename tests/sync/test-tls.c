/* test-tls.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TLS as a device sees it (QUALITY.md, Security): the test peer behind a
 * TLS terminator that runs in this process, with certificates made here
 * with the openssl command: a private CA and a server certificate it
 * signed for 127.0.0.1 and localhost, one it signed for another host, and
 * a self-signed one. A device provisioned from a provisioning file must
 * refuse the self-signed server, refuse the CA-signed server unless the
 * file's "ca_certificate" pins that CA, accept it when pinned, and still
 * refuse a certificate for the wrong host when the CA is pinned.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cg-test-peer.h"
#include "cg-test-util.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "tls-s3cret"
#define DATABASE "changgu-store-0421"

static CgTestPeer *peer;
static char *certs;   /* the directory with the certificates */

/* ------------------------------------------------------------ certificates */

static void
openssl (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "openssl");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (certs, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl %s failed: %s", args[0], err);
}

static void
write_file (const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (certs, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

/* A key and a certificate signed by the CA, for @san. */
static void
make_signed (const char *name,
             const char *cn,
             const char *san)
{
  g_autofree char *key = g_strconcat (name, ".key", NULL);
  g_autofree char *csr = g_strconcat (name, ".csr", NULL);
  g_autofree char *crt = g_strconcat (name, ".crt", NULL);
  g_autofree char *ext = g_strconcat (name, ".ext", NULL);
  g_autofree char *subject = g_strconcat ("/CN=", cn, NULL);
  g_autofree char *ext_text = g_strdup_printf ("basicConstraints=critical,CA:FALSE\n"
                                               "keyUsage=critical,digitalSignature,keyEncipherment\n"
                                               "extendedKeyUsage=serverAuth\n"
                                               "subjectAltName=%s\n", san);

  write_file (ext, ext_text);
  openssl ((const char *[]) { "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                              "-subj", subject, "-out", csr, NULL });
  openssl ((const char *[]) { "x509", "-req", "-in", csr, "-CA", "ca.crt", "-CAkey", "ca.key",
                              "-CAcreateserial", "-days", "30", "-sha256", "-extfile", ext,
                              "-out", crt, NULL });
}

static void
make_certificates (void)
{
  write_file ("ca.ext", "basicConstraints=critical,CA:TRUE\n"
                        "keyUsage=critical,keyCertSign,cRLSign\n"
                        "subjectKeyIdentifier=hash\n");
  /* The private CA. */
  openssl ((const char *[]) { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
                              "-subj", "/CN=Changgu Test Private CA", "-days", "30", "-sha256",
                              "-addext", "basicConstraints=critical,CA:TRUE",
                              "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                              "-out", "ca.crt", NULL });
  make_signed ("server", "127.0.0.1", "IP:127.0.0.1,DNS:localhost");
  make_signed ("wronghost", "central.example.com", "DNS:central.example.com");
  /* Self-signed, for the right host: only the trust is missing. */
  openssl ((const char *[]) { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "self.key",
                              "-subj", "/CN=127.0.0.1", "-days", "30", "-sha256",
                              "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                              "-out", "self.crt", NULL });
}

static char *
cert_path (const char *name,
           const char *ext)
{
  g_autofree char *file = g_strconcat (name, ".", ext, NULL);
  return g_build_filename (certs, file, NULL);
}

/* ----------------------------------------------------------- TLS terminator */

/* Accepts TLS on a free loopback port with one certificate and forwards the
 * plain bytes to the peer. Runs on the default main context, which the test
 * iterates while a replication runs. */
typedef struct {
  GSocketService  *service;
  GTlsCertificate *certificate;
  guint16          port;
  guint16          upstream_port;
  guint            handshakes_ok;
  guint            handshakes_failed;
} Terminator;

typedef struct {
  Terminator  *terminator;
  GIOStream   *tls;
  GSocketConnection *upstream;
} Forward;

static void
forward_free (Forward *forward)
{
  g_clear_object (&forward->tls);
  g_clear_object (&forward->upstream);
  g_free (forward);
}

static void
on_spliced (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_io_stream_splice_finish (result, NULL);
  forward_free (data);
}

static void
on_upstream_connected (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  Forward *forward = data;
  g_autoptr(GError) error = NULL;

  forward->upstream = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, &error);
  if (forward->upstream == NULL)
    {
      g_test_message ("terminator: upstream: %s", error->message);
      forward_free (forward);
      return;
    }
  g_io_stream_splice_async (forward->tls, G_IO_STREAM (forward->upstream),
                            G_IO_STREAM_SPLICE_CLOSE_STREAM1 | G_IO_STREAM_SPLICE_CLOSE_STREAM2,
                            G_PRIORITY_DEFAULT, NULL, on_spliced, forward);
}

static void
on_handshake (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Forward *forward = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketClient) client = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error))
    {
      /* The client refused our certificate: what most cases expect. */
      forward->terminator->handshakes_failed++;
      g_test_message ("terminator: handshake: %s", error->message);
      forward_free (forward);
      return;
    }
  forward->terminator->handshakes_ok++;
  client = g_socket_client_new ();
  g_socket_client_connect_to_host_async (client, "127.0.0.1", forward->terminator->upstream_port,
                                         NULL, on_upstream_connected, forward);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           data)
{
  Terminator *terminator = data;
  g_autoptr(GError) error = NULL;
  GIOStream *tls = g_tls_server_connection_new (G_IO_STREAM (connection), terminator->certificate, &error);
  Forward *forward;

  g_assert_no_error (error);
  forward = g_new0 (Forward, 1);
  forward->terminator = terminator;
  forward->tls = tls;
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, NULL,
                                    on_handshake, forward);
  return TRUE;
}

static Terminator *
terminator_new (const char *name)
{
  Terminator *self = g_new0 (Terminator, 1);
  g_autofree char *crt = cert_path (name, "crt");
  g_autofree char *key = cert_path (name, "key");
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  self->certificate = g_tls_certificate_new_from_files (crt, key, &error);
  g_assert_no_error (error);
  self->upstream_port = cg_test_peer_get_port (peer);
  self->service = g_socket_service_new ();
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &bound, &error));
  g_assert_no_error (error);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming), self);
  g_socket_service_start (self->service);
  return self;
}

static void
terminator_free (Terminator *self)
{
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_clear_object (&self->service);
  g_clear_object (&self->certificate);
  /* Let connections still being spliced finish. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Terminator, terminator_free)

/* ------------------------------------------------------------- the device */

/* Writes a provisioning file (0600) for @server_url, pinning @ca_name's
 * certificate if given, and returns its path. */
static char *
provisioning_file (const char *server_url,
                   const char *ca_name)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  char *path = g_build_filename (dir, "device.json", NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "server");
  json_builder_add_string_value (builder, server_url);
  json_builder_set_member_name (builder, "database");
  json_builder_add_string_value (builder, DATABASE);
  json_builder_set_member_name (builder, "store_id");
  json_builder_add_string_value (builder, "0421");
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "counter");
  json_builder_set_member_name (builder, "device_id");
  json_builder_add_string_value (builder, "6f1c0000-0000-4000-8000-00000000c0a1");
  json_builder_set_member_name (builder, "device_prefix");
  json_builder_add_string_value (builder, "C1");
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, ADMIN);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, ADMIN_PASSWORD);
  if (ca_name != NULL)
    {
      g_autofree char *ca = cert_path (ca_name, "crt");
      g_autofree char *pem = NULL;

      g_assert_true (g_file_get_contents (ca, &pem, NULL, NULL));
      json_builder_set_member_name (builder, "ca_certificate");
      json_builder_add_string_value (builder, pem);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_assert_true (g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
  return path;
}

typedef struct {
  gboolean done;
  gboolean ok;
  GError  *error;
} RunState;

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  RunState *state = data;

  state->ok = cg_replicator_run_finish (CG_REPLICATOR (source), result, &state->error);
  state->done = TRUE;
}

/* Provisions a fresh store from a file as `changgu --provision` does and
 * pulls once, as the device's first sync does. Returns the error (NULL on
 * success); *@docs gets the number of documents the store then holds. */
static GError *
provision_and_pull (const char *server_url,
                    const char *ca_name,
                    guint      *docs)
{
  g_autofree char *file = provisioning_file (server_url, ca_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgProvisioning) p = cg_provisioning_load (file, &error);
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(CgRemote) remote = NULL;
  g_autoptr(CgReplicator) rep = NULL;
  RunState state = { 0 };
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_no_error (error);
  g_assert_true (cg_provisioning_apply (p, store, &error));
  g_assert_no_error (error);
  remote = cg_provisioning_open_remote (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (remote);
  cg_remote_set_timeout (remote, 10);

  rep = cg_replicator_new (cg_store_get_path (store), remote, CG_REPLICATION_PULL, p->device_id);
  cg_replicator_run_async (rep, FALSE, NULL, on_run_done, &state);
  while (!state.done)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("the pull did not finish within 60 s");
    }
  if (docs != NULL)
    *docs = cg_store_count_documents (store, NULL);
  g_assert_true (state.ok == (state.error == NULL));
  return state.error;
}

static char *
url_for (const char *host,
         guint16     port)
{
  return g_strdup_printf ("https://%s:%u", host, port);
}

static void
assert_refused (GError     *error,
                const char *why)
{
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_TLS);
  /* The words the sync status shows. */
  g_assert_nonnull (strstr (error->message, "certificate is not trusted"));
  g_assert_nonnull (strstr (error->message, "pin it in the provisioning file"));
  /* Why, in words rather than libsoup's "Unacceptable TLS certificate". */
  g_assert_nonnull (strstr (error->message, why));
  /* And never the password. */
  g_assert_null (strstr (error->message, ADMIN_PASSWORD));
}

/* ------------------------------------------------------------------ tests */

static void
test_self_signed_refused (void)
{
  g_autoptr(Terminator) t = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  if (peer == NULL)
    {
      g_test_skip ("no test peer");
      return;
    }
  t = terminator_new ("self");
  url = url_for ("127.0.0.1", t->port);
  error = provision_and_pull (url, NULL, NULL);
  assert_refused (error, "self-signed or signed by an unknown authority");
  g_assert_cmpuint (t->handshakes_ok, ==, 0);
  /* Our side sees the client give up on the handshake (a moment later). */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (t->handshakes_failed == 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpuint (t->handshakes_failed, >=, 1);

  /* Pinning some other CA does not make it trusted either. */
  g_clear_error (&error);
  error = provision_and_pull (url, "ca", NULL);
  assert_refused (error, "self-signed or signed by an unknown authority");
  g_assert_cmpuint (t->handshakes_ok, ==, 0);
}

static void
test_private_ca_not_pinned_refused (void)
{
  g_autoptr(Terminator) t = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (peer == NULL)
    {
      g_test_skip ("no test peer");
      return;
    }
  t = terminator_new ("server");
  url = url_for ("127.0.0.1", t->port);
  /* The system store does not know the private CA. */
  error = provision_and_pull (url, NULL, NULL);
  assert_refused (error, "self-signed or signed by an unknown authority");
  g_assert_cmpuint (t->handshakes_ok, ==, 0);
}

static void
test_private_ca_pinned_accepted (void)
{
  g_autoptr(Terminator) t = NULL;
  const char * const hosts[] = { "127.0.0.1", "localhost" };

  if (peer == NULL)
    {
      g_test_skip ("no test peer");
      return;
    }
  t = terminator_new ("server");
  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      g_autofree char *url = url_for (hosts[i], t->port);
      g_autoptr(GError) error = NULL;
      guint docs = 0;

      error = provision_and_pull (url, "ca", &docs);
      g_assert_no_error (error);
      /* The documents came through the TLS connection. */
      g_assert_cmpuint (docs, ==, 3);
    }
  g_assert_cmpuint (t->handshakes_ok, >=, 2);
  cg_test_peer_assert_alive (peer);
}

static void
test_wrong_host_refused_when_pinned (void)
{
  g_autoptr(Terminator) t = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  if (peer == NULL)
    {
      g_test_skip ("no test peer");
      return;
    }
  /* Signed by the pinned CA, but for central.example.com. */
  t = terminator_new ("wronghost");
  url = url_for ("127.0.0.1", t->port);
  error = provision_and_pull (url, "ca", NULL);
  assert_refused (error, "issued for another server name");
  g_assert_cmpuint (t->handshakes_ok, ==, 0);
}

static void
test_bad_pin_rejected (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "device.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgProvisioning) p = NULL;
  const char *text =
    "{\"server\":\"https://127.0.0.1:6984\",\"database\":\"" DATABASE "\",\"store_id\":\"0421\","
    "\"role\":\"counter\",\"device_id\":\"6f1c0000-0000-4000-8000-00000000c0a2\","
    "\"device_prefix\":\"C2\",\"username\":\"u\",\"password\":\"p\","
    "\"ca_certificate\":\"-----BEGIN CERTIFICATE-----\\nnot base64\\n-----END CERTIFICATE-----\\n\"}";

  /* A pin that is not a certificate is a broken provisioning file, named as
   * such: never a silent fallback to the system store. */
  g_assert_true (g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
  p = cg_provisioning_load (path, &error);
  g_assert_null (p);
  g_assert_nonnull (error);
  g_test_message ("bad pin: %s", error->message);
  g_assert_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "ca_certificate"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *openssl = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  openssl = g_find_program_in_path ("openssl");
  if (openssl == NULL)
    {
      g_test_skip_printf ("openssl is not installed");
      return g_test_run ();
    }
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip_printf ("no TLS backend (glib-networking)");
      return g_test_run ();
    }
  certs = cg_test_make_tmpdir ();
  make_certificates ();

  peer = cg_test_peer_start (&error);
  if (peer != NULL)
    {
      const char *docs[] = { "customer:tls-1", "customer:tls-2", "customer:tls-3" };

      g_assert_true (cg_test_peer_add_admin (peer, ADMIN, ADMIN_PASSWORD, &error));
      g_assert_no_error (error);
      g_assert_true (cg_test_peer_create_db (peer, DATABASE, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
        {
          g_autoptr(JsonObject) doc = cg_test_customer_doc (docs[i], "김민지");
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), doc);
          g_autofree char *body = json_to_string (node, FALSE);
          g_autofree char *escaped = g_uri_escape_string (docs[i], NULL, FALSE);
          g_autofree char *path = g_strdup_printf ("/%s/%s", DATABASE, escaped);
          guint http = 0;
          g_autoptr(JsonNode) answer = cg_test_peer_request (peer, "PUT", path, body, &http);

          g_assert_cmpuint (http, ==, 201);
        }
    }
  else
    g_assert_error (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_UNAVAILABLE);

  g_test_add_func ("/tls/self-signed-refused", test_self_signed_refused);
  g_test_add_func ("/tls/private-ca-not-pinned-refused", test_private_ca_not_pinned_refused);
  g_test_add_func ("/tls/private-ca-pinned-accepted", test_private_ca_pinned_accepted);
  g_test_add_func ("/tls/wrong-host-refused-when-pinned", test_wrong_host_refused_when_pinned);
  g_test_add_func ("/tls/bad-pin-rejected", test_bad_pin_rejected);

  status = g_test_run ();
  g_clear_pointer (&peer, cg_test_peer_stop);
  return status;
}
