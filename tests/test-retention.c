/* test-retention.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Retention: cg_store_purge_local removes a document, its revisions and
 * its projections without a tombstone, and refuses one with unsent
 * changes; cg_retention_purge removes only closed cases (with their
 * notes) and check-ins older than the configured days, and keeps those
 * with unsent changes.
 */
#include "config.h"

#include "cg-test-util.h"

#define DAY (24 * 3600)
/* 2026-11-22T00:00:00Z */
#define NOW G_GINT64_CONSTANT (1795305600)

static char *sec_key;

static CgStore *
device_store (void)
{
  g_autofree char *pub = NULL;
  g_autofree char *trusted = NULL;
  CgStore *store = cg_test_open_store (NULL);

  g_clear_pointer (&sec_key, g_free);
  cg_config_keygen (&pub, &sec_key);
  trusted = g_strdup_printf ("[{\"key_id\":\"k1\",\"public_key\":\"%s\"}]", pub);
  g_assert_true (cg_store_set_meta (store, "device_id", "dev-1", NULL));
  g_assert_true (cg_store_set_meta (store, "store_id", "0421", NULL));
  g_assert_true (cg_store_set_meta (store, "trusted_keys", trusted, NULL));
  return store;
}

static void
apply_retention (CgStore    *store,
                 const char *retention_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *settings = g_strdup_printf ("{\"retention\": %s}", retention_json);

  json_object_set_string_member (doc, "_id", "config:store:0421");
  json_object_set_string_member (doc, "type", "config");
  json_object_set_string_member (doc, "scope", "store:0421");
  json_object_set_int_member (doc, "version", 1);
  json_object_set_string_member (doc, "issued_at", "2026-11-01T00:00:00Z");
  json_object_set_object_member (doc, "settings", cg_test_json (settings));
  g_assert_true (cg_config_sign (doc, "k1", sec_key, &error));
  g_assert_true (cg_config_accept (store, doc, &error));
  g_assert_no_error (error);
}

/* Everything about @id acknowledged by the central side. */
static void
mark_synced (CgStore    *store,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) leaves = cg_store_get_unsynced_leaves (store, id);

  for (guint i = 0; leaves != NULL && leaves[i] != NULL; i++)
    {
      g_assert_true (cg_store_mark_synced (store, id, leaves[i], &error));
      g_assert_no_error (error);
    }
}

/* A case created at @created and, when @closed_at > 0, closed then;
 * with one note. Returns the case id; *@note_id its note. */
static char *
make_case (CgStore  *store,
           gint64    created,
           gint64    closed_at,
           char    **note_id)
{
  g_autoptr(GError) error = NULL;
  CgCaseDraft draft = { .channel = "counter", .category = "return", .subject = "Old case",
                        .priority = "normal", .created_by = "staff:0421-01" };
  char *id = cg_case_create_at (store, &draft, created, &error);

  g_assert_no_error (error);
  *note_id = cg_case_add_note_at (store, id, "staff:0421-01", "customer", "Looking into it",
                                  created + 60, &error);
  g_assert_no_error (error);
  if (closed_at > 0)
    {
      g_assert_true (cg_case_set_status_at (store, id, "open", "staff:0421-01", NULL, created + 120, &error));
      g_assert_true (cg_case_set_status_at (store, id, "resolved", "staff:0421-01", "Refunded",
                                            closed_at - 60, &error));
      g_assert_true (cg_case_set_status_at (store, id, "closed", "staff:0421-01", NULL, closed_at, &error));
      g_assert_no_error (error);
    }
  return id;
}

/* A check-in as pulled from the central side (acknowledged), or written
 * here (pending). */
