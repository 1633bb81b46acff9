/* cg-replicator.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One direction of the CouchDB replication protocol (version 3) between the
 * local store and one remote database. See ../shared/design/SYNC.md for the
 * checklist and TEST-PEER.md for the peer's quirks.
 *
 * State machine (one run; every arrow is an async step, every box may fail
 * into STOPPED with the error that ended the run)
 *
 *   IDLE ──run_async──▶ CONNECTING
 *     check_peer         GET /{db}: exists, we may read it; for an initial
 *                        pull, doc_count gives the progress total.
 *     read_checkpoints   GET /{db}/_local/{repid} and the store's
 *                        _local/{repid}; resume_since() picks the newest
 *                        session both sides share, else starts from 0.
 *   CONNECTING ──▶ RUNNING, one batch at a time:
 *     pull: GET _changes?style=all_docs&since=S&limit=B
 *           ▶ (diff connection) which listed revisions the store lacks
 *           ▶ POST _bulk_get?revs=true&latest=true (probed once per run;
 *             otherwise GET {id}?open_revs=[…] with several in flight)
 *           ▶ (worker) apply the batch in one transaction (new_edits:false);
 *             an invalid document is refused alone, counted and logged
 *           While a full batch is applied and checkpointed, the next one is
 *           fetched AHEAD (its _changes from the batch's last seq, its diff,
 *           its _bulk_get) and waits for its turn: the server and the JSON
 *           parsing overlap the worker's SQLite. One batch ahead at most. An
 *           error of the batch ahead is held until the batch before it is
 *           checkpointed, and only then ends the run (R1, R5).
 *     push: (worker) pending documents after S and their unacknowledged
 *           leaves ▶ POST _revs_diff ▶ (worker) bodies and _revisions
 *           ▶ POST _bulk_docs new_edits:false ▶ (worker) mark acknowledged
 *           revisions synced; per-document errors (forbidden) are counted,
 *           reported and not retried. A 413 splits the batch's documents
 *           into requests half as large, down to one: a single document
 *           the server still refuses is counted and reported like the rest
 *     write_checkpoint   target side first, then source; S := the seq of
 *                        the last row of the batch.
 *   RUNNING ──batch came back short──▶ caught up:
 *     one-shot: STOPPED (success)
 *     live:     WAITING: pull issues feed=longpoll with a heartbeat and a
 *               client timeout (the test peer ignores the server one); push
 *               waits for cg_replicator_poke(). New rows → RUNNING.
 *
 * Invariants
 *   R1  A checkpoint never names a sequence whose batch is not fully written
 *       to the target: it is written only after the batch's write returned.
 *   R2  Sequence values from the server are opaque JSON: stored and sent back
 *       as they came, never parsed or compared.
 *   R3  Replaying a batch is harmless: new_edits:false writes of the same
 *       revision ids are idempotent on both sides.
 *   R4  latest=true is asked only for revisions that came from the server's
 *       own _changes (the test peer crashes on unknown ones).
 *   R5  The worker store (a second SQLite connection) is used by one thread
 *       at a time: worker steps run strictly one after another (and a lock
 *       makes sure of it should a stale job of an ended run still be busy).
 *   R6  Pull diffs read through their own connection (diff_store), one at a
 *       time. Its snapshot may predate the batch being written, so a
 *       revision that batch brings can be asked for again: harmless (R3).
 *   R7  JSON handed to another thread is referenced from that thread alone
 *       until it is done: json-glib counts JsonObject and JsonArray
 *       references without atomics. A batch's documents are referenced by
 *       the server's answer too, so the answer is dropped (on the main
 *       thread) before the worker writes them; dropping it after, while
 *       the worker referenced the same document, lost a count now and then
 *       and freed a document still in use (one crash in 28 pulls of 100k
 *       documents, and one in a crash-test child; json_object_ref() is a
 *       plain increment in json-glib 1.6).
 */
#define G_LOG_DOMAIN "cg-replicator"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-json.h"
#include "cg-replicator.h"
#include "cg-replicator-private.h"
#include "cg-store.h"

#define DEFAULT_BATCH_SIZE   500
#define LONGPOLL_HEARTBEAT_MS 10000
#define LONGPOLL_TIMEOUT_S   65
#define OPEN_REVS_IN_FLIGHT  8
#define HISTORY_LENGTH       20

typedef struct _PullBatch PullBatch;

struct _CgReplicator
{
  GObject                 parent_instance;

  char                   *store_path;
  CgStore                *worker_store;     /* R5: worker threads only */
  GMutex                  worker_lock;
  CgStore                *diff_store;       /* R6: pull diffs only */
  GMutex                  diff_lock;
  CgRemote               *remote;
  CgReplicationDirection  direction;
  char                   *device_id;
  char                   *rep_id;
  GStrv                   types;
  guint                   batch_size;

  CgReplicatorState       state;
  guint64                 docs_read;
  guint64                 docs_written;
  guint64                 docs_failed;
  guint64                 total;
  guint64                 changes_read;     /* rows of the changes feed seen */
  char                   *last_rejection;

  /* The run in progress. */
  GTask                  *run;
  gboolean                live;
  gboolean                poked;
  gboolean                waiting_for_poke;
  char                   *session_id;
  char                   *start_time;
  JsonNode               *start_seq;
  JsonNode               *since;            /* R2 */
  JsonObject             *local_checkpoint;
  JsonObject             *remote_checkpoint;
  gboolean                bulk_get_probed;
  gboolean                bulk_get_works;
  gboolean                caught_up;        /* the last batch came back short */
  gboolean                full_resync;      /* push: every document, not only pending ones */
  guint                   run_serial;       /* which run a batch in flight belongs to */
  gboolean                pull_applying;    /* a batch is being written or checkpointed… */
  gboolean                ahead_in_flight;  /* …while the next one is fetched AHEAD, */
  PullBatch              *ahead_ready;      /* …has arrived and waits for its turn, */
  GError                 *ahead_error;      /* …or failed, reported at its turn */
  GCancellable           *cancellable;
  gulong                  cancelled_id;
};

enum { SIGNAL_PROGRESS, SIGNAL_DOCUMENTS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CgReplicator, cg_replicator, G_TYPE_OBJECT)

static void next_batch (CgReplicator *self);
static void disconnect_cancellable (CgReplicator *self);
static void pull_batch_free (PullBatch *batch);
static void drop_batch_ahead (CgReplicator *self);

static void
cg_replicator_finalize (GObject *object)
{
  CgReplicator *self = CG_REPLICATOR (object);

  drop_batch_ahead (self);
  g_clear_object (&self->worker_store);
  g_clear_object (&self->diff_store);
  g_mutex_clear (&self->worker_lock);
  g_mutex_clear (&self->diff_lock);
  g_clear_object (&self->remote);
  g_free (self->store_path);
  g_free (self->device_id);
  g_free (self->rep_id);
  g_strfreev (self->types);
  g_free (self->last_rejection);
  g_free (self->session_id);
  g_free (self->start_time);
  g_clear_pointer (&self->start_seq, json_node_unref);
  g_clear_pointer (&self->since, json_node_unref);
  g_clear_pointer (&self->local_checkpoint, json_object_unref);
  g_clear_pointer (&self->remote_checkpoint, json_object_unref);
  G_OBJECT_CLASS (cg_replicator_parent_class)->finalize (object);
}

