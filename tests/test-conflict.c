/* test-conflict.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conflicts made the way sync makes them (a local edit and a pulled one,
 * or two pulled branches), the field-by-field auto-merge rules, and
 * resolution: one live leaf left, unknown fields kept, the merged revision
 * and the tombstones waiting to be pushed.
 */
#include "config.h"

#include "cg-test-util.h"

#define BASE_JSON \
  "{\"_id\":\"customer:k\",\"type\":\"customer\",\"name\":\"Park\",\"phones\":[\"+821012345678\"]," \
  "\"tier\":\"gold\",\"notes\":\"first\",\"x_future\":1,\"created_at\":\"2026-01-01T09:00:00Z\"," \
  "\"updated_at\":\"2026-01-01T09:00:00Z\"}"

static void
put_replicated (CgStore    *store,
                const char *json,
                const char *ancestry)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = cg_test_json (json);
  g_autoptr(JsonObject) doc = cg_test_replicated (body, ancestry, FALSE);

  g_assert_true (cg_store_put_replicated (store, doc, &error));
  g_assert_no_error (error);
}

static const CgConflictField *
field (CgConflict *conflict,
       const char *name)
{
  for (guint i = 0; i < cg_conflict_get_n_fields (conflict); i++)
    if (g_str_equal (cg_conflict_get_field (conflict, i)->name, name))
      return cg_conflict_get_field (conflict, i);
  g_assert_not_reached ();
  return NULL;
}

static gboolean
has_field (CgConflict *conflict,
           const char *name)
{
  for (guint i = 0; i < cg_conflict_get_n_fields (conflict); i++)
    if (g_str_equal (cg_conflict_get_field (conflict, i)->name, name))
      return TRUE;
  return FALSE;
}

/* A local edit (the winner) against a pulled edit from another device (the
 * "2-0" branch, which loses CouchDB's tie-break to any local hash). */
static CgStore *
make_local_remote_conflict (void)
{
  CgStore *store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) local = NULL;

  put_replicated (store, BASE_JSON, "1-a");
  local = cg_test_json ("{\"notes\":\"changed here\",\"tier\":\"silver\"}");
  g_assert_true (cg_customer_update_as (store, "customer:k", local, "staff:0421-02", &error));
  g_assert_no_error (error);
  put_replicated (store,
                  "{\"_id\":\"customer:k\",\"type\":\"customer\",\"name\":\"Park Jiwoo\",\"phones\":[\"+821012345678\"],"
                  "\"tier\":\"vip\",\"notes\":\"first\",\"x_future\":2,\"created_at\":\"2026-01-01T09:00:00Z\","
                  "\"updated_at\":\"2026-01-02T09:00:00Z\",\"updated_by\":\"staff:0777-01\",\"updated_device\":\"dev-b\"}",
                  "2-0 1-a");
  return store;
}

static void
test_auto_merge_rules (void)
{
  g_autoptr(CgStore) store = make_local_remote_conflict ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CgConflict) conflict = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_cmpuint (cg_store_count_conflicts (store), ==, 1);
  conflict = cg_conflict_load (store, "customer:k", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cg_conflict_get_doc_type (conflict), ==, "customer");
  g_assert_cmpuint (cg_conflict_get_n_others (conflict), ==, 1);
  g_assert_cmpstr (cg_json_get_string (cg_conflict_get_other (conflict), "_rev"), ==, "2-0");
  g_assert_cmpstr (cg_json_get_string (cg_conflict_get_winner (conflict), "updated_by"), ==, "staff:0421-02");
  /* The fork point is still known after the pull (I8). */
  g_assert_nonnull (cg_conflict_get_base (conflict));
  g_assert_cmpstr (cg_json_get_string (cg_conflict_get_base (conflict), "_rev"), ==, "1-a");

  g_assert_cmpint (field (conflict, "phones")->state, ==, CG_CONFLICT_SAME);
  g_assert_cmpint (field (conflict, "name")->state, ==, CG_CONFLICT_OTHER);
  g_assert_cmpint (field (conflict, "notes")->state, ==, CG_CONFLICT_WINNER);
  g_assert_cmpint (field (conflict, "tier")->state, ==, CG_CONFLICT_BOTH);
  /* Unknown fields follow the same rules. */
  g_assert_cmpint (field (conflict, "x_future")->state, ==, CG_CONFLICT_OTHER);
  /* The change stamp is not a field. */
  g_assert_false (has_field (conflict, "updated_by"));
  g_assert_false (has_field (conflict, "updated_at"));
  g_assert_cmpuint (cg_conflict_count_choices (conflict), ==, 1);

  /* Default for "both": the winner's value. */
  merged = cg_conflict_build_merged (conflict);
  g_assert_cmpstr (cg_json_get_string (merged, "name"), ==, "Park Jiwoo");
  g_assert_cmpstr (cg_json_get_string (merged, "notes"), ==, "changed here");
  g_assert_cmpstr (cg_json_get_string (merged, "tier"), ==, "silver");
  g_clear_pointer (&merged, json_object_unref);

  g_assert_true (cg_conflict_choose (conflict, "tier", CG_CONFLICT_SIDE_OTHER));
  g_assert_false (cg_conflict_choose (conflict, "nope", CG_CONFLICT_SIDE_OTHER));
  merged = cg_conflict_build_merged (conflict);
  g_assert_cmpstr (cg_json_get_string (merged, "tier"), ==, "vip");
  g_assert_cmpstr (cg_json_get_string (merged, "_rev"), ==,
                   cg_json_get_string (cg_conflict_get_winner (conflict), "_rev"));

  list = cg_conflict_list (store);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (cg_conflict_get_title (g_ptr_array_index (list, 0)), ==, "Park");
}

