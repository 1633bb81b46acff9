/* cg-sync-manager.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When to sync, and what to tell the person at the counter about it.
 *
 * A cycle runs the pull and the push replicator side by side (live: they
 * keep running; one-shot: both catch up and stop). The first error of a
 * cycle cancels the other replicator and schedules the next cycle after a
 * backoff: 1 s, 2 s, 4 s … up to 5 min, with jitter. A 401 stops syncing
 * until the device is provisioned again — hammering the server with a
 * refused password helps nobody. The network coming back, "Sync now" and a
 * local write each cut the wait short.
 *
 * States (cg-sync-manager.h) are derived, never stored on their own:
 * update_state() reads the replicators and the error of the last cycle.
 */
#define G_LOG_DOMAIN "cg-sync"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "cg-replicator.h"
#include "cg-store.h"
#include "cg-sync-manager.h"

#define DEBOUNCE_MS        1000
#define DEFAULT_INTERVAL_S 60

struct _CgSyncManager
{
  GObject        parent_instance;

  CgStore       *store;
  CgRemote      *remote;
  CgReplicator  *pull;
  CgReplicator  *push;
  GNetworkMonitor *monitor;
  GRand         *rand;

  gboolean       started;
  gboolean       live;
  guint          interval_s;
  guint          backoff_initial_ms;
  guint          backoff_max_ms;

  /* The cycle in progress. */
  GCancellable  *cancellable;
  guint          running;          /* replicators still running */
  GError        *cycle_error;      /* the first real error of this cycle */
  guint          attempt;          /* consecutive failed cycles */
  guint          retry_id;         /* backoff or interval timer */
  guint          debounce_id;
  guint          watch_id;         /* looks for other processes' writes */
  gint64         data_version;
  gboolean       forwarding;       /* re-emitting the worker's changes */
  guint64        push_base;        /* pending when the push started */

  /* What is shown. */
  CgSyncState    state;
  guint64        done;
  guint64        total;
  guint          pending;
  guint          conflicts;
  gint64         last_pull;
  gint64         last_push;
  gint64         up_to_date_since;
  int            error_kind;
  char          *error_message;
  gint64         next_retry;
  guint          rejected;
  char          *last_rejection;
  /* Each direction's count when its reason was last taken. */
  guint          pull_rejected;
  guint          push_rejected;
};

enum {
  PROP_0,
  PROP_STATE, PROP_DONE, PROP_TOTAL, PROP_PENDING, PROP_CONFLICTS,
  PROP_LAST_PULL, PROP_LAST_PUSH, PROP_UP_TO_DATE_SINCE,
  PROP_ERROR_KIND, PROP_ERROR_MESSAGE, PROP_NEXT_RETRY,
  PROP_REJECTED, PROP_LAST_REJECTION,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (CgSyncManager, cg_sync_manager, G_TYPE_OBJECT)

static void begin_cycle (CgSyncManager *self);

guint
cg_sync_backoff_delay_ms (guint  attempt,
                          guint  initial_ms,
                          guint  max_ms,
                          GRand *rand)
{
  guint64 delay = initial_ms;

  for (guint i = 0; i < attempt && delay < max_ms; i++)
    delay *= 2;
  delay = MIN (delay, (guint64) max_ms);
  /* Equal jitter: at least half the delay, so retries still back off. */
  return (guint) (delay / 2 + (rand ? (guint64) g_rand_int_range (rand, 0, (gint32) (delay / 2) + 1) : delay / 2));
}

/* ------------------------------------------------------------ properties */

#define SET_FIELD(field, value, prop) \
  G_STMT_START { \
    if (self->field != (value)) \
      { \
        self->field = (value); \
        g_object_notify_by_pspec (G_OBJECT (self), props[prop]); \
      } \
  } G_STMT_END

static void
set_error_message (CgSyncManager *self,
                   const char    *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ERROR_MESSAGE]);
}

static void
refresh_counts (CgSyncManager *self)
{
  SET_FIELD (pending, cg_store_count_pending (self->store), PROP_PENDING);
  SET_FIELD (conflicts, cg_store_count_conflicts (self->store), PROP_CONFLICTS);
}

static gboolean
is_offline_error (const GError *error)
{
  return g_error_matches (error, CG_SYNC_ERROR, CG_SYNC_ERROR_NETWORK) ||
         g_error_matches (error, CG_SYNC_ERROR, CG_SYNC_ERROR_TIMEOUT);
}