static void
cg_replicator_class_init (CgReplicatorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_replicator_finalize;

  /* After every batch and state change, on the main context. */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A pull batch changed documents in the store (through another connection,
   * so the caller's CgStore does not know). */
  signals[SIGNAL_DOCUMENTS_CHANGED] =
    g_signal_new ("documents-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cg_replicator_init (CgReplicator *self)
{
  self->batch_size = DEFAULT_BATCH_SIZE;
  g_mutex_init (&self->worker_lock);
  g_mutex_init (&self->diff_lock);
}

/* The replication id: stable for the same device, server, database,
 * direction and filter, so a restart resumes from its checkpoint. */
static void
compute_rep_id (CgReplicator *self)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *types = self->types ? g_strjoinv (",", self->types) : g_strdup ("");

  g_checksum_update (sum, (const guchar *) "changgu-rep-v1\n", -1);
  g_checksum_update (sum, (const guchar *) self->device_id, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) cg_remote_get_url (self->remote), -1);
  g_checksum_update (sum, (const guchar *) (self->direction == CG_REPLICATION_PULL ? "\npull\n" : "\npush\n"), -1);
  g_checksum_update (sum, (const guchar *) types, -1);
  g_free (self->rep_id);
  self->rep_id = g_strdup (g_checksum_get_string (sum));
}

CgReplicator *
cg_replicator_new (const char             *store_path,
                   CgRemote               *remote,
                   CgReplicationDirection  direction,
                   const char             *device_id)
{
  CgReplicator *self;

  g_return_val_if_fail (store_path != NULL, NULL);
  g_return_val_if_fail (CG_IS_REMOTE (remote), NULL);

  self = g_object_new (CG_TYPE_REPLICATOR, NULL);
  self->store_path = g_strdup (store_path);
  self->remote = g_object_ref (remote);
  self->direction = direction;
  self->device_id = g_strdup (device_id ? device_id : "");
  compute_rep_id (self);
  return self;
}

void
cg_replicator_set_batch_size (CgReplicator *self,
                              guint         batch_size)
{
  g_return_if_fail (CG_IS_REPLICATOR (self));
  self->batch_size = CLAMP (batch_size, 1, 10000);
}

void
cg_replicator_set_types (CgReplicator       *self,
                         const char * const *types)
{
  g_return_if_fail (CG_IS_REPLICATOR (self));
  g_strfreev (self->types);
  self->types = types ? g_strdupv ((char **) types) : NULL;
  compute_rep_id (self);
}

CgReplicationDirection cg_replicator_get_direction (CgReplicator *self) { return self->direction; }
CgReplicatorState cg_replicator_get_state (CgReplicator *self) { return self->state; }
const char *cg_replicator_get_id (CgReplicator *self) { return self->rep_id; }
guint64 cg_replicator_get_docs_read (CgReplicator *self) { return self->docs_read; }
guint64 cg_replicator_get_docs_written (CgReplicator *self) { return self->docs_written; }
guint64 cg_replicator_get_docs_failed (CgReplicator *self) { return self->docs_failed; }
guint64 cg_replicator_get_total (CgReplicator *self) { return self->total; }
const char *cg_replicator_get_last_rejection (CgReplicator *self) { return self->last_rejection; }
guint64 cg_replicator_get_changes_read (CgReplicator *self) { return self->changes_read; }
JsonNode *cg_replicator_get_start_seq (CgReplicator *self) { return self->start_seq; }

static void
set_state (CgReplicator      *self,
           CgReplicatorState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0);
}

static void
note_rejection (CgReplicator *self,
                const char   *id,
                const char   *reason)
{
  self->docs_failed++;
  g_free (self->last_rejection);
  self->last_rejection = g_strdup_printf ("%s: %s", id ? id : "?", reason ? reason : "?");
  /* A message, not a warning: a bad document is the server's problem, and
   * must never abort anything. */
  g_message ("%s %s refused: %s",
             self->direction == CG_REPLICATION_PULL ? "Pulled" : "Pushed",
             id ? id : "?", reason ? reason : "?");
}

static gboolean
type_wanted (CgReplicator *self,
             const char   *type)
{
  return self->types == NULL || (type != NULL && g_strv_contains ((const char * const *) self->types, type));
}

/* Ends the run. */
static void
finish_run (CgReplicator *self,
            GError       *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->run);

  drop_batch_ahead (self);
  self->waiting_for_poke = FALSE;
  disconnect_cancellable (self);
  set_state (self, CG_REPLICATOR_STOPPED);
  if (task == NULL)
    return;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
run_cancelled (CgReplicator *self)
{
  if (self->run != NULL && g_task_return_error_if_cancelled (self->run))
    {
      g_clear_object (&self->run);
      drop_batch_ahead (self);
      self->waiting_for_poke = FALSE;
      disconnect_cancellable (self);
      set_state (self, CG_REPLICATOR_STOPPED);
      return TRUE;
    }
  return self->run == NULL;
}

static GCancellable *
run_cancellable (CgReplicator *self)
{
  return self->run ? g_task_get_cancellable (self->run) : NULL;
}

/* ---------------------------------------------------------------- worker */

/* What a worker's write of one batch came to: how many documents were
 * written and which were refused (id, reason). */
typedef struct {
  guint      written;
  GPtrArray *refused_ids;
  GPtrArray *refused_reasons;
} BatchOutcome;

static BatchOutcome *
batch_outcome_new (void)
{
  BatchOutcome *outcome = g_new0 (BatchOutcome, 1);
  outcome->refused_ids = g_ptr_array_new_with_free_func (g_free);
  outcome->refused_reasons = g_ptr_array_new_with_free_func (g_free);
  return outcome;
}

static void
batch_outcome_refuse (BatchOutcome *outcome,
                      const char   *id,
                      char         *reason)   /* (transfer full) */
{
  g_ptr_array_add (outcome->refused_ids, g_strdup (id ? id : "?"));
  g_ptr_array_add (outcome->refused_reasons, reason);
}

static void
batch_outcome_free (BatchOutcome *outcome)
{
  g_ptr_array_unref (outcome->refused_ids);
  g_ptr_array_unref (outcome->refused_reasons);
  g_free (outcome);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BatchOutcome, batch_outcome_free)

typedef gpointer (*WorkerFunc) (CgReplicator *self, gpointer data, GError **error);

typedef struct {
  WorkerFunc          func;
  gpointer            data;
  GDestroyNotify      free_data;
  GAsyncReadyCallback callback;
  gpointer            user_data;
} WorkerJob;

/* The job's callback, then its data freed: here, on the main thread. Left
 * to the task's finalisation, the data could be freed on the worker thread
 * (the one that drops the task last) while the main thread references the
 * same JSON (R7). */
static void
on_worker_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  WorkerJob *job = data;

  job->callback (source, result, job->user_data);
  if (job->free_data)
    job->free_data (job->data);
  job->data = NULL;
  job->free_data = NULL;
}

static void
worker_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CgReplicator *self = source;
  WorkerJob *job = task_data;
  GError *error = NULL;
  gpointer result = NULL;

  g_mutex_lock (&self->worker_lock);
  if (self->worker_store == NULL)
    self->worker_store = cg_store_open (self->store_path, &error);
  if (self->worker_store != NULL)
    result = job->func (self, job->data, &error);
  g_mutex_unlock (&self->worker_lock);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, NULL);
}

/* Runs @func on a worker thread with the worker store (R5: callers chain
 * these, never two at once). */
static void
run_in_worker (CgReplicator        *self,
               WorkerFunc           func,
               gpointer             data,
               GDestroyNotify       free_data,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  WorkerJob *job = g_new0 (WorkerJob, 1);
  g_autoptr(GTask) task = g_task_new (self, NULL, on_worker_done, job);

  job->func = func;
  job->data = data;
  job->free_data = free_data;
  job->callback = callback;
  job->user_data = user_data;
  g_task_set_task_data (task, job, g_free);
  g_task_run_in_thread (task, worker_thread);
}

