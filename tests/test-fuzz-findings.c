/* test-fuzz-findings.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bugs the fuzz targets (tests/fuzz/) found, one test each, in the normal
 * suite; the minimised inputs are also in the targets' corpora as
 * regression seeds (tests/fuzz/corpus/…/regress-*).
 */
#include "config.h"

#include <string.h>

#include "cg-test-util.h"

#define H_A "1111aaaa1111aaaa1111aaaa1111aaaa"
#define H_B "2222bbbb2222bbbb2222bbbb2222bbbb"

/* fuzz-document, regress-rev-leading-zero: a revision with a leading zero
 * ("02-…") is the same revision as "2-…" to CouchDB, but was stored as
 * another string: the same revision arriving in both spellings made two
 * leaves (a conflict that is none), and a revision written as "02-…" with
 * its ancestry was then not found under the name it was written with. */
static void
test_rev_leading_zero (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(JsonObject) doc = cg_test_customer_doc ("customer:1", "Kim");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) leaves = NULL;

  {
    g_autoptr(JsonObject) r1 = cg_json_copy (doc);
    json_object_set_string_member (r1, "_rev", "1-" H_A);
    g_assert_true (cg_store_put_replicated (store, r1, &error));
    g_assert_no_error (error);
  }
  /* The same revision, spelt with a leading zero: refused as not a
   * revision (CouchDB never writes one), never a second leaf. */
  {
    g_autoptr(JsonObject) r1 = cg_json_copy (doc);
    json_object_set_string_member (r1, "_rev", "01-" H_A);
    g_assert_false (cg_store_put_replicated (store, r1, &error));
    g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    g_autoptr(JsonObject) r2 = cg_test_replicated (doc, "2-" H_B " 1-" H_A, FALSE);
    json_object_set_string_member (r2, "_rev", "02-" H_B);
    g_assert_false (cg_store_put_replicated (store, r2, &error));
    g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  leaves = cg_store_get_leaves (store, "customer:1", TRUE);
  g_assert_cmpuint (g_strv_length (leaves), ==, 1);
  g_assert_cmpstr (leaves[0], ==, "1-" H_A);
  g_assert_false (cg_store_has_revision (store, "customer:1", "01-" H_A));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fuzz-findings/rev-leading-zero", test_rev_leading_zero);
  return g_test_run ();
}
