/* test-search.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Customer search: Korean names by any part, phone numbers by any run of 4+
 * digits however typed, e-mails, order and case numbers, and input that
 * would be FTS5 syntax if it were not escaped.
 */
#include "config.h"

#include <string.h>

#include "cg-test-util.h"

typedef struct {
  CgStore *store;
  char    *minjun, *leeminjun, *seoyeon, *alex, *jordan;
  char    *order_number, *case_number;
} Fixture;

static void
put_order (CgStore *store, const char *number, const char *customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf (
    "{\"_id\":\"order:0421:%s\",\"type\":\"order\",\"number\":\"%s\",\"customer_id\":\"%s\","
    "\"store_id\":\"0421\",\"channel\":\"online\",\"items\":[{\"sku\":\"S1\",\"name\":\"Scarf\",\"qty\":1,"
    "\"unit_price\":39000}],\"total\":39000,\"currency\":\"KRW\",\"status\":\"placed\","
    "\"created_at\":\"2026-11-20T10:00:00Z\"}", number, number, customer_id);
  g_autoptr(JsonObject) doc = cg_test_json (json);
  g_autofree char *rev = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  CgCaseDraft draft = { .channel = "counter", .category = "return", .subject = "Wrong size",
                        .priority = "normal", .created_by = "staff:1" };
  g_autoptr(JsonObject) kase = NULL;

  f->store = cg_test_open_store (NULL);
  g_assert_true (cg_device_set_identity (f->store, "0421", "C1", "counter", &error));
  f->minjun = cg_customer_create (f->store, "김민준", "010-1234-5678", "minjun.kim@example.kr", "ko", &error);
  g_assert_no_error (error);
  f->leeminjun = cg_customer_create (f->store, "이민준", "010-9876-5432", NULL, "ko", &error);
  f->seoyeon = cg_customer_create (f->store, "박 서연", "02-555-0199", "seoyeon@naver.com", "ko", &error);
  f->alex = cg_customer_create (f->store, "Alex Morgan", "+1 415 555 0100", "alex@example.com", "en", &error);
  f->jordan = cg_customer_create (f->store, "Jordan OR Near", NULL, "jordan@example.com", "en", &error);
  g_assert_no_error (error);

  f->order_number = g_strdup ("W24001234");
  put_order (f->store, f->order_number, f->alex);
  draft.customer_id = f->seoyeon;
  {
    g_autofree char *case_id = cg_case_create (f->store, &draft, &error);
    g_assert_no_error (error);
    kase = cg_store_get (f->store, case_id, FALSE, &error);
    f->case_number = g_strdup (cg_json_get_string (kase, "number"));
  }
  g_assert_cmpstr (f->case_number, ==, "0421-C1-000001");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_free (f->minjun); g_free (f->leeminjun); g_free (f->seoyeon);
  g_free (f->alex); g_free (f->jordan);
  g_free (f->order_number); g_free (f->case_number);
}

