/* test-customer-merge.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Merging duplicate customers: the duplicate points at the survivor, the
 * survivor gains what it lacked and shows the duplicate's history, search
 * leads to the survivor, the refusals (self, merged, chains), and undo.
 */
#include "config.h"

#include "cg-test-util.h"

static void
put_json (CgStore    *store,
          const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_test_json (json);
  g_autofree char *rev = cg_store_put (store, doc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rev);
}

static guint
count_hits (CgStore    *store,
            const char *query,
            gint64     *first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rowids = cg_store_search_customers (store, query, 50, &error);

  g_assert_no_error (error);
  if (first != NULL && rowids->len > 0)
    *first = g_array_index (rowids, gint64, 0);
  return rowids->len;
}

static gint64
rowid_of (CgStore    *store,
          const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT doc_id FROM customers WHERE id = '%s'", id);
  return cg_test_query_int (store, sql);
}

typedef struct {
  CgStore *store;
  char    *survivor;
  char    *duplicate;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = cg_test_open_store (NULL);
  f->survivor = cg_customer_create (f->store, "김민준", "010-1234-5678", "minjun@example.kr", "ko", &error);
  g_assert_no_error (error);
  f->duplicate = cg_customer_create (f->store, "김 민준", "010-9999-0001", "minjun@example.kr", "ko", &error);
  g_assert_no_error (error);

  /* History on both. */
  put_json (f->store, "{\"_id\":\"order:0421:A1\",\"type\":\"order\",\"number\":\"0421-A1\",\"store_id\":\"0421\","
                      "\"channel\":\"online\",\"items\":[{\"sku\":\"U1\",\"name\":\"Umbrella\",\"qty\":1,\"unit_price\":15000}],"
                      "\"total\":15000,\"currency\":\"KRW\",\"status\":\"placed\",\"created_at\":\"2026-01-01T09:00:00Z\"}");
  {
    g_autofree char *json = g_strdup_printf (
      "{\"_id\":\"case:m1\",\"type\":\"case\",\"number\":\"0421-C1-000777\",\"customer_id\":\"%s\","
      "\"store_id\":\"0421\",\"channel\":\"phone\",\"category\":\"delivery\",\"subject\":\"Parcel missing\","
      "\"priority\":\"normal\",\"status\":\"open\",\"created_by\":\"staff:1\","
      "\"created_at\":\"2026-03-01T09:00:00Z\",\"updated_at\":\"2026-03-01T09:00:00Z\"}", f->duplicate);
    put_json (f->store, json);
  }
  {
    g_autofree char *json = g_strdup_printf (
      "{\"_id\":\"checkin:v1\",\"type\":\"checkin\",\"ticket\":\"K1-007\",\"store_id\":\"0421\","
      "\"customer_id\":\"%s\",\"reason\":\"help\",\"status\":\"done\","
      "\"created_at\":\"2026-04-01T09:00:00Z\"}", f->survivor);
    put_json (f->store, json);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->survivor);
  g_free (f->duplicate);
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) survivor = NULL;
  g_autoptr(JsonObject) duplicate = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autofree char *shown = NULL;
  JsonArray *phones, *emails;
  gint64 hit = 0;

  timeline = cg_timeline_load (f->store, f->survivor, 50);
  g_assert_cmpuint (timeline->len, ==, 1);
  g_clear_pointer (&timeline, g_ptr_array_unref);
  g_assert_cmpuint (count_hits (f->store, "민준", NULL), ==, 2);

  g_assert_true (cg_customer_merge (f->store, f->survivor, f->duplicate, "staff:0421-01", &error));
  g_assert_no_error (error);

  survivor = cg_store_get (f->store, f->survivor, FALSE, &error);
  duplicate = cg_store_get (f->store, f->duplicate, FALSE, &error);
  g_assert_cmpstr (cg_json_get_string (duplicate, "merged_into"), ==, f->survivor);
  g_assert_cmpstr (cg_json_get_string (duplicate, "updated_by"), ==, "staff:0421-01");
  g_assert_cmpstr (cg_json_get_string (survivor, "updated_by"), ==, "staff:0421-01");
  g_assert_nonnull (cg_json_get_string (survivor, "updated_device"));
  /* The phone it lacked is copied; the shared e-mail is not doubled. */
  phones = cg_json_get_array (survivor, "phones");
  g_assert_cmpuint (json_array_get_length (phones), ==, 2);
  g_assert_cmpstr (cg_json_array_get_string (phones, 0), ==, "+821012345678");
  g_assert_cmpstr (cg_json_array_get_string (phones, 1), ==, "+821099990001");
  emails = cg_json_get_array (survivor, "emails");
  g_assert_cmpuint (json_array_get_length (emails), ==, 1);

  /* The survivor's timeline has the duplicate's case, newest first. */
  timeline = cg_timeline_load (f->store, f->survivor, 50);
  g_assert_cmpuint (timeline->len, ==, 2);
  g_assert_cmpstr (cg_timeline_entry_get_doc_id (g_ptr_array_index (timeline, 0)), ==, "checkin:v1");
  g_assert_cmpstr (cg_timeline_entry_get_doc_id (g_ptr_array_index (timeline, 1)), ==, "case:m1");
  g_clear_pointer (&timeline, g_ptr_array_unref);
  timeline = cg_timeline_load (f->store, f->survivor, 1);
  g_assert_cmpuint (timeline->len, ==, 1);

  /* Search: one hit, the survivor, whether by name, the duplicate's phone
   * or its case number. */
  g_assert_cmpuint (count_hits (f->store, "민준", &hit), ==, 1);
  g_assert_cmpint (hit, ==, rowid_of (f->store, f->survivor));
  g_assert_cmpuint (count_hits (f->store, "9999-0001", &hit), ==, 1);
  g_assert_cmpint (hit, ==, rowid_of (f->store, f->survivor));
  g_assert_cmpuint (count_hits (f->store, "C1-000777", &hit), ==, 1);
  g_assert_cmpint (hit, ==, rowid_of (f->store, f->survivor));

  /* Opening the duplicate shows the survivor. */
  shown = cg_customer_dup_survivor (f->store, f->duplicate);
  g_assert_cmpstr (shown, ==, f->survivor);
  g_clear_pointer (&shown, g_free);
  shown = cg_customer_dup_survivor (f->store, f->survivor);
  g_assert_cmpstr (shown, ==, f->survivor);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *third = cg_customer_create (f->store, "박서준", "010-5555-6666", NULL, "ko", &error);
  guint n_revs_before;

  g_assert_no_error (error);

  g_assert_false (cg_customer_merge (f->store, f->survivor, f->survivor, "staff:1", &error));
  g_assert_error (error, CG_CUSTOMER_ERROR, CG_CUSTOMER_ERROR_CANNOT_MERGE);
  g_clear_error (&error);

  g_assert_true (cg_customer_merge (f->store, f->survivor, f->duplicate, "staff:1", &error));
  g_assert_no_error (error);
  n_revs_before = (guint) cg_test_query_int (f->store, "SELECT count(*) FROM revs");

  /* Into an already-merged customer. */
  g_assert_false (cg_customer_merge (f->store, f->duplicate, third, "staff:1", &error));
  g_assert_error (error, CG_CUSTOMER_ERROR, CG_CUSTOMER_ERROR_CANNOT_MERGE);
  g_clear_error (&error);
  /* The merged one again. */
  g_assert_false (cg_customer_merge (f->store, third, f->duplicate, "staff:1", &error));
  g_assert_error (error, CG_CUSTOMER_ERROR, CG_CUSTOMER_ERROR_CANNOT_MERGE);
  g_clear_error (&error);
  /* A chain: the survivor (which others point at) into a third. */
  g_assert_false (cg_customer_merge (f->store, third, f->survivor, "staff:1", &error));
  g_assert_error (error, CG_CUSTOMER_ERROR, CG_CUSTOMER_ERROR_CANNOT_MERGE);
  g_clear_error (&error);
  /* Unknown. */
  g_assert_false (cg_customer_merge (f->store, f->survivor, "customer:nobody", "staff:1", &error));
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Not a merged customer: nothing to undo. */
  g_assert_false (cg_customer_unmerge (f->store, third, "staff:1", &error));
  g_assert_error (error, CG_CUSTOMER_ERROR, CG_CUSTOMER_ERROR_NOT_MERGED);
  g_clear_error (&error);

  /* Nothing was written by the refusals. */
  g_assert_cmpint (cg_test_query_int (f->store, "SELECT count(*) FROM revs"), ==, n_revs_before);

  /* A third can still be merged into the survivor. */
  g_assert_true (cg_customer_merge (f->store, f->survivor, third, "staff:1", &error));
  g_assert_no_error (error);
}

