/* test-revtree.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The revision tree against CouchDB's semantics: linear edits, branches and
 * the winner rule in every order of arrival, deleted leaves, idempotent
 * replays, stemming at revs_limit, unknown fields, the merge base and the
 * pending flag.
 */
#include "config.h"

#include <string.h>

#include "cg-test-util.h"

/* 32-hex hashes as CouchDB and PouchDB make them; b… > a… bytewise. */
#define H_A "1111aaaa1111aaaa1111aaaa1111aaaa"
#define H_B "2222bbbb2222bbbb2222bbbb2222bbbb"
#define H_C "3333cccc3333cccc3333cccc3333cccc"
#define H_D "4444dddd4444dddd4444dddd4444dddd"
#define H_E "5555eeee5555eeee5555eeee5555eeee"

static void
test_linear_edits (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_test_customer_doc ("customer:1", "김민준");
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(JsonObject) revisions = NULL;
  g_autofree char *rev1 = NULL;
  g_autofree char *rev2 = NULL;
  g_auto(GStrv) leaves = NULL;

  rev1 = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rev1, "1-"));
  g_assert_cmpuint (strlen (rev1), ==, 2 + 32);
  for (const char *p = rev1 + 2; *p; p++)
    g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));

  json_object_set_string_member (doc, "_rev", rev1);
  json_object_set_string_member (doc, "name", "김민준 (VIP)");
  rev2 = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rev2, "2-"));

  got = cg_store_get (store, "customer:1", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cg_json_get_string (got, "_rev"), ==, rev2);
  g_assert_cmpstr (cg_json_get_string (got, "name"), ==, "김민준 (VIP)");

  leaves = cg_store_get_leaves (store, "customer:1", TRUE);
  g_assert_cmpuint (g_strv_length (leaves), ==, 1);
  g_assert_cmpstr (leaves[0], ==, rev2);

  revisions = cg_store_get_revisions (store, "customer:1", rev2);
  g_assert_cmpint (json_object_get_int_member (revisions, "start"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (revisions, "ids")), ==, 2);
  g_assert_cmpstr (cg_json_array_get_string (json_object_get_array_member (revisions, "ids"), 1), ==, rev1 + 2);

  /* Writing on top of the old revision again is CouchDB's 409. */
  json_object_set_string_member (doc, "_rev", rev1);
  g_assert_null (cg_store_put (store, doc, &error));
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* So is creating a document that exists, without a _rev. */
  json_object_remove_member (doc, "_rev");
  g_assert_null (cg_store_put (store, doc, &error));
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_CONFLICT);
}

/* The three revisions of a two-branch tree: 1-a, 2-b (on a), 2-c (on a). */
static JsonObject *
branch_rev (guint which)
{
  g_autoptr(JsonObject) base = cg_test_customer_doc ("customer:x", "Alex Kim");

  switch (which)
    {
    case 0: return cg_test_replicated (base, "1-" H_A, FALSE);
    case 1:
      json_object_set_string_member (base, "name", "Alex Kim (branch b)");
      return cg_test_replicated (base, "2-" H_B " 1-" H_A, FALSE);
    default:
      json_object_set_string_member (base, "name", "Alex Kim (branch c)");
      return cg_test_replicated (base, "2-" H_C " 1-" H_A, FALSE);
    }
}

