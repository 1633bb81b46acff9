/* cg-sync-test-util.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every sync test does against the peer: make a fresh database, run a
 * replication to its end, read back what the server holds.
 */
#pragma once

#include "cg-test-peer.h"
#include "changgu-core.h"

G_BEGIN_DECLS

/* A new database "@prefix-N" on @peer (N counts up within the process);
 * fails the test if it cannot be made. */
char       *cg_sync_test_new_database     (CgTestPeer   *peer,
                                           const char   *prefix);

/* Runs @rep once (not live) to its end or until @cancellable (may be NULL)
 * is cancelled; fails the test if that takes more than two minutes.
 * Returns the run's error, or NULL (transfer full). */
GError     *cg_sync_test_run              (CgReplicator *rep,
                                           GCancellable *cancellable);

/* The live documents of @db on @peer, id → winning revision, design
 * documents left out; fails the test on a conflict (two live leaves on the
 * server mean a re-sent batch made a second revision). */
GHashTable *cg_sync_test_server_documents (CgTestPeer   *peer,
                                           const char   *db);

/* Iterates the default main context until @cond (@data) holds: TRUE, or
 * FALSE after @timeout_ms. */
gboolean    cg_sync_test_wait_for         (gboolean    (*cond) (gpointer),
                                           gpointer      data,
                                           guint         timeout_ms);

G_END_DECLS
