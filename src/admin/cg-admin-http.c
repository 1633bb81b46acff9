/* cg-admin-http.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Synchronous JSON requests to the server for changgu-admin. See the header
 * for the API; the point of this file is that every failure comes back as a
 * sentence an admin can act on, not as an HTTP status.
 */
#define G_LOG_DOMAIN "cg-admin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cg-admin-http.h"

G_DEFINE_QUARK (cg-admin-http-error-quark, cg_admin_http_error)

struct _CgAdminHttp {
  SoupSession *session;
  char        *base;           /* "http://host:port[/prefix]", no trailing slash, no user info */
  char        *user;           /* NULL: no credentials */
  char        *authorization;  /* "Basic …" or NULL */
};

void
cg_admin_http_free (CgAdminHttp *http)
{
  if (http == NULL)
    return;
  g_clear_object (&http->session);
  g_free (http->base);
  g_free (http->user);
  /* The header holds the password in base64: do not leave it in freed memory. */
  if (http->authorization != NULL)
    memset (http->authorization, 0, strlen (http->authorization));
  g_free (http->authorization);
  g_free (http);
}

const char *
cg_admin_http_get_url (CgAdminHttp *http)
{
  return http->base;
}

const char *
cg_admin_http_get_user (CgAdminHttp *http)
{
  return http->user;
}

/* Reads a line from the terminal with echo off. NULL when stdin is not a
 * terminal: a script must use the environment variable instead of hanging on
 * a prompt nobody sees. */
static char *
prompt_password (const char *user,
                 const char *url)
{
  struct termios old, quiet;
  char line[1024];
  gboolean restore = FALSE;
  char *result = NULL;

  if (!isatty (STDIN_FILENO))
    return NULL;
  /* TRANSLATORS: a prompt on the terminal; %s are the admin name and the server URL */
  g_printerr (_("Admin password for %s at %s: "), user, url);
  if (tcgetattr (STDIN_FILENO, &old) == 0)
    {
      quiet = old;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      restore = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  if (fgets (line, sizeof line, stdin) != NULL)
    {
      line[strcspn (line, "\r\n")] = '\0';
      result = g_strdup (line);
    }
  if (restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);
  g_printerr ("\n");
  memset (line, 0, sizeof line);
  return result;
}

CgAdminHttp *
cg_admin_http_new (const char  *server_url,
                   const char  *user,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url_user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *base_str = NULL;
  const char *scheme;
  CgAdminHttp *http;

  if (server_url == NULL || *server_url == '\0')
    {
      g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_BAD_URL,
                   _("no server: give --server URL (for example http://admin@localhost:5984)"));
      return NULL;
    }
  uri = g_uri_parse (server_url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, &local_error);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      /* Do not echo the URL: it may hold a password. */
      g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_BAD_URL,
                   _("the server URL is not valid: it must look like http://host:5984 or https://host:6984"));
      return NULL;
    }

  if (g_uri_get_user (uri) != NULL && *g_uri_get_user (uri) != '\0')
    url_user = g_uri_unescape_string (g_uri_get_user (uri), NULL);
  if (g_uri_get_password (uri) != NULL)
    password = g_uri_unescape_string (g_uri_get_password (uri), NULL);

  base = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL,
                      g_uri_get_host (uri), g_uri_get_port (uri),
                      g_uri_get_path (uri), NULL, NULL);
  base_str = g_uri_to_string (base);
  while (g_str_has_suffix (base_str, "/"))
    base_str[strlen (base_str) - 1] = '\0';

  http = g_new0 (CgAdminHttp, 1);
  http->base = g_steal_pointer (&base_str);
  if (user != NULL && *user != '\0')
    {
      /* --user names someone else than the URL: the URL's password is theirs. */
      if (url_user != NULL && g_strcmp0 (url_user, user) != 0)
        g_clear_pointer (&password, g_free);
      http->user = g_strdup (user);
    }
  else
    http->user = g_steal_pointer (&url_user);

  if (http->user != NULL)
    {
      if (password == NULL && g_getenv (CG_ADMIN_PASSWORD_ENV) != NULL)
        password = g_strdup (g_getenv (CG_ADMIN_PASSWORD_ENV));
      if (password == NULL)
        password = prompt_password (http->user, http->base);
      if (password == NULL)
        {
          g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_NO_PASSWORD,
                       _("no password for %s: set %s or run on a terminal to be asked"),
                       http->user, CG_ADMIN_PASSWORD_ENV);
          cg_admin_http_free (http);
          return NULL;
        }
      {
        g_autofree char *pair = g_strconcat (http->user, ":", password, NULL);
        g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

        http->authorization = g_strconcat ("Basic ", encoded, NULL);
        memset (pair, 0, strlen (pair));
        memset (encoded, 0, strlen (encoded));
      }
      memset (password, 0, strlen (password));
    }

  http->session = soup_session_new_with_options ("timeout", 60,
                                                 "user-agent", "changgu-admin/" PACKAGE_VERSION,
                                                 NULL);
  return http;
}