static void
test_conflict_winner_every_order (void)
{
  static const guint orders[6][3] = {
    { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
  };

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autoptr(CgStore) store = cg_test_open_store (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) got = NULL;
      g_auto(GStrv) leaves = NULL;
      g_auto(GStrv) conflicts = NULL;
      JsonArray *conflict_list;

      for (guint i = 0; i < 3; i++)
        {
          g_autoptr(JsonObject) doc = branch_rev (orders[o][i]);
          cg_store_put_replicated (store, doc, &error);
          g_assert_no_error (error);
        }

      /* CouchDB: same generation, so the greater hash (c) wins. */
      got = cg_store_get (store, "customer:x", TRUE, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (cg_json_get_string (got, "_rev"), ==, "2-" H_C);
      g_assert_cmpstr (cg_json_get_string (got, "name"), ==, "Alex Kim (branch c)");
      conflict_list = cg_json_get_array (got, "_conflicts");
      g_assert_nonnull (conflict_list);
      g_assert_cmpuint (json_array_get_length (conflict_list), ==, 1);
      g_assert_cmpstr (cg_json_array_get_string (conflict_list, 0), ==, "2-" H_B);

      leaves = cg_store_get_leaves (store, "customer:x", TRUE);
      g_assert_cmpuint (g_strv_length (leaves), ==, 2);
      g_assert_cmpuint (cg_store_count_conflicts (store), ==, 1);
      conflicts = cg_store_list_conflicts (store);
      g_assert_cmpstr (conflicts[0], ==, "customer:x");
      /* The search index shows the winner only. */
      g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM customers"), ==, 1);
      g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM revs"), ==, 3);
      /* Replicated revisions are not local changes. */
      g_assert_cmpuint (cg_store_count_pending (store), ==, 0);
    }
}

static void
test_generation_is_numeric (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) base = cg_test_customer_doc ("customer:g", "Numeric");
  g_autoptr(JsonObject) nine = cg_test_replicated (base, "9-" H_E, FALSE);
  g_autoptr(JsonObject) ten = cg_test_replicated (base, "10-" H_A, FALSE);
  g_autoptr(JsonObject) got = NULL;

  cg_store_put_replicated (store, nine, &error);
  g_assert_no_error (error);
  cg_store_put_replicated (store, ten, &error);
  g_assert_no_error (error);
  /* "10-…" < "9-…" as strings; CouchDB compares the generation as a number. */
  got = cg_store_get (store, "customer:g", FALSE, &error);
  g_assert_cmpstr (cg_json_get_string (got, "_rev"), ==, "10-" H_A);
}

static void
test_deleted_leaves (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) base = cg_test_customer_doc ("customer:d", "Dana Lee");
  g_autoptr(JsonObject) r1 = cg_test_replicated (base, "1-" H_A, FALSE);
  g_autoptr(JsonObject) r2b = cg_test_replicated (base, "2-" H_B " 1-" H_A, FALSE);
  g_autoptr(JsonObject) r3d = cg_test_replicated (base, "3-" H_D " 2-" H_C " 1-" H_A, TRUE);
  g_autoptr(JsonObject) r3b = cg_test_replicated (base, "3-" H_E " 2-" H_B " 1-" H_A, TRUE);
  g_autoptr(JsonObject) got = NULL;
  g_auto(GStrv) leaves = NULL;

  cg_store_put_replicated (store, r1, &error);
  g_assert_no_error (error);
  cg_store_put_replicated (store, r2b, &error);
  g_assert_no_error (error);
  cg_store_put_replicated (store, r3d, &error);
  g_assert_no_error (error);

  /* A live leaf beats a deleted one of a higher generation. */
  got = cg_store_get (store, "customer:d", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cg_json_get_string (got, "_rev"), ==, "2-" H_B);
  g_assert_false (json_object_has_member (got, "_conflicts"));   /* deleted leaves are not conflicts */
  g_assert_cmpuint (cg_store_count_conflicts (store), ==, 0);
  g_clear_pointer (&got, json_object_unref);

  /* Delete the last live branch: the document is gone, tombstones kept. */
  cg_store_put_replicated (store, r3b, &error);
  g_assert_no_error (error);
  got = cg_store_get (store, "customer:d", FALSE, &error);
  g_assert_null (got);
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  leaves = cg_store_get_leaves (store, "customer:d", TRUE);
  g_assert_cmpuint (g_strv_length (leaves), ==, 2);
  g_assert_cmpstr (leaves[0], ==, "3-" H_E);   /* both deleted: the greater hash first */
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM customers"), ==, 0);
  g_assert_cmpint (cg_test_query_int (store, "SELECT deleted FROM docs WHERE id = 'customer:d'"), ==, 1);
}

static void
test_replay_is_noop (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  gint64 seq_before;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonObject) doc = branch_rev (i);
      g_assert_true (cg_store_put_replicated (store, doc, &error));
      g_assert_no_error (error);
    }
  seq_before = cg_store_get_last_seq (store);

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(JsonObject) doc = branch_rev (i);
        g_assert_false (cg_store_put_replicated (store, doc, &error));
        g_assert_no_error (error);
      }
  g_assert_cmpint (cg_store_get_last_seq (store), ==, seq_before);
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM revs"), ==, 3);
}