/* Derives the shown state from the replicators and the last error. */
static void
update_state (CgSyncManager *self)
{
  CgReplicatorState pull = cg_replicator_get_state (self->pull);
  CgReplicatorState push = cg_replicator_get_state (self->push);
  CgSyncState state;
  guint64 done = 0, total = 0;

  if (!self->started)
    state = CG_SYNC_STATE_DISABLED;
  else if (self->cycle_error != NULL && self->running == 0)
    {
      if (g_error_matches (self->cycle_error, CG_SYNC_ERROR, CG_SYNC_ERROR_UNAUTHORIZED))
        state = CG_SYNC_STATE_NEEDS_SETUP;
      else if (is_offline_error (self->cycle_error))
        state = CG_SYNC_STATE_OFFLINE;
      else
        state = CG_SYNC_STATE_ERROR;
    }
  else if (self->running == 0 && self->retry_id != 0 && self->attempt > 0)
    state = CG_SYNC_STATE_OFFLINE;
  else if (pull == CG_REPLICATOR_CONNECTING || push == CG_REPLICATOR_CONNECTING)
    state = CG_SYNC_STATE_CONNECTING;
  else if (pull == CG_REPLICATOR_RUNNING)
    {
      state = CG_SYNC_STATE_PULLING;
      done = cg_replicator_get_docs_written (self->pull);
      total = MAX (cg_replicator_get_total (self->pull), done);
    }
  else if (push == CG_REPLICATOR_RUNNING)
    {
      state = CG_SYNC_STATE_PUSHING;
      done = cg_replicator_get_docs_written (self->push);
      total = MAX (self->push_base, done);
    }
  else
    state = CG_SYNC_STATE_UP_TO_DATE;

  g_object_freeze_notify (G_OBJECT (self));
  if (state == CG_SYNC_STATE_UP_TO_DATE && self->state != CG_SYNC_STATE_UP_TO_DATE)
    SET_FIELD (up_to_date_since, g_get_real_time () / G_USEC_PER_SEC, PROP_UP_TO_DATE_SINCE);
  if (state == CG_SYNC_STATE_PUSHING && self->state != CG_SYNC_STATE_PUSHING)
    {
      self->push_base = cg_store_count_pending (self->store) + cg_replicator_get_docs_written (self->push);
      total = MAX (self->push_base, done);
    }
  SET_FIELD (state, state, PROP_STATE);
  SET_FIELD (done, done, PROP_DONE);
  SET_FIELD (total, total, PROP_TOTAL);
  g_object_thaw_notify (G_OBJECT (self));
}

/* ------------------------------------------------------------ scheduling */

static gboolean
on_retry_timer (gpointer data)
{
  CgSyncManager *self = data;

  self->retry_id = 0;
  SET_FIELD (next_retry, 0, PROP_NEXT_RETRY);
  begin_cycle (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_cycle (CgSyncManager *self,
                guint          delay_ms)
{
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_id = g_timeout_add (delay_ms, on_retry_timer, self);
  SET_FIELD (next_retry, g_get_real_time () / G_USEC_PER_SEC + (delay_ms + 999) / 1000, PROP_NEXT_RETRY);
}

static void
cycle_finished (CgSyncManager *self)
{
  g_clear_object (&self->cancellable);

  if (self->cycle_error == NULL)
    {
      self->attempt = 0;
      SET_FIELD (error_kind, -1, PROP_ERROR_KIND);
      set_error_message (self, NULL);
      /* One-shot cycles come back on the interval. */
      if (self->started)
        schedule_cycle (self, self->interval_s * 1000);
      update_state (self);
      return;
    }

  SET_FIELD (error_kind, self->cycle_error->domain == CG_SYNC_ERROR ? self->cycle_error->code : -1, PROP_ERROR_KIND);
  set_error_message (self, self->cycle_error->message);
  g_message ("Sync stopped: %s", self->cycle_error->message);

  if (g_error_matches (self->cycle_error, CG_SYNC_ERROR, CG_SYNC_ERROR_UNAUTHORIZED))
    {
      /* Wait for a new provisioning; "Sync now" may still try once. */
      update_state (self);
      return;
    }
  if (self->started)
    schedule_cycle (self, cg_sync_backoff_delay_ms (self->attempt++, self->backoff_initial_ms,
                                                    self->backoff_max_ms, self->rand));
  update_state (self);
}

static void
on_replicator_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(CgSyncManager) self = data;
  CgReplicator *rep = CG_REPLICATOR (source);
  g_autoptr(GError) error = NULL;
  gboolean ok = cg_replicator_run_finish (rep, result, &error);

  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->cycle_error == NULL)
        self->cycle_error = g_steal_pointer (&error);
      /* One direction failed: stop the other, retry both together. */
      if (self->cancellable)
        g_cancellable_cancel (self->cancellable);
    }
  /* "Last pull" and "last push" are the last time that direction caught
   * up; a failed or cancelled run has not. */
  if (ok && rep == self->pull)
    SET_FIELD (last_pull, g_get_real_time () / G_USEC_PER_SEC, PROP_LAST_PULL);
  else if (ok)
    SET_FIELD (last_push, g_get_real_time () / G_USEC_PER_SEC, PROP_LAST_PUSH);

  g_assert (self->running > 0);
  if (--self->running == 0)
    cycle_finished (self);
  else
    update_state (self);
}

