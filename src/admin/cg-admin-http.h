/* cg-admin-http.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small synchronous HTTP client for the changgu-admin subcommands that talk
 * to the CouchDB-protocol server (provision, add-device, config, fleet). The
 * admin tool runs one request after the other and exits, so it blocks rather
 * than running a main loop; the devices' replicator (cg-remote.c) is the
 * asynchronous one.
 *
 * API, in short:
 *
 *   g_autoptr(CgAdminHttp) http = cg_admin_http_new (server_url, user, &error);
 *     server_url: "http[s]://[name[:password]@]host:port[/prefix]"
 *     user: --user NAME (nullable; takes precedence over the URL's name).
 *     The password comes from the URL, else CHANGGU_ADMIN_PASSWORD, else a
 *     prompt without echo on the terminal (stdin must be a tty). No name at
 *     all: requests go out without credentials.
 *   JsonNode *doc = cg_admin_http_get  (http, "changgu-store-0421/config%3Aglobal", &error);
 *   JsonNode *res = cg_admin_http_put  (http, path, body_or_NULL, &error);
 *   JsonNode *res = cg_admin_http_post (http, path, body_or_NULL, &error);
 *   JsonNode *res = cg_admin_http_request (http, "DELETE", path, NULL, &status, &error);
 *     Paths are relative to the server root and already escaped (use
 *     cg_admin_http_escape for each segment). Every request sends
 *     Accept: application/json and, with a body, Content-Type:
 *     application/json (pouchdb-server ignores bodies without it).
 *     A 2xx returns the parsed body (transfer full); anything else returns
 *     NULL with an error in CG_ADMIN_HTTP_ERROR whose message is ready to
 *     print after "changgu-admin COMMAND: " — it names the URL (without the
 *     password) and says what to do:
 *       BAD_URL        not an http(s) URL
 *       CONNECT        connection refused / host not found / TLS / timeout
 *       UNAUTHORIZED   401: "wrong admin password for NAME" (or no name given)
 *       FORBIDDEN      403
 *       NOT_PROVISIONED 404 on a database: "store not provisioned: run
 *                      changgu-admin provision"
 *       NOT_FOUND      404 on a document in an existing database
 *       CONFLICT       409 (document update conflict)
 *       EXISTS         412 (database already exists)
 *       SERVER         5xx, BAD_RESPONSE: body is not JSON; FAILED: other 4xx
 *     With a non-NULL @status the HTTP status is stored also on error.
 *
 *   cg_admin_http_get_doc (http, db, id, &error): a document, or NULL with no
 *     error when the document does not exist (a missing database is still
 *     NOT_PROVISIONED).
 *   cg_admin_http_list_store_databases (http, &error): the names of every
 *     provisioned store database on the server (changgu-store-* and
 *     changgu-kiosk-*, from _all_dbs), sorted.
 *   cg_admin_http_store_databases (store_id): { "changgu-store-S",
 *     "changgu-kiosk-S", NULL }.
 *
 * Options: every server subcommand takes the same two, CG_ADMIN_HTTP_OPTIONS
 * (server_url, user) adds --server and --user to a GOptionEntry table.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CG_ADMIN_HTTP_ERROR (cg_admin_http_error_quark ())
GQuark cg_admin_http_error_quark (void);

typedef enum {
  CG_ADMIN_HTTP_ERROR_BAD_URL,
  CG_ADMIN_HTTP_ERROR_CONNECT,
  CG_ADMIN_HTTP_ERROR_UNAUTHORIZED,
  CG_ADMIN_HTTP_ERROR_FORBIDDEN,
  CG_ADMIN_HTTP_ERROR_NOT_PROVISIONED,
  CG_ADMIN_HTTP_ERROR_NOT_FOUND,
  CG_ADMIN_HTTP_ERROR_CONFLICT,
  CG_ADMIN_HTTP_ERROR_EXISTS,
  CG_ADMIN_HTTP_ERROR_SERVER,
  CG_ADMIN_HTTP_ERROR_BAD_RESPONSE,
  CG_ADMIN_HTTP_ERROR_FAILED,
  CG_ADMIN_HTTP_ERROR_NO_PASSWORD,   /* a name but no way to get its password */
} CgAdminHttpError;

/* The environment variable that holds the admin password. */
#define CG_ADMIN_PASSWORD_ENV "CHANGGU_ADMIN_PASSWORD"

typedef struct _CgAdminHttp CgAdminHttp;

CgAdminHttp *cg_admin_http_new        (const char   *server_url,
                                       const char   *user,
                                       GError      **error);
void         cg_admin_http_free       (CgAdminHttp  *http);
/* The server URL without user info or password (for messages). */
const char  *cg_admin_http_get_url    (CgAdminHttp  *http);
/* The admin name used, or NULL without credentials. */
const char  *cg_admin_http_get_user   (CgAdminHttp  *http);

JsonNode    *cg_admin_http_request    (CgAdminHttp  *http,
                                       const char   *method,
                                       const char   *path,
                                       JsonNode     *body,
                                       guint        *status,
                                       GError      **error);
JsonNode    *cg_admin_http_get        (CgAdminHttp  *http,
                                       const char   *path,
                                       GError      **error);
JsonNode    *cg_admin_http_put        (CgAdminHttp  *http,
                                       const char   *path,
                                       JsonNode     *body,
                                       GError      **error);
JsonNode    *cg_admin_http_post       (CgAdminHttp  *http,
                                       const char   *path,
                                       JsonNode     *body,
                                       GError      **error);

JsonNode    *cg_admin_http_get_doc    (CgAdminHttp  *http,
                                       const char   *database,
                                       const char   *doc_id,
                                       GError      **error);
GPtrArray   *cg_admin_http_list_store_databases (CgAdminHttp *http,
                                                 GError     **error);
GStrv        cg_admin_http_store_databases (const char *store_id);

/* One path segment escaped for a URL ("config:store:0421" →
 * "config%3Astore%3A0421"; "/" is escaped too). Transfer full. */
char        *cg_admin_http_escape     (const char   *segment);

/* --server URL and --user NAME for a GOptionEntry table; @server_url and
 * @user are char * variables. */
#define CG_ADMIN_HTTP_OPTIONS(server_url, user) \
  { "server", 0, 0, G_OPTION_ARG_STRING, &(server_url), \
    N_("The server's base URL; admin credentials may be in it (http://admin:PASSWORD@host:5984)"), N_("URL") }, \
  { "user", 0, 0, G_OPTION_ARG_STRING, &(user), \
    N_("Admin name; the password comes from $CHANGGU_ADMIN_PASSWORD or a prompt"), N_("NAME") }

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgAdminHttp, cg_admin_http_free)

G_END_DECLS
