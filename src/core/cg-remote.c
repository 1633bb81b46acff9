/* cg-remote.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON over HTTP to one CouchDB-protocol database, with libsoup 3.
 *
 * Everything the test peer and CouchDB disagree on that concerns transport
 * is handled here (TEST-PEER.md): we always send Accept and, with a body,
 * Content-Type; we never look at the response's Content-Type; leading
 * newlines (longpoll heartbeats) are whitespace to the JSON parser; timeouts
 * are ours, per request, because the peer ignores the server-side ones.
 */
#define G_LOG_DOMAIN "cg-remote"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "cg-json.h"
#include "cg-remote.h"

#define DEFAULT_TIMEOUT_S 30
/* How long libsoup gets to end a request it was told to cancel. */
#define CANCEL_GRACE_S    5
/* Kept-alive connections idle longer than this are closed before the next
 * request (see cg_remote_request_bytes_async()). */
#define STALE_AFTER_US    (3 * G_USEC_PER_SEC)

struct _CgRemote
{
  GObject      parent_instance;
  SoupSession *session;
  guint        in_flight;      /* requests sent and not yet answered */
  gint64       idle_since;     /* monotonic µs of the last answer */
  GUri        *base;           /* server root, without user info */
  char        *database;
  char        *url;            /* base + database, for display */
  char        *authorization;  /* "Basic …" or NULL */
  guint        timeout_s;
  GTlsDatabase *ca;
};

G_DEFINE_FINAL_TYPE (CgRemote, cg_remote, G_TYPE_OBJECT)
G_DEFINE_QUARK (cg-sync-error-quark, cg_sync_error)

static void
cg_remote_finalize (GObject *object)
{
  CgRemote *self = CG_REMOTE (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->base, g_uri_unref);
  g_clear_object (&self->ca);
  g_free (self->database);
  g_free (self->url);
  if (self->authorization)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);
  G_OBJECT_CLASS (cg_remote_parent_class)->finalize (object);
}

static void
cg_remote_class_init (CgRemoteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_remote_finalize;
}

static void
cg_remote_init (CgRemote *self)
{
  self->timeout_s = DEFAULT_TIMEOUT_S;
}

static SoupSession *
new_session (CgRemote *self)
{
  SoupSession *session;

  /* Keep-alive and a cookie jar: CouchDB's session cookie is kept if the
   * server sends one. Certificates are verified (libsoup's default); there is
   * deliberately no switch to ignore TLS errors. */
  session = soup_session_new_with_options ("max-conns-per-host", 6,
                                           "timeout", 0,
                                           "idle-timeout", 4,
                                           NULL);
  soup_session_add_feature_by_type (session, SOUP_TYPE_COOKIE_JAR);
  /* No gzip: CouchDB does not compress JSON anyway, the test peer spends its
   * (bottleneck) CPU on it, and a compressed longpoll holds its rows and
   * heartbeats in the compressor until the response ends. */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  soup_session_set_user_agent (session, "Changgu/" PACKAGE_VERSION);
  if (self->ca != NULL)
    soup_session_set_tls_database (session, self->ca);
  return session;
}

