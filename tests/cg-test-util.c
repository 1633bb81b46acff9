/* cg-test-util.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cg-test-util.h"

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL &&
         (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

static void
cleanup_tmpdirs (void)
{
  for (guint i = 0; tmpdirs != NULL && i < tmpdirs->len; i++)
    remove_tree (g_ptr_array_index (tmpdirs, i));
}

char *
cg_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("changgu-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (cleanup_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

CgStore *
cg_test_open_store (char **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "store.db", NULL);
  CgStore *store = cg_store_open (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (path)
    *path = g_steal_pointer (&file);
  return store;
}

JsonObject *
cg_test_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = cg_json_from_string (json, &error);

  g_assert_no_error (error);
  return object;
}

JsonObject *
cg_test_customer_doc (const char *id,
                      const char *name)
{
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "customer");
  json_object_set_string_member (doc, "name", name);
  json_object_set_array_member (doc, "phones", json_array_new ());
  json_object_set_string_member (doc, "created_at", "2026-11-01T09:00:00Z");
  json_object_set_string_member (doc, "updated_at", "2026-11-01T09:00:00Z");
  return doc;
}

JsonObject *
cg_test_replicated (JsonObject *doc,
                    const char *ancestry,
                    gboolean    deleted)
{
  g_auto(GStrv) revs = g_strsplit (ancestry, " ", -1);
  JsonObject *copy = cg_json_copy (doc);
  JsonObject *revisions = json_object_new ();
  JsonArray *ids = json_array_new ();

  for (guint i = 0; revs[i] != NULL; i++)
    json_array_add_string_element (ids, strchr (revs[i], '-') + 1);
  json_object_set_int_member (revisions, "start", g_ascii_strtoll (revs[0], NULL, 10));
  json_object_set_array_member (revisions, "ids", ids);
  json_object_set_string_member (copy, "_rev", revs[0]);
  json_object_set_object_member (copy, "_revisions", revisions);
  if (deleted)
    json_object_set_boolean_member (copy, "_deleted", TRUE);
  return copy;
}

gint64
cg_test_query_int (CgStore    *store,
                   const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (cg_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

void
cg_test_assert_integrity (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}
