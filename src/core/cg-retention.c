/* cg-retention.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When a case counts as "closed N days ago": the projection's updated_at
 * of a case whose status is closed. Closing is a case's last change (a
 * closed case does not reopen, DATA-MODEL.md), so its last change is when
 * it was closed, or later if someone still touched it; either way it has
 * been closed at least that long. Timestamps are RFC 3339 UTC strings of
 * one fixed shape, so they compare as text, through the indexes.
 */
#define G_LOG_DOMAIN "cg-retention"

#include "config.h"

#include "cg-config.h"
#include "cg-json.h"
#include "cg-retention.h"
#include "cg-store-private.h"

/* Documents per transaction: large enough to be quick, small enough not to
 * hold the write lock for long on a store with years of check-ins. */
#define BATCH 200

static char *
cutoff_text (gint64 now,
             gint64 days)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (now - days * 86400);

  return t != NULL ? cg_json_timestamp (t) : NULL;
}

/* The ids the single-column query @sql returns for @arg (both read before
 * anything is deleted, so no statement runs across a delete). */
static GPtrArray *
collect_ids (CgStore    *store,
             const char *sql,
             const char *arg)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = cg_store_stmt (store, sql);

  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return ids;
}

static gboolean
is_pending (CgStore    *store,
            const char *id)
{
  g_auto(GStrv) unsynced = cg_store_get_unsynced_leaves (store, id);

  return unsynced != NULL && unsynced[0] != NULL;
}

static gboolean
purge_cases (CgStore   *store,
             const char *cutoff,
             guint     *purged,
             guint     *kept,
             GError   **error)
{
  g_autoptr(GPtrArray) cases = collect_ids (store,
    "SELECT id FROM cases WHERE status = 'closed' AND updated_at < ?1", cutoff);
  guint in_batch = 0;

  if (!cg_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < cases->len; i++)
    {
      const char *case_id = g_ptr_array_index (cases, i);
      g_autoptr(GPtrArray) notes = collect_ids (store,
        "SELECT id FROM case_notes WHERE case_id = ?1", case_id);
      gboolean keep = is_pending (store, case_id);

      for (guint n = 0; !keep && n < notes->len; n++)
        keep = is_pending (store, g_ptr_array_index (notes, n));
      if (keep)
        {
          /* A note still to be sent keeps its case: a note without its
           * case would show nowhere. */
          *kept += 1 + notes->len;
          continue;
        }

      for (guint n = 0; n < notes->len; n++)
        if (!cg_store_purge_local (store, g_ptr_array_index (notes, n), error))
          goto fail;
      if (!cg_store_purge_local (store, case_id, error))
        goto fail;
      *purged += 1 + notes->len;
      in_batch += 1 + notes->len;

      if (in_batch >= BATCH)
        {
          in_batch = 0;
          if (!cg_store_commit (store, error) || !cg_store_begin (store, error))
            return FALSE;
        }
    }
  return cg_store_commit (store, error);

fail:
  cg_store_rollback (store);
  return FALSE;
}

static gboolean
purge_checkins (CgStore    *store,
                const char *cutoff,
                guint      *purged,
                guint      *kept,
                GError    **error)
{
  g_autoptr(GPtrArray) checkins = collect_ids (store,
    "SELECT id FROM checkins WHERE created_at < ?1", cutoff);
  guint in_batch = 0;

  if (!cg_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < checkins->len; i++)
    {
      const char *id = g_ptr_array_index (checkins, i);

      if (is_pending (store, id))
        {
          (*kept)++;
          continue;
        }
      if (!cg_store_purge_local (store, id, error))
        {
          cg_store_rollback (store);
          return FALSE;
        }
      (*purged)++;
      if (++in_batch >= BATCH)
        {
          in_batch = 0;
          if (!cg_store_commit (store, error) || !cg_store_begin (store, error))
            return FALSE;
        }
    }
  return cg_store_commit (store, error);
}

gboolean
cg_retention_purge (CgStore  *store,
                    gint64    now,
                    guint    *purged,
                    guint    *kept,
                    GError  **error)
{
  g_autoptr(JsonObject) effective = NULL;
  JsonObject *retention;
  guint n_purged = 0, n_kept = 0;
  gint64 days;
  gboolean ok = TRUE;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);

  effective = cg_config_dup_effective (store);
  retention = cg_json_get_object (effective, "retention");

  if (retention != NULL && cg_json_get_int (retention, "closed_case_days", &days) && days > 0)
    {
      g_autofree char *cutoff = cutoff_text (now, days);
      ok = cutoff == NULL || purge_cases (store, cutoff, &n_purged, &n_kept, error);
    }
  if (ok && retention != NULL && cg_json_get_int (retention, "checkin_days", &days) && days > 0)
    {
      g_autofree char *cutoff = cutoff_text (now, days);
      ok = cutoff == NULL || purge_checkins (store, cutoff, &n_purged, &n_kept, error);
    }

  if (purged)
    *purged = n_purged;
  if (kept)
    *kept = n_kept;
  return ok;
}
