/* cg-fault-proxy.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An HTTP/1.1 proxy on a free loopback port that forwards to a loopback
 * upstream (the test peer) and injects faults on demand. It runs on its own
 * thread with its own main context; each connection is served on a worker
 * thread. Every response carries `Connection: close`: one request per
 * connection, so clients must cope without keep-alive.
 *
 * For the faults that cut or replace a body, the proxy drops the request's
 * Accept-Encoding, so that the upstream answers uncompressed and the cut
 * falls inside the JSON itself. Otherwise requests go through unchanged.
 *
 * Injected faults are logged with g_debug(); CG_FAULT_PROXY_VERBOSE=1 in
 * the environment logs every request.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  CG_FAULT_NONE,
  /* The upstream's status, headers and about half of its body, then the
   * connection is reset (RST). The upstream did process the request. */
  CG_FAULT_RESET_MID_BODY,
  /* The upstream's status and headers with the first half of its body, and
   * a Content-Length that matches the half: a complete HTTP response whose
   * JSON is cut off. The upstream did process the request. */
  CG_FAULT_TRUNCATE_JSON,
  /* 200 with a body that is not JSON. The upstream did process the request. */
  CG_FAULT_MALFORMED_JSON,
  /* These answer with the status and a CouchDB-style JSON error body; the
   * request never reaches the upstream. */
  CG_FAULT_STATUS_500,
  CG_FAULT_STATUS_503,
  CG_FAULT_STATUS_401,
  CG_FAULT_STATUS_413,
  /* Waits the delay (cg_fault_proxy_set_delay_ms()) after the upstream
   * has answered and before the first byte goes back to the client. */
  CG_FAULT_SLOW,
  /* The connection is reset before any byte of a response: to a client this
   * is a network error, as if the server were unreachable. The request
   * never reaches the upstream. */
  CG_FAULT_REFUSE,
} CgFault;

typedef struct _CgFaultProxy CgFaultProxy;

/* @upstream_url: "http://127.0.0.1:PORT" (or localhost, or [::1]); any path
 * in it is ignored, request paths are forwarded as they are. Anything but a
 * loopback address is refused. */
CgFaultProxy *cg_fault_proxy_new          (const char   *upstream_url,
                                           GError      **error);
/* Stops accepting, cuts connections still open (a slow fault or a longpoll
 * being relayed), waits for their threads (at most 10 s) and frees. */
void          cg_fault_proxy_free         (CgFaultProxy *self);

/* "http://127.0.0.1:PORT", no trailing slash. */
const char   *cg_fault_proxy_get_url      (CgFaultProxy *self);
guint16       cg_fault_proxy_get_port     (CgFaultProxy *self);

/* Injects @fault into the next @times requests (0: until cleared) whose
 * request target (path and query) contains @path_contains (NULL: any).
 * Replaces the previous setting; CG_FAULT_NONE clears it. Safe from any
 * thread; a request already being served keeps the fault it was given. */
void          cg_fault_proxy_set_fault    (CgFaultProxy *self,
                                           CgFault       fault,
                                           guint         times,
                                           const char   *path_contains);
/* Lets the next @skip requests that match the fault's path through
 * untouched before it applies (after cg_fault_proxy_set_fault(), which
 * resets it to 0): "the second _bulk_get fails". */
void          cg_fault_proxy_set_skip     (CgFaultProxy *self,
                                           guint         skip);
/* The delay of CG_FAULT_SLOW (default 2000 ms). */
void          cg_fault_proxy_set_delay_ms (CgFaultProxy *self,
                                           guint         delay_ms);
/* Like a server's request size limit (CouchDB's max_http_request_size):
 * any request whose body is longer than @bytes is answered 413 without
 * reaching the upstream, and counted as injected. 0 (the default): none. */
void          cg_fault_proxy_set_max_body (CgFaultProxy *self,
                                           gsize         bytes);
/* How many faults were injected, and how many requests were read, since
 * the proxy was made. */
guint         cg_fault_proxy_get_injected (CgFaultProxy *self);
guint         cg_fault_proxy_get_requests (CgFaultProxy *self);

/* "none", "reset-mid-body", "truncate-json", "malformed-json", "500",
 * "503", "401", "413", "slow", "refuse". */
const char   *cg_fault_to_string          (CgFault       fault);
gboolean      cg_fault_from_string        (const char   *name,
                                           CgFault      *fault);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgFaultProxy, cg_fault_proxy_free)

G_END_DECLS