CgRemote *
cg_remote_new (const char  *server_url,
               const char  *database,
               const char  *username,
               const char  *password,
               GError     **error)
{
  g_autoptr(CgRemote) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *user = NULL;
  g_autofree char *pass = NULL;
  g_autofree char *root = NULL;
  const char *scheme;

  g_return_val_if_fail (server_url != NULL, NULL);

  uri = g_uri_parse (server_url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, &local_error);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                   _("“%s” is not a server address. Use a URL like https://central.example.com:6984"),
                   server_url);
      return NULL;
    }
  if (database == NULL || *database == '\0' || strchr (database, '/') != NULL)
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                   _("“%s” is not a database name."), database ? database : "");
      return NULL;
    }

  self = g_object_new (CG_TYPE_REMOTE, NULL);
  self->database = g_strdup (database);

  if (g_uri_get_user (uri) != NULL)
    user = g_uri_unescape_string (g_uri_get_user (uri), NULL);
  if (g_uri_get_password (uri) != NULL)
    pass = g_uri_unescape_string (g_uri_get_password (uri), NULL);
  if (username != NULL)
    {
      g_free (user);
      user = g_strdup (username);
    }
  if (password != NULL)
    {
      g_free (pass);
      pass = g_strdup (password);
    }
  if (user != NULL)
    {
      g_autofree char *pair = g_strconcat (user, ":", pass ? pass : "", NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      self->authorization = g_strconcat ("Basic ", encoded, NULL);
      memset (pair, 0, strlen (pair));
    }
  if (pass != NULL)
    memset (pass, 0, strlen (pass));

  /* The root without credentials, ending in "/". */
  {
    const char *path = g_uri_get_path (uri);
    g_autofree char *dir = g_str_has_suffix (path, "/") ? g_strdup (path) : g_strconcat (path, "/", NULL);
    self->base = g_uri_build (G_URI_FLAGS_ENCODED, scheme, NULL, g_uri_get_host (uri),
                              g_uri_get_port (uri), dir, NULL, NULL);
  }
  root = g_uri_to_string (self->base);
  {
    g_autofree char *escaped = g_uri_escape_string (database, NULL, FALSE);
    self->url = g_strconcat (root, escaped, NULL);
  }

  self->session = new_session (self);
  return g_steal_pointer (&self);
}

const char *
cg_remote_get_url (CgRemote *self)
{
  return self->url;
}

const char *
cg_remote_get_database (CgRemote *self)
{
  return self->database;
}

void
cg_remote_set_timeout (CgRemote *self,
                       guint     seconds)
{
  self->timeout_s = seconds > 0 ? seconds : DEFAULT_TIMEOUT_S;
}

gboolean
cg_remote_set_ca_pem (CgRemote    *self,
                      const char  *pem,
                      GError     **error)
{
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_pem (pem, -1, error);
  g_autofree char *digest = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *existing = NULL;
  GTlsDatabase *db;

  if (cert == NULL)
    return FALSE;
  /* GTlsFileDatabase reads its anchors from a file, and not only once:
   * glib-networking reads the file again when it refreshes its trust list,
   * so the file must outlive the database (a temporary file removed here
   * made every pinned connection fail). A CA certificate is public: keep
   * it under the user data dir, named by its digest, written only when it
   * is not there yet. */
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, pem, -1);
  dir = g_build_filename (g_get_user_data_dir (), "changgu", "pinned-ca", NULL);
  file = g_strconcat (dir, G_DIR_SEPARATOR_S, digest, ".pem", NULL);
  if (!g_file_get_contents (file, &existing, NULL, NULL) || g_strcmp0 (existing, pem) != 0)
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Cannot create %s: %s"), dir, g_strerror (saved));
          return FALSE;
        }
      if (!g_file_set_contents_full (file, pem, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
        return FALSE;
    }
  db = g_tls_file_database_new (file, error);
  if (db == NULL)
    return FALSE;
  g_set_object (&self->ca, db);
  g_object_unref (db);
  soup_session_set_tls_database (self->session, self->ca);
  return TRUE;
}

char *
cg_remote_escape_id (const char *id)
{
  if (g_str_has_prefix (id, "_local/") || g_str_has_prefix (id, "_design/"))
    {
      const char *slash = strchr (id, '/');
      g_autofree char *rest = g_uri_escape_string (slash + 1, NULL, FALSE);
      return g_strdup_printf ("%.*s/%s", (int) (slash - id), id, rest);
    }
  return g_uri_escape_string (id, NULL, FALSE);
}

/* ------------------------------------------------------------------------ */

/* One request to the server. Each attempt has a message and a
 * cancellable of its own: an attempt libsoup loses is abandoned, and an
 * idempotent request goes again once, on a new session (see
 * on_request_lost()). */
typedef struct {
  char         *method;
  char         *uri;
  GBytes       *body;
  gboolean      idempotent;
  SoupMessage  *msg;              /* the attempt under way */
  GCancellable *cancellable;      /* the attempt's: cancelled by the timer or the caller */
  GCancellable *caller;
  gulong        caller_handler;
  guint         timeout_id;
  guint         grace_id;
  gboolean      timed_out;
  gboolean      resent;
  guint         timeout_s;
  guint         status;
} Request;