/* The ids of the customers found, sorted, joined with spaces. */
static char *
find (Fixture *f, const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rowids = cg_store_search_customers (f->store, query, 100, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_assert_no_error (error);
  g_assert_nonnull (rowids);
  rows = cg_customer_summaries_load (f->store, (const gint64 *) rowids->data, rowids->len);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ids, (gpointer) cg_customer_summary_get_id (g_ptr_array_index (rows, i)));
  g_ptr_array_sort (ids, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

static gboolean
found (Fixture *f, const char *query, const char *id)
{
  g_autofree char *hits = find (f, query);
  return strstr (hits, id) != NULL;
}

static guint
count (Fixture *f, const char *query)
{
  g_autofree char *hits = find (f, query);
  g_auto(GStrv) parts = g_strsplit (hits, " ", -1);
  return *hits ? g_strv_length (parts) : 0;
}

static void
test_korean_names (Fixture *f, gconstpointer data)
{
  g_assert_true (found (f, "김민준", f->minjun));
  g_assert_true (found (f, "민준", f->minjun));
  g_assert_true (found (f, "민준", f->leeminjun));
  g_assert_cmpuint (count (f, "민준"), ==, 2);
  g_assert_true (found (f, "김", f->minjun));
  g_assert_false (found (f, "김", f->leeminjun));
  g_assert_true (found (f, "준", f->minjun));
  /* Spaces typed or not. */
  g_assert_true (found (f, "김 민준", f->minjun));
  g_assert_true (found (f, "박서연", f->seoyeon));
  g_assert_true (found (f, "서연", f->seoyeon));
  g_assert_cmpuint (count (f, "최"), ==, 0);
}

static void
test_latin_names_and_email (Fixture *f, gconstpointer data)
{
  g_assert_true (found (f, "alex", f->alex));
  g_assert_true (found (f, "ALEX mor", f->alex));
  g_assert_true (found (f, "Morgan", f->alex));
  g_assert_true (found (f, "minjun.kim", f->minjun));
  g_assert_true (found (f, "minjun.kim@example.kr", f->minjun));
  g_assert_true (found (f, "naver", f->seoyeon));
  g_assert_cmpuint (count (f, "example.com"), ==, 2);
}

static void
test_phone_digits (Fixture *f, gconstpointer data)
{
  g_assert_true (found (f, "5678", f->minjun));
  g_assert_true (found (f, "1234", f->minjun));
  g_assert_true (found (f, "234-56", f->minjun));
  g_assert_true (found (f, "010-1234-5678", f->minjun));
  g_assert_true (found (f, "01012345678", f->minjun));
  g_assert_true (found (f, "+82 10 1234 5678", f->minjun));
  g_assert_true (found (f, "+82 10-1234", f->minjun));
  g_assert_true (found (f, "5550199", f->seoyeon));
  g_assert_true (found (f, "4155550100", f->alex));
  g_assert_true (found (f, "0100", f->alex));
  g_assert_cmpuint (count (f, "5678"), ==, 1);
  g_assert_cmpuint (count (f, "9999"), ==, 0);
}

static void
test_order_and_case_numbers (Fixture *f, gconstpointer data)
{
  g_assert_true (found (f, "W24001234", f->alex));
  g_assert_true (found (f, "w2400", f->alex));
  g_assert_true (found (f, "0421-C1-000001", f->seoyeon));
  g_assert_true (found (f, "C1-000001", f->seoyeon));
  g_assert_true (found (f, "000001", f->seoyeon));
  /* Whole words first, then prefixes: a number cut short while typing
   * ("0421-C1-0000") and one typed in full still find their customer. */
  g_assert_true (found (f, "0421-C1", f->seoyeon));
  g_assert_true (found (f, "0421-C1-0000", f->seoyeon));
  g_assert_true (found (f, "W2400123", f->alex));
}

/* The global search's groups: orders and cases by any part of their
 * number, each kind on its own; text without a digit is not a number. */
static void
test_number_groups (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = cg_store_search_numbers (f->store, "w2400", 5, &error);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GPtrArray) hostile = NULL;
  CgNumberMatch *match;

  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 1);
  match = g_ptr_array_index (orders, 0);
  g_assert_cmpstr (cg_number_match_get_kind (match), ==, "order");
  g_assert_cmpstr (cg_number_match_get_number (match), ==, "W24001234");
  g_assert_cmpstr (cg_number_match_get_status (match), ==, "placed");

  cases = cg_store_search_numbers (f->store, "C1-000001", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  match = g_ptr_array_index (cases, 0);
  g_assert_cmpstr (cg_number_match_get_kind (match), ==, "case");
  g_assert_cmpstr (cg_number_match_get_number (match), ==, f->case_number);
  g_assert_cmpstr (cg_number_match_get_status (match), ==, "new");

  words = cg_store_search_numbers (f->store, "Alex", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (words->len, ==, 0);
  /* Three characters are the start of a phone number, not a number. */
  g_clear_pointer (&words, g_ptr_array_unref);
  words = cg_store_search_numbers (f->store, "W24", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (words->len, ==, 0);

  hostile = cg_store_search_numbers (f->store, "1\" OR NEAR(* 0421", 5, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hostile);
}

static void
test_hostile_input (Fixture *f, gconstpointer data)
{
  static const char *inputs[] = {
    "\"", "\"\"", "*", "-", "-김", "OR", "AND", "NOT", "NEAR(", "NEAR(a b)", "terms:김", "terms : x",
    "\")", "a OR b", "(", ")", "^", "{terms}:x", "'; DROP TABLE customers; --", "+", "   ", "",
    "김*", "\\", "%", "_", "\xed\x9e", /* truncated UTF-8 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) rowids = cg_store_search_customers (f->store, inputs[i], 100, &error);
      g_assert_no_error (error);
      g_assert_nonnull (rowids);
    }

  /* Operators typed by a person are words, not operators. */
  g_assert_cmpuint (count (f, "OR"), ==, 1);           /* only "Jordan OR Near" */
  g_assert_true (found (f, "OR", f->jordan));
  g_assert_true (found (f, "near", f->jordan));
  g_assert_cmpuint (count (f, "김 OR 이"), ==, 0);
  g_assert_cmpuint (count (f, "-김"), ==, 1);          /* not "everyone but 김" */
  g_assert_true (found (f, "김*", f->minjun));
  g_assert_cmpuint (count (f, "'; DROP TABLE customers; --"), ==, 0);
  g_assert_cmpuint (cg_store_count_documents (f->store, "customer"), ==, 5);
}

static void
test_query_builder (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "김민준", "\"김민준\"*" },
    { "Kim Min", "\"kim\"* \"min\"*" },
    { "010-1234", "\"0101234\"*" },
    { "+82 10 1234", "\"0101234\"*" },
    { "a\"b", "\"a\"* \"b\"*" },
    { "NEAR(x)", "\"near\"* \"x\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = cg_search_build_query (cases[i].in);
      g_assert_cmpstr (query, ==, cases[i].out);
    }
  g_assert_null (cg_search_build_query ("  -- "));
  g_assert_null (cg_search_build_query (NULL));
}

static void
test_updates_reindex (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = cg_test_json ("{\"name\": \"정하늘\", \"phones\": [\"+821077778888\"]}");

  g_assert_true (cg_customer_update (f->store, f->minjun, changes, &error));
  g_assert_no_error (error);
  g_assert_false (found (f, "김민준", f->minjun));
  g_assert_false (found (f, "5678", f->minjun));
  g_assert_true (found (f, "하늘", f->minjun));
  g_assert_true (found (f, "7777", f->minjun));

  /* And a rebuild from the documents gives the same answers. */
  g_assert_true (cg_store_rebuild_projections (f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (found (f, "하늘", f->minjun));
  g_assert_false (found (f, "김민준", f->minjun));
  g_assert_true (found (f, "W2400", f->alex));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/search/korean-names", test_korean_names);
  ADD ("/search/latin-names-and-email", test_latin_names_and_email);
  ADD ("/search/phone-digits", test_phone_digits);
  ADD ("/search/order-and-case-numbers", test_order_and_case_numbers);
  ADD ("/search/hostile-input", test_hostile_input);
  ADD ("/search/number-groups", test_number_groups);
  ADD ("/search/updates-reindex", test_updates_reindex);
  g_test_add_func ("/search/query-builder", test_query_builder);

  return g_test_run ();
}