static gpointer
worker_finish (CgReplicator  *self,
               GAsyncResult  *result,
               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------ checkpoints */

static char *
local_checkpoint_id (CgReplicator *self)
{
  return g_strconcat ("_local/", self->rep_id, NULL);
}

static gpointer
worker_read_local_checkpoint (CgReplicator  *self,
                              gpointer       data,
                              GError       **error)
{
  g_autofree char *id = local_checkpoint_id (self);
  JsonObject *checkpoint = cg_store_get_local (self->worker_store, id);
  return checkpoint;   /* may be NULL */
}

static gboolean
history_has_session (JsonObject *checkpoint,
                     const char *session_id)
{
  JsonArray *history = cg_json_get_array (checkpoint, "history");

  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    {
      JsonNode *node = json_array_get_element (history, i);
      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (cg_json_get_string (json_node_get_object (node), "session_id"), session_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The newest sequence both sides agree was reached, or NULL (start at 0). */
static JsonNode *
resume_since (JsonObject *local,
              JsonObject *remote)
{
  JsonArray *history;

  if (local == NULL || remote == NULL)
    return NULL;
  if (cg_json_get_string (local, "session_id") != NULL &&
      g_strcmp0 (cg_json_get_string (local, "session_id"), cg_json_get_string (remote, "session_id")) == 0 &&
      json_object_has_member (local, "source_last_seq"))
    return json_node_copy (json_object_get_member (local, "source_last_seq"));

  history = cg_json_get_array (local, "history");
  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    {
      JsonNode *node = json_array_get_element (history, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *session = cg_json_get_string (entry, "session_id");
      if (session != NULL && history_has_session (remote, session) &&
          json_object_has_member (entry, "recorded_seq"))
        return json_node_copy (json_object_get_member (entry, "recorded_seq"));
    }
  return NULL;
}

/* The checkpoint document both sides get: this session first, then the
 * history we had (R1: written only after a batch landed). */
static JsonObject *
make_checkpoint (CgReplicator *self)
{
  JsonObject *doc = json_object_new ();
  JsonObject *entry = json_object_new ();
  JsonArray *history = json_array_new ();
  JsonArray *old = cg_json_get_array (self->local_checkpoint, "history");
  g_autofree char *now = cg_json_timestamp_now ();

  json_object_set_string_member (entry, "session_id", self->session_id);
  json_object_set_string_member (entry, "start_time", self->start_time);
  json_object_set_string_member (entry, "end_time", now);
  json_object_set_member (entry, "start_last_seq",
                          self->start_seq ? json_node_copy (self->start_seq) : json_node_init_int (json_node_alloc (), 0));
  json_object_set_member (entry, "recorded_seq", json_node_copy (self->since));
  json_object_set_int_member (entry, "docs_read", (gint64) self->docs_read);
  json_object_set_int_member (entry, "docs_written", (gint64) self->docs_written);
  json_object_set_int_member (entry, "doc_write_failures", (gint64) self->docs_failed);
  json_array_add_object_element (history, entry);

  for (guint i = 0; old != NULL && i < json_array_get_length (old) && json_array_get_length (history) < HISTORY_LENGTH; i++)
    {
      JsonNode *node = json_array_get_element (old, i);
      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (cg_json_get_string (json_node_get_object (node), "session_id"), self->session_id) != 0)
        json_array_add_element (history, json_node_copy (node));
    }

  json_object_set_string_member (doc, "session_id", self->session_id);
  json_object_set_member (doc, "source_last_seq", json_node_copy (self->since));
  json_object_set_int_member (doc, "replication_id_version", 3);
  /* A full resync cut short goes on as one (see on_local_checkpoint_read). */
  if (self->full_resync && !self->caught_up)
    json_object_set_boolean_member (doc, "full_resync", TRUE);
  json_object_set_array_member (doc, "history", history);
  return doc;
}

static gpointer
worker_write_local_checkpoint (CgReplicator  *self,
                               gpointer       data,
                               GError       **error)
{
  g_autofree char *id = local_checkpoint_id (self);

  if (!cg_store_put_local (self->worker_store, id, data, error))
    return NULL;
  return GINT_TO_POINTER (1);
}

typedef struct {
  CgReplicator *self;
  JsonObject   *checkpoint;
  gboolean      remote_done;
  gboolean      local_done;
} CheckpointStep;

static void checkpoint_next (CheckpointStep *step);

static void
checkpoint_step_free (CheckpointStep *step)
{
  g_object_unref (step->self);
  json_object_unref (step->checkpoint);
  g_free (step);
}

static void
on_remote_checkpoint_written (GObject      *source,
                              GAsyncResult *result,
                              gpointer      data)
{
  CheckpointStep *step = data;
  CgReplicator *self = step->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = cg_remote_request_finish (CG_REMOTE (source), result, NULL, &error);

  if (reply == NULL)
    {
      if (!run_cancelled (self))
        finish_run (self, g_steal_pointer (&error));
      checkpoint_step_free (step);
      return;
    }
  /* Keep the new _rev for the next PUT. */
  if (JSON_NODE_HOLDS_OBJECT (reply) && cg_json_get_string (json_node_get_object (reply), "rev"))
    {
      g_clear_pointer (&self->remote_checkpoint, json_object_unref);
      self->remote_checkpoint = json_object_ref (step->checkpoint);
      json_object_set_string_member (self->remote_checkpoint, "_rev",
                                     cg_json_get_string (json_node_get_object (reply), "rev"));
    }
  step->remote_done = TRUE;
  checkpoint_next (step);
}

static void
on_local_checkpoint_written (GObject      *source,
                             GAsyncResult *result,
                             gpointer      data)
{
  CheckpointStep *step = data;
  CgReplicator *self = step->self;
  g_autoptr(GError) error = NULL;

  if (worker_finish (self, result, &error) == NULL)
    {
      if (!run_cancelled (self))
        finish_run (self, g_steal_pointer (&error));
      checkpoint_step_free (step);
      return;
    }
  g_clear_pointer (&self->local_checkpoint, json_object_unref);
  self->local_checkpoint = cg_json_copy (step->checkpoint);
  step->local_done = TRUE;
  checkpoint_next (step);
}

/* Target side first, then source (SYNC.md step 7). */
static void
checkpoint_next (CheckpointStep *step)
{
  CgReplicator *self = step->self;
  gboolean remote_first = self->direction == CG_REPLICATION_PUSH;

  if (run_cancelled (self))
    {
      checkpoint_step_free (step);
      return;
    }

  if ((remote_first && !step->remote_done) || (!remote_first && step->local_done && !step->remote_done))
    {
      g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *path = g_strconcat ("_local/", self->rep_id, NULL);
      JsonObject *doc = cg_json_copy (step->checkpoint);
      const char *rev = cg_json_get_string (self->remote_checkpoint, "_rev");

      json_object_set_string_member (doc, "_id", path);
      if (rev != NULL)
        json_object_set_string_member (doc, "_rev", rev);
      json_node_take_object (body, doc);
      cg_remote_request_async (self->remote, "PUT", path, NULL, body, TRUE, 0,
                               run_cancellable (self), on_remote_checkpoint_written, step);
      return;
    }
  if (!step->local_done)
    {
      run_in_worker (self, worker_write_local_checkpoint, json_object_ref (step->checkpoint),
                     (GDestroyNotify) json_object_unref, on_local_checkpoint_written, step);
      /* the worker holds its own reference; the step keeps one too */
      return;
    }

  checkpoint_step_free (step);
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0);
  if (self->caught_up && !self->live)
    finish_run (self, NULL);
  else
    {
      /* Live and caught up: the next pull request is a longpoll. */
      if (self->caught_up && self->direction == CG_REPLICATION_PULL)
        set_state (self, CG_REPLICATOR_WAITING);
      next_batch (self);
    }
}

static void
write_checkpoint (CgReplicator *self)
{
  CheckpointStep *step = g_new0 (CheckpointStep, 1);

  step->self = g_object_ref (self);
  step->checkpoint = make_checkpoint (self);
  checkpoint_next (step);
}

/* Advances the checkpoint to @seq (R2: as it came) and writes it. */
static void
batch_done (CgReplicator *self,
            JsonNode     *seq)
{
  if (seq != NULL)
    {
      g_clear_pointer (&self->since, json_node_unref);
      self->since = json_node_copy (seq);
    }
  write_checkpoint (self);
}

/* ------------------------------------------------------------------ pull */

/* A batch on its way from the server: rows of _changes, what the store lacks,
 * the documents fetched. */
struct _PullBatch {
  CgReplicator *self;      /* a reference: a batch ahead can outlive its run */
  guint       serial;      /* the run it belongs to */
  gboolean    ahead;       /* fetched while the batch before it is written */
  gboolean    short_page;  /* fewer rows than asked for: the end of the feed */
  gboolean    longpoll;
  JsonNode   *changes;     /* the _changes response */
  JsonNode   *last_seq;    /* seq of the last row (R2) */
  GPtrArray  *missing;     /* CgMissingDoc* */
  GPtrArray  *docs;        /* JsonObject* fetched */
  guint       open_revs_pending;
  GError     *open_revs_error;
  guint       next_open_revs;
};

void
cg_missing_doc_free (CgMissingDoc *m)
{
  g_free (m->id);
  g_strfreev (m->revs);
  g_free (m);
}

static void
pull_batch_free (PullBatch *batch)
{
  g_object_unref (batch->self);
  g_clear_pointer (&batch->changes, json_node_unref);
  g_clear_pointer (&batch->last_seq, json_node_unref);
  g_clear_pointer (&batch->missing, g_ptr_array_unref);
  g_clear_pointer (&batch->docs, g_ptr_array_unref);
  g_clear_error (&batch->open_revs_error);
  g_free (batch);
}

/* Forgets the batch fetched ahead of the one being written: the run ended,
 * or a new one begins. One still in flight notices by itself (its serial). */
static void
drop_batch_ahead (CgReplicator *self)
{
  g_clear_pointer (&self->ahead_ready, pull_batch_free);
  g_clear_error (&self->ahead_error);
}

/* Whether @batch's run is over (the batch is freed then) or cancelled. A
 * batch ahead never ends the run while the batch before it is written: that
 * one's own callback notices the cancellation when the worker is done (R5). */
static gboolean
pull_batch_dropped (PullBatch *batch)
{
  CgReplicator *self = batch->self;
  gboolean ours = batch->serial == self->run_serial;

  if (ours && self->run != NULL && batch->ahead && self->pull_applying &&
      g_cancellable_is_cancelled (run_cancellable (self)))
    {
      self->ahead_in_flight = FALSE;
      pull_batch_free (batch);
      return TRUE;
    }
  if (!ours || run_cancelled (self))
    {
      if (ours && batch->ahead)
        self->ahead_in_flight = FALSE;
      pull_batch_free (batch);
      return TRUE;
    }
  return FALSE;
}

/* @batch could not be fetched. A batch ahead holds its error until the
 * batch before it is checkpointed (R1); any other ends the run. */
static void
pull_batch_fail (PullBatch *batch,
                 GError    *error)   /* (transfer full) */
{
  CgReplicator *self = batch->self;
  gboolean held = batch->ahead && self->pull_applying;

  if (batch->ahead)
    self->ahead_in_flight = FALSE;
  if (held && self->ahead_error == NULL)
    self->ahead_error = error;
  else if (held)
    g_error_free (error);
  else
    finish_run (self, error);
  pull_batch_free (batch);
}

static JsonArray *
changes_results (JsonNode *changes)
{
  if (changes == NULL || !JSON_NODE_HOLDS_OBJECT (changes))
    return NULL;
  return cg_json_get_array (json_node_get_object (changes), "results");
}

JsonArray *
cg_replicator_changes_rows (JsonNode  *changes,
                            JsonNode **last_seq,
                            GError   **error)
{
  JsonArray *rows = changes_results (changes);
  guint n;

  *last_seq = NULL;
  if (rows == NULL)
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_BAD_RESPONSE,
                   _("The server’s list of changes has no results."));
      return NULL;
    }
  n = json_array_get_length (rows);
  if (n > 0)
    {
      JsonNode *last = json_array_get_element (rows, n - 1);
      JsonObject *row = JSON_NODE_HOLDS_OBJECT (last) ? json_node_get_object (last) : NULL;
      if (row != NULL && json_object_has_member (row, "seq"))
        *last_seq = json_node_copy (json_object_get_member (row, "seq"));
      else if (json_object_has_member (json_node_get_object (changes), "last_seq"))
        *last_seq = json_node_copy (json_object_get_member (json_node_get_object (changes), "last_seq"));
    }
  return rows;
}

/* Which of the listed revisions the store does not have (R6: on the diff
 * connection, so that it can run while the worker writes). */
static void
diff_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CgReplicator *self = source;
  PullBatch *batch = task_data;
  GError *error = NULL;

  g_mutex_lock (&self->diff_lock);
  if (self->diff_store == NULL)
    self->diff_store = cg_store_open (self->store_path, &error);
  if (self->diff_store != NULL)
    batch->missing = cg_replicator_changes_missing (self->diff_store, batch->changes);
  g_mutex_unlock (&self->diff_lock);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

GPtrArray *
cg_replicator_changes_missing (CgStore  *store,
                               JsonNode *reply)
{
  JsonArray *rows = changes_results (reply);
  GPtrArray *missing = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_missing_doc_free);

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      JsonObject *row = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = cg_json_get_string (row, "id");
      JsonArray *changes = cg_json_get_array (row, "changes");
      g_autoptr(GStrvBuilder) revs = g_strv_builder_new ();
      gboolean any = FALSE;

      if (id == NULL || changes == NULL || g_str_has_prefix (id, "_design/"))
        continue;
      for (guint j = 0; j < json_array_get_length (changes); j++)
        {
          JsonNode *c = json_array_get_element (changes, j);
          const char *rev = JSON_NODE_HOLDS_OBJECT (c) ? cg_json_get_string (json_node_get_object (c), "rev") : NULL;
          if (rev != NULL && !cg_store_has_revision (store, id, rev))
            {
              g_strv_builder_add (revs, rev);
              any = TRUE;
            }
        }
      if (any)
        {
          CgMissingDoc *m = g_new0 (CgMissingDoc, 1);
          m->id = g_strdup (id);
          m->revs = g_strv_builder_end (revs);
          g_ptr_array_add (missing, m);
        }
    }
  return missing;
}