static void
test_resolve (void)
{
  g_autoptr(CgStore) store = make_local_remote_conflict ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CgConflict) conflict = cg_conflict_load (store, "customer:k", &error);
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_auto(GStrv) live = NULL;
  g_auto(GStrv) all = NULL;
  g_auto(GStrv) unsynced = NULL;
  g_autoptr(CgConflict) again = NULL;
  gint64 x = 0;

  g_assert_no_error (error);
  cg_conflict_choose (conflict, "tier", CG_CONFLICT_SIDE_OTHER);
  merged = cg_conflict_build_merged (conflict);
  g_assert_true (cg_conflict_resolve (store, "customer:k", merged, "staff:0421-01", &error));
  g_assert_no_error (error);

  g_assert_cmpuint (cg_store_count_conflicts (store), ==, 0);
  live = cg_store_get_leaves (store, "customer:k", FALSE);
  g_assert_cmpuint (g_strv_length (live), ==, 1);
  g_assert_true (g_str_has_prefix (live[0], "3-"));
  /* The other branch ends in a tombstone. */
  all = cg_store_get_leaves (store, "customer:k", TRUE);
  g_assert_cmpuint (g_strv_length (all), ==, 2);
  g_assert_true (g_str_has_prefix (all[1], "3-"));
  /* Both are local changes for the push. */
  unsynced = cg_store_get_unsynced_leaves (store, "customer:k");
  g_assert_cmpuint (g_strv_length (unsynced), ==, 2);

  doc = cg_store_get (store, "customer:k", TRUE, &error);
  g_assert_false (json_object_has_member (doc, "_conflicts"));
  g_assert_cmpstr (cg_json_get_string (doc, "name"), ==, "Park Jiwoo");
  g_assert_cmpstr (cg_json_get_string (doc, "notes"), ==, "changed here");
  g_assert_cmpstr (cg_json_get_string (doc, "tier"), ==, "vip");
  g_assert_true (cg_json_get_int (doc, "x_future", &x));
  g_assert_cmpint (x, ==, 2);
  g_assert_cmpstr (cg_json_get_string (doc, "updated_by"), ==, "staff:0421-01");
  g_assert_nonnull (cg_json_get_string (doc, "updated_device"));

  /* No conflict left to load. */
  again = cg_conflict_load (store, "customer:k", &error);
  g_assert_null (again);
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND);
}

static void
test_stale_resolution (void)
{
  g_autoptr(CgStore) store = make_local_remote_conflict ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CgConflict) conflict = cg_conflict_load (store, "customer:k", &error);
  g_autoptr(JsonObject) merged = cg_conflict_build_merged (conflict);
  g_autoptr(JsonObject) edit = cg_test_json ("{\"notes\":\"edited meanwhile\"}");
  g_auto(GStrv) live = NULL;

  /* Someone edits the winner after the supervisor opened the conflict. */
  g_assert_true (cg_customer_update_as (store, "customer:k", edit, "staff:0421-03", &error));
  g_assert_false (cg_conflict_resolve (store, "customer:k", merged, "staff:0421-01", &error));
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_CONFLICT);
  /* Nothing deleted. */
  live = cg_store_get_leaves (store, "customer:k", FALSE);
  g_assert_cmpuint (g_strv_length (live), ==, 2);
  g_assert_cmpuint (cg_store_count_conflicts (store), ==, 1);
}

