/* cg-sync-manager.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cg-remote.h"

G_BEGIN_DECLS

/* What the sync indicator shows (SYNC.md "The status the UI shows"). */
typedef enum {
  CG_SYNC_STATE_DISABLED,      /* not provisioned: local only */
  CG_SYNC_STATE_OFFLINE,       /* no network, or the server cannot be reached */
  CG_SYNC_STATE_CONNECTING,
  CG_SYNC_STATE_PULLING,       /* n of m */
  CG_SYNC_STATE_PUSHING,       /* n of m */
  CG_SYNC_STATE_UP_TO_DATE,    /* since a time */
  CG_SYNC_STATE_ERROR,         /* kind, message, next retry */
  CG_SYNC_STATE_NEEDS_SETUP,   /* 401: stopped until the device is provisioned again */
} CgSyncState;

#define CG_TYPE_SYNC_MANAGER (cg_sync_manager_get_type ())
G_DECLARE_FINAL_TYPE (CgSyncManager, cg_sync_manager, CG, SYNC_MANAGER, GObject)

/* Decides when to sync @store (the main thread's CgStore) with @remote:
 * at start, after local writes (debounced), continuously while online
 * (longpoll), every interval, on cg_sync_manager_sync_now(), and when the
 * network comes back; errors back off exponentially with jitter.
 * Properties (all notify): state, done, total, pending, conflicts,
 * last-pull, last-push (Unix seconds, 0 = never), up-to-date-since,
 * error-kind (CgSyncError or -1), error-message, next-retry (Unix seconds),
 * rejected (documents refused by either side this session),
 * last-rejection. */
CgSyncManager *cg_sync_manager_new          (CgStore       *store,
                                             CgRemote      *remote,
                                             const char    *device_id);
void           cg_sync_manager_start        (CgSyncManager *self);
void           cg_sync_manager_stop         (CgSyncManager *self);
/* "Sync now" (F5): forget the backoff and go. */
void           cg_sync_manager_sync_now     (CgSyncManager *self);

void           cg_sync_manager_set_live     (CgSyncManager *self,
                                             gboolean       live);
void           cg_sync_manager_set_interval (CgSyncManager *self,
                                             guint          seconds);
void           cg_sync_manager_set_backoff  (CgSyncManager *self,
                                             guint          initial_ms,
                                             guint          max_ms);
void           cg_sync_manager_set_batch_size (CgSyncManager *self,
                                             guint          batch_size);

CgSyncState    cg_sync_manager_get_state    (CgSyncManager *self);
guint64        cg_sync_manager_get_done     (CgSyncManager *self);
guint64        cg_sync_manager_get_total    (CgSyncManager *self);
guint          cg_sync_manager_get_pending  (CgSyncManager *self);
guint          cg_sync_manager_get_conflicts (CgSyncManager *self);
gint64         cg_sync_manager_get_last_pull (CgSyncManager *self);
gint64         cg_sync_manager_get_last_push (CgSyncManager *self);
gint64         cg_sync_manager_get_up_to_date_since (CgSyncManager *self);
int            cg_sync_manager_get_error_kind (CgSyncManager *self);
const char    *cg_sync_manager_get_error_message (CgSyncManager *self);
gint64         cg_sync_manager_get_next_retry (CgSyncManager *self);
guint          cg_sync_manager_get_rejected (CgSyncManager *self);
const char    *cg_sync_manager_get_last_rejection (CgSyncManager *self);

/* The delay before retry @attempt (0-based): initial × 2^attempt capped at
 * max, then "equal jitter" (half fixed, half random) so that a store's
 * devices do not retry in step. Exposed for tests. */
guint          cg_sync_backoff_delay_ms     (guint          attempt,
                                             guint          initial_ms,
                                             guint          max_ms,
                                             GRand         *rand);

G_END_DECLS