/* Applies the fetched documents in one transaction (SYNC.md step 6). */
static gpointer
worker_pull_apply (CgReplicator  *self,
                   gpointer       data,
                   GError       **error)
{
  PullBatch *batch = data;
  g_autoptr(BatchOutcome) outcome = batch_outcome_new ();

  if (!cg_store_begin (self->worker_store, error))
    return NULL;
  for (guint i = 0; i < batch->docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (batch->docs, i);
      g_autoptr(GError) doc_error = NULL;

      if (cg_store_put_replicated (self->worker_store, doc, &doc_error))
        outcome->written++;
      else if (doc_error == NULL)
        continue;   /* already had it */
      else if (doc_error->domain == CG_STORE_ERROR &&
               (doc_error->code == CG_STORE_ERROR_IO || doc_error->code == CG_STORE_ERROR_BUSY))
        {
          /* The disk, not the document: the whole batch waits for a retry. */
          cg_store_rollback (self->worker_store);
          g_propagate_error (error, g_steal_pointer (&doc_error));
          return NULL;
        }
      else
        batch_outcome_refuse (outcome, cg_json_get_string (doc, "_id"), g_strdup (doc_error->message));
    }
  if (!cg_store_commit (self->worker_store, error))
    return NULL;
  return g_steal_pointer (&outcome);
}

/* Counts a worker's batch outcome into this run; FALSE if the run ended. */
static gboolean
take_outcome (CgReplicator *self,
              GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BatchOutcome) outcome = worker_finish (self, result, &error);

  if (outcome == NULL)
    {
      if (!run_cancelled (self))
        finish_run (self, g_steal_pointer (&error));
      return FALSE;
    }
  for (guint i = 0; i < outcome->refused_ids->len; i++)
    note_rejection (self, g_ptr_array_index (outcome->refused_ids, i),
                    g_ptr_array_index (outcome->refused_reasons, i));
  self->docs_written += outcome->written;
  return !run_cancelled (self);
}

static void
on_pull_applied (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  CgReplicator *self = CG_REPLICATOR (source);
  PullBatch *batch = ((WorkerJob *) g_task_get_task_data (G_TASK (result)))->data;
  g_autoptr(JsonNode) seq = batch->last_seq ? json_node_copy (batch->last_seq) : NULL;

  if (!take_outcome (self, result))
    return;
  g_signal_emit (self, signals[SIGNAL_DOCUMENTS_CHANGED], 0);
  batch_done (self, seq);
}

static void pull_request_changes (CgReplicator *self, JsonNode *since, gboolean ahead);

/* Writes @batch, and fetches the next one meanwhile when this one was full. */
static void
pull_apply (CgReplicator *self,
            PullBatch    *batch)
{
  g_autoptr(JsonNode) seq = batch->last_seq ? json_node_copy (batch->last_seq) : NULL;

  /* Filtered replication: documents of other types are read, not written. */
  if (self->types != NULL)
    for (guint i = batch->docs->len; i-- > 0;)
      if (!type_wanted (self, cg_json_get_string (g_ptr_array_index (batch->docs, i), "type")) &&
          !cg_json_get_bool (g_ptr_array_index (batch->docs, i), "_deleted", FALSE))
        g_ptr_array_remove_index (batch->docs, i);

  self->pull_applying = TRUE;
  self->caught_up = batch->short_page;
  self->docs_read += batch->docs->len;
  run_in_worker (self, worker_pull_apply, batch, (GDestroyNotify) pull_batch_free, on_pull_applied, NULL);
  if (!self->caught_up && seq != NULL && !self->ahead_in_flight && self->ahead_ready == NULL)
    {
      self->ahead_in_flight = TRUE;
      pull_request_changes (self, seq, TRUE);
    }
}

/* @batch's documents are here: written now, or after the batch before it. */
static void
pull_batch_fetched (PullBatch *batch)
{
  CgReplicator *self = batch->self;

  if (batch->ahead)
    {
      self->ahead_in_flight = FALSE;
      if (self->pull_applying)
        {
          self->ahead_ready = batch;
          return;
        }
    }
  pull_apply (self, batch);
}

/* One result of _bulk_get or open_revs: {"ok": doc}, {"error": …},
 * {"missing": rev} or {} (the test peer's "missing"). */
void
cg_replicator_take_revision_result (JsonNode              *node,
                                    GPtrArray             *docs,
                                    CgRevisionRejectFunc   reject,
                                    gpointer               user_data)
{
  JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *doc = cg_json_get_object (item, "ok");
  JsonObject *err = cg_json_get_object (item, "error");

  if (doc != NULL)
    g_ptr_array_add (docs, json_object_ref (doc));
  else if (err != NULL)
    reject (cg_json_get_string (err, "id"), cg_json_get_string (err, "reason"), user_data);
  /* missing: deleted or compacted since _changes; the next run catches up */
}

static void
reject_revision (const char *id,
                 const char *reason,
                 gpointer    user_data)
{
  note_rejection (user_data, id, reason);
}