static void
request_free (Request *req)
{
  g_clear_handle_id (&req->timeout_id, g_source_remove);
  g_clear_handle_id (&req->grace_id, g_source_remove);
  if (req->caller != NULL)
    g_cancellable_disconnect (req->caller, req->caller_handler);
  g_clear_object (&req->caller);
  g_clear_object (&req->cancellable);
  g_clear_object (&req->msg);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->method);
  g_free (req->uri);
  g_free (req);
}

static void request_attempt (CgRemote *self, GTask *task);

static void
request_answered (CgRemote *self)
{
  g_assert (self->in_flight > 0);
  if (--self->in_flight == 0)
    self->idle_since = g_get_monotonic_time ();
}

/* A session that lost a request is never freed: libsoup still runs
 * callbacks of the lost request's connection later, and freeing the
 * session under them crashed inside libsoup (SEGV in a GIO source
 * dispatch, test-sync-crash under ASan), whether at once or when the
 * remote went. Lost requests are rare, so the sessions that had one are
 * kept, reachable, for the life of the process. */
static void
retire_session (SoupSession *session)   /* (transfer full) */
{
  static GPtrArray *retired;
  static GMutex lock;

  g_mutex_lock (&lock);
  if (retired == NULL)
    retired = g_ptr_array_new ();
  g_ptr_array_add (retired, session);
  g_mutex_unlock (&lock);
}

/* libsoup 3.2 (Debian 12) can lose a request: seen under AddressSanitizer's
 * timing, a GET on a kept-alive connection got neither an answer nor an
 * error, not even after it was cancelled, and the session had no socket
 * left (docs/RELIABILITY.md, "Sanitizers"). The replicator would wait
 * for ever. So a request that does not end within CANCEL_GRACE_S of its
 * cancellation is abandoned here: the remote starts a new session (the
 * old one's state is suspect), and an idempotent request goes again on
 * it once; any other ends with the timeout error. */
static gboolean
on_request_lost (gpointer data)
{
  GTask *task = data;
  Request *req = g_task_get_task_data (task);
  CgRemote *self = g_task_get_source_object (task);

  req->grace_id = 0;
  g_message ("%s %s got no answer and did not end when cancelled: starting a new HTTP session",
             req->method, g_uri_get_path (soup_message_get_uri (req->msg)));
  /* Any late callback of the lost attempt no longer matches req->msg. */
  g_clear_object (&req->msg);
  retire_session (g_steal_pointer (&self->session));
  self->session = new_session (self);
  if (req->idempotent && !req->resent && !g_cancellable_is_cancelled (req->caller))
    {
      req->resent = TRUE;
      request_attempt (self, task);
    }
  else
    {
      request_answered (self);
      g_task_return_new_error (task, CG_SYNC_ERROR, CG_SYNC_ERROR_TIMEOUT,
                               _("The server did not answer within %u seconds."), req->timeout_s);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
on_request_timeout (gpointer data)
{
  GTask *task = data;
  Request *req = g_task_get_task_data (task);

  req->timeout_id = 0;
  req->timed_out = TRUE;
  g_debug ("%s %s: no answer in %u s, cancelling", req->method,
           g_uri_get_path (soup_message_get_uri (req->msg)), req->timeout_s);
  g_cancellable_cancel (req->cancellable);
  req->grace_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, CANCEL_GRACE_S, on_request_lost,
                                              g_object_ref (task), g_object_unref);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *caller,
                     gpointer      data)
{
  Request *req = data;

  /* (NULL only while connecting, if it was already cancelled: the
   * attempt sees that itself.) */
  if (req->cancellable != NULL)
    g_cancellable_cancel (req->cancellable);
}

/* Why libsoup refused the certificate, in words: its own message is only
 * "Unacceptable TLS certificate". */
static const char *
describe_certificate_errors (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("it was issued for another server name");
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return _("it is self-signed or signed by an unknown authority");
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return _("it has expired");
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return _("it is not valid yet");
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return _("it has been revoked");
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return _("it uses an insecure algorithm");
  return NULL;
}

static void
map_transport_error (GError               *in,
                     GTlsCertificateFlags  certificate_errors,
                     GError              **error)
{
  const char *why = describe_certificate_errors (certificate_errors);

  if (g_error_matches (in, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (in));
  else if (in->domain == G_TLS_ERROR)
    g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_TLS,
                 _("The server’s certificate is not trusted (%s). If it uses a private CA, pin it in the provisioning file."),
                 why != NULL ? why : in->message);
  else if (g_error_matches (in, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_TIMEOUT,
                 _("The server did not answer in time."));
  else
    g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_NETWORK,
                 _("Cannot reach the server: %s"), in->message);
}

static void
map_status_error (guint        status,
                  JsonNode    *body,
                  const char  *url,
                  GError     **error)
{
  const char *reason = NULL;

  if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    reason = cg_json_get_string (json_node_get_object (body), "reason");
  if (reason == NULL)
    reason = soup_status_get_phrase (status);

  switch (status)
    {
    case 401:
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_UNAUTHORIZED,
                   _("The server refused this device’s credentials (%s). Ask your regional admin to provision the device again."),
                   reason);
      break;
    case 403:
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_FORBIDDEN,
                   _("The server does not allow this (%s)."), reason);
      break;
    case 404:
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_NOT_FOUND,
                   _("Not found on the server: %s (%s)."), url, reason);
      break;
    case 413:
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_TOO_LARGE,
                   _("The server refused a request as too large (%s)."), reason);
      break;
    default:
      if (status >= 500)
        g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_SERVER,
                     _("The server had a problem (HTTP %u: %s). Changgu will try again."), status, reason);
      else
        g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_BAD_RESPONSE,
                     _("The server answered HTTP %u (%s)."), status, reason);
      break;
    }
}