static void
begin_cycle (CgSyncManager *self)
{
  if (!self->started || self->running > 0)
    return;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_error (&self->cycle_error);
  self->cancellable = g_cancellable_new ();
  self->running = 2;
  cg_replicator_run_async (self->pull, self->live, self->cancellable, on_replicator_done, g_object_ref (self));
  cg_replicator_run_async (self->push, self->live, self->cancellable, on_replicator_done, g_object_ref (self));
  update_state (self);
}

static void
on_progress (CgReplicator  *rep,
             CgSyncManager *self)
{
  CgReplicatorState state = cg_replicator_get_state (rep);
  guint rejected = cg_replicator_get_docs_failed (self->pull) + cg_replicator_get_docs_failed (self->push);

  /* A replicator that caught up has synced: that is the time shown. */
  if (state == CG_REPLICATOR_WAITING || state == CG_REPLICATOR_RUNNING)
    {
      if (rep == self->pull)
        SET_FIELD (last_pull, g_get_real_time () / G_USEC_PER_SEC, PROP_LAST_PULL);
      else
        SET_FIELD (last_push, g_get_real_time () / G_USEC_PER_SEC, PROP_LAST_PUSH);
    }
  /* The count is both directions', but the reason is taken from the one
   * whose own count moved: when the push refuses a document and the pull
   * reports progress first, the pull has no reason to give, and the
   * push's report must still bring its reason (not be skipped because the
   * total is already up to date). */
  {
    guint *seen = rep == self->pull ? &self->pull_rejected : &self->push_rejected;
    guint failed = cg_replicator_get_docs_failed (rep);

    if (failed != *seen)
      {
        const char *last = cg_replicator_get_last_rejection (rep);

        *seen = failed;
        if (last != NULL && g_strcmp0 (last, self->last_rejection) != 0)
          {
            g_free (self->last_rejection);
            self->last_rejection = g_strdup (last);
            g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LAST_REJECTION]);
          }
      }
  }
  SET_FIELD (rejected, rejected, PROP_REJECTED);
  refresh_counts (self);
  update_state (self);
}

static void
on_documents_pulled (CgReplicator  *rep,
                     CgSyncManager *self)
{
  /* The worker wrote through its own connection: tell the app's store. */
  self->forwarding = TRUE;
  cg_store_emit_changed (self->store);
  self->forwarding = FALSE;
  refresh_counts (self);
}

