/* test-store.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store around the revision tree: opening bad files, batches and
 * savepoints, the changes feed, _local documents, metadata, counters and the
 * "changed" signal.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cg-test-util.h"

static void
test_open_not_a_store (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *text_file = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *other_db = g_build_filename (dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = NULL;
  sqlite3 *db;

  g_assert_true (g_file_set_contents (text_file, "this is not a database, just some text\n", -1, NULL));
  store = cg_store_open (text_file, &error);
  g_assert_null (store);
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "not a Changgu data file"));
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open (other_db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE invoices (id INTEGER)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = cg_store_open (other_db, &error);
  g_assert_null (store);
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "another program"));
}

static void
test_open_too_new (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  CgStore *store = cg_test_open_store (&path);
  sqlite3 *db;

  g_object_unref (store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = cg_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

static void
test_pragmas (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  /* WAL persists in the file; synchronous is per connection, so ask ours. */
  g_assert_cmpint (sqlite3_open (cg_store_get_path (store), &db), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (cg_test_query_int (store, "PRAGMA user_version"), ==, CG_STORE_SCHEMA_VERSION);
}

static void
test_batch_savepoints (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) good = cg_test_customer_doc ("customer:good", "Good");
  g_autoptr(JsonObject) bad = cg_test_customer_doc ("customer:bad", "");
  g_autoptr(JsonObject) good2 = cg_test_customer_doc ("customer:good2", "Good Two");
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL;

  g_assert_true (cg_store_begin (store, &error));
  r1 = cg_store_put (store, good, &error);
  g_assert_no_error (error);
  r2 = cg_store_put (store, bad, &error);              /* empty name: rejected */
  g_assert_null (r2);
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD);
  g_clear_error (&error);
  r3 = cg_store_put (store, good2, &error);
  g_assert_no_error (error);
  g_assert_true (cg_store_commit (store, &error));

  /* One bad document does not take the batch down with it. */
  g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 2);
  g_assert_cmpuint (cg_store_count_pending (store), ==, 2);

  /* Nor does a stale revision (found before anything is written). */
  {
    g_autoptr(JsonObject) stale = cg_test_customer_doc ("customer:good", "Stale edit");
    g_autoptr(JsonObject) third = cg_test_customer_doc ("customer:good3", "Good Three");
    g_autofree char *rs = NULL, *r4 = NULL;
    json_object_set_string_member (stale, "_rev", "1-00000000000000000000000000000000");
    g_assert_true (cg_store_begin (store, &error));
    rs = cg_store_put (store, stale, &error);
    g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_CONFLICT);
    g_clear_error (&error);
    r4 = cg_store_put (store, third, &error);
    g_assert_no_error (error);
    g_assert_true (cg_store_commit (store, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 3);
  }

  /* A nested level rolled back after it wrote spoils the whole batch. */
  {
    g_autoptr(JsonObject) kept = cg_test_customer_doc ("customer:never", "Never");
    g_autofree char *rk = NULL;
    g_assert_true (cg_store_begin (store, &error));
    rk = cg_store_put (store, kept, &error);
    g_assert_true (cg_store_begin (store, &error));
    cg_store_rollback (store);
    g_assert_false (cg_store_commit (store, &error));
    g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_IO);
    g_clear_error (&error);
    g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 3);
    g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM customers"), ==, 3);
  }

  /* A rolled back batch leaves nothing. */
  {
    g_autoptr(JsonObject) gone = cg_test_customer_doc ("customer:gone", "Gone");
    g_autofree char *r = NULL;
    g_assert_true (cg_store_begin (store, &error));
    r = cg_store_put (store, gone, &error);
    g_assert_no_error (error);
    cg_store_rollback (store);
    g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 3);
    g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM customers"), ==, 3);
  }
}

typedef struct {
  GPtrArray *ids;
  gint64     last;
} Feed;

static gboolean
collect_change (const char *id, const char *rev, gint64 seq, gpointer data)
{
  Feed *feed = data;
  g_assert_cmpint (seq, >, feed->last);
  feed->last = seq;
  g_ptr_array_add (feed->ids, g_strdup (id));
  return TRUE;
}