static char *
make_checkin (CgStore  *store,
              gint64    created,
              gboolean  pending)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (created);
  g_autofree char *at = cg_json_timestamp (t);
  g_autoptr(JsonObject) doc = json_object_new ();
  char *id = cg_device_new_doc_id ("checkin");

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "checkin");
  json_object_set_string_member (doc, "ticket", "K1-001");
  json_object_set_string_member (doc, "store_id", "0421");
  json_object_set_string_member (doc, "reason", "help");
  json_object_set_string_member (doc, "status", "done");
  json_object_set_string_member (doc, "created_at", at);
  if (pending)
    {
      g_autofree char *rev = cg_store_put (store, doc, &error);
      g_assert_no_error (error);
    }
  else
    {
      g_autoptr(JsonObject) rep = cg_test_replicated (doc, "1-abcdef", FALSE);
      g_assert_true (cg_store_put_replicated (store, rep, &error));
      g_assert_no_error (error);
    }
  return id;
}

static gboolean
exists (CgStore    *store,
        const char *id)
{
  g_autoptr(JsonObject) doc = cg_store_get (store, id, TRUE, NULL);
  return doc != NULL;
}

static gint64
count_where (CgStore    *store,
             const char *table,
             const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE id = '%s'", table, id);
  return cg_test_query_int (store, sql);
}

static void
test_purge_local (void)
{
  g_autoptr(CgStore) store = device_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *note_id = NULL;
  g_autofree char *case_id = make_case (store, NOW - 10 * DAY, NOW - 9 * DAY, &note_id);
  g_autofree char *sql = NULL;
  gint64 seq_before;
  guint pending_before;

  /* Unsent: refused, and nothing is removed. */
  g_assert_false (cg_store_purge_local (store, case_id, &error));
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_CONFLICT);
  g_assert_nonnull (g_strstr_len (error->message, -1, "not yet sent"));
  g_clear_error (&error);
  g_assert_true (exists (store, case_id));

  mark_synced (store, case_id);
  pending_before = cg_store_count_pending (store);
  seq_before = cg_store_get_last_seq (store);
  g_assert_cmpint (count_where (store, "cases", case_id), ==, 1);

  g_assert_true (cg_store_purge_local (store, case_id, &error));
  g_assert_no_error (error);
  g_assert_false (exists (store, case_id));
  g_assert_cmpint (count_where (store, "cases", case_id), ==, 0);
  g_assert_cmpint (count_where (store, "docs", case_id), ==, 0);
  sql = g_strdup_printf ("SELECT count(*) FROM revs r JOIN docs d USING (doc_id) WHERE d.id = '%s'", case_id);
  g_assert_cmpint (cg_test_query_int (store, sql), ==, 0);
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM case_fts"), ==, 0);
  g_assert_cmpint (cg_test_query_int (store,
                   "SELECT count(*) FROM revs WHERE doc_id NOT IN (SELECT doc_id FROM docs)"), ==, 0);
  /* No tombstone: nothing new to push. */
  g_assert_cmpuint (cg_store_count_pending (store), ==, pending_before);
  g_assert_cmpint (cg_store_get_last_seq (store), ==, seq_before);
  {
    g_auto(GStrv) leaves = cg_store_get_leaves (store, case_id, TRUE);
    g_assert_true (leaves == NULL || leaves[0] == NULL);
  }

  g_assert_false (cg_store_purge_local (store, case_id, &error));
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND);
}