static void
test_two_remote_branches (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgConflict) conflict = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_auto(GStrv) live = NULL;

  /* Three branches from the central side; no common ancestor body here:
   * every difference needs a choice. */
  put_replicated (store, BASE_JSON, "1-a");
  put_replicated (store,
                  "{\"_id\":\"customer:k\",\"type\":\"customer\",\"name\":\"Park X\",\"phones\":[\"+821012345678\"],"
                  "\"tier\":\"gold\",\"notes\":\"first\",\"x_future\":1,\"created_at\":\"2026-01-01T09:00:00Z\","
                  "\"updated_at\":\"2026-01-02T09:00:00Z\"}", "2-x 1-a");
  put_replicated (store,
                  "{\"_id\":\"customer:k\",\"type\":\"customer\",\"name\":\"Park\",\"phones\":[\"+821012345678\"],"
                  "\"tier\":\"vip\",\"notes\":\"first\",\"x_future\":1,\"created_at\":\"2026-01-01T09:00:00Z\","
                  "\"updated_at\":\"2026-01-02T09:00:00Z\"}", "2-y 1-a");
  put_replicated (store,
                  "{\"_id\":\"customer:k\",\"type\":\"customer\",\"name\":\"Park\",\"phones\":[],"
                  "\"tier\":\"gold\",\"notes\":\"first\",\"x_future\":1,\"created_at\":\"2026-01-01T09:00:00Z\","
                  "\"updated_at\":\"2026-01-02T09:00:00Z\"}", "2-b 1-a");

  conflict = cg_conflict_load (store, "customer:k", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cg_conflict_get_n_others (conflict), ==, 2);
  /* Winner 2-y (greatest hash), compared with 2-x. */
  g_assert_cmpstr (cg_json_get_string (cg_conflict_get_winner (conflict), "_rev"), ==, "2-y");
  g_assert_cmpstr (cg_json_get_string (cg_conflict_get_other (conflict), "_rev"), ==, "2-x");
  g_assert_null (cg_conflict_get_base (conflict));
  g_assert_cmpint (field (conflict, "name")->state, ==, CG_CONFLICT_BOTH);
  g_assert_cmpint (field (conflict, "tier")->state, ==, CG_CONFLICT_BOTH);
  g_assert_cmpint (field (conflict, "notes")->state, ==, CG_CONFLICT_SAME);
  g_assert_cmpuint (cg_conflict_count_choices (conflict), ==, 2);

  cg_conflict_choose (conflict, "name", CG_CONFLICT_SIDE_OTHER);
  merged = cg_conflict_build_merged (conflict);
  g_assert_true (cg_conflict_resolve (store, "customer:k", merged, "staff:0421-01", &error));
  g_assert_no_error (error);

  /* Only the branch that was shown is merged away: the third one (2-b,
   * which emptied the phones) was never seen and must not be lost. */
  live = cg_store_get_leaves (store, "customer:k", FALSE);
  g_assert_cmpuint (g_strv_length (live), ==, 2);
  g_assert_cmpuint (cg_store_count_conflicts (store), ==, 1);
  g_clear_pointer (&live, g_strfreev);
  g_clear_pointer (&merged, json_object_unref);
  g_clear_object (&conflict);

  conflict = cg_conflict_load (store, "customer:k", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cg_conflict_get_n_others (conflict), ==, 1);
  g_assert_cmpstr (cg_json_get_string (cg_conflict_get_other (conflict), "_rev"), ==, "2-b");
  g_assert_cmpint (field (conflict, "phones")->state, ==, CG_CONFLICT_BOTH);
  cg_conflict_choose (conflict, "phones", CG_CONFLICT_SIDE_WINNER);
  merged = cg_conflict_build_merged (conflict);
  g_assert_true (cg_conflict_resolve (store, "customer:k", merged, "staff:0421-01", &error));
  g_assert_no_error (error);
  live = cg_store_get_leaves (store, "customer:k", FALSE);
  g_assert_cmpuint (g_strv_length (live), ==, 1);
  g_assert_cmpuint (cg_store_count_conflicts (store), ==, 0);
  {
    g_autoptr(JsonObject) doc = cg_store_get (store, "customer:k", FALSE, &error);
    g_assert_cmpstr (cg_json_get_string (doc, "name"), ==, "Park X");
    g_assert_cmpstr (cg_json_get_string (doc, "tier"), ==, "vip");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "phones")), ==, 1);
  }
}

/* The fork point stays the merge base after the local branch is pushed,
 * and moves on once the conflict is resolved and acknowledged. */
static void
test_base_survives_push (void)
{
  g_autoptr(CgStore) store = make_local_remote_conflict ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) base = NULL;
  g_autoptr(CgConflict) conflict = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_auto(GStrv) local = cg_store_get_unsynced_leaves (store, "customer:k");
  g_auto(GStrv) live = NULL;

  g_assert_cmpuint (g_strv_length (local), ==, 1);
  g_assert_true (cg_store_mark_synced (store, "customer:k", local[0], &error));
  base = cg_store_get_synced_base (store, "customer:k");
  g_assert_cmpstr (cg_json_get_string (base, "_rev"), ==, "1-a");
  g_clear_pointer (&base, json_object_unref);

  conflict = cg_conflict_load (store, "customer:k", &error);
  g_assert_nonnull (cg_conflict_get_base (conflict));
  merged = cg_conflict_build_merged (conflict);
  g_assert_true (cg_conflict_resolve (store, "customer:k", merged, "staff:0421-01", &error));
  live = cg_store_get_leaves (store, "customer:k", FALSE);
  g_assert_true (cg_store_mark_synced (store, "customer:k", live[0], &error));
  g_assert_no_error (error);
  base = cg_store_get_synced_base (store, "customer:k");
  g_assert_cmpstr (cg_json_get_string (base, "_rev"), ==, live[0]);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/conflict/auto-merge-rules", test_auto_merge_rules);
  g_test_add_func ("/conflict/resolve", test_resolve);
  g_test_add_func ("/conflict/stale-resolution", test_stale_resolution);
  g_test_add_func ("/conflict/two-remote-branches", test_two_remote_branches);
  g_test_add_func ("/conflict/base-survives-push", test_base_survives_push);
  return g_test_run ();
}
