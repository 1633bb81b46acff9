/* cg-kiosk-purge.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a kiosk keeps: articles, pickups, config, its device document, and
 * today's check-ins still in the queue (the "now serving" board). Cases
 * and feedback go as soon as the central side has them, whoever made them:
 * a kiosk database on the server is shared by the store's kiosks, so one
 * kiosk may pull what a customer typed at another. Check-ins go once done
 * or no-show, or when they are from an earlier day.
 *
 * cg_store_purge_local() removes the rows, but SQLite leaves deleted
 * content in free pages, FTS5 keeps deleted terms in its segments until
 * they merge, and the WAL keeps old page images until it is reset. A kiosk
 * that purges what a customer typed should not keep it on disk like that:
 * the purge runs with secure_delete on (deleted content is overwritten with
 * zeros), merges the case search index, and truncates the WAL after.
 */
#define G_LOG_DOMAIN "cg-kiosk"

#include "config.h"

#include "cg-json.h"
#include "cg-kiosk-private.h"
#include "cg-store-private.h"

/* Documents per transaction. */
#define BATCH 200
/* Set while a WAL reset is owed after a purge. */
#define META_SCRUB_OWED "kiosk.scrub_owed"

typedef struct {
  CgStore   *store;
  GDateTime *today;     /* local midnight of the day of "now" */
  GPtrArray *ids;
} Collect;

static gboolean
is_pending (CgStore    *store,
            const char *id)
{
  g_auto(GStrv) unsynced = cg_store_get_unsynced_leaves (store, id);

  return unsynced != NULL && unsynced[0] != NULL;
}

static gboolean
collect_delivered (const char *id,
                   const char *rev,
                   gint64      seq,
                   gpointer    user_data)
{
  Collect *c = user_data;

  if (!is_pending (c->store, id))
    g_ptr_array_add (c->ids, g_strdup (id));
  return TRUE;
}

/* A check-in the queue no longer needs. */
static gboolean
checkin_is_over (JsonObject *doc,
                 GDateTime  *today)
{
  const char *status = cg_json_get_string (doc, "status");
  const char *created = cg_json_get_string (doc, "created_at");
  g_autoptr(GDateTime) at = created != NULL ? g_date_time_new_from_iso8601 (created, NULL) : NULL;

  if (g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "no_show") == 0)
    return TRUE;
  /* Unreadable: no board can show it either. */
  return at == NULL || g_date_time_compare (at, today) < 0;
}

static gboolean
collect_checkin (const char *id,
                 const char *rev,
                 gint64      seq,
                 gpointer    user_data)
{
  Collect *c = user_data;
  g_autoptr(JsonObject) doc = NULL;

  if (is_pending (c->store, id))
    return TRUE;
  doc = cg_store_get (c->store, id, FALSE, NULL);
  if (doc != NULL && checkin_is_over (doc, c->today))
    g_ptr_array_add (c->ids, g_strdup (id));
  return TRUE;
}

/* Resets the WAL if that can be done at once: a TRUNCATE checkpoint
 * waits for writers and readers on other connections (the replicator's
 * worker), and the device agent runs on the UI's thread, so it must not
 * wait. */
static gboolean
try_truncate_wal (CgStore *store)
{
  sqlite3 *db = cg_store_get_db (store);
  int rc;

  sqlite3_busy_timeout (db, 0);
  rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  /* Back to what configure_connection() in cg-store.c sets. */
  sqlite3_busy_timeout (db, 5000);
  return rc == SQLITE_OK;
}

/* Leaves as little as possible of what was purged in the files (see the
 * comment at the top). The WAL reset is owed until it succeeds: when
 * another connection is busy now, a later call (every tick of the device
 * agent) does it. */
static void
scrub (CgStore  *store,
       gboolean  purged)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owed = NULL;

  if (purged)
    {
      if (!cg_store_exec (store, "INSERT INTO case_fts (case_fts) VALUES ('optimize');", &error))
        {
          g_debug ("Could not merge the case index: %s", error->message);
          g_clear_error (&error);
        }
      if (!cg_store_set_meta (store, META_SCRUB_OWED, "1", &error))
        {
          g_debug ("Could not note the WAL reset: %s", error->message);
          g_clear_error (&error);
        }
    }
  owed = cg_store_get_meta (store, META_SCRUB_OWED);
  if (owed == NULL)
    return;
  if (!try_truncate_wal (store))
    {
      g_debug ("The WAL is in use; it is reset on a later purge");
      return;
    }
  /* This write starts a new WAL with the metadata page alone. */
  if (!cg_store_set_meta (store, META_SCRUB_OWED, NULL, &error))
    g_debug ("Could not note the WAL reset: %s", error->message);
}

guint
cg_kiosk_purge_delivered (CgStore     *store,
                          GDateTime   *now,
                          GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) today = NULL;
  Collect c;
  guint purged = 0, in_batch = 0;

  g_return_val_if_fail (CG_IS_STORE (store), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  local_now = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();
  today = g_date_time_new (g_date_time_get_timezone (local_now),
                           g_date_time_get_year (local_now),
                           g_date_time_get_month (local_now),
                           g_date_time_get_day_of_month (local_now), 0, 0, 0);

  c.store = store;
  c.today = today;
  c.ids = ids;
  cg_store_foreach_document (store, "case", collect_delivered, &c);
  cg_store_foreach_document (store, "feedback", collect_delivered, &c);
  cg_store_foreach_document (store, "checkin", collect_checkin, &c);
  if (ids->len == 0)
    {
      scrub (store, FALSE);
      return 0;
    }

  /* Deleted content is overwritten from now on, on this connection. */
  if (!cg_store_exec (store, "PRAGMA secure_delete = ON;", error) ||
      !cg_store_begin (store, error))
    return 0;
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(GError) local_error = NULL;

      if (!cg_store_purge_local (store, id, &local_error))
        {
          /* Changed meanwhile (a new local edit) or already gone: the
           * next tick decides again. */
          if (g_error_matches (local_error, CG_STORE_ERROR, CG_STORE_ERROR_CONFLICT) ||
              g_error_matches (local_error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND))
            continue;
          cg_store_rollback (store);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return 0;
        }
      purged++;
      if (++in_batch >= BATCH)
        {
          in_batch = 0;
          if (!cg_store_commit (store, error) || !cg_store_begin (store, error))
            return 0;
        }
    }
  if (!cg_store_commit (store, error))
    return 0;
  scrub (store, purged > 0);
  return purged;
}