static gboolean
on_debounced_write (gpointer data)
{
  CgSyncManager *self = data;

  self->debounce_id = 0;
  if (self->running > 0)
    cg_replicator_poke (self->push);
  else if (self->started && (self->cycle_error == NULL ||
                             !g_error_matches (self->cycle_error, CG_SYNC_ERROR, CG_SYNC_ERROR_UNAUTHORIZED)))
    {
      /* Offline: a new local change is a good moment to try again. */
      self->attempt = 0;
      begin_cycle (self);
    }
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (CgStore       *store,
                  const char    *id,
                  const char    *type,
                  CgSyncManager *self)
{
  refresh_counts (self);
  if (self->forwarding)
    return;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (DEBOUNCE_MS, on_debounced_write, self);
}

/* Another process (changgu-admin, a second app instance) or the
 * replicator's worker wrote to the file: refresh what is shown, and send
 * new local changes. */
static gboolean
on_watch_tick (gpointer data)
{
  CgSyncManager *self = data;
  gint64 version = cg_store_get_data_version (self->store);
  guint pending_before = self->pending;

  if (version == self->data_version)
    return G_SOURCE_CONTINUE;
  self->data_version = version;
  self->forwarding = TRUE;
  cg_store_emit_changed (self->store);
  self->forwarding = FALSE;
  refresh_counts (self);
  if (self->pending > pending_before)
    {
      g_clear_handle_id (&self->debounce_id, g_source_remove);
      self->debounce_id = g_timeout_add (DEBOUNCE_MS, on_debounced_write, self);
    }
  return G_SOURCE_CONTINUE;
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    CgSyncManager   *self)
{
  if (!available || !self->started)
    return;
  /* The network is back: forget the backoff. */
  self->attempt = 0;
  if (self->running == 0 && (self->cycle_error == NULL ||
                             !g_error_matches (self->cycle_error, CG_SYNC_ERROR, CG_SYNC_ERROR_UNAUTHORIZED)))
    begin_cycle (self);
}

/* ------------------------------------------------------------ public */

void
cg_sync_manager_start (CgSyncManager *self)
{
  g_return_if_fail (CG_IS_SYNC_MANAGER (self));

  if (self->started)
    return;
  self->started = TRUE;
  refresh_counts (self);
  self->data_version = cg_store_get_data_version (self->store);
  if (self->watch_id == 0)
    self->watch_id = g_timeout_add_seconds (2, on_watch_tick, self);
  begin_cycle (self);
}

void
cg_sync_manager_stop (CgSyncManager *self)
{
  g_return_if_fail (CG_IS_SYNC_MANAGER (self));

  self->started = FALSE;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  update_state (self);
}

void
cg_sync_manager_sync_now (CgSyncManager *self)
{
  g_return_if_fail (CG_IS_SYNC_MANAGER (self));

  self->attempt = 0;
  if (!self->started)
    self->started = TRUE;
  if (self->running > 0)
    cg_replicator_poke (self->push);
  else
    begin_cycle (self);
}

void
cg_sync_manager_set_live (CgSyncManager *self,
                          gboolean       live)
{
  self->live = live;
}

void
cg_sync_manager_set_interval (CgSyncManager *self,
                              guint          seconds)
{
  self->interval_s = MAX (seconds, 1);
}

void
cg_sync_manager_set_backoff (CgSyncManager *self,
                             guint          initial_ms,
                             guint          max_ms)
{
  self->backoff_initial_ms = MAX (initial_ms, 10);
  self->backoff_max_ms = MAX (max_ms, self->backoff_initial_ms);
}

void
cg_sync_manager_set_batch_size (CgSyncManager *self,
                                guint          batch_size)
{
  cg_replicator_set_batch_size (self->pull, batch_size);
  cg_replicator_set_batch_size (self->push, batch_size);
}

CgSyncState cg_sync_manager_get_state (CgSyncManager *self) { return self->state; }
guint64 cg_sync_manager_get_done (CgSyncManager *self) { return self->done; }
guint64 cg_sync_manager_get_total (CgSyncManager *self) { return self->total; }
guint cg_sync_manager_get_pending (CgSyncManager *self) { return self->pending; }
guint cg_sync_manager_get_conflicts (CgSyncManager *self) { return self->conflicts; }
gint64 cg_sync_manager_get_last_pull (CgSyncManager *self) { return self->last_pull; }
gint64 cg_sync_manager_get_last_push (CgSyncManager *self) { return self->last_push; }
gint64 cg_sync_manager_get_up_to_date_since (CgSyncManager *self) { return self->up_to_date_since; }
int cg_sync_manager_get_error_kind (CgSyncManager *self) { return self->error_kind; }
const char *cg_sync_manager_get_error_message (CgSyncManager *self) { return self->error_message; }
gint64 cg_sync_manager_get_next_retry (CgSyncManager *self) { return self->next_retry; }
guint cg_sync_manager_get_rejected (CgSyncManager *self) { return self->rejected; }
const char *cg_sync_manager_get_last_rejection (CgSyncManager *self) { return self->last_rejection; }

static void
cg_sync_manager_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CgSyncManager *self = CG_SYNC_MANAGER (object);

  switch (prop_id)
    {
    case PROP_STATE: g_value_set_int (value, self->state); break;
    case PROP_DONE: g_value_set_uint64 (value, self->done); break;
    case PROP_TOTAL: g_value_set_uint64 (value, self->total); break;
    case PROP_PENDING: g_value_set_uint (value, self->pending); break;
    case PROP_CONFLICTS: g_value_set_uint (value, self->conflicts); break;
    case PROP_LAST_PULL: g_value_set_int64 (value, self->last_pull); break;
    case PROP_LAST_PUSH: g_value_set_int64 (value, self->last_push); break;
    case PROP_UP_TO_DATE_SINCE: g_value_set_int64 (value, self->up_to_date_since); break;
    case PROP_ERROR_KIND: g_value_set_int (value, self->error_kind); break;
    case PROP_ERROR_MESSAGE: g_value_set_string (value, self->error_message); break;
    case PROP_NEXT_RETRY: g_value_set_int64 (value, self->next_retry); break;
    case PROP_REJECTED: g_value_set_uint (value, self->rejected); break;
    case PROP_LAST_REJECTION: g_value_set_string (value, self->last_rejection); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_sync_manager_dispose (GObject *object)
{
  CgSyncManager *self = CG_SYNC_MANAGER (object);

  self->started = FALSE;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->monitor)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->pull)
    g_signal_handlers_disconnect_by_data (self->pull, self);
  if (self->push)
    g_signal_handlers_disconnect_by_data (self->push, self);
  G_OBJECT_CLASS (cg_sync_manager_parent_class)->dispose (object);
}