static void
on_send_and_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GTask) task = data;
  Request *req = g_task_get_task_data (task);
  CgRemote *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *neutralised = NULL;
  JsonNode *root = NULL;
  gsize size = 0;
  const char *text;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (soup_session_get_async_result_message (SOUP_SESSION (source), result) != req->msg)
    return;   /* an attempt abandoned by on_request_lost() */
  request_answered (self);
  g_clear_handle_id (&req->timeout_id, g_source_remove);
  g_clear_handle_id (&req->grace_id, g_source_remove);
  g_debug ("%s %s: %u%s%s", req->method, g_uri_get_path (soup_message_get_uri (req->msg)),
           soup_message_get_status (req->msg), error ? ", " : "", error ? error->message : "");
  if (bytes == NULL)
    {
      if (req->timed_out)
        g_task_return_new_error (task, CG_SYNC_ERROR, CG_SYNC_ERROR_TIMEOUT,
                                 _("The server did not answer within %u seconds."), req->timeout_s);
      else
        {
          GError *mapped = NULL;
          map_transport_error (error, soup_message_get_tls_peer_certificate_errors (req->msg), &mapped);
          g_task_return_error (task, mapped);
        }
      return;
    }

  req->status = soup_message_get_status (req->msg);
  text = g_bytes_get_data (bytes, &size);
  parser = json_parser_new ();
  /* A hostile server's nesting would crash json-glib's parser. */
  if (size > 0 && !cg_json_check_depth (text, (gssize) size, NULL))
    {
      g_task_return_new_error (task, CG_SYNC_ERROR, CG_SYNC_ERROR_BAD_RESPONSE,
                               _("The server sent JSON nested more than %d levels deep."),
                               CG_JSON_MAX_DEPTH);
      return;
    }
  /* Lone surrogates and NULs: only their document is refused (validation
   * sees U+FFFE), not the whole response with every good document in it. */
  if (size > 0)
    {
      guint replaced = 0;
      neutralised = cg_json_neutralise_escapes (text, size, &replaced);
      if (neutralised != NULL)
        {
          g_debug ("%u escapes of lone surrogates or NUL in an answer from %s", replaced, self->url);
          text = neutralised;
        }
    }
  if (size > 0 && json_parser_load_from_data (parser, text, (gssize) size, NULL))
    root = json_parser_get_root (parser);

  if (req->status < 200 || req->status >= 300)
    {
      GError *mapped = NULL;
      map_status_error (req->status, root, self->url, &mapped);
      g_task_return_error (task, mapped);
      return;
    }
  if (root == NULL)
    {
      g_task_return_new_error (task, CG_SYNC_ERROR, CG_SYNC_ERROR_BAD_RESPONSE,
                               _("The server sent a response that is not valid JSON (%zu bytes; cut off?)."),
                               size);
      return;
    }
  g_task_return_pointer (task, json_node_copy (root), (GDestroyNotify) json_node_unref);
}