char *
cg_admin_http_escape (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

/* The server's {"error":…, "reason":…} as one short string, or NULL. */
static char *
server_reason (JsonNode *node)
{
  JsonObject *obj;
  const char *err, *reason;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  obj = json_node_get_object (node);
  err = json_object_get_string_member_with_default (obj, "error", NULL);
  reason = json_object_get_string_member_with_default (obj, "reason", NULL);
  if (err != NULL && reason != NULL && g_strcmp0 (err, reason) != 0)
    return g_strdup_printf ("%s: %s", err, reason);
  if (reason != NULL)
    return g_strdup (reason);
  return g_strdup (err);
}

/* The database a path names ("changgu-store-0421/config%3Aglobal" →
 * "changgu-store-0421"), or NULL for server-level paths (_all_dbs, _config/…). */
static char *
path_database (const char *path)
{
  const char *end = path + strcspn (path, "/?");

  if (*path == '_' || end == path)
    return NULL;
  return g_strndup (path, end - path);
}

static gboolean
path_is_database (const char *path)
{
  return path[strcspn (path, "/?")] != '/';
}

static void
set_connect_error (CgAdminHttp  *http,
                   GError       *soup_error,
                   GError      **error)
{
  if (g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_CONNECT,
                 _("cannot connect to %s: connection refused (is the server running, and is the port right?)"),
                 http->base);
  else if (soup_error->domain == G_RESOLVER_ERROR)
    g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_CONNECT,
                 _("cannot connect to %s: the host name is not known (check the URL)"),
                 http->base);
  else if (g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_CONNECT,
                 _("cannot connect to %s: no answer in time"), http->base);
  else if (soup_error->domain == G_TLS_ERROR)
    g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_CONNECT,
                 _("cannot connect to %s: the server's certificate is not trusted (%s)"),
                 http->base, soup_error->message);
  else
    g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_CONNECT,
                 _("cannot connect to %s: %s"), http->base, soup_error->message);
}

/* One exchange; no interpretation of the status beyond parsing the body. */
static JsonNode *
exchange (CgAdminHttp  *http,
          const char   *method,
          const char   *path,
          JsonNode     *body,
          guint        *status,
          GError      **error)
{
  g_autofree char *url = g_strconcat (http->base, "/", path, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) local_error = NULL;
  SoupMessageHeaders *headers;
  const char *data;
  gsize len;

  *status = 0;
  msg = soup_message_new (method, url);
  if (msg == NULL)
    {
      g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_BAD_URL,
                   _("cannot make a request to %s/%s: the path is not valid"), http->base, path);
      return NULL;
    }
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (http->authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", http->authorization);
  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);
      gsize text_len = strlen (text);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, text_len);

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  response = soup_session_send_and_read (http->session, msg, NULL, &local_error);
  if (response == NULL)
    {
      set_connect_error (http, local_error, error);
      return NULL;
    }
  *status = soup_message_get_status (msg);
  data = g_bytes_get_data (response, &len);
  if (len == 0)
    return json_node_new (JSON_NODE_NULL);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    if (!json_parser_load_from_data (parser, data, len, NULL) || json_parser_get_root (parser) == NULL)
      {
        g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_BAD_RESPONSE,
                     _("%s answered %s %s with something that is not JSON (HTTP %u): is this a CouchDB server?"),
                     http->base, method, path, *status);
        return NULL;
      }
    return json_node_copy (json_parser_get_root (parser));
  }
}