gboolean
cg_replicator_read_bulk_get (JsonNode              *reply,
                             GPtrArray             *docs,
                             CgRevisionRejectFunc   reject,
                             gpointer               user_data,
                             GError               **error)
{
  JsonArray *results = JSON_NODE_HOLDS_OBJECT (reply) ? cg_json_get_array (json_node_get_object (reply), "results") : NULL;

  if (results == NULL)
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_BAD_RESPONSE,
                   _("The server’s _bulk_get answer has no results."));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      JsonArray *items = JSON_NODE_HOLDS_OBJECT (node) ? cg_json_get_array (json_node_get_object (node), "docs") : NULL;
      for (guint j = 0; items != NULL && j < json_array_get_length (items); j++)
        cg_replicator_take_revision_result (json_array_get_element (items, j), docs, reject, user_data);
    }
  return TRUE;
}

static void fetch_open_revs (CgReplicator *self, PullBatch *batch);

static void
on_open_revs (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  PullBatch *batch = data;
  CgReplicator *self = batch->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = cg_remote_request_finish (CG_REMOTE (source), result, NULL, &error);

  batch->open_revs_pending--;
  if (batch->serial != self->run_serial && batch->open_revs_error == NULL)
    batch->open_revs_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "stale");
  if (reply == NULL)
    {
      if (batch->open_revs_error == NULL)
        batch->open_revs_error = g_steal_pointer (&error);
    }
  else if (JSON_NODE_HOLDS_ARRAY (reply))
    {
      JsonArray *items = json_node_get_array (reply);
      for (guint i = 0; i < json_array_get_length (items); i++)
        cg_replicator_take_revision_result (json_array_get_element (items, i), batch->docs,
                                            reject_revision, self);
    }
  else if (batch->open_revs_error == NULL)
    batch->open_revs_error = g_error_new (CG_SYNC_ERROR, CG_SYNC_ERROR_BAD_RESPONSE,
                                          _("The server answered open_revs with something that is not a list."));
  g_clear_pointer (&reply, json_node_unref);   /* R7 */
  fetch_open_revs (self, batch);
}

/* GET {id}?revs=true&latest=true&open_revs=[…], several in flight. */
static void
fetch_open_revs (CgReplicator *self,
                 PullBatch    *batch)
{
  if (batch->open_revs_error != NULL || batch->serial != self->run_serial || self->run == NULL ||
      g_cancellable_is_cancelled (run_cancellable (self)))
    {
      if (batch->open_revs_pending > 0)
        return;   /* let the others land before ending */
      if (!pull_batch_dropped (batch))
        pull_batch_fail (batch, g_steal_pointer (&batch->open_revs_error));
      return;
    }

  while (batch->open_revs_pending < OPEN_REVS_IN_FLIGHT && batch->next_open_revs < batch->missing->len)
    {
      CgMissingDoc *m = g_ptr_array_index (batch->missing, batch->next_open_revs++);
      g_autoptr(JsonNode) revs = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *revs_json = NULL;
      g_autofree char *revs_escaped = NULL;
      g_autofree char *path = cg_remote_escape_id (m->id);
      g_autofree char *query = NULL;
      JsonArray *array = json_array_new ();

      for (guint i = 0; m->revs[i] != NULL; i++)
        json_array_add_string_element (array, m->revs[i]);
      json_node_take_array (revs, array);
      revs_json = json_to_string (revs, FALSE);
      revs_escaped = g_uri_escape_string (revs_json, NULL, FALSE);
      query = g_strconcat ("revs=true&latest=true&open_revs=", revs_escaped, NULL);
      batch->open_revs_pending++;
      cg_remote_request_async (self->remote, "GET", path, query, NULL, TRUE, 0,
                               run_cancellable (self), on_open_revs, batch);
    }
  if (batch->open_revs_pending == 0 && batch->next_open_revs >= batch->missing->len)
    pull_batch_fetched (batch);
}

static void
on_bulk_get (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  PullBatch *batch = data;
  CgReplicator *self = batch->self;
  g_autoptr(GError) error = NULL;
  guint status = 0;
  g_autoptr(JsonNode) reply = cg_remote_request_finish (CG_REMOTE (source), result, &status, &error);

  if (pull_batch_dropped (batch))
    return;
  if (reply == NULL && !self->bulk_get_probed &&
      (status == 400 || status == 404 || status == 405 || status == 501))
    {
      /* No _bulk_get on this server: open_revs for the rest of the run. */
      self->bulk_get_probed = TRUE;
      self->bulk_get_works = FALSE;
      g_debug ("_bulk_get not supported (HTTP %u); using open_revs", status);
      fetch_open_revs (self, batch);
      return;
    }
  if (reply == NULL)
    {
      pull_batch_fail (batch, g_steal_pointer (&error));
      return;
    }
  self->bulk_get_probed = TRUE;
  self->bulk_get_works = TRUE;

  if (!cg_replicator_read_bulk_get (reply, batch->docs, reject_revision, self, &error))
    {
      pull_batch_fail (batch, g_steal_pointer (&error));
      return;
    }
  g_clear_pointer (&reply, json_node_unref);   /* R7: before the worker has the documents */
  pull_batch_fetched (batch);
}

static void
pull_fetch (CgReplicator *self,
            PullBatch    *batch)
{
  g_autoptr(JsonNode) body = NULL;
  JsonObject *object;
  JsonArray *docs;

  batch->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  /* An id that is not text (a server's lone surrogate arrives as U+FFFE,
   * see cg_json_neutralise_escapes()) cannot be asked for by name: refused
   * here, with a reason, instead of coming back "missing" without one. */
  for (guint i = batch->missing->len; i-- > 0;)
    {
      CgMissingDoc *m = g_ptr_array_index (batch->missing, i);
      if (strstr (m->id, "\xef\xbf\xbe") != NULL || strstr (m->id, "\xef\xbf\xbf") != NULL)
        {
          g_autofree char *shown = cg_json_shorten (m->id, 80);
          note_rejection (self, shown, _("the server’s id for it is not valid Unicode text"));
          g_ptr_array_remove_index (batch->missing, i);
        }
    }
  if (batch->missing->len == 0)
    {
      pull_batch_fetched (batch);
      return;
    }
  if (self->bulk_get_probed && !self->bulk_get_works)
    {
      fetch_open_revs (self, batch);
      return;
    }

  object = json_object_new ();
  docs = json_array_new ();
  for (guint i = 0; i < batch->missing->len; i++)
    {
      CgMissingDoc *m = g_ptr_array_index (batch->missing, i);
      for (guint j = 0; m->revs[j] != NULL; j++)
        {
          JsonObject *ref = json_object_new ();
          json_object_set_string_member (ref, "id", m->id);
          json_object_set_string_member (ref, "rev", m->revs[j]);
          json_array_add_object_element (docs, ref);
        }
    }
  json_object_set_array_member (object, "docs", docs);
  body = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (body, object);
  /* R4: every revision asked for came from this server's _changes. */
  cg_remote_request_async (self->remote, "POST", "_bulk_get", "revs=true&latest=true", body, TRUE, 0,
                           run_cancellable (self), on_bulk_get, batch);
}

static void
on_pull_diffed (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  PullBatch *batch = data;
  g_autoptr(GError) error = NULL;

  if (pull_batch_dropped (batch))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    pull_batch_fail (batch, g_steal_pointer (&error));
  else
    pull_fetch (batch->self, batch);
}

/* The since= query value: a JSON string as its text, anything else as JSON. */
char *
cg_replicator_since_param (JsonNode *since)
{
  g_autofree char *text = NULL;

  if (since == NULL)
    return g_strdup ("0");
  if (json_node_get_value_type (since) == G_TYPE_STRING)
    return g_uri_escape_string (json_node_get_string (since), NULL, FALSE);
  text = json_to_string (since, FALSE);
  return g_uri_escape_string (text, NULL, FALSE);
}

static void
on_changes (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  PullBatch *batch = data;
  CgReplicator *self = batch->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = cg_remote_request_finish (CG_REMOTE (source), result, NULL, &error);
  JsonArray *rows;
  guint n;

  if (pull_batch_dropped (batch))
    return;
  if (reply == NULL)
    {
      /* A quiet longpoll ends in our timeout: ask again. */
      if (batch->longpoll && g_error_matches (error, CG_SYNC_ERROR, CG_SYNC_ERROR_TIMEOUT))
        {
          pull_batch_free (batch);
          next_batch (self);
        }
      else
        pull_batch_fail (batch, g_steal_pointer (&error));
      return;
    }

  rows = cg_replicator_changes_rows (reply, &batch->last_seq, &error);
  if (rows == NULL)
    {
      pull_batch_fail (batch, g_steal_pointer (&error));
      return;
    }

  n = json_array_get_length (rows);
  if (n == 0 && batch->ahead)
    {
      /* The batch being written was the last: the feed is asked once more
       * after its checkpoint, and the run ends there as below. */
      self->ahead_in_flight = FALSE;
      pull_batch_free (batch);
      if (!self->pull_applying)
        next_batch (self);
      return;
    }
  if (n == 0)
    {
      /* Caught up. */
      pull_batch_free (batch);
      if (!self->live)
        finish_run (self, NULL);
      else
        {
          set_state (self, CG_REPLICATOR_WAITING);
          next_batch (self);
        }
      return;
    }

  set_state (self, CG_REPLICATOR_RUNNING);
  batch->changes = json_node_ref (reply);
  self->changes_read += n;
  /* A short page means this is the end of the feed for now. */
  batch->short_page = n < self->batch_size;
  {
    g_autoptr(GTask) task = g_task_new (self, NULL, on_pull_diffed, batch);
    g_task_set_task_data (task, batch, NULL);
    g_task_run_in_thread (task, diff_thread);
  }
}