static void
cg_sync_manager_finalize (GObject *object)
{
  CgSyncManager *self = CG_SYNC_MANAGER (object);

  g_clear_object (&self->pull);
  g_clear_object (&self->push);
  g_clear_object (&self->remote);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->cycle_error);
  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self->error_message);
  g_free (self->last_rejection);
  G_OBJECT_CLASS (cg_sync_manager_parent_class)->finalize (object);
}

static void
cg_sync_manager_class_init (CgSyncManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = cg_sync_manager_get_property;
  object_class->dispose = cg_sync_manager_dispose;
  object_class->finalize = cg_sync_manager_finalize;

  props[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, CG_SYNC_STATE_NEEDS_SETUP, 0, ro);
  props[PROP_DONE] = g_param_spec_uint64 ("done", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  props[PROP_TOTAL] = g_param_spec_uint64 ("total", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  props[PROP_PENDING] = g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0, ro);
  props[PROP_CONFLICTS] = g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0, ro);
  props[PROP_LAST_PULL] = g_param_spec_int64 ("last-pull", NULL, NULL, 0, G_MAXINT64, 0, ro);
  props[PROP_LAST_PUSH] = g_param_spec_int64 ("last-push", NULL, NULL, 0, G_MAXINT64, 0, ro);
  props[PROP_UP_TO_DATE_SINCE] = g_param_spec_int64 ("up-to-date-since", NULL, NULL, 0, G_MAXINT64, 0, ro);
  props[PROP_ERROR_KIND] = g_param_spec_int ("error-kind", NULL, NULL, -1, G_MAXINT, -1, ro);
  props[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  props[PROP_NEXT_RETRY] = g_param_spec_int64 ("next-retry", NULL, NULL, 0, G_MAXINT64, 0, ro);
  props[PROP_REJECTED] = g_param_spec_uint ("rejected", NULL, NULL, 0, G_MAXUINT, 0, ro);
  props[PROP_LAST_REJECTION] = g_param_spec_string ("last-rejection", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
cg_sync_manager_init (CgSyncManager *self)
{
  self->live = TRUE;
  self->interval_s = DEFAULT_INTERVAL_S;
  self->backoff_initial_ms = 1000;
  self->backoff_max_ms = 300000;
  self->error_kind = -1;
  self->rand = g_rand_new ();
}

CgSyncManager *
cg_sync_manager_new (CgStore    *store,
                     CgRemote   *remote,
                     const char *device_id)
{
  CgSyncManager *self;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (CG_IS_REMOTE (remote), NULL);

  self = g_object_new (CG_TYPE_SYNC_MANAGER, NULL);
  self->store = g_object_ref (store);
  self->remote = g_object_ref (remote);
  self->pull = cg_replicator_new (cg_store_get_path (store), remote, CG_REPLICATION_PULL, device_id);
  self->push = cg_replicator_new (cg_store_get_path (store), remote, CG_REPLICATION_PUSH, device_id);
  g_signal_connect (self->pull, "progress", G_CALLBACK (on_progress), self);
  g_signal_connect (self->push, "progress", G_CALLBACK (on_progress), self);
  g_signal_connect (self->pull, "documents-changed", G_CALLBACK (on_documents_pulled), self);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  self->monitor = g_network_monitor_get_default ();
  g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed), self);
  refresh_counts (self);
  return self;
}