static void
test_retention (void)
{
  g_autoptr(CgStore) store = device_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *n_old = NULL, *n_pending = NULL, *n_recent = NULL, *n_open = NULL, *n_note_pending = NULL;
  g_autofree char *old_closed = make_case (store, NOW - 100 * DAY, NOW - 90 * DAY, &n_old);
  g_autofree char *pending_closed = make_case (store, NOW - 100 * DAY, NOW - 90 * DAY, &n_pending);
  g_autofree char *recent_closed = make_case (store, NOW - 40 * DAY, NOW - 10 * DAY, &n_recent);
  g_autofree char *old_open = make_case (store, NOW - 200 * DAY, 0, &n_open);
  g_autofree char *note_pending = make_case (store, NOW - 100 * DAY, NOW - 90 * DAY, &n_note_pending);
  g_autofree char *ci_old = make_checkin (store, NOW - 8 * DAY, FALSE);
  g_autofree char *ci_old_pending = make_checkin (store, NOW - 8 * DAY, TRUE);
  g_autofree char *ci_recent = make_checkin (store, NOW - 6 * DAY, FALSE);
  guint purged = 99, kept = 99;
  guint pending_before;

  mark_synced (store, old_closed);
  mark_synced (store, n_old);
  mark_synced (store, recent_closed);
  mark_synced (store, n_recent);
  mark_synced (store, old_open);
  mark_synced (store, n_open);
  mark_synced (store, note_pending);   /* its note stays unsent */
  /* pending_closed and its note stay unsent. */

  /* No retention configured: nothing goes. */
  g_assert_true (cg_retention_purge (store, NOW, &purged, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (purged, ==, 0);
  g_assert_cmpuint (kept, ==, 0);
  g_assert_true (exists (store, old_closed));
  g_assert_true (exists (store, ci_old));

  /* Only the check-in limit: cases stay. */
  apply_retention (store, "{\"checkin_days\": 7}");
  g_assert_true (cg_retention_purge (store, NOW, &purged, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (purged, ==, 1);
  g_assert_cmpuint (kept, ==, 1);
  g_assert_false (exists (store, ci_old));
  g_assert_true (exists (store, ci_old_pending));
  g_assert_true (exists (store, ci_recent));
  g_assert_true (exists (store, old_closed));
  g_assert_cmpint (count_where (store, "checkins", ci_old), ==, 0);
  g_assert_cmpint (count_where (store, "checkins", ci_recent), ==, 1);

  /* Cases closed more than 30 days ago. */
  {
    g_autoptr(JsonObject) doc = json_object_new ();
    json_object_set_string_member (doc, "_id", "config:global");
    json_object_set_string_member (doc, "type", "config");
    json_object_set_string_member (doc, "scope", "global");
    json_object_set_int_member (doc, "version", 1);
    json_object_set_string_member (doc, "issued_at", "2026-11-01T00:00:00Z");
    json_object_set_object_member (doc, "settings",
                                   cg_test_json ("{\"retention\": {\"closed_case_days\": 30}}"));
    g_assert_true (cg_config_sign (doc, "k1", sec_key, NULL));
    g_assert_true (cg_config_accept (store, doc, &error));
    g_assert_no_error (error);
  }
  pending_before = cg_store_count_pending (store);
  g_assert_true (cg_retention_purge (store, NOW, &purged, &kept, &error));
  g_assert_no_error (error);
  /* The old closed case and its note; kept: the unsent case and note, the
   * case whose note is unsent (2), the unsent check-in. */
  g_assert_cmpuint (purged, ==, 2);
  g_assert_cmpuint (kept, ==, 5);
  g_assert_false (exists (store, old_closed));
  g_assert_false (exists (store, n_old));
  g_assert_cmpint (count_where (store, "cases", old_closed), ==, 0);
  g_assert_cmpint (count_where (store, "case_notes", n_old), ==, 0);
  g_assert_true (exists (store, pending_closed));
  g_assert_true (exists (store, n_pending));
  g_assert_true (exists (store, note_pending));
  g_assert_true (exists (store, n_note_pending));
  g_assert_true (exists (store, recent_closed));
  g_assert_true (exists (store, n_recent));
  g_assert_true (exists (store, old_open));
  g_assert_true (exists (store, n_open));
  g_assert_true (exists (store, ci_old_pending));
  g_assert_true (exists (store, ci_recent));
  g_assert_cmpuint (cg_store_count_pending (store), ==, pending_before);

  /* Once sent, the rest goes on the next run; a second run finds nothing. */
  mark_synced (store, pending_closed);
  mark_synced (store, n_pending);
  mark_synced (store, n_note_pending);
  mark_synced (store, ci_old_pending);
  g_assert_true (cg_retention_purge (store, NOW, &purged, &kept, &error));
  g_assert_cmpuint (purged, ==, 5);
  g_assert_cmpuint (kept, ==, 0);
  g_assert_true (cg_retention_purge (store, NOW, &purged, &kept, &error));
  g_assert_cmpuint (purged, ==, 0);
  g_assert_true (exists (store, recent_closed));
  g_assert_true (exists (store, ci_recent));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/retention/purge-local", test_purge_local);
  g_test_add_func ("/retention/purge", test_retention);

  return g_test_run ();
}