/* GET _changes after @since, for the next batch to write or (@ahead) for
 * the one after the batch being written. */
static void
pull_request_changes (CgReplicator *self,
                      JsonNode     *since,
                      gboolean      ahead)
{
  g_autofree char *since_param = cg_replicator_since_param (since);
  g_autofree char *query = NULL;
  PullBatch *batch = g_new0 (PullBatch, 1);

  batch->self = g_object_ref (self);
  batch->serial = self->run_serial;
  batch->ahead = ahead;
  batch->longpoll = !ahead && self->live && self->state == CG_REPLICATOR_WAITING;
  if (batch->longpoll)
    query = g_strdup_printf ("style=all_docs&since=%s&limit=%u&feed=longpoll&heartbeat=%d&timeout=%d",
                             since_param, self->batch_size, LONGPOLL_HEARTBEAT_MS, (LONGPOLL_TIMEOUT_S - 10) * 1000);
  else
    query = g_strdup_printf ("style=all_docs&since=%s&limit=%u", since_param, self->batch_size);
  cg_remote_request_async (self->remote, "GET", "_changes", query, NULL, TRUE,
                           batch->longpoll ? LONGPOLL_TIMEOUT_S : 0,
                           run_cancellable (self), on_changes, batch);
}

/* The batch before (if any) is checkpointed: the next one's turn. */
static void
pull_next_batch (CgReplicator *self)
{
  self->pull_applying = FALSE;
  if (self->ahead_error != NULL)
    finish_run (self, g_steal_pointer (&self->ahead_error));
  else if (self->ahead_ready != NULL)
    pull_apply (self, g_steal_pointer (&self->ahead_ready));
  else if (!self->ahead_in_flight)
    pull_request_changes (self, self->since, FALSE);
  /* else the batch ahead is applied when it arrives */
}

/* ------------------------------------------------------------------ push */

typedef struct {
  CgReplicator *self;
  GPtrArray  *ids;        /* char*: documents changed after since */
  GPtrArray  *leaves;     /* GStrv per id: unacknowledged leaves */
  gint64      last_seq;
  guint       n_rows;     /* pending rows read, filtered or not */
  JsonNode   *diff;       /* _revs_diff answer */
  GPtrArray  *docs;       /* char*: documents to send, as JSON text */
  GPtrArray  *doc_ids;    /* char*: their ids… */
  GPtrArray  *doc_revs;   /* char*: …and revisions */
  guint       sent;       /* docs[0..sent) were answered */
  guint       chunk;      /* docs per _bulk_docs request: halved on 413 */
  guint       in_flight;  /* docs in the request being answered */
  JsonArray  *results;    /* the per-document answers gathered so far */
  JsonNode   *reply;      /* _bulk_docs answer: all of results */
} PushBatch;

static void
push_batch_free (PushBatch *batch)
{
  g_clear_pointer (&batch->ids, g_ptr_array_unref);
  g_clear_pointer (&batch->leaves, g_ptr_array_unref);
  g_clear_pointer (&batch->diff, json_node_unref);
  g_clear_pointer (&batch->docs, g_ptr_array_unref);
  g_clear_pointer (&batch->doc_ids, g_ptr_array_unref);
  g_clear_pointer (&batch->doc_revs, g_ptr_array_unref);
  g_clear_pointer (&batch->results, json_array_unref);
  g_clear_pointer (&batch->reply, json_node_unref);
  g_free (batch);
}

typedef struct {
  CgReplicator *self;
  PushBatch    *batch;
} PendingCollector;

/* Pending documents with their unacknowledged leaves; in a full resync,
 * every document with all its leaves (tombstones too): _revs_diff then
 * says what the target lacks. */
static gboolean
collect_pending (const char *id,
                 const char *rev,
                 gint64      seq,
                 gpointer    data)
{
  PendingCollector *c = data;
  GStrv leaves = c->self->full_resync ? cg_store_get_leaves (c->self->worker_store, id, TRUE)
                                      : cg_store_get_unsynced_leaves (c->self->worker_store, id);

  c->batch->last_seq = seq;
  c->batch->n_rows++;
  if (leaves == NULL || leaves[0] == NULL)
    {
      g_strfreev (leaves);
      return TRUE;
    }
  if (c->self->types != NULL)
    {
      g_autoptr(JsonObject) doc = cg_store_get_revision (c->self->worker_store, id, leaves[0], NULL);
      if (!type_wanted (c->self, cg_json_get_string (doc, "type")) &&
          !cg_json_get_bool (doc, "_deleted", FALSE))
        {
          g_strfreev (leaves);
          return TRUE;
        }
    }
  g_ptr_array_add (c->batch->ids, g_strdup (id));
  g_ptr_array_add (c->batch->leaves, leaves);
  return TRUE;
}

static gpointer
worker_push_collect (CgReplicator  *self,
                     gpointer       data,
                     GError       **error)
{
  PushBatch *batch = g_new0 (PushBatch, 1);
  PendingCollector collector = { self, batch };

  batch->self = self;
  gint64 since = self->since ? json_node_get_int (self->since) : 0;

  batch->ids = g_ptr_array_new_with_free_func (g_free);
  batch->leaves = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  batch->last_seq = since;
  if (self->full_resync)
    cg_store_foreach_change (self->worker_store, since, self->batch_size, collect_pending, &collector);
  else
    cg_store_foreach_pending (self->worker_store, since, self->batch_size, collect_pending, &collector);
  return batch;
}

/* Bodies and ancestry of what the target lacks. */
static gpointer
worker_push_load (CgReplicator  *self,
                  gpointer       data,
                  GError       **error)
{
  PushBatch *batch = data;
  JsonObject *diff = JSON_NODE_HOLDS_OBJECT (batch->diff) ? json_node_get_object (batch->diff) : NULL;

  batch->docs = g_ptr_array_new_with_free_func (g_free);
  batch->doc_ids = g_ptr_array_new_with_free_func (g_free);
  batch->doc_revs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < batch->ids->len; i++)
    {
      const char *id = g_ptr_array_index (batch->ids, i);
      JsonArray *missing = cg_json_get_array (cg_json_get_object (diff, id), "missing");

      for (guint j = 0; missing != NULL && j < json_array_get_length (missing); j++)
        {
          const char *rev = cg_json_array_get_string (missing, j);
          g_autoptr(GError) doc_error = NULL;
          char *doc;

          if (rev == NULL)
            continue;
          /* As text: the stored body is never parsed on its way out. */
          doc = cg_store_get_revision_json (self->worker_store, id, rev, &doc_error);
          if (doc == NULL)
            {
              g_debug ("Not pushing %s %s: %s", id, rev, doc_error->message);
              continue;
            }
          g_ptr_array_add (batch->docs, doc);
          g_ptr_array_add (batch->doc_ids, g_strdup (id));
          g_ptr_array_add (batch->doc_revs, g_strdup (rev));
        }
    }
  return batch;
}

static gboolean
is_unsynced (CgReplicator *self,
             const char   *id,
             const char   *rev)
{
  g_auto(GStrv) unsynced = cg_store_get_unsynced_leaves (self->worker_store, id);
  return unsynced != NULL && g_strv_contains ((const char * const *) unsynced, rev);
}