static void
test_changes_feed (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) a = cg_test_customer_doc ("customer:a", "A");
  g_autoptr(JsonObject) b = cg_test_customer_doc ("customer:b", "B");
  g_autofree char *ra = NULL, *rb = NULL, *ra2 = NULL;
  Feed feed = { g_ptr_array_new_with_free_func (g_free), 0 };
  gint64 mid;

  ra = cg_store_put (store, a, &error);
  rb = cg_store_put (store, b, &error);
  mid = cg_store_get_last_seq (store);
  json_object_set_string_member (a, "_rev", ra);
  ra2 = cg_store_put (store, a, &error);
  g_assert_no_error (error);

  /* A document appears once, at its latest sequence. */
  cg_store_foreach_change (store, 0, 0, collect_change, &feed);
  g_assert_cmpuint (feed.ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (feed.ids, 0), ==, "customer:b");
  g_assert_cmpstr (g_ptr_array_index (feed.ids, 1), ==, "customer:a");

  g_ptr_array_set_size (feed.ids, 0);
  feed.last = mid;
  cg_store_foreach_change (store, mid, 0, collect_change, &feed);
  g_assert_cmpuint (feed.ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (feed.ids, 0), ==, "customer:a");
  g_ptr_array_unref (feed.ids);

  /* The sequence survives reopening. */
  {
    g_autofree char *path = g_strdup (cg_store_get_path (store));
    gint64 last = cg_store_get_last_seq (store);
    g_autoptr(CgStore) again = NULL;
    g_clear_object (&store);
    again = cg_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (cg_store_get_last_seq (again), ==, last);
  }
}

static void
test_local_docs_and_meta (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) checkpoint = cg_test_json ("{\"session_id\": \"s1\", \"history\": [{\"recorded_seq\": 42}]}");
  g_autoptr(JsonObject) got = NULL;
  g_autofree char *value = NULL;

  g_assert_null (cg_store_get_local (store, "_local/abc"));
  g_assert_true (cg_store_put_local (store, "_local/abc", checkpoint, &error));
  got = cg_store_get_local (store, "_local/abc");
  g_assert_cmpstr (cg_json_get_string (got, "session_id"), ==, "s1");
  /* _local documents are not documents: no revision, no change, not pending. */
  g_assert_cmpuint (cg_store_count_documents (store, NULL), ==, 0);
  g_assert_cmpint (cg_store_get_last_seq (store), ==, 0);
  g_assert_true (cg_store_put_local (store, "_local/abc", NULL, &error));
  g_assert_null (cg_store_get_local (store, "_local/abc"));

  g_assert_true (cg_store_set_meta (store, "device_prefix", "C7", &error));
  value = cg_store_get_meta (store, "device_prefix");
  g_assert_cmpstr (value, ==, "C7");

  g_assert_cmpint (cg_store_next_counter (store, "counter:x", &error), ==, 1);
  g_assert_cmpint (cg_store_next_counter (store, "counter:x", &error), ==, 2);
  /* A counter taken inside a rolled back batch is given out again. */
  g_assert_true (cg_store_begin (store, &error));
  g_assert_cmpint (cg_store_next_counter (store, "counter:x", &error), ==, 3);
  cg_store_rollback (store);
  g_assert_cmpint (cg_store_next_counter (store, "counter:x", &error), ==, 3);
}

static void
on_changed (CgStore *store, const char *id, const char *type, gpointer data)
{
  GPtrArray *seen = data;
  g_ptr_array_add (seen, g_strdup_printf ("%s/%s", id ? id : "*", type ? type : "*"));
}

static void
test_changed_signal (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) a = cg_test_customer_doc ("customer:a", "A");
  g_autoptr(JsonObject) b = cg_test_customer_doc ("customer:b", "B");
  g_autofree char *ra = NULL, *rb = NULL;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), seen);
  ra = cg_store_put (store, a, &error);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "customer:a/customer");

  /* A batch tells once, after the commit. */
  g_assert_true (cg_store_begin (store, &error));
  rb = cg_store_put (store, b, &error);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_true (cg_store_commit (store, &error));
  g_assert_cmpuint (seen->len, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open-not-a-store", test_open_not_a_store);
  g_test_add_func ("/store/open-too-new", test_open_too_new);
  g_test_add_func ("/store/pragmas", test_pragmas);
  g_test_add_func ("/store/batch-savepoints", test_batch_savepoints);
  g_test_add_func ("/store/changes-feed", test_changes_feed);
  g_test_add_func ("/store/local-docs-and-meta", test_local_docs_and_meta);
  g_test_add_func ("/store/changed-signal", test_changed_signal);

  return g_test_run ();
}