static void
test_unmerge (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) survivor = NULL;
  g_autoptr(JsonObject) duplicate = NULL;
  g_autoptr(JsonObject) before = cg_store_get (f->store, f->survivor, FALSE, NULL);
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(JsonObject) changes = NULL;
  JsonArray *phones;

  g_assert_true (cg_customer_merge (f->store, f->survivor, f->duplicate, "staff:1", &error));
  g_assert_true (cg_customer_unmerge (f->store, f->duplicate, "staff:2", &error));
  g_assert_no_error (error);

  survivor = cg_store_get (f->store, f->survivor, FALSE, NULL);
  duplicate = cg_store_get (f->store, f->duplicate, FALSE, NULL);
  g_assert_null (cg_json_get_string (duplicate, "merged_into"));
  g_assert_cmpstr (cg_json_get_string (duplicate, "updated_by"), ==, "staff:2");
  g_assert_false (json_object_has_member (survivor, "merged_from"));
  /* The copied phone is gone again: the lists are as before. */
  g_assert_true (json_node_equal (json_object_get_member (survivor, "phones"),
                                  json_object_get_member (before, "phones")));
  g_assert_true (json_node_equal (json_object_get_member (survivor, "emails"),
                                  json_object_get_member (before, "emails")));
  timeline = cg_timeline_load (f->store, f->survivor, 50);
  g_assert_cmpuint (timeline->len, ==, 1);
  g_assert_cmpuint (count_hits (f->store, "민준", NULL), ==, 2);
  g_clear_pointer (&survivor, json_object_unref);

  /* Merged again, then the survivor's phones are edited: undo leaves the
   * edited list alone. */
  g_assert_true (cg_customer_merge (f->store, f->survivor, f->duplicate, "staff:1", &error));
  changes = cg_test_json ("{\"phones\":[\"+821099990001\",\"+821012345678\"]}");
  g_assert_true (cg_customer_update_as (f->store, f->survivor, changes, "staff:3", &error));
  g_assert_no_error (error);
  g_assert_true (cg_customer_unmerge (f->store, f->duplicate, "staff:2", &error));
  survivor = cg_store_get (f->store, f->survivor, FALSE, NULL);
  phones = cg_json_get_array (survivor, "phones");
  g_assert_cmpuint (json_array_get_length (phones), ==, 2);
  g_assert_cmpstr (cg_json_array_get_string (phones, 0), ==, "+821099990001");
}