static void
test_revs_limit (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_test_customer_doc ("customer:s", "Stem");
  g_autoptr(JsonObject) revisions = NULL;
  g_autofree char *rev = NULL;

  cg_store_set_revs_limit (store, 5);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("Stem %u", i);
      json_object_set_string_member (doc, "name", name);
      if (rev != NULL)
        json_object_set_string_member (doc, "_rev", rev);
      g_free (rev);
      rev = cg_store_put (store, doc, &error);
      g_assert_no_error (error);
    }
  g_assert_true (g_str_has_prefix (rev, "12-"));
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM revs"), ==, 5);
  revisions = cg_store_get_revisions (store, "customer:s", rev);
  g_assert_cmpint (json_object_get_int_member (revisions, "start"), ==, 12);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (revisions, "ids")), ==, 5);

  /* A replicated ancestry longer than the limit is trimmed on arrival. */
  {
    g_autoptr(GString) ancestry = g_string_new (NULL);
    g_autoptr(JsonObject) base = cg_test_customer_doc ("customer:t", "Long");
    g_autoptr(JsonObject) replicated = NULL;
    for (guint gen = 20; gen >= 1; gen--)
      g_string_append_printf (ancestry, "%s%u-%032x", ancestry->len ? " " : "", gen, gen);
    replicated = cg_test_replicated (base, ancestry->str, FALSE);
    cg_store_put_replicated (store, replicated, &error);
    g_assert_no_error (error);
    g_assert_cmpint (cg_test_query_int (store,
      "SELECT count(*) FROM revs r JOIN docs d USING (doc_id) WHERE d.id = 'customer:t'"), ==, 5);
  }
}

static void
test_unknown_fields_survive (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_test_customer_doc ("customer:u", "Future Proof");
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(JsonObject) replicated = NULL;
  g_autofree char *rev = NULL;
  JsonObject *loyalty;

  json_object_set_object_member (doc, "loyalty_v9", cg_test_json ("{\"points\": 1200, \"card\": \"gold\"}"));
  replicated = cg_test_replicated (doc, "1-" H_A, FALSE);
  cg_store_put_replicated (store, replicated, &error);
  g_assert_no_error (error);

  json_object_set_string_member (changes, "tier", "gold");
  g_assert_true (cg_customer_update (store, "customer:u", changes, &error));
  g_assert_no_error (error);

  got = cg_store_get (store, "customer:u", FALSE, &error);
  g_assert_cmpstr (cg_json_get_string (got, "tier"), ==, "gold");
  loyalty = cg_json_get_object (got, "loyalty_v9");
  g_assert_nonnull (loyalty);
  g_assert_cmpint (json_object_get_int_member (loyalty, "points"), ==, 1200);
  g_assert_true (g_str_has_prefix (cg_json_get_string (got, "_rev"), "2-"));
  (void) rev;
}

static void
test_pending_and_merge_base (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_test_customer_doc ("customer:p", "Pending Park");
  g_autoptr(JsonObject) base = NULL;
  g_autofree char *rev1 = NULL;
  g_autofree char *rev2 = NULL;

  rev1 = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cg_store_count_pending (store), ==, 1);
  g_assert_null (cg_store_get_synced_base (store, "customer:p"));

  /* The push side: the central side acknowledged rev1. */
  g_assert_true (cg_store_mark_synced (store, "customer:p", rev1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cg_store_count_pending (store), ==, 0);

  json_object_set_string_member (doc, "_rev", rev1);
  json_object_set_string_member (doc, "name", "Pending Park II");
  rev2 = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cg_store_count_pending (store), ==, 1);

  /* rev1 is no longer a leaf, but its body is kept as the merge base. */
  base = cg_store_get_synced_base (store, "customer:p");
  g_assert_nonnull (base);
  g_assert_cmpstr (cg_json_get_string (base, "name"), ==, "Pending Park");
  g_assert_cmpstr (cg_json_get_string (base, "_rev"), ==, rev1);

  /* Acknowledging rev2 moves the base and drops rev1's body. */
  g_assert_true (cg_store_mark_synced (store, "customer:p", rev2, &error));
  g_assert_cmpuint (cg_store_count_pending (store), ==, 0);
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM revs WHERE body IS NOT NULL"), ==, 1);
}

static void
test_resolve_conflict (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) got = NULL;
  g_autofree char *tomb = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonObject) doc = branch_rev (i);
      cg_store_put_replicated (store, doc, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (cg_store_count_conflicts (store), ==, 1);

  /* Resolving = deleting the losing leaf (after merging into the winner). */
  tomb = cg_store_delete (store, "customer:x", "2-" H_B, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (tomb, "3-"));
  g_assert_cmpuint (cg_store_count_conflicts (store), ==, 0);
  got = cg_store_get (store, "customer:x", TRUE, &error);
  g_assert_cmpstr (cg_json_get_string (got, "_rev"), ==, "2-" H_C);
  g_assert_false (json_object_has_member (got, "_conflicts"));
  g_assert_cmpuint (cg_store_count_pending (store), ==, 1);   /* the tombstone must be pushed */
}

