/* test-orders.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Orders at the counter: marking ready (pickup document, notification,
 * pickup code), the three ways of verifying a hand-over, returns, and the
 * order lists.
 */
#include "config.h"

#include <string.h>

#include "cg-demo.h"
#include "cg-test-util.h"

#define ORDER_ID "order:0421:W24000001"
#define CUSTOMER_ID "customer:minjun"

static void
put (CgStore    *store,
     JsonObject *doc)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = cg_store_put (store, doc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rev);
}

/* A customer with two phones and an order of 2 scarves and 1 hat, placed. */
static CgStore *
open_shop (void)
{
  CgStore *store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) customer = cg_test_json (
    "{\"_id\":\"" CUSTOMER_ID "\",\"type\":\"customer\",\"name\":\"김민준\","
    "\"phones\":[\"+821012345678\",\"+821099990042\"],\"preferred_channel\":\"sms\",\"language\":\"ko\","
    "\"created_at\":\"2026-01-01T09:00:00Z\",\"updated_at\":\"2026-01-01T09:00:00Z\"}");
  g_autoptr(JsonObject) order = cg_test_json (
    "{\"_id\":\"" ORDER_ID "\",\"type\":\"order\",\"number\":\"W24000001\",\"store_id\":\"0421\","
    "\"customer_id\":\"" CUSTOMER_ID "\",\"channel\":\"online\","
    "\"items\":[{\"sku\":\"S1\",\"name\":\"Wool scarf\",\"qty\":2,\"unit_price\":19000},"
    "{\"sku\":\"H1\",\"name\":\"Bucket hat\",\"qty\":1,\"unit_price\":25000}],\"total\":63000,"
    "\"currency\":\"KRW\",\"status\":\"placed\",\"created_at\":\"2026-11-20T09:00:00Z\"}");

  g_assert_true (cg_device_set_identity (store, "0421", "C1", "counter", &error));
  g_assert_no_error (error);
  put (store, customer);
  put (store, order);
  return store;
}

typedef struct {
  CgStore   *store;
  GPtrArray *docs;
} Collect;

static gboolean
collect_doc (const char *id,
             const char *rev,
             gint64      seq,
             gpointer    user_data)
{
  Collect *c = user_data;
  g_ptr_array_add (c->docs, cg_store_get (c->store, id, FALSE, NULL));
  return TRUE;
}

static GPtrArray *
docs_of_type (CgStore    *store,
              const char *type)
{
  Collect c = { store, g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref) };
  cg_store_foreach_document (store, type, collect_doc, &c);
  return c.docs;
}