/* Marks what the target acknowledged; collects the refusals. */
static gpointer
worker_push_acknowledge (CgReplicator  *self,
                         gpointer       data,
                         GError       **error)
{
  PushBatch *batch = data;
  g_autoptr(GHashTable) refused = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *results = JSON_NODE_HOLDS_ARRAY (batch->reply) ? json_node_get_array (batch->reply) : NULL;
  JsonObject *diff = JSON_NODE_HOLDS_OBJECT (batch->diff) ? json_node_get_object (batch->diff) : NULL;
  g_autoptr(BatchOutcome) outcome = batch_outcome_new ();

  /* CouchDB lists only the failures for new_edits:false; the test peer
   * lists every document. Anything not listed as an error was written. */
  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      JsonObject *r = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = cg_json_get_string (r, "id");
      const char *reason = cg_json_get_string (r, "reason");

      if (id != NULL && cg_json_get_string (r, "error") != NULL)
        {
          g_hash_table_add (refused, (gpointer) id);
          batch_outcome_refuse (outcome, id, g_strdup_printf ("%s: %s", cg_json_get_string (r, "error"),
                                                              reason ? reason : ""));
        }
    }

  if (!cg_store_begin (self->worker_store, error))
    return NULL;
  for (guint i = 0; i < batch->doc_ids->len; i++)
    {
      const char *id = g_ptr_array_index (batch->doc_ids, i);
      g_autoptr(GError) mark_error = NULL;

      if (g_hash_table_contains (refused, id))
        continue;
      /* A full resync re-sends revisions acknowledged long ago: marking
       * them again could move the document's synced base (the three-way
       * merge's ancestor) to another branch. */
      if (self->full_resync && !is_unsynced (self, id, g_ptr_array_index (batch->doc_revs, i)))
        {
          outcome->written++;
          continue;
        }
      if (cg_store_mark_synced (self->worker_store, id, g_ptr_array_index (batch->doc_revs, i), &mark_error))
        outcome->written++;
      else
        g_debug ("Could not mark %s synced: %s", id, mark_error->message);
    }
  /* Leaves the target already had (not missing) are acknowledged too. */
  for (guint i = 0; i < batch->ids->len; i++)
    {
      const char *id = g_ptr_array_index (batch->ids, i);
      GStrv leaves = g_ptr_array_index (batch->leaves, i);
      JsonArray *missing = cg_json_get_array (cg_json_get_object (diff, id), "missing");

      for (guint j = 0; leaves[j] != NULL; j++)
        {
          gboolean lacking = FALSE;
          for (guint k = 0; missing != NULL && k < json_array_get_length (missing); k++)
            lacking |= g_strcmp0 (cg_json_array_get_string (missing, k), leaves[j]) == 0;
          if (!lacking && (!self->full_resync || is_unsynced (self, id, leaves[j])))
            cg_store_mark_synced (self->worker_store, id, leaves[j], NULL);
        }
    }
  if (!cg_store_commit (self->worker_store, error))
    return NULL;
  return g_steal_pointer (&outcome);
}

static void
on_push_acknowledged (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  CgReplicator *self = CG_REPLICATOR (source);
  PushBatch *batch = ((WorkerJob *) g_task_get_task_data (G_TASK (result)))->data;
  g_autoptr(JsonNode) seq = json_node_init_int (json_node_alloc (), batch->last_seq);

  if (!take_outcome (self, result))
    return;
  batch_done (self, seq);
}

static void push_send_docs (CgReplicator *self, PushBatch *batch);

/* The whole batch went out: what the target said goes to the worker. */
static void
push_acknowledge (CgReplicator *self,
                  PushBatch    *batch)
{
  batch->reply = json_node_init_array (json_node_alloc (), batch->results);
  run_in_worker (self, worker_push_acknowledge, batch, (GDestroyNotify) push_batch_free, on_push_acknowledged, NULL);
}

/* A 413 for one document alone: the server will never take it as it is.
 * It is refused like a validation failure (counted, reported, left
 * unacknowledged) and the rest of the batch goes on, as CouchDB's own
 * replicator does. */
static void
refuse_too_large (PushBatch *batch)
{
  JsonObject *result = json_object_new ();
  g_autofree char *size = g_format_size (strlen (g_ptr_array_index (batch->docs, batch->sent)));

  json_object_set_string_member (result, "id", g_ptr_array_index (batch->doc_ids, batch->sent));
  json_object_set_string_member (result, "error", "too_large");
  {
    /* TRANSLATORS: %s is a size such as "1.2 MB" */
    g_autofree char *reason = g_strdup_printf (_("the server refuses this document as too large (%s)"), size);
    json_object_set_string_member (result, "reason", reason);
  }
  json_array_add_object_element (batch->results, result);
}

static void
on_bulk_docs (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  PushBatch *batch = data;
  CgReplicator *self = batch->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = cg_remote_request_finish (CG_REMOTE (source), result, NULL, &error);

  if (run_cancelled (self))
    {
      push_batch_free (batch);
      return;
    }
  if (reply == NULL && g_error_matches (error, CG_SYNC_ERROR, CG_SYNC_ERROR_TOO_LARGE))
    {
      if (batch->in_flight > 1)
        {
          /* The server's request size limit: the same documents in
           * smaller requests. */
          batch->chunk = (batch->in_flight + 1) / 2;
          g_debug ("_bulk_docs of %u documents too large: %u at a time", batch->in_flight, batch->chunk);
          push_send_docs (self, batch);
          return;
        }
      refuse_too_large (batch);
      g_clear_pointer (&batch->docs->pdata[batch->sent], g_free);
      batch->sent++;
    }
  else if (reply == NULL)
    {
      push_batch_free (batch);
      finish_run (self, g_steal_pointer (&error));
      return;
    }
  else
    {
      JsonArray *rows = JSON_NODE_HOLDS_ARRAY (reply) ? json_node_get_array (reply) : NULL;

      for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
        json_array_add_element (batch->results, json_node_copy (json_array_get_element (rows, i)));
      /* What the target has, we no longer hold twice. */
      for (guint i = 0; i < batch->in_flight; i++)
        g_clear_pointer (&batch->docs->pdata[batch->sent + i], g_free);
      batch->sent += batch->in_flight;
    }

  if (batch->sent < batch->docs->len)
    push_send_docs (self, batch);
  else
    push_acknowledge (self, batch);
}

/* POSTs the next documents of the batch, batch->chunk of them at most. */
static void
push_send_docs (CgReplicator *self,
                PushBatch    *batch)
{
  g_autoptr(GBytes) body = NULL;
  GString *text;
  gsize size = 64;

  batch->in_flight = MIN (batch->chunk, batch->docs->len - batch->sent);
  for (guint i = 0; i < batch->in_flight; i++)
    size += strlen (g_ptr_array_index (batch->docs, batch->sent + i)) + 1;
  text = g_string_sized_new (size);
  g_string_append (text, "{\"docs\":[");
  for (guint i = 0; i < batch->in_flight; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append (text, g_ptr_array_index (batch->docs, batch->sent + i));
    }
  g_string_append (text, "],\"new_edits\":false}");
  body = g_string_free_to_bytes (text);
  /* new_edits:false with the same revision ids is idempotent (R3), so a
   * retry on a closed keep-alive connection is safe. */
  cg_remote_request_bytes_async (self->remote, "POST", "_bulk_docs", NULL, body, TRUE, 0,
                                 run_cancellable (self), on_bulk_docs, batch);
}

static void
on_push_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  CgReplicator *self = CG_REPLICATOR (source);
  g_autoptr(GError) error = NULL;
  PushBatch *batch = worker_finish (self, result, &error);

  if (batch == NULL)
    {
      if (!run_cancelled (self))
        finish_run (self, g_steal_pointer (&error));
      return;
    }
  if (run_cancelled (self))
    {
      push_batch_free (batch);
      return;
    }
  self->docs_read += batch->docs->len;
  batch->results = json_array_new ();
  batch->chunk = batch->docs->len;
  if (batch->docs->len == 0)
    push_acknowledge (self, batch);
  else
    push_send_docs (self, batch);
}

static void
on_revs_diff (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  PushBatch *batch = data;
  CgReplicator *self = batch->self;
  g_autoptr(GError) error = NULL;
  JsonNode *reply = cg_remote_request_finish (CG_REMOTE (source), result, NULL, &error);

  if (reply == NULL || !JSON_NODE_HOLDS_OBJECT (reply))
    {
      push_batch_free (batch);
      if (run_cancelled (self))
        {
          g_clear_pointer (&reply, json_node_unref);
          return;
        }
      if (reply != NULL)
        {
          json_node_unref (reply);
          error = g_error_new (CG_SYNC_ERROR, CG_SYNC_ERROR_BAD_RESPONSE,
                               _("The server’s _revs_diff answer is not an object."));
        }
      finish_run (self, g_steal_pointer (&error));
      return;
    }
  batch->diff = reply;
  run_in_worker (self, worker_push_load, batch, NULL, on_push_loaded, NULL);
}

