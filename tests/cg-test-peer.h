/* cg-test-peer.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pouchdb-server 4.2.0 on a free loopback port, for GTest suites
 * (TEST-PEER.md). The server runs in memory in a fresh temporary directory
 * and is stopped by pid. Everything here is synchronous and meant for the
 * thread that runs the tests.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define CG_TEST_PEER_ERROR (cg_test_peer_error_quark ())
GQuark cg_test_peer_error_quark (void);

typedef enum {
  CG_TEST_PEER_ERROR_UNAVAILABLE, /* node or the npm packages are missing: the test was skipped */
  CG_TEST_PEER_ERROR_START,       /* the server did not come up (the message carries its log) */
  CG_TEST_PEER_ERROR_REQUEST,     /* a helper's request failed (status and body in the message) */
  CG_TEST_PEER_ERROR_INTEROP,     /* interop.js failed (its stderr in the message) */
} CgTestPeerError;

typedef struct _CgTestPeer CgTestPeer;

/* Starts a fresh, empty peer and waits (at most 20 s) until it answers
 * GET / — and answers as itself: a port race with another process is
 * detected and retried on a new port. If node or the npm packages are
 * missing, calls g_test_skip() (naming `build-aux/dev deps`) and returns NULL
 * with CG_TEST_PEER_ERROR_UNAVAILABLE; callers then return from the test. */
CgTestPeer *cg_test_peer_start          (GError     **error);
/* Stops the server (SIGTERM by pid, SIGKILL after 2 s), removes its
 * directory and frees @self. NULL is ignored. */
void        cg_test_peer_stop           (CgTestPeer  *self);
/* Stops the server and starts it again on the same port: being in memory,
 * it comes back with no databases and no users (a server that lost its
 * data). Its config file survives, as a real server's would: admins made
 * with cg_test_peer_add_admin() still exist and the fixture still uses them.
 * Fails the test if it does not come back. */
void        cg_test_peer_restart        (CgTestPeer  *self);

/* "http://127.0.0.1:PORT", no trailing slash. */
const char *cg_test_peer_get_url        (CgTestPeer  *self);
guint16     cg_test_peer_get_port       (CgTestPeer  *self);
/* The server's pid (for tests that kill it), 0 once it has exited. */
GPid        cg_test_peer_get_pid        (CgTestPeer  *self);
/* The server's scratch directory (log.txt, config.json, output.txt). */
const char *cg_test_peer_get_dir        (CgTestPeer  *self);
/* log.txt followed by the process's stdout/stderr (transfer full). */
char       *cg_test_peer_read_log       (CgTestPeer  *self);

/* Whether the server process is still running. */
gboolean    cg_test_peer_is_alive       (CgTestPeer  *self);
/* Fails the current test, printing the log, if the server died. Call it at
 * the end of every test that shares a peer: some requests crash it. */
void        cg_test_peer_assert_alive   (CgTestPeer  *self);

/* A synchronous JSON request to the server, as the fixture's admin (see
 * cg_test_peer_add_admin(); anonymous before one exists). @path is
 * absolute and already escaped ("/db/doc?revs=true"). Always sends
 * Accept: application/json, and Content-Type: application/json with a body.
 * Returns the parsed response (NULL if the body is empty or not JSON) and
 * the HTTP status in *@status (0 if there was no response). Each request
 * uses a new connection (the peer drops idle ones after 5 s). A request on
 * TEST-PEER.md's crash list that can be recognised from the request alone
 * fails the test instead of being sent. */
JsonNode   *cg_test_peer_request        (CgTestPeer  *self,
                                         const char  *method,
                                         const char  *path,
                                         const char  *json_body,
                                         guint       *status);
/* The same as user @username (NULL: anonymous). */
JsonNode   *cg_test_peer_request_as     (CgTestPeer  *self,
                                         const char  *username,
                                         const char  *password,
                                         const char  *method,
                                         const char  *path,
                                         const char  *json_body,
                                         guint       *status);

/* PUT /@db as the fixture's admin. */
gboolean    cg_test_peer_create_db      (CgTestPeer  *self,
                                         const char  *db,
                                         GError     **error);
/* Makes a server admin (PUT /_config/admins/NAME, the password as a JSON
 * string). From then on the fixture's own requests authenticate as this
 * admin, since the peer is no longer in "admin party". */
gboolean    cg_test_peer_add_admin      (CgTestPeer  *self,
                                         const char  *name,
                                         const char  *password,
                                         GError     **error);
/* Makes a normal user in _users, with @roles (NULL-terminated, nullable). */
gboolean    cg_test_peer_add_user       (CgTestPeer  *self,
                                         const char  *name,
                                         const char  *password,
                                         const char * const *roles,
                                         GError     **error);
/* Restricts @db to these member names and roles (PUT /db/_security; either
 * list nullable). Anyone else then gets 401 from this peer (403 from
 * CouchDB). */
gboolean    cg_test_peer_set_members    (CgTestPeer  *self,
                                         const char  *db,
                                         const char * const *names,
                                         const char * const *roles,
                                         GError     **error);

/* A libsoup session for loopback tests: never a proxy from the
 * environment, and this I/O timeout in seconds. Like any libsoup session it
 * asks for gzip, which pouchdb-server then uses; its compressor holds back a
 * longpoll or continuous feed (heartbeats included) until the response
 * ends, so to read a feed as it arrives remove SOUP_TYPE_CONTENT_DECODER. */
SoupSession *cg_test_peer_new_session   (guint        timeout_s);

/* Runs `node tests/peer/interop.js ARGS…` (at most @timeout_s seconds; 0 =
 * 60) and parses what it prints. If pouchdb-node is missing, skips the test
 * as cg_test_peer_start() does. */
JsonNode   *cg_test_peer_run_interop    (const char * const *args,
                                         guint        timeout_s,
                                         GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgTestPeer, cg_test_peer_stop)

G_END_DECLS