static void
test_mark_ready (void)
{
  g_autoptr(CgStore) store = open_shop ();
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(JsonObject) pickup = NULL;
  g_autoptr(GPtrArray) notifications = NULL;
  g_autofree char *pickup_text = NULL;
  JsonObject *verify, *params, *notification;

  g_assert_true (cg_order_mark_ready (store, ORDER_ID, "staff:0421-01", &code, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (code), ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_true (g_ascii_isdigit (code[i]));

  order = cg_store_get (store, ORDER_ID, FALSE, &error);
  g_assert_cmpstr (cg_json_get_string (order, "status"), ==, "ready_for_pickup");
  g_assert_nonnull (cg_json_get_string (order, "ready_at"));
  g_assert_cmpstr (cg_json_get_string (order, "pickup_code"), ==, code);
  g_assert_cmpstr (cg_json_get_string (order, "updated_by"), ==, "staff:0421-01");
  g_assert_nonnull (cg_json_get_string (order, "updated_device"));

  /* The kiosk-safe document: verifies with the first phone's last 4, not
   * with another 4 digits, and carries nothing personal. */
  pickup = cg_store_get (store, "pickup:0421:W24000001", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cg_json_get_string (pickup, "status"), ==, "ready_for_pickup");
  g_assert_cmpstr (cg_json_get_string (pickup, "ready_at"), ==, cg_json_get_string (order, "ready_at"));
  verify = cg_json_get_object (pickup, "verify");
  g_assert_cmpuint (strlen (cg_json_get_string (verify, "salt")), ==, CG_PICKUP_SALT_CHARS);
  g_assert_cmpuint (strlen (cg_json_get_string (verify, "hash")), ==, 64);
  g_assert_true (cg_pickup_verify (pickup, "W24000001", "5678"));
  g_assert_false (cg_pickup_verify (pickup, "W24000001", "5679"));
  g_assert_false (cg_pickup_verify (pickup, "W24000002", "5678"));
  pickup_text = cg_json_to_string (pickup);
  g_assert_null (strstr (pickup_text, "김민준"));
  g_assert_null (strstr (pickup_text, "12345678"));
  g_assert_null (strstr (pickup_text, "5678\""));
  g_assert_null (strstr (pickup_text, code));
  g_assert_null (strstr (pickup_text, "Wool scarf"));
  g_assert_null (strstr (pickup_text, CUSTOMER_ID));
  /* Exactly the members DATA-MODEL.md allows (and when it changed). */
  {
    static const char * const allowed[] = { "_id", "_rev", "type", "order_number", "status",
                                            "ready_at", "verify", "updated_at", NULL };
    GList *members = json_object_get_members (pickup);

    for (GList *l = members; l != NULL; l = l->next)
      {
        if (!g_strv_contains (allowed, l->data))
          g_test_message ("unexpected member in the pickup document: %s", (const char *) l->data);
        g_assert_true (g_strv_contains (allowed, l->data));
      }
    g_list_free (members);
  }

  notifications = docs_of_type (store, "notification");
  g_assert_cmpuint (notifications->len, ==, 1);
  notification = g_ptr_array_index (notifications, 0);
  g_assert_cmpstr (cg_json_get_string (notification, "template"), ==, "order_ready");
  g_assert_cmpstr (cg_json_get_string (notification, "channel"), ==, "sms");
  g_assert_cmpstr (cg_json_get_string (notification, "to"), ==, "+821012345678");
  params = cg_json_get_object (notification, "params");
  g_assert_cmpstr (cg_json_get_string (params, "order_number"), ==, "W24000001");
  g_assert_cmpstr (cg_json_get_string (params, "store"), ==, "0421");
  g_assert_cmpstr (cg_json_get_string (params, "pickup_code"), ==, code);

  /* Only once. */
  g_assert_false (cg_order_mark_ready (store, ORDER_ID, "staff:0421-01", NULL, &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION);
  g_assert_cmpuint (cg_store_count_documents (store, "notification"), ==, 1);
}

/* The hash of cg-pickup.h, byte for byte, against an independent SHA-256. */
static void
test_pickup_hash_layout (void)
{
  g_autofree char *hash = cg_pickup_hash ("00112233445566778899aabbccddeeff", "W1", "5678");
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                             "00112233445566778899aabbccddeeffW15678", -1);
  g_autofree char *salt = cg_pickup_new_salt ();
  g_autofree char *salt2 = cg_pickup_new_salt ();
  char last4[5];

  g_assert_cmpstr (hash, ==, expected);
  g_assert_null (cg_pickup_hash ("aa", "W1", "567"));
  g_assert_null (cg_pickup_hash ("aa", "W1", "56a8"));
  g_assert_cmpuint (strlen (salt), ==, CG_PICKUP_SALT_CHARS);
  g_assert_cmpstr (salt, !=, salt2);
  for (const char *p = salt; *p; p++)
    g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));
  g_assert_true (cg_pickup_phone_last4 ("010-1234-5678", last4));
  g_assert_cmpstr (last4, ==, "5678");
  g_assert_false (cg_pickup_phone_last4 ("12-3", last4));
}

static JsonObject *
ready_order (CgStore *store,
             char   **code)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_order_mark_ready (store, ORDER_ID, "staff:0421-01", code, &error));
  g_assert_no_error (error);
  return cg_store_get (store, ORDER_ID, FALSE, NULL);
}