static void
test_given_name (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "김민준", "민준" }, { "김 민준", "민준" }, { " Emily Carter ", "Emily" },
    { "민준", "민준" }, { "Cher", "Cher" }, { "", "" }, { NULL, "" },
    { "남궁 민수", "민수" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *given = cg_customer_given_name (cases[i].in);
      g_assert_cmpstr (given, ==, cases[i].out);
    }
}

static void
test_ready_order (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *none = cg_customer_dup_ready_order (f->store, f->survivor);
  g_autofree char *found = NULL;
  g_autofree char *json = g_strdup_printf (
    "{\"_id\":\"order:0421:R1\",\"type\":\"order\",\"number\":\"0421-R1\",\"store_id\":\"0421\","
    "\"customer_id\":\"%s\",\"channel\":\"online\","
    "\"items\":[{\"sku\":\"U1\",\"name\":\"Umbrella\",\"qty\":1,\"unit_price\":15000}],"
    "\"total\":15000,\"currency\":\"KRW\",\"status\":\"ready_for_pickup\","
    "\"ready_at\":\"2026-01-02T09:00:00Z\",\"created_at\":\"2026-01-01T09:00:00Z\"}", f->duplicate);

  g_assert_null (none);
  put_json (f->store, json);
  /* The duplicate's ready order shows on the survivor once merged. */
  g_assert_null (cg_customer_dup_ready_order (f->store, f->survivor));
  g_assert_true (cg_customer_merge (f->store, f->survivor, f->duplicate, "staff:1", &error));
  found = cg_customer_dup_ready_order (f->store, f->survivor);
  g_assert_cmpstr (found, ==, "order:0421:R1");
}

/* A message for a case or order still linked to the duplicate goes to the
 * survivor's number, and records which device queued it. */
static void
test_notification_reaches_survivor (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) doc = NULL;

  g_assert_true (cg_customer_merge (f->store, f->survivor, f->duplicate, "staff:0421-01", &error));
  g_assert_no_error (error);
  id = cg_notification_queue_for_customer (f->store, f->duplicate, "case_update", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  doc = cg_store_get (f->store, id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cg_json_get_string (doc, "to"), ==, "+821012345678");
  g_assert_cmpstr (cg_json_get_string (doc, "customer_id"), ==, f->survivor);
  g_assert_nonnull (cg_json_get_string (doc, "updated_device"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/customer-merge/merge", Fixture, NULL, fixture_set_up, test_merge, fixture_tear_down);
  g_test_add ("/customer-merge/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/customer-merge/unmerge", Fixture, NULL, fixture_set_up, test_unmerge, fixture_tear_down);
  g_test_add ("/customer-merge/ready-order", Fixture, NULL, fixture_set_up, test_ready_order, fixture_tear_down);
  g_test_add ("/customer-merge/notification-reaches-survivor", Fixture, NULL, fixture_set_up,
              test_notification_reaches_survivor, fixture_tear_down);
  g_test_add_func ("/customer-merge/given-name", test_given_name);
  return g_test_run ();
}
