/* test-domain.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The domain API: customers from what people type, the case workflow with
 * offline numbering and first response, order hand-over, check-in tickets
 * and the customer timeline.
 */
#include "config.h"

#include <string.h>

#include "cg-test-util.h"

static void
test_customer_create (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) doc = NULL;

  id = cg_customer_create (store, "  최유진 ", "010.4444.1212", "yujin@example.kr", "ko", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (id, "customer:"));
  doc = cg_store_get (store, id, FALSE, &error);
  g_assert_cmpstr (cg_json_get_string (doc, "name"), ==, "최유진");
  g_assert_cmpstr (cg_json_array_get_string (cg_json_get_array (doc, "phones"), 0), ==, "+821044441212");
  g_assert_cmpstr (cg_json_get_string (doc, "phone_raw"), ==, "010.4444.1212");

  /* A typo'd phone or e-mail is refused with a message; nothing is written. */
  g_assert_null (cg_customer_create (store, "오타", "010-4444-121", NULL, "ko", &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_null (cg_customer_create (store, "오타", NULL, "yujin@example", "ko", &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_null (cg_customer_create (store, "   ", NULL, NULL, "ko", &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD);
  g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 1);
}

static void
test_case_workflow (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  CgCaseDraft draft = { .channel = "counter", .category = "repair", .subject = "Zipper broken",
                        .description = "Coat bought last week", .priority = "high",
                        .created_by = "staff:7" };
  g_autofree char *customer = cg_customer_create (store, "Kim Jisoo", "010-1111-2222", NULL, "en", &error);
  g_autofree char *case_id = NULL;
  g_autofree char *second = NULL;
  g_autofree char *note = NULL;
  g_autoptr(JsonObject) doc = NULL;
  JsonObject *sla;

  g_assert_true (cg_device_set_identity (store, "0421", "C2", "counter", &error));
  draft.customer_id = customer;
  case_id = cg_case_create (store, &draft, &error);
  g_assert_no_error (error);
  second = cg_case_create (store, &draft, &error);
  g_assert_no_error (error);

  doc = cg_store_get (store, case_id, FALSE, &error);
  g_assert_cmpstr (cg_json_get_string (doc, "number"), ==, "0421-C2-000001");
  g_assert_cmpstr (cg_json_get_string (doc, "status"), ==, "new");
  sla = cg_json_get_object (doc, "sla");
  g_assert_nonnull (sla);
  g_assert_nonnull (cg_json_get_string (sla, "first_response_due"));
  g_clear_pointer (&doc, json_object_unref);
  doc = cg_store_get (store, second, FALSE, &error);
  g_assert_cmpstr (cg_json_get_string (doc, "number"), ==, "0421-C2-000002");
  g_clear_pointer (&doc, json_object_unref);

  /* Not allowed: new → closed. */
  g_assert_false (cg_case_set_status (store, case_id, "closed", "staff:7", NULL, &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION);
  g_clear_error (&error);

  g_assert_true (cg_case_set_status (store, case_id, "open", "staff:7", NULL, &error));
  /* An internal note is not a first response; a customer reply is. */
  note = cg_case_add_note (store, case_id, "staff:7", "internal", "Checked stock", &error);
  g_assert_no_error (error);
  doc = cg_store_get (store, case_id, FALSE, &error);
  g_assert_null (cg_json_get_string (doc, "first_response_at"));
  g_clear_pointer (&doc, json_object_unref);
  g_free (note);
  note = cg_case_add_note (store, case_id, "staff:7", "customer", "We will repair it by Friday.", &error);
  g_assert_no_error (error);
  doc = cg_store_get (store, case_id, FALSE, &error);
  g_assert_nonnull (cg_json_get_string (doc, "first_response_at"));
  g_clear_pointer (&doc, json_object_unref);

  g_assert_true (cg_case_set_status (store, case_id, "pending_customer", "staff:7", NULL, &error));
  g_assert_true (cg_case_set_status (store, case_id, "open", "staff:7", NULL, &error));
  /* Resolving needs a resolution. */
  g_assert_false (cg_case_set_status (store, case_id, "resolved", "staff:7", NULL, &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD);
  g_clear_error (&error);
  g_assert_true (cg_case_set_status (store, case_id, "resolved", "staff:7", "Zipper replaced", &error));
  g_assert_true (cg_case_set_status (store, case_id, "open", "staff:7", NULL, &error));
  g_assert_no_error (error);
  doc = cg_store_get (store, case_id, FALSE, &error);
  g_assert_cmpint (json_object_get_int_member (doc, "reopened_count"), ==, 1);
  g_assert_null (cg_json_get_string (doc, "resolved_at"));
  g_assert_cmpstr (cg_json_get_string (doc, "description"), ==, "Coat bought last week");
}

static void
test_order_handover (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) order = cg_test_json (
    "{\"_id\":\"order:0421:W1\",\"type\":\"order\",\"number\":\"W1\",\"store_id\":\"0421\",\"channel\":\"online\","
    "\"items\":[{\"sku\":\"S1\",\"name\":\"Scarf\",\"qty\":2,\"unit_price\":19000}],\"total\":38000,"
    "\"currency\":\"KRW\",\"status\":\"placed\",\"gift_wrap\":true}");
  g_autofree char *rev = cg_store_put (store, order, &error);
  g_autoptr(JsonObject) doc = NULL;

  g_assert_no_error (error);
  g_assert_true (cg_order_set_status (store, "order:0421:W1", "ready_for_pickup", "staff:7", NULL, &error));
  g_assert_false (cg_order_set_status (store, "order:0421:W1", "picked_up", "staff:7", NULL, &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD);
  g_clear_error (&error);
  g_assert_true (cg_order_set_status (store, "order:0421:W1", "picked_up", "staff:7", "phone_last4", &error));
  doc = cg_store_get (store, "order:0421:W1", FALSE, &error);
  g_assert_cmpstr (cg_json_get_string (doc, "status"), ==, "picked_up");
  g_assert_cmpstr (cg_json_get_string (doc, "picked_up_by"), ==, "staff:7");
  g_assert_cmpstr (cg_json_get_string (doc, "pickup_verified_with"), ==, "phone_last4");
  g_assert_true (cg_json_get_bool (doc, "gift_wrap", FALSE));
  /* Cannot un-pick-up. */
  g_assert_false (cg_order_set_status (store, "order:0421:W1", "ready_for_pickup", "staff:7", NULL, &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION);
}

static void
test_checkin_tickets (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *t1 = NULL, *t2 = NULL;
  g_autofree char *id1 = NULL, *id2 = NULL;

  g_assert_true (cg_device_set_identity (store, "0421", "K1", "kiosk", &error));
  id1 = cg_checkin_create (store, "pickup", NULL, "Minjun K.", &t1, &error);
  g_assert_no_error (error);
  id2 = cg_checkin_create (store, "help", NULL, NULL, &t2, &error);
  g_assert_cmpstr (t1, ==, "K1-001");
  g_assert_cmpstr (t2, ==, "K1-002");
  g_assert_true (cg_checkin_set_status (store, id1, "called", "staff:7", &error));
  g_assert_true (cg_checkin_set_status (store, id1, "serving", "staff:7", &error));
  g_assert_true (cg_checkin_set_status (store, id1, "done", "staff:7", &error));
  g_assert_false (cg_checkin_set_status (store, id1, "waiting", "staff:7", &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION);
}

static void
put_json (CgStore *store, const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_test_json (json);
  g_autofree char *rev = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
}

static void
test_timeline (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 amount = 0;

  put_json (store, "{\"_id\":\"customer:t\",\"type\":\"customer\",\"name\":\"Timeline Test\","
                   "\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00Z\"}");
  /* A note whose case arrives later (as replication may deliver them). */
  put_json (store, "{\"_id\":\"case_note:n\",\"type\":\"case_note\",\"case_id\":\"case:c\",\"author\":\"staff:1\","
                   "\"visibility\":\"customer\",\"body\":\"We found your parcel.\",\"created_at\":\"2026-03-02T10:00:00Z\"}");
  put_json (store, "{\"_id\":\"order:0421:W9\",\"type\":\"order\",\"number\":\"W9\",\"customer_id\":\"customer:t\","
                   "\"store_id\":\"0421\",\"channel\":\"online\",\"items\":[{\"sku\":\"a\",\"name\":\"Umbrella\",\"qty\":1,"
                   "\"unit_price\":15000}],\"total\":15000,\"currency\":\"KRW\",\"status\":\"placed\","
                   "\"created_at\":\"2026-02-01T09:00:00Z\"}");
  put_json (store, "{\"_id\":\"case:c\",\"type\":\"case\",\"number\":\"0421-C1-000009\",\"customer_id\":\"customer:t\","
                   "\"store_id\":\"0421\",\"channel\":\"phone\",\"category\":\"delivery\",\"subject\":\"Parcel missing\","
                   "\"priority\":\"normal\",\"status\":\"open\",\"created_by\":\"staff:1\","
                   "\"created_at\":\"2026-03-01T09:00:00Z\",\"updated_at\":\"2026-03-01T09:00:00Z\"}");
  put_json (store, "{\"_id\":\"checkin:v\",\"type\":\"checkin\",\"ticket\":\"K1-007\",\"store_id\":\"0421\","
                   "\"customer_id\":\"customer:t\",\"reason\":\"return\",\"status\":\"done\","
                   "\"created_at\":\"2026-04-01T09:00:00Z\"}");
  put_json (store, "{\"_id\":\"feedback:f\",\"type\":\"feedback\",\"customer_id\":\"customer:t\",\"channel\":\"kiosk\","
                   "\"csat\":4,\"nps\":9,\"comment\":\"Quick help\",\"created_at\":\"2026-04-01T09:30:00Z\"}");

  entries = cg_timeline_load (store, "customer:t", 50);
  g_assert_cmpuint (entries->len, ==, 5);
  /* Newest first. */
  g_assert_cmpstr (cg_timeline_entry_get_kind (g_ptr_array_index (entries, 0)), ==, "feedback");
  g_assert_cmpstr (cg_timeline_entry_get_detail (g_ptr_array_index (entries, 0)), ==, "csat=4 nps=9");
  g_assert_cmpstr (cg_timeline_entry_get_kind (g_ptr_array_index (entries, 1)), ==, "visit");
  g_assert_cmpstr (cg_timeline_entry_get_title (g_ptr_array_index (entries, 1)), ==, "K1-007");
  g_assert_cmpstr (cg_timeline_entry_get_kind (g_ptr_array_index (entries, 2)), ==, "note");
  g_assert_cmpstr (cg_timeline_entry_get_kind (g_ptr_array_index (entries, 3)), ==, "case");
  g_assert_cmpstr (cg_timeline_entry_get_title (g_ptr_array_index (entries, 3)), ==, "Parcel missing");
  g_assert_cmpstr (cg_timeline_entry_get_kind (g_ptr_array_index (entries, 4)), ==, "order");
  g_assert_true (cg_timeline_entry_get_amount (g_ptr_array_index (entries, 4), &amount));
  g_assert_cmpint (amount, ==, 15000);
  g_assert_cmpstr (cg_timeline_entry_get_detail (g_ptr_array_index (entries, 4)), ==, "Umbrella");

  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = cg_timeline_load (store, "customer:t", 2);
  g_assert_cmpuint (entries->len, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/domain/customer-create", test_customer_create);
  g_test_add_func ("/domain/case-workflow", test_case_workflow);
  g_test_add_func ("/domain/order-handover", test_order_handover);
  g_test_add_func ("/domain/checkin-tickets", test_checkin_tickets);
  g_test_add_func ("/domain/timeline", test_timeline);

  return g_test_run ();
}