/* A wrong value writes nothing: the same revision, the same status. */
static void
assert_unchanged (CgStore    *store,
                  JsonObject *before)
{
  g_autoptr(JsonObject) after = cg_store_get (store, ORDER_ID, FALSE, NULL);
  g_autoptr(JsonObject) pickup = cg_store_get (store, "pickup:0421:W24000001", FALSE, NULL);

  g_assert_cmpstr (cg_json_get_string (after, "_rev"), ==, cg_json_get_string (before, "_rev"));
  g_assert_cmpstr (cg_json_get_string (after, "status"), ==, "ready_for_pickup");
  g_assert_cmpstr (cg_json_get_string (pickup, "status"), ==, "ready_for_pickup");
}

static void
assert_handed_over (CgStore    *store,
                    const char *method)
{
  g_autoptr(JsonObject) order = cg_store_get (store, ORDER_ID, FALSE, NULL);
  g_autoptr(JsonObject) pickup = cg_store_get (store, "pickup:0421:W24000001", FALSE, NULL);

  g_assert_cmpstr (cg_json_get_string (order, "status"), ==, "picked_up");
  g_assert_cmpstr (cg_json_get_string (order, "pickup_verified_with"), ==, method);
  g_assert_cmpstr (cg_json_get_string (order, "picked_up_by"), ==, "staff:0421-02");
  g_assert_nonnull (cg_json_get_string (order, "picked_up_at"));
  g_assert_cmpstr (cg_json_get_string (order, "updated_by"), ==, "staff:0421-02");
  g_assert_cmpstr (cg_json_get_string (pickup, "status"), ==, "picked_up");
  /* Kiosk-safe: no staff id, no device id. */
  g_assert_false (json_object_has_member (pickup, "updated_by"));
  g_assert_false (json_object_has_member (pickup, "updated_device"));
}

static void
test_hand_over_phone (void)
{
  g_autoptr(CgStore) store = open_shop ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) before = ready_order (store, NULL);

  g_assert_false (cg_order_hand_over (store, ORDER_ID, "phone_last4", "1111", "staff:0421-02", &error));
  g_assert_error (error, CG_ORDER_ERROR, CG_ORDER_ERROR_NOT_VERIFIED);
  g_assert_nonnull (strstr (error->message, "1111"));
  g_assert_nonnull (strstr (error->message, "phone"));
  g_clear_error (&error);
  g_assert_false (cg_order_hand_over (store, ORDER_ID, "phone_last4", "56", "staff:0421-02", &error));
  g_assert_error (error, CG_ORDER_ERROR, CG_ORDER_ERROR_NOT_VERIFIED);
  g_clear_error (&error);
  assert_unchanged (store, before);

  /* The second phone counts as well. */
  g_assert_true (cg_order_hand_over (store, ORDER_ID, "phone_last4", " 0042 ", "staff:0421-02", &error));
  g_assert_no_error (error);
  assert_handed_over (store, "phone_last4");

  /* Not twice. */
  g_assert_false (cg_order_hand_over (store, ORDER_ID, "phone_last4", "5678", "staff:0421-02", &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION);
}

static void
test_hand_over_code (void)
{
  g_autoptr(CgStore) store = open_shop ();
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autoptr(JsonObject) before = ready_order (store, &code);
  char wrong[7];

  g_strlcpy (wrong, code, sizeof wrong);
  wrong[5] = wrong[5] == '9' ? '0' : (char) (wrong[5] + 1);
  g_assert_false (cg_order_hand_over (store, ORDER_ID, "code", wrong, "staff:0421-02", &error));
  g_assert_error (error, CG_ORDER_ERROR, CG_ORDER_ERROR_NOT_VERIFIED);
  g_assert_nonnull (strstr (error->message, "pickup code"));
  g_assert_nonnull (strstr (error->message, wrong));
  g_clear_error (&error);
  g_assert_false (cg_order_hand_over (store, ORDER_ID, "code", "12345", "staff:0421-02", &error));
  g_assert_error (error, CG_ORDER_ERROR, CG_ORDER_ERROR_NOT_VERIFIED);
  g_clear_error (&error);
  assert_unchanged (store, before);

  g_assert_true (cg_order_hand_over (store, ORDER_ID, "code", code, "staff:0421-02", &error));
  g_assert_no_error (error);
  assert_handed_over (store, "code");
}

