/* cg-replicator.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cg-remote.h"

G_BEGIN_DECLS

typedef enum {
  CG_REPLICATION_PULL,   /* remote → local store */
  CG_REPLICATION_PUSH,   /* local store → remote */
} CgReplicationDirection;

typedef enum {
  CG_REPLICATOR_IDLE,
  CG_REPLICATOR_CONNECTING,     /* peer check and checkpoints */
  CG_REPLICATOR_RUNNING,        /* catching up, batch by batch */
  CG_REPLICATOR_WAITING,        /* caught up; live: waiting for changes */
  CG_REPLICATOR_STOPPED,        /* finished (one-shot), cancelled or failed */
} CgReplicatorState;

#define CG_TYPE_REPLICATOR (cg_replicator_get_type ())
G_DECLARE_FINAL_TYPE (CgReplicator, cg_replicator, CG, REPLICATOR, GObject)

/* Replicates between the store file at @store_path (opened again on a worker
 * thread: the caller's CgStore stays on the main thread) and @remote.
 * @device_id enters the replication id. */
CgReplicator     *cg_replicator_new            (const char             *store_path,
                                                CgRemote               *remote,
                                                CgReplicationDirection  direction,
                                                const char             *device_id);
void              cg_replicator_set_batch_size (CgReplicator           *self,
                                                guint                   batch_size);
/* Only documents whose type is in @types (NULL = all) are replicated; the
 * filter enters the replication id. For relays between databases. */
void              cg_replicator_set_types      (CgReplicator           *self,
                                                const char * const     *types);

/* One run: catch up, then (with @live) keep following changes until
 * cancelled. Finishes with the first error that stops it (a document the
 * server rejects does not: it is counted and reported). */
void              cg_replicator_run_async      (CgReplicator           *self,
                                                gboolean                live,
                                                GCancellable           *cancellable,
                                                GAsyncReadyCallback     callback,
                                                gpointer                user_data);
gboolean          cg_replicator_run_finish     (CgReplicator           *self,
                                                GAsyncResult           *result,
                                                GError                **error);

/* Push side, live: there are new local changes (the sync manager calls this
 * after local writes; a waiting push starts the next batch at once). */
void              cg_replicator_poke           (CgReplicator           *self);

CgReplicationDirection cg_replicator_get_direction (CgReplicator       *self);
CgReplicatorState cg_replicator_get_state      (CgReplicator           *self);
const char       *cg_replicator_get_id         (CgReplicator           *self);
/* Progress of this run: documents read from the source, written to the
 * target, refused by the target (or invalid on arrival), and the estimated
 * total to read (0 when unknown). */
guint64           cg_replicator_get_docs_read     (CgReplicator        *self);
guint64           cg_replicator_get_docs_written  (CgReplicator        *self);
guint64           cg_replicator_get_docs_failed   (CgReplicator        *self);
guint64           cg_replicator_get_total         (CgReplicator        *self);
/* The last document-level failure ("id: reason"), or NULL. */
const char       *cg_replicator_get_last_rejection (CgReplicator       *self);
/* Rows of the changes feed this run looked at (pull: _changes rows; push:
 * pending local rows), and the checkpoint it resumed from (opaque JSON, 0
 * when it started over; NULL before the checkpoints were read). Tests use
 * them to prove a run resumed rather than started again. */
guint64           cg_replicator_get_changes_read  (CgReplicator        *self);
JsonNode         *cg_replicator_get_start_seq     (CgReplicator        *self);

G_END_DECLS
