/* cg-store-watch.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every page that mirrors the store does with CgStore::changed: keep
 * the store, listen to "changed" for the document types it shows, coalesce
 * a burst of changes into one refresh from the main loop, and stop
 * listening when the store is replaced or the page goes away.
 *
 * A CgStoreWatch is a plain struct embedded in its owner (no GObject):
 *
 *   cg_store_watch_init (&self->watch, types, refresh_cb, self);   in init
 *   cg_store_watch_set_store (&self->watch, store);                in set_store
 *   cg_store_watch_clear (&self->watch);                           in dispose
 *
 * @func runs from an idle (or, with a delay, from a timeout), never from
 * inside the signal, so the writer's call returns before anything reads
 * the store again. It never runs after cg_store_watch_clear().
 */
#pragma once

#include <glib.h>

#include "changgu-core.h"

G_BEGIN_DECLS

/* The refresh: the watched store changed (once per burst). */
typedef void     (*CgStoreWatchFunc)   (gpointer    user_data);
/* An extra condition, asked for every change that passes the type list
 * (so also for a NULL type): TRUE queues the refresh. It may drop caches
 * the change makes stale. */
typedef gboolean (*CgStoreWatchFilter) (const char *id,
                                        const char *type,
                                        gpointer    user_data);

typedef struct {
  /* Read-only: the watched store (the watch holds a reference), or NULL. */
  CgStore            *store;

  /*< private >*/
  gulong              changed_id;
  guint               source_id;   /* the pending refresh, or 0 */
  guint               delay_s;
  const char * const *types;
  CgStoreWatchFilter  filter;
  CgStoreWatchFunc    func;
  gpointer            user_data;
} CgStoreWatch;

/* @types: a NULL-terminated list of document types whose changes matter,
 * which must outlive the watch (a static array), or NULL for every type.
 * A change with a NULL type (a batch of several types, or one from another
 * connection: cg_store_emit_changed()) always matters. */
void      cg_store_watch_init       (CgStoreWatch       *watch,
                                     const char * const *types,
                                     CgStoreWatchFunc    func,
                                     gpointer            user_data);
void      cg_store_watch_set_filter (CgStoreWatch       *watch,
                                     CgStoreWatchFilter  filter);
/* 0 (the default): refresh when the main loop is next idle. Otherwise
 * refresh once the store has been quiet for @seconds: every change starts
 * the wait again. */
void      cg_store_watch_set_delay  (CgStoreWatch       *watch,
                                     guint               seconds);

/* Watches @store instead (NULL: none); a refresh pending for the old store
 * is dropped. Returns FALSE, doing nothing, when @store is already the
 * watched one. */
gboolean  cg_store_watch_set_store  (CgStoreWatch       *watch,
                                     CgStore            *store);
/* (transfer none) */
CgStore  *cg_store_watch_get_store  (CgStoreWatch       *watch);

/* Queues the refresh as a change would (for timers and filters that share
 * it); nothing more if one is already pending, unless there is a delay,
 * which starts again. */
void      cg_store_watch_queue      (CgStoreWatch       *watch);
/* Drops a pending refresh: for a caller that is about to refresh anyway. */
void      cg_store_watch_cancel     (CgStoreWatch       *watch);

/* Stops listening, drops a pending refresh and the store. The watch may be
 * given a store again; clearing twice is harmless (dispose may run twice). */
void      cg_store_watch_clear      (CgStoreWatch       *watch);

G_END_DECLS