static void
test_hand_over_id_document (void)
{
  g_autoptr(CgStore) store = open_shop ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) before = ready_order (store, NULL);
  g_autoptr(JsonObject) order = NULL;

  /* An unknown method is refused like a wrong value. */
  g_assert_false (cg_order_hand_over (store, ORDER_ID, "face", NULL, "staff:0421-02", &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  assert_unchanged (store, before);

  g_assert_true (cg_order_hand_over (store, ORDER_ID, "id_document", "passport", "staff:0421-02", &error));
  g_assert_no_error (error);
  assert_handed_over (store, "id_document");
  order = cg_store_get (store, ORDER_ID, FALSE, NULL);
  g_assert_cmpstr (cg_json_get_string (order, "pickup_document"), ==, "passport");
}

static void
test_hand_over_no_phone (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) order = cg_test_json (
    "{\"_id\":\"order:0421:W9\",\"type\":\"order\",\"number\":\"W9\",\"store_id\":\"0421\","
    "\"channel\":\"online\",\"items\":[{\"sku\":\"S1\",\"name\":\"Scarf\",\"qty\":1,\"unit_price\":1000}],"
    "\"total\":1000,\"currency\":\"KRW\",\"status\":\"placed\"}");
  g_autoptr(JsonObject) pickup = NULL;

  put (store, order);
  g_assert_true (cg_order_mark_ready (store, "order:0421:W9", "staff:1", NULL, &error));
  g_assert_no_error (error);
  /* No customer: no message, and a pickup document nobody can verify by phone. */
  g_assert_cmpuint (cg_store_count_documents (store, "notification"), ==, 0);
  pickup = cg_store_get (store, "pickup:0421:W9", FALSE, &error);
  g_assert_nonnull (pickup);
  g_assert_cmpuint (json_object_get_size (cg_json_get_object (pickup, "verify")), ==, 0);
  g_assert_false (cg_order_hand_over (store, "order:0421:W9", "phone_last4", "1234", "staff:1", &error));
  g_assert_error (error, CG_ORDER_ERROR, CG_ORDER_ERROR_NOT_VERIFIED);
}