JsonNode *
cg_admin_http_request (CgAdminHttp  *http,
                       const char   *method,
                       const char   *path,
                       JsonNode     *body,
                       guint        *status,
                       GError      **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *reason = NULL;
  guint code = 0;

  g_return_val_if_fail (http != NULL && method != NULL && path != NULL, NULL);

  node = exchange (http, method, path, body, &code, error);
  if (status != NULL)
    *status = code;
  if (node == NULL)
    return NULL;
  if (code >= 200 && code < 300)
    return g_steal_pointer (&node);

  reason = server_reason (node);
  switch (code)
    {
    case 401:
      if (http->user != NULL)
        g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_UNAUTHORIZED,
                     _("wrong admin password for %s at %s (or %s is not a server admin)"),
                     http->user, http->base, http->user);
      else
        g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_UNAUTHORIZED,
                     _("%s wants an admin name and password: give --user NAME or put them in the URL"),
                     http->base);
      break;
    case 403:
      g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_FORBIDDEN,
                   _("%s refused %s %s: %s"), http->base, method, path,
                   reason != NULL ? reason : _("forbidden"));
      break;
    case 404:
      {
        g_autofree char *db = path_database (path);
        gboolean db_missing = FALSE;

        if (db != NULL && path_is_database (path))
          db_missing = TRUE;
        else if (db != NULL)
          {
            /* A 404 for a document may mean the database is not there: ask. */
            g_autoptr(JsonNode) info = NULL;
            guint db_status = 0;

            info = exchange (http, "GET", db, NULL, &db_status, NULL);
            db_missing = db_status == 404;
          }
        if (db_missing)
          {
            g_autofree char *name = g_uri_unescape_string (db, NULL);

            g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_NOT_PROVISIONED,
                         _("database %s is missing on %s: store not provisioned: run “changgu-admin provision” first"),
                         name != NULL ? name : db, http->base);
          }
        else
          g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_NOT_FOUND,
                       _("%s/%s does not exist"), http->base, path);
      }
      break;
    case 409:
      g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_CONFLICT,
                   _("%s/%s was changed by someone else at the same time: run the command again"),
                   http->base, path);
      break;
    case 412:
      g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_EXISTS,
                   _("%s/%s already exists"), http->base, path);
      break;
    default:
      g_set_error (error, CG_ADMIN_HTTP_ERROR,
                   code >= 500 ? CG_ADMIN_HTTP_ERROR_SERVER : CG_ADMIN_HTTP_ERROR_FAILED,
                   _("%s answered %s %s with HTTP %u: %s"), http->base, method, path, code,
                   reason != NULL ? reason : _("no reason given"));
      break;
    }
  return NULL;
}

JsonNode *
cg_admin_http_get (CgAdminHttp  *http,
                   const char   *path,
                   GError      **error)
{
  return cg_admin_http_request (http, "GET", path, NULL, NULL, error);
}

JsonNode *
cg_admin_http_put (CgAdminHttp  *http,
                   const char   *path,
                   JsonNode     *body,
                   GError      **error)
{
  return cg_admin_http_request (http, "PUT", path, body, NULL, error);
}

JsonNode *
cg_admin_http_post (CgAdminHttp  *http,
                    const char   *path,
                    JsonNode     *body,
                    GError      **error)
{
  return cg_admin_http_request (http, "POST", path, body, NULL, error);
}

JsonNode *
cg_admin_http_get_doc (CgAdminHttp  *http,
                       const char   *database,
                       const char   *doc_id,
                       GError      **error)
{
  g_autofree char *db = cg_admin_http_escape (database);
  g_autofree char *id = cg_admin_http_escape (doc_id);
  g_autofree char *path = g_strconcat (db, "/", id, NULL);
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  node = cg_admin_http_get (http, path, &local_error);
  if (node == NULL && !g_error_matches (local_error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return node;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
cg_admin_http_list_store_databases (CgAdminHttp  *http,
                                    GError      **error)
{
  g_autoptr(JsonNode) node = cg_admin_http_get (http, "_all_dbs", error);
  g_autoptr(GPtrArray) names = NULL;
  JsonArray *array;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_BAD_RESPONSE,
                   _("%s answered _all_dbs with something that is not a list"), http->base);
      return NULL;
    }
  names = g_ptr_array_new_with_free_func (g_free);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *name = json_node_get_string (json_array_get_element (array, i));

      if (name != NULL
          && ((g_str_has_prefix (name, "changgu-store-") && name[strlen ("changgu-store-")] != '\0')
              || (g_str_has_prefix (name, "changgu-kiosk-") && name[strlen ("changgu-kiosk-")] != '\0')))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_strings);
  return g_steal_pointer (&names);
}

GStrv
cg_admin_http_store_databases (const char *store_id)
{
  GStrv names = g_new0 (char *, 3);

  names[0] = g_strconcat ("changgu-store-", store_id, NULL);
  names[1] = g_strconcat ("changgu-kiosk-", store_id, NULL);
  return names;
}
