/* test-orders-format.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the orders and queue pages say, without a display.
 */
#include "config.h"

#include "cg-order-format.h"
#include "cg-queue-format.h"

static void
test_actions (void)
{
  g_assert_cmpint (cg_order_format_actions ("placed"), ==,
                   CG_ORDER_ACTION_MARK_READY | CG_ORDER_ACTION_HAND_OVER);
  g_assert_cmpint (cg_order_format_actions ("ready_for_pickup"), ==, CG_ORDER_ACTION_HAND_OVER);
  g_assert_cmpint (cg_order_format_actions ("picked_up"), ==, CG_ORDER_ACTION_RETURN);
  g_assert_cmpint (cg_order_format_actions ("partially_returned"), ==, CG_ORDER_ACTION_RETURN);
  g_assert_cmpint (cg_order_format_actions ("returned"), ==, CG_ORDER_ACTION_NONE);
  g_assert_cmpint (cg_order_format_actions ("cancelled"), ==, CG_ORDER_ACTION_NONE);
  g_assert_cmpint (cg_order_format_actions (NULL), ==, CG_ORDER_ACTION_NONE);
}

static void
test_order_words (void)
{
  g_autofree char *qp = cg_order_format_quantity_price (2, 1900000, "KRW");
  g_autofree char *one = cg_order_format_item_count (1);
  g_autofree char *three = cg_order_format_item_count (3);
  g_autofree char *returned = cg_order_format_returned (1, 2);
  g_autofree char *none = cg_order_format_returned (0, 2);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 22, 15, 0, 0);
  g_autofree char *since = cg_order_format_ready_since ("2026-11-22T09:05:00Z", now);
  g_autofree char *bad = cg_order_format_ready_since ("yesterday", now);

  g_assert_cmpstr (qp, ==, "2 × ₩1,900,000");
  g_assert_cmpstr (one, ==, "1 item");
  g_assert_cmpstr (three, ==, "3 items");
  g_assert_cmpstr (returned, ==, "Returned 1 of 2");
  g_assert_null (none);
  g_assert_cmpstr (since, ==, "Ready since Today, 09:05");
  g_assert_null (bad);
  g_assert_cmpstr (cg_order_format_verification ("phone_last4"), ==, "Last 4 phone digits");
  g_assert_cmpstr (cg_order_format_verification ("code"), ==, "Pickup code");
  g_assert_cmpstr (cg_order_format_verification ("id_document"), ==, "ID document");
  g_assert_cmpstr (cg_order_format_verification ("face"), ==, "face");
  g_assert_cmpstr (cg_order_format_channel ("in_store"), ==, "In store");
}

static void
test_order_times (void)
{
  g_autoptr(JsonObject) order = cg_json_from_string (
    "{\"created_at\":\"2026-11-20T09:00:00Z\",\"ready_at\":\"2026-11-21T10:00:00Z\","
    "\"picked_up_at\":\"2026-11-22T11:30:00Z\",\"picked_up_by\":\"staff:0421-01\","
    "\"pickup_verified_with\":\"code\"}", NULL);
  g_autoptr(JsonObject) placed = cg_json_from_string ("{\"created_at\":\"2026-11-20T09:00:00Z\"}", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 22, 15, 0, 0);
  g_autoptr(GPtrArray) times = cg_order_format_times (order, now);
  g_autoptr(GPtrArray) placed_times = cg_order_format_times (placed, now);
  g_autofree char *line = cg_order_format_pickup_line (order, "Kim Minji");
  g_autofree char *no_line = cg_order_format_pickup_line (placed, NULL);
  CgOrderTime *t;

  g_assert_cmpuint (times->len, ==, 3);
  t = g_ptr_array_index (times, 0);
  g_assert_cmpstr (t->label, ==, "Placed");
  g_assert_cmpstr (t->value, ==, "Nov 20, 09:00");
  t = g_ptr_array_index (times, 2);
  g_assert_cmpstr (t->label, ==, "Picked up");
  g_assert_cmpstr (t->value, ==, "Today, 11:30");
  g_assert_nonnull (t->tooltip);
  g_assert_cmpuint (placed_times->len, ==, 1);
  g_assert_cmpstr (line, ==, "Handed over by Kim Minji · Pickup code");
  g_assert_null (no_line);
}

static void
test_queue_words (void)
{
  g_autofree char *w0 = cg_queue_format_wait (59);
  g_autofree char *w1 = cg_queue_format_wait (60 * 12 + 30);
  g_autofree char *w2 = cg_queue_format_wait (3600 + 5 * 60);
  g_autofree char *wneg = cg_queue_format_wait (-5);
  g_autofree char *n0 = cg_queue_format_waiting (0);
  g_autofree char *n3 = cg_queue_format_waiting (3);
  CgQueueStats empty = { 0 };
  CgQueueStats day = { .done = 12, .no_show = 1, .n_waits = 13, .average_wait_s = 7 * 60 + 20 };
  g_autofree char *s0 = cg_queue_format_summary (&empty);
  g_autofree char *s1 = cg_queue_format_summary (&day);

  g_assert_cmpstr (w0, ==, "< 1 min");
  g_assert_cmpstr (w1, ==, "12 min");
  g_assert_cmpstr (w2, ==, "1 h 5 min");
  g_assert_cmpstr (wneg, ==, "< 1 min");
  g_assert_cmpstr (n0, ==, "Nobody waiting");
  g_assert_cmpstr (n3, ==, "3 waiting");
  g_assert_null (s0);
  g_assert_cmpstr (s1, ==, "Average wait 7 min · 12 served · 1 no-show");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/orders-format/actions", test_actions);
  g_test_add_func ("/orders-format/order-words", test_order_words);
  g_test_add_func ("/orders-format/order-times", test_order_times);
  g_test_add_func ("/orders-format/queue-words", test_queue_words);
  return g_test_run ();
}
