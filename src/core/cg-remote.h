/* cg-remote.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_SYNC_ERROR (cg_sync_error_quark ())
GQuark cg_sync_error_quark (void);

/* What went wrong talking to the central service, in the words the sync
 * status shows. */
typedef enum {
  CG_SYNC_ERROR_NETWORK,        /* unreachable, refused, reset */
  CG_SYNC_ERROR_TIMEOUT,        /* no answer in time */
  CG_SYNC_ERROR_TLS,            /* certificate not trusted */
  CG_SYNC_ERROR_UNAUTHORIZED,   /* 401: credentials refused — re-provision */
  CG_SYNC_ERROR_FORBIDDEN,      /* 403 */
  CG_SYNC_ERROR_NOT_FOUND,      /* 404 */
  CG_SYNC_ERROR_TOO_LARGE,      /* 413 */
  CG_SYNC_ERROR_SERVER,         /* 5xx */
  CG_SYNC_ERROR_BAD_RESPONSE,   /* not JSON, truncated, or not the expected shape */
  CG_SYNC_ERROR_CONFIG,         /* a bad URL or provisioning file */
} CgSyncError;

#define CG_TYPE_REMOTE (cg_remote_get_type ())
G_DECLARE_FINAL_TYPE (CgRemote, cg_remote, CG, REMOTE, GObject)

/* One database on a CouchDB-protocol server. @server_url may carry user
 * info; @username/@password (nullable) take precedence. */
CgRemote   *cg_remote_new            (const char          *server_url,
                                      const char          *database,
                                      const char          *username,
                                      const char          *password,
                                      GError             **error);
/* The database URL without credentials (for ids, logs and the UI). */
const char *cg_remote_get_url        (CgRemote            *self);
const char *cg_remote_get_database   (CgRemote            *self);
/* Default per-request timeout in seconds (30). */
void        cg_remote_set_timeout    (CgRemote            *self,
                                      guint                seconds);
/* Trust this PEM CA (a private CA pinned in the provisioning file). */
gboolean    cg_remote_set_ca_pem     (CgRemote            *self,
                                      const char          *pem,
                                      GError             **error);

/* A JSON request to the database: @path is relative to it ("" for the
 * database itself, "_changes", "_local/<id>"), already escaped; @query is
 * already escaped (nullable); @body nullable. Every request sends
 * Accept: application/json, and Content-Type: application/json with a body
 * (the test peer ignores bodies without it). Requests the caller marks
 * @idempotent are retried once by libsoup if a kept-alive connection was
 * closed under them. @timeout_s 0 = the default. */
void        cg_remote_request_async  (CgRemote            *self,
                                      const char          *method,
                                      const char          *path,
                                      const char          *query,
                                      JsonNode            *body,
                                      gboolean             idempotent,
                                      guint                timeout_s,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* The same with a body already serialised (nullable), sent as it is. */
void        cg_remote_request_bytes_async (CgRemote            *self,
                                           const char          *method,
                                           const char          *path,
                                           const char          *query,
                                           GBytes              *body,
                                           gboolean             idempotent,
                                           guint                timeout_s,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* The parsed response (transfer full), or NULL with @error in CG_SYNC_ERROR
 * (or G_IO_ERROR_CANCELLED). *@status gets the HTTP status when there was
 * one, also on error. */
JsonNode   *cg_remote_request_finish (CgRemote            *self,
                                      GAsyncResult        *result,
                                      guint               *status,
                                      GError             **error);

/* Escapes a document id for a URL path ("_local/x" keeps its slash). */
char       *cg_remote_escape_id      (const char          *id);

G_END_DECLS