static void
test_local_delete_and_recreate (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_test_customer_doc ("customer:r", "Recreated");
  g_autofree char *rev1 = cg_store_put (store, doc, &error);
  g_autofree char *rev2 = NULL;
  g_autofree char *rev3 = NULL;
  g_autoptr(JsonObject) got = NULL;

  g_assert_no_error (error);
  rev2 = cg_store_delete (store, "customer:r", rev1, &error);
  g_assert_no_error (error);
  g_assert_null (cg_store_get (store, "customer:r", FALSE, &error));
  g_clear_error (&error);
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM customers"), ==, 0);

  /* Recreating extends the tombstone branch, as CouchDB does. */
  rev3 = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rev3, "3-"));
  got = cg_store_get (store, "customer:r", FALSE, &error);
  g_assert_nonnull (got);
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM customers"), ==, 1);
}

/* Members come back in the order they were written (json-glib's iterator
 * would give hash order: "total" before "number" in an order). */
static void
test_member_order_kept (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_test_json (
    "{\"_id\": \"customer:o\", \"type\": \"customer\", \"name\": \"Order Kept\", \"zeta\": 1,"
    " \"alpha\": 2, \"middle\": 3, \"created_at\": \"2026-11-01T09:00:00Z\", \"updated_at\": \"2026-11-01T09:00:00Z\"}");
  g_autofree char *rev = cg_store_put (store, doc, &error);
  g_autoptr(JsonObject) got = cg_store_get (store, "customer:o", FALSE, &error);
  g_autoptr(GList) names = json_object_get_members (got);
  const char *expected[] = { "_id", "_rev", "type", "name", "zeta", "alpha", "middle", "created_at", "updated_at" };
  guint i = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (names), ==, G_N_ELEMENTS (expected));
  for (GList *l = names; l != NULL; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, expected[i]);
}

static void
test_bad_replicated_input (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  static const char *bad[] = {
    "{\"_id\": \"customer:b\", \"type\": \"customer\"}",                                  /* no _rev */
    "{\"_id\": \"customer:b\", \"_rev\": \"x-1\", \"type\": \"customer\"}",              /* bad rev */
    "{\"_id\": \"customer:b\", \"_rev\": \"2-abc\", \"_revisions\": {\"start\": 3, \"ids\": [\"abc\"]}}",
    "{\"_id\": \"customer:b\", \"_rev\": \"2-abc\", \"_revisions\": {\"start\": 2, \"ids\": [\"zzz\"]}}",
    "{\"_id\": \"customer:b\", \"_rev\": \"2-abc\", \"_revisions\": {\"start\": 2, \"ids\": \"abc\"}}",
    "{\"_id\": \"customer:b\", \"_rev\": \"2-abc\", \"_revisions\": [1, 2]}",
    "{\"_id\": 42, \"_rev\": \"1-abc\"}",
    "{\"_id\": \"_design/x\", \"_rev\": \"1-abc\"}",
    "{\"_id\": \"customer:b\", \"_rev\": \"1-abc\", \"type\": \"customer\", \"name\": 7,"
    " \"created_at\": \"2026-11-01T09:00:00Z\", \"updated_at\": \"2026-11-01T09:00:00Z\"}",
    "{\"_id\": \"customer:b\", \"_rev\": \"1-abc\", \"type\": \"spaceship\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) doc = cg_test_json (bad[i]);
      g_assert_false (cg_store_put_replicated (store, doc, &error));
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, !=, "");
    }
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM docs"), ==, 0);
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM revs"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/revtree/linear-edits", test_linear_edits);
  g_test_add_func ("/revtree/conflict-winner-every-order", test_conflict_winner_every_order);
  g_test_add_func ("/revtree/generation-is-numeric", test_generation_is_numeric);
  g_test_add_func ("/revtree/deleted-leaves", test_deleted_leaves);
  g_test_add_func ("/revtree/replay-is-noop", test_replay_is_noop);
  g_test_add_func ("/revtree/revs-limit", test_revs_limit);
  g_test_add_func ("/revtree/unknown-fields-survive", test_unknown_fields_survive);
  g_test_add_func ("/revtree/pending-and-merge-base", test_pending_and_merge_base);
  g_test_add_func ("/revtree/resolve-conflict", test_resolve_conflict);
  g_test_add_func ("/revtree/local-delete-and-recreate", test_local_delete_and_recreate);
  g_test_add_func ("/revtree/member-order-kept", test_member_order_kept);
  g_test_add_func ("/revtree/bad-replicated-input", test_bad_replicated_input);

  return g_test_run ();
}