static void
on_push_collected (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  CgReplicator *self = CG_REPLICATOR (source);
  g_autoptr(GError) error = NULL;
  PushBatch *batch = worker_finish (self, result, &error);
  gint64 since = self->since ? json_node_get_int (self->since) : 0;
  g_autoptr(JsonNode) body = NULL;
  JsonObject *object;

  if (batch == NULL)
    {
      if (!run_cancelled (self))
        finish_run (self, g_steal_pointer (&error));
      return;
    }
  if (run_cancelled (self))
    {
      push_batch_free (batch);
      return;
    }

  if (batch->last_seq == since)
    {
      /* Caught up. */
      push_batch_free (batch);
      if (self->full_resync)
        {
          /* The resync is over: a checkpoint without the mark, then on as
           * usual (checkpoint_next ends a one-shot run). */
          self->full_resync = FALSE;
          self->caught_up = TRUE;
          write_checkpoint (self);
          return;
        }
      if (!self->live)
        finish_run (self, NULL);
      else if (self->poked)
        next_batch (self);
      else
        {
          set_state (self, CG_REPLICATOR_WAITING);
          self->waiting_for_poke = TRUE;
        }
      return;
    }

  set_state (self, CG_REPLICATOR_RUNNING);
  self->changes_read += batch->n_rows;
  self->caught_up = batch->n_rows < self->batch_size;
  if (batch->ids->len == 0)
    {
      /* Only acknowledged or filtered documents in this stretch: move on. */
      g_autoptr(JsonNode) seq = json_node_init_int (json_node_alloc (), batch->last_seq);
      push_batch_free (batch);
      batch_done (self, seq);
      return;
    }

  object = json_object_new ();
  for (guint i = 0; i < batch->ids->len; i++)
    {
      JsonArray *revs = json_array_new ();
      GStrv leaves = g_ptr_array_index (batch->leaves, i);
      for (guint j = 0; leaves[j] != NULL; j++)
        json_array_add_string_element (revs, leaves[j]);
      json_object_set_array_member (object, g_ptr_array_index (batch->ids, i), revs);
    }
  body = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (body, object);
  cg_remote_request_async (self->remote, "POST", "_revs_diff", NULL, body, TRUE, 0,
                           run_cancellable (self), on_revs_diff, batch);
}

static void
push_next_batch (CgReplicator *self)
{
  self->poked = FALSE;
  run_in_worker (self, worker_push_collect, NULL, NULL, on_push_collected, NULL);
}

void
cg_replicator_poke (CgReplicator *self)
{
  g_return_if_fail (CG_IS_REPLICATOR (self));

  self->poked = TRUE;
  if (self->waiting_for_poke && self->run != NULL)
    {
      self->waiting_for_poke = FALSE;
      next_batch (self);
    }
}

/* ------------------------------------------------------------------ run */

static void
next_batch (CgReplicator *self)
{
  if (run_cancelled (self))
    return;
  if (self->direction == CG_REPLICATION_PULL)
    pull_next_batch (self);
  else
    push_next_batch (self);
}

static void
on_local_checkpoint_read (GObject      *source,
                          GAsyncResult *result,
                          gpointer      data)
{
  CgReplicator *self = CG_REPLICATOR (source);
  g_autoptr(GError) error = NULL;
  JsonObject *local = worker_finish (self, result, &error);

  if (error != NULL)
    {
      if (!run_cancelled (self))
        finish_run (self, g_steal_pointer (&error));
      return;
    }
  g_clear_pointer (&self->local_checkpoint, json_object_unref);
  self->local_checkpoint = local;

  g_clear_pointer (&self->since, json_node_unref);
  self->since = resume_since (self->local_checkpoint, self->remote_checkpoint);
  /* Push: a checkpoint of ours that the target shares no history with means
   * the target is not the database we pushed to (it came back empty from a
   * restart, was restored or replaced): what we took as acknowledged may
   * not be there. Starting from 0 over the pending documents alone would
   * skip all of it, so every document goes through _revs_diff again, and
   * the checkpoints say so until it caught up (a resync cut short goes on
   * as one). */
  self->full_resync = self->direction == CG_REPLICATION_PUSH && self->local_checkpoint != NULL &&
                      (self->since == NULL || cg_json_get_bool (self->local_checkpoint, "full_resync", FALSE));
  if (self->full_resync)
    g_message ("Push %s: the server shares no checkpoint history with this device; sending every document it lacks",
               cg_remote_get_url (self->remote));
  if (self->since == NULL)
    self->since = json_node_init_int (json_node_alloc (), 0);
  self->start_seq = json_node_copy (self->since);
  {
    g_autofree char *text = json_to_string (self->since, FALSE);
    g_debug ("%s %s resumes from %s", self->direction == CG_REPLICATION_PULL ? "Pull" : "Push",
             self->rep_id, text);
  }

  if (run_cancelled (self))
    return;
  set_state (self, CG_REPLICATOR_RUNNING);
  next_batch (self);
}

static void
on_remote_checkpoint_read (GObject      *source,
                           GAsyncResult *result,
                           gpointer      data)
{
  CgReplicator *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = cg_remote_request_finish (CG_REMOTE (source), result, NULL, &error);

  if (run_cancelled (self))
    {
      g_object_unref (self);
      return;
    }
  g_clear_pointer (&self->remote_checkpoint, json_object_unref);
  if (reply != NULL && JSON_NODE_HOLDS_OBJECT (reply))
    self->remote_checkpoint = json_object_ref (json_node_get_object (reply));
  else if (!g_error_matches (error, CG_SYNC_ERROR, CG_SYNC_ERROR_NOT_FOUND))
    {
      finish_run (self, g_steal_pointer (&error));
      g_object_unref (self);
      return;
    }
  run_in_worker (self, worker_read_local_checkpoint, NULL, NULL, on_local_checkpoint_read, NULL);
  g_object_unref (self);
}

static void
on_peer_checked (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  CgReplicator *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = cg_remote_request_finish (CG_REMOTE (source), result, NULL, &error);
  g_autofree char *path = NULL;

  if (run_cancelled (self))
    {
      g_object_unref (self);
      return;
    }
  if (reply == NULL)
    {
      finish_run (self, g_steal_pointer (&error));
      g_object_unref (self);
      return;
    }
  if (self->direction == CG_REPLICATION_PULL && JSON_NODE_HOLDS_OBJECT (reply))
    {
      gint64 docs = 0, deleted = 0;
      cg_json_get_int (json_node_get_object (reply), "doc_count", &docs);
      cg_json_get_int (json_node_get_object (reply), "doc_del_count", &deleted);
      self->total = (guint64) (docs + deleted);
    }

  path = g_strconcat ("_local/", self->rep_id, NULL);
  cg_remote_request_async (self->remote, "GET", path, NULL, NULL, TRUE, 0,
                           run_cancellable (self), on_remote_checkpoint_read, self);
}

static gboolean
wake_after_cancel (gpointer data)
{
  CgReplicator *self = data;

  if (self->waiting_for_poke && self->run != NULL)
    {
      self->waiting_for_poke = FALSE;
      next_batch (self);   /* notices the cancellation and ends the run */
    }
  return G_SOURCE_REMOVE;
}

/* May run in any thread: only schedule the wake-up. */
static void
on_run_cancelled (GCancellable *cancellable,
                  gpointer      data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, wake_after_cancel, g_object_ref (data), g_object_unref);
}

static void
disconnect_cancellable (CgReplicator *self)
{
  if (self->cancellable != NULL)
    {
      g_cancellable_disconnect (self->cancellable, self->cancelled_id);
      self->cancelled_id = 0;
      g_clear_object (&self->cancellable);
    }
}

void
cg_replicator_run_async (CgReplicator        *self,
                         gboolean             live,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (CG_IS_REPLICATOR (self));
  g_return_if_fail (self->run == NULL);

  self->run = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->run, cg_replicator_run_async);
  g_task_set_check_cancellable (self->run, TRUE);
  self->live = live;
  self->poked = FALSE;
  self->waiting_for_poke = FALSE;
  self->docs_read = self->docs_written = self->docs_failed = self->total = 0;
  self->changes_read = 0;
  g_clear_pointer (&self->start_seq, json_node_unref);
  g_clear_pointer (&self->last_rejection, g_free);
  g_free (self->session_id);
  self->session_id = g_uuid_string_random ();
  g_free (self->start_time);
  self->start_time = cg_json_timestamp_now ();
  self->bulk_get_probed = FALSE;
  self->caught_up = FALSE;
  self->run_serial++;
  self->pull_applying = FALSE;
  self->ahead_in_flight = FALSE;
  drop_batch_ahead (self);

  /* A push waiting for local changes must wake up to end when cancelled. */
  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_run_cancelled),
                                                  g_object_ref (self), g_object_unref);
    }

  set_state (self, CG_REPLICATOR_CONNECTING);
  cg_remote_request_async (self->remote, "GET", "", NULL, NULL, TRUE, 0,
                           cancellable, on_peer_checked, g_object_ref (self));
}

gboolean
cg_replicator_run_finish (CgReplicator  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
