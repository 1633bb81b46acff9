/* test-migrations.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every earlier schema version opens: documents survive, and projections and
 * search indexes added by later steps are filled from them.
 */
#include "config.h"

#include <sqlite3.h>

#include "cg-store-private.h"
#include "cg-test-util.h"

/* A customer written the way schema 1 stored documents, without the store
 * (whose current code expects the current schema). */
static void
write_v1_customer (const char *path)
{
  sqlite3 *db;
  static const char *sql =
    "INSERT INTO docs (doc_id, id, type, rev, seq) VALUES (1, 'customer:old', 'customer', '1-abc', 1);"
    "INSERT INTO revs (doc_id, rev, gen, parent, leaf, deleted, local, body) VALUES (1, '1-abc', 1, NULL, 1, 0, 0,"
    " '{\"type\":\"customer\",\"name\":\"박서연\",\"phones\":[\"+821055501234\"],\"emails\":[\"seoyeon@example.kr\"],"
    "\"created_at\":\"2025-01-01T00:00:00Z\",\"updated_at\":\"2025-01-01T00:00:00Z\"}');"
    "INSERT INTO meta (key, value) VALUES ('last_seq', 1);";

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_from_version (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(JsonObject) doc = NULL;

  g_assert_true (cg_store_create_at_version (path, version, &error));
  g_assert_no_error (error);
  write_v1_customer (path);

  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cg_test_query_int (store, "PRAGMA user_version"), ==, CG_STORE_SCHEMA_VERSION);

  doc = cg_store_get (store, "customer:old", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cg_json_get_string (doc, "name"), ==, "박서연");
  g_assert_cmpint (cg_store_get_last_seq (store), ==, 1);

  /* Projections and the search index were rebuilt from the document. */
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM customers"), ==, 1);
  hits = cg_store_search_customers (store, "서연", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_array_unref);
  hits = cg_store_search_customers (store, "5550", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
}

static void
test_empty_file (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cg_test_query_int (store, "PRAGMA user_version"), ==, CG_STORE_SCHEMA_VERSION);
  g_assert_cmpint (cg_test_query_int (store, "PRAGMA application_id"), ==, 0x43475531);
}

static void
test_reopen_current (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  CgStore *store = cg_test_open_store (&path);
  g_autofree char *id = cg_customer_create (store, "이지은", "010-2222-3333", NULL, "ko", &error);

  g_assert_no_error (error);
  g_object_unref (store);
  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 1);
  g_object_unref (store);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/migrations/empty-file", test_empty_file);
  g_test_add_func ("/migrations/reopen-current", test_reopen_current);
  for (int v = 1; v <= CG_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *name = g_strdup_printf ("/migrations/from-version-%d", v);
      g_test_add_data_func (name, GINT_TO_POINTER (v), test_from_version);
    }
  return g_test_run ();
}