void
cg_remote_request_async (CgRemote            *self,
                         const char          *method,
                         const char          *path,
                         const char          *query,
                         JsonNode            *body,
                         gboolean             idempotent,
                         guint                timeout_s,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GBytes) bytes = NULL;

  if (body != NULL)
    {
      char *json = json_to_string (body, FALSE);
      bytes = g_bytes_new_take (json, strlen (json));
    }
  cg_remote_request_bytes_async (self, method, path, query, bytes, idempotent, timeout_s,
                                 cancellable, callback, user_data);
}

void
cg_remote_request_bytes_async (CgRemote            *self,
                               const char          *method,
                               const char          *path,
                               const char          *query,
                               GBytes              *body,
                               gboolean             idempotent,
                               guint                timeout_s,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = NULL;
  SoupMessage *msg;
  Request *req;

  g_return_if_fail (CG_IS_REMOTE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cg_remote_request_async);

  uri = g_strconcat (self->url, path && *path ? "/" : "", path ? path : "",
                     query && *query ? "?" : "", query ? query : "", NULL);
  msg = soup_message_new (method, uri);
  if (msg == NULL)
    {
      g_task_return_new_error (task, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                               _("Cannot make a request to %s."), uri);
      return;
    }
  req = g_new0 (Request, 1);
  req->msg = msg;
  req->method = g_strdup (method);
  req->uri = g_steal_pointer (&uri);
  req->body = body ? g_bytes_ref (body) : NULL;
  req->idempotent = idempotent;
  req->timeout_s = timeout_s > 0 ? timeout_s : self->timeout_s;
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);
  /* A kept-alive connection may have been closed by the server meanwhile
   * (Node's keep-alive timeout is 5 s), and libsoup 3.2 can lose a request
   * sent on such a connection (on_request_lost()). libsoup's own idle
   * timeout (4 s) closes them first only while the main loop runs; a
   * process busy elsewhere (a test waiting for a child, a long worker
   * step) may not have run it. With nothing in flight, closing the idle
   * connections costs one new connection and avoids that. */
  if (self->in_flight == 0 && self->idle_since > 0 &&
      g_get_monotonic_time () - self->idle_since > STALE_AFTER_US)
    soup_session_abort (self->session);
  self->in_flight++;
  if (cancellable != NULL)
    {
      req->caller = g_object_ref (cancellable);
      req->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled), req, NULL);
    }
  request_attempt (self, task);
}

/* One attempt at @task's request, on the remote's current session. */
static void
request_attempt (CgRemote *self,
                 GTask    *task)
{
  Request *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  /* The first attempt's message was made by the caller, to check the URI. */
  if (req->msg == NULL)
    req->msg = soup_message_new (req->method, req->uri);
  g_clear_object (&req->cancellable);
  req->cancellable = g_cancellable_new ();
  req->timed_out = FALSE;
  if (g_cancellable_is_cancelled (req->caller))
    g_cancellable_cancel (req->cancellable);

  headers = soup_message_get_request_headers (req->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->authorization)
    soup_message_headers_replace (headers, "Authorization", self->authorization);
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg, "application/json", req->body);
  if (req->idempotent)
    soup_message_set_flags (req->msg, SOUP_MESSAGE_IDEMPOTENT);

  req->timeout_id = g_timeout_add_seconds (req->timeout_s, on_request_timeout, task);
  soup_session_send_and_read_async (self->session, req->msg, G_PRIORITY_DEFAULT,
                                    req->cancellable, on_send_and_read,
                                    g_object_ref (task));
}

JsonNode *
cg_remote_request_finish (CgRemote      *self,
                          GAsyncResult  *result,
                          guint         *status,
                          GError       **error)
{
  Request *req;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  req = g_task_get_task_data (G_TASK (result));
  if (status)
    *status = req ? req->status : 0;
  return g_task_propagate_pointer (G_TASK (result), error);
}
