/* cg-store-watch.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants: changed_id != 0 only while store != NULL (the handler is on
 * that store); source_id != 0 while a refresh is pending, and is 0 again
 * before @func runs, so @func may queue another.
 */
#define G_LOG_DOMAIN "cg-store-watch"

#include "config.h"

#include "cg-store-watch.h"

void
cg_store_watch_init (CgStoreWatch       *watch,
                     const char * const *types,
                     CgStoreWatchFunc    func,
                     gpointer            user_data)
{
  g_return_if_fail (watch != NULL);
  g_return_if_fail (func != NULL);

  *watch = (CgStoreWatch) {
    .types = types,
    .func = func,
    .user_data = user_data,
  };
}

void
cg_store_watch_set_filter (CgStoreWatch       *watch,
                           CgStoreWatchFilter  filter)
{
  g_return_if_fail (watch != NULL);
  watch->filter = filter;
}

void
cg_store_watch_set_delay (CgStoreWatch *watch,
                          guint         seconds)
{
  g_return_if_fail (watch != NULL);
  watch->delay_s = seconds;
}

static gboolean
refresh_cb (gpointer data)
{
  CgStoreWatch *watch = data;

  watch->source_id = 0;
  watch->func (watch->user_data);
  return G_SOURCE_REMOVE;
}

void
cg_store_watch_queue (CgStoreWatch *watch)
{
  g_return_if_fail (watch != NULL);

  if (watch->delay_s > 0)
    {
      g_clear_handle_id (&watch->source_id, g_source_remove);
      watch->source_id = g_timeout_add_seconds (watch->delay_s, refresh_cb, watch);
    }
  else if (watch->source_id == 0)
    watch->source_id = g_idle_add (refresh_cb, watch);
}

void
cg_store_watch_cancel (CgStoreWatch *watch)
{
  g_return_if_fail (watch != NULL);
  g_clear_handle_id (&watch->source_id, g_source_remove);
}

static void
on_changed (CgStore    *store,
            const char *id,
            const char *type,
            gpointer    user_data)
{
  CgStoreWatch *watch = user_data;

  /* A NULL type may be any type. */
  if (type != NULL && watch->types != NULL && !g_strv_contains (watch->types, type))
    return;
  if (watch->filter != NULL && !watch->filter (id, type, watch->user_data))
    return;
  cg_store_watch_queue (watch);
}

static void
disconnect (CgStoreWatch *watch)
{
  if (watch->store != NULL)
    g_clear_signal_handler (&watch->changed_id, watch->store);
  g_clear_handle_id (&watch->source_id, g_source_remove);
}

gboolean
cg_store_watch_set_store (CgStoreWatch *watch,
                          CgStore      *store)
{
  g_return_val_if_fail (watch != NULL, FALSE);
  g_return_val_if_fail (store == NULL || CG_IS_STORE (store), FALSE);

  if (watch->store == store)
    return FALSE;
  disconnect (watch);
  g_set_object (&watch->store, store);
  if (store != NULL)
    watch->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_changed), watch);
  return TRUE;
}

CgStore *
cg_store_watch_get_store (CgStoreWatch *watch)
{
  g_return_val_if_fail (watch != NULL, NULL);
  return watch->store;
}

void
cg_store_watch_clear (CgStoreWatch *watch)
{
  g_return_if_fail (watch != NULL);

  disconnect (watch);
  g_clear_object (&watch->store);
}