static void
test_returns (void)
{
  g_autoptr(CgStore) store = open_shop ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(JsonObject) kase = NULL;
  g_autofree char *case1 = NULL, *case2 = NULL, *case3 = NULL;
  g_autofree char *rev_before = NULL;
  const CgReturnLine one_scarf[] = { { "S1", 1 } };
  const CgReturnLine too_many[] = { { "S1", 1 }, { "S1", 1 } };
  const CgReturnLine rest[] = { { "S1", 1 }, { "H1", 1 } };
  const CgReturnLine unknown[] = { { "X9", 1 } };
  JsonArray *returns;
  JsonObject *line;

  g_clear_pointer (&order, json_object_unref);
  order = ready_order (store, NULL);
  /* Not before it was handed over. */
  g_assert_false (cg_order_return (store, ORDER_ID, one_scarf, 1, "Too small", "staff:0421-02", &case1, &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION);
  g_clear_error (&error);
  g_assert_true (cg_order_hand_over (store, ORDER_ID, "id_document", NULL, "staff:0421-02", &error));

  g_assert_true (cg_order_return (store, ORDER_ID, one_scarf, 1, "Too small", "staff:0421-02", &case1, &error));
  g_assert_no_error (error);
  g_assert_nonnull (case1);
  g_clear_pointer (&order, json_object_unref);
  order = cg_store_get (store, ORDER_ID, FALSE, NULL);
  g_assert_cmpstr (cg_json_get_string (order, "status"), ==, "partially_returned");
  returns = cg_json_get_array (order, "returns");
  g_assert_cmpuint (json_array_get_length (returns), ==, 1);
  line = json_array_get_object_element (returns, 0);
  g_assert_cmpstr (cg_json_get_string (line, "sku"), ==, "S1");
  g_assert_cmpint (json_object_get_int_member (line, "qty"), ==, 1);
  g_assert_cmpstr (cg_json_get_string (line, "by"), ==, "staff:0421-02");
  g_assert_nonnull (cg_json_get_string (line, "at"));
  g_assert_cmpstr (cg_json_get_string (line, "case_id"), ==, case1);
  g_assert_cmpint (cg_order_returnable (order, "S1"), ==, 1);
  g_assert_cmpint (cg_order_returnable (order, "H1"), ==, 1);

  kase = cg_store_get (store, case1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cg_json_get_string (kase, "category"), ==, "return");
  g_assert_cmpstr (cg_json_get_string (kase, "order_id"), ==, ORDER_ID);
  g_assert_cmpstr (cg_json_get_string (kase, "customer_id"), ==, CUSTOMER_ID);
  g_assert_cmpstr (cg_json_get_string (kase, "created_by"), ==, "staff:0421-02");
  g_assert_nonnull (strstr (cg_json_get_string (kase, "description"), "Too small"));
  g_assert_nonnull (strstr (cg_json_get_string (kase, "subject"), "W24000001"));

  /* Two lines of the same sku add up: 2 > the 1 left. Nothing written, no case. */
  rev_before = g_strdup (cg_json_get_string (order, "_rev"));
  g_assert_false (cg_order_return (store, ORDER_ID, too_many, 2, "Both", "staff:0421-02", &case2, &error));
  g_assert_error (error, CG_ORDER_ERROR, CG_ORDER_ERROR_TOO_MANY);
  g_assert_nonnull (strstr (error->message, "Wool scarf"));
  g_clear_error (&error);
  /* Quantities that would wrap round a 64-bit sum into a small number. */
  {
    const CgReturnLine huge[] = { { "S1", G_MAXINT64 }, { "S1", 2 } };

    g_assert_false (cg_order_return (store, ORDER_ID, huge, 2, "Wrap", "staff:0421-02", &case2, &error));
    g_assert_error (error, CG_ORDER_ERROR, CG_ORDER_ERROR_TOO_MANY);
    g_clear_error (&error);
  }
  g_assert_false (cg_order_return (store, ORDER_ID, unknown, 1, "?", "staff:0421-02", &case2, &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_null (case2);
  g_assert_cmpuint (cg_store_count_documents (store, "case"), ==, 1);
  g_clear_pointer (&order, json_object_unref);
  order = cg_store_get (store, ORDER_ID, FALSE, NULL);
  g_assert_cmpstr (cg_json_get_string (order, "_rev"), ==, rev_before);

  /* The rest: returned in full, a second case. */
  g_assert_true (cg_order_return (store, ORDER_ID, rest, 2, "Changed mind", "staff:0421-02", &case2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (case1, !=, case2);
  g_clear_pointer (&order, json_object_unref);
  order = cg_store_get (store, ORDER_ID, FALSE, NULL);
  g_assert_cmpstr (cg_json_get_string (order, "status"), ==, "returned");
  g_assert_cmpuint (json_array_get_length (cg_json_get_array (order, "returns")), ==, 3);
  g_assert_cmpint (cg_order_returnable (order, "S1"), ==, 0);
  g_assert_cmpuint (cg_store_count_documents (store, "case"), ==, 2);

  /* Nothing left to return. */
  g_assert_false (cg_order_return (store, ORDER_ID, one_scarf, 1, "Again", "staff:0421-02", &case3, &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION);
  g_assert_null (case3);
}

static void
test_lists (void)
{
  g_autoptr(CgStore) store = open_shop ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ready = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  guint total = 0;
  CgOrderSummary *summary;

  for (guint i = 2; i <= 4; i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"_id\":\"order:0421:W2400000%u\",\"type\":\"order\",\"number\":\"W2400000%u\",\"store_id\":\"0421\","
        "\"channel\":\"online\",\"items\":[{\"sku\":\"S1\",\"name\":\"Scarf\",\"qty\":%u,\"unit_price\":1000}],"
        "\"total\":%u000,\"currency\":\"KRW\",\"status\":\"ready_for_pickup\",\"ready_at\":\"2026-11-2%uT09:00:00Z\"}",
        i, i, i, i, 4 - i);
      g_autoptr(JsonObject) doc = cg_test_json (json);
      put (store, doc);
    }
  json_object_unref (ready_order (store, NULL));   /* W24000001, ready now: the newest */

  ready = cg_order_list_ready_for_pickup (store, 3, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 4);
  g_assert_cmpuint (ready->len, ==, 3);
  /* Longest waiting first. */
  summary = g_ptr_array_index (ready, 0);
  g_assert_cmpstr (cg_order_summary_get_number (summary), ==, "W24000004");
  g_assert_cmpuint (cg_order_summary_get_item_count (summary), ==, 4);
  g_assert_cmpint (cg_order_summary_get_total (summary), ==, 4000);
  g_assert_cmpstr (cg_order_summary_get_currency (summary), ==, "KRW");
  g_assert_null (cg_order_summary_get_customer_name (summary));
  g_clear_pointer (&ready, g_ptr_array_unref);
  ready = cg_order_list_ready_for_pickup (store, 10, &total, &error);
  summary = g_ptr_array_index (ready, 3);
  g_assert_cmpstr (cg_order_summary_get_id (summary), ==, ORDER_ID);
  g_assert_cmpstr (cg_order_summary_get_customer_name (summary), ==, "김민준");
  g_assert_cmpstr (cg_order_summary_get_customer_id (summary), ==, CUSTOMER_ID);
  g_assert_cmpuint (cg_order_summary_get_item_count (summary), ==, 3);
  g_assert_cmpstr (cg_order_summary_get_status (summary), ==, "ready_for_pickup");
  g_assert_nonnull (cg_order_summary_get_ready_at (summary));

  found = cg_order_list_by_number_prefix (store, " w2400000 ", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 4);
  g_assert_cmpstr (cg_order_summary_get_number (g_ptr_array_index (found, 0)), ==, "W24000001");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = cg_order_list_by_number_prefix (store, "W24000003", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = cg_order_list_by_number_prefix (store, "X", 10, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = cg_order_list_by_number_prefix (store, "", 10, &error);
  g_assert_cmpuint (found->len, ==, 0);

  mine = cg_order_list_for_customer (store, CUSTOMER_ID, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_cmpstr (cg_order_summary_get_number (g_ptr_array_index (mine, 0)), ==, "W24000001");
}

/* The demo writes its pickup documents through cg-pickup too: a ready demo
 * order's document verifies with its customer's phone. */
static void
test_demo_pickup (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ready = NULL;
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(JsonObject) customer = NULL;
  g_autoptr(JsonObject) pickup = NULL;
  g_autofree char *pickup_id = NULL;
  CgDemoOptions options = { 0 };
  char last4[5];

  options.customers = 50;
  options.seed = 7;
  g_assert_true (cg_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ready = cg_order_list_ready_for_pickup (store, 5, NULL, &error);
  g_assert_cmpuint (ready->len, >, 0);
  order = cg_store_get (store, cg_order_summary_get_id (g_ptr_array_index (ready, 0)), FALSE, &error);
  customer = cg_store_get (store, cg_json_get_string (order, "customer_id"), FALSE, &error);
  g_assert_no_error (error);
  pickup_id = cg_pickup_doc_id (cg_json_get_string (order, "store_id"), cg_json_get_string (order, "number"));
  pickup = cg_store_get (store, pickup_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (cg_pickup_phone_last4 (cg_json_array_get_string (cg_json_get_array (customer, "phones"), 0), last4));
  g_assert_true (cg_pickup_verify (pickup, cg_json_get_string (order, "number"), last4));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/orders/mark-ready", test_mark_ready);
  g_test_add_func ("/orders/pickup-hash-layout", test_pickup_hash_layout);
  g_test_add_func ("/orders/hand-over/phone", test_hand_over_phone);
  g_test_add_func ("/orders/hand-over/code", test_hand_over_code);
  g_test_add_func ("/orders/hand-over/id-document", test_hand_over_id_document);
  g_test_add_func ("/orders/hand-over/no-phone", test_hand_over_no_phone);
  g_test_add_func ("/orders/returns", test_returns);
  g_test_add_func ("/orders/lists", test_lists);
  g_test_add_func ("/orders/demo-pickup", test_demo_pickup);
  return g_test_run ();
}
