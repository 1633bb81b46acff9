/* test-queue.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The walk-in queue: today's tickets, call next first come first served,
 * two counters calling at once, now serving, the day's figures.
 */
#include "config.h"

#include <string.h>

#include "cg-test-util.h"

/* 2026-11-22 10:00 UTC; tests run with TZ=UTC, so the local day is the UTC day. */
static GDateTime *
at (int hour,
    int minute)
{
  return g_date_time_new_utc (2026, 11, 22, hour, minute, 0);
}

/* A waiting ticket taken at @created (RFC 3339). */
static char *
add_ticket (CgStore    *store,
            const char *ticket,
            const char *created,
            const char *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("checkin:%s", ticket);
  g_autofree char *json = g_strdup_printf (
    "{\"_id\":\"%s\",\"type\":\"checkin\",\"ticket\":\"%s\",\"store_id\":\"0421\","
    "\"reason\":\"pickup\",\"display_name\":\"M. K.\",\"status\":\"%s\",\"created_at\":\"%s\"}",
    id, ticket, status, created);
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *rev = NULL;

  doc = cg_test_json (json);
  rev = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&id);
}

static void
test_call_next_fifo (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = at (10, 0);
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *first = NULL, *second = NULL, *third = NULL, *none = NULL;
  g_autofree char *yesterday = add_ticket (store, "K1-099", "2026-11-21T17:00:00Z", "waiting");

  g_free (add_ticket (store, "K1-003", "2026-11-22T09:40:00Z", "waiting"));
  g_free (add_ticket (store, "K1-001", "2026-11-22T09:10:00Z", "waiting"));
  g_free (add_ticket (store, "K1-002", "2026-11-22T09:20:00Z", "waiting"));

  waiting = cg_queue_list_today (store, now, "waiting", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, ==, 3);
  g_assert_cmpstr (cg_queue_ticket_get_ticket (g_ptr_array_index (waiting, 0)), ==, "K1-001");
  g_assert_cmpint (cg_queue_ticket_get_wait (g_ptr_array_index (waiting, 0), now), ==, 50 * 60);
  g_assert_cmpstr (cg_queue_ticket_get_display_name (g_ptr_array_index (waiting, 0)), ==, "M. K.");

  g_assert_true (cg_queue_call_next (store, "staff:0421-01", now, &first, &error));
  g_assert_true (cg_queue_call_next (store, "staff:0421-02", now, &second, &error));
  g_assert_true (cg_queue_call_next (store, "staff:0421-01", now, &third, &error));
  g_assert_cmpstr (first, ==, "checkin:K1-001");
  g_assert_cmpstr (second, ==, "checkin:K1-002");
  g_assert_cmpstr (third, ==, "checkin:K1-003");
  /* Yesterday's leftover is not called; nobody else waits. */
  g_assert_true (cg_queue_call_next (store, "staff:0421-01", now, &none, &error));
  g_assert_no_error (error);
  g_assert_null (none);

  doc = cg_store_get (store, first, FALSE, &error);
  g_assert_cmpstr (cg_json_get_string (doc, "status"), ==, "called");
  g_assert_cmpstr (cg_json_get_string (doc, "called_at"), ==, "2026-11-22T10:00:00Z");
  g_assert_cmpstr (cg_json_get_string (doc, "served_by"), ==, "staff:0421-01");
  g_assert_cmpstr (cg_json_get_string (doc, "updated_by"), ==, "staff:0421-01");
  g_assert_nonnull (cg_json_get_string (doc, "updated_device"));
  g_clear_pointer (&doc, json_object_unref);
  doc = cg_store_get (store, yesterday, FALSE, &error);
  g_assert_cmpstr (cg_json_get_string (doc, "status"), ==, "waiting");
}

static void
test_now_serving_and_stats (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) t1 = at (10, 0);
  g_autoptr(GDateTime) t2 = at (10, 5);
  g_autoptr(GDateTime) t3 = at (10, 30);
  g_autoptr(GPtrArray) serving = NULL;
  g_autoptr(CgQueueTicket) mine = NULL;
  g_autoptr(CgQueueTicket) nobody = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  CgQueueStats stats;

  g_free (add_ticket (store, "K1-001", "2026-11-22T09:50:00Z", "waiting"));   /* waits 10 min */
  g_free (add_ticket (store, "K1-002", "2026-11-22T09:55:00Z", "waiting"));   /* waits 10 min */
  g_free (add_ticket (store, "K1-003", "2026-11-22T10:01:00Z", "waiting"));   /* waits 29 min */
  g_free (add_ticket (store, "K1-004", "2026-11-22T10:20:00Z", "waiting"));   /* still waiting */

  g_assert_true (cg_queue_call_next (store, "staff:1", t1, &a, &error));
  g_assert_true (cg_queue_call_next (store, "staff:2", t2, &b, &error));
  g_assert_true (cg_checkin_set_status_at (store, b, "serving", "staff:2", t2, &error));
  g_assert_no_error (error);

  serving = cg_queue_now_serving (store, t2, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (serving->len, ==, 2);
  g_assert_cmpstr (cg_queue_ticket_get_id (g_ptr_array_index (serving, 0)), ==, b);   /* most recent */
  g_assert_cmpstr (cg_queue_ticket_get_status (g_ptr_array_index (serving, 0)), ==, "serving");
  g_assert_cmpstr (cg_queue_ticket_get_id (g_ptr_array_index (serving, 1)), ==, a);

  mine = cg_queue_current_for (store, "staff:1", t2);
  g_assert_nonnull (mine);
  g_assert_cmpstr (cg_queue_ticket_get_ticket (mine), ==, "K1-001");
  nobody = cg_queue_current_for (store, "staff:3", t2);
  g_assert_null (nobody);

  /* K1-001 did not come; K1-002 was helped; K1-003 called at 10:30 and done. */
  g_assert_true (cg_checkin_set_status_at (store, a, "no_show", "staff:1", t2, &error));
  g_assert_true (cg_checkin_set_status_at (store, b, "done", "staff:2", t3, &error));
  g_assert_true (cg_queue_call_next (store, "staff:1", t3, &c, &error));
  g_assert_true (cg_checkin_set_status_at (store, c, "serving", "staff:1", t3, &error));
  g_assert_true (cg_checkin_set_status_at (store, c, "done", "staff:1", t3, &error));
  g_assert_no_error (error);

  g_assert_true (cg_queue_stats_today (store, t3, &stats, &error));
  g_assert_cmpuint (stats.waiting, ==, 1);
  g_assert_cmpuint (stats.called + stats.serving, ==, 0);
  g_assert_cmpuint (stats.done, ==, 2);
  g_assert_cmpuint (stats.no_show, ==, 1);   /* no-show rate 1 / 3 */
  g_assert_cmpuint (stats.n_waits, ==, 3);
  g_assert_cmpint (stats.average_wait_s, ==, (10 + 10 + 29) * 60 / 3);
  g_assert_cmpint (stats.longest_wait_s, ==, 10 * 60);

  g_clear_pointer (&serving, g_ptr_array_unref);
  serving = cg_queue_now_serving (store, t3, 5, &error);
  g_assert_cmpuint (serving->len, ==, 0);
}

/* ------------------------------------------------- two counters at once */

#define N_RACE_TICKETS 60

/* Rounds: the main thread opens round r, both counters press "Call next"
 * at that moment, the main thread waits for both before the next round.
 * Every round is a real race for the lock, and each counter must come
 * away with a ticket of its own. */
static gint race_round;
static gint race_finished;

typedef struct {
  CgStore    *store;   /* this counter's own connection to the file */
  const char *actor;
  GPtrArray  *called;  /* ids this counter called */
  GError     *error;
} Counter;

static gpointer
counter_thread (gpointer data)
{
  Counter *counter = data;
  g_autoptr(GDateTime) now = at (12, 0);

  for (gint round = 1; round <= N_RACE_TICKETS / 2; round++)
    {
      char *id = NULL;

      while (g_atomic_int_get (&race_round) < round)
        g_thread_yield ();
      if (cg_queue_call_next (counter->store, counter->actor, now, &id, &counter->error) &&
          id != NULL)
        g_ptr_array_add (counter->called, id);
      g_atomic_int_inc (&race_finished);
    }
  return NULL;
}

static void
test_call_next_race (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CgStore) store = cg_test_open_store (&path);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  Counter counters[2] = {
    { NULL, "staff:1", g_ptr_array_new_with_free_func (g_free), NULL },
    { NULL, "staff:2", g_ptr_array_new_with_free_func (g_free), NULL },
  };
  GThread *threads[2];
  char *none = NULL;
  g_autoptr(GDateTime) now = at (12, 0);
  g_autoptr(GError) error = NULL;

  /* Make the device id before two connections race to make it. */
  g_free (cg_device_get_id (store));
  for (guint i = 0; i < N_RACE_TICKETS; i++)
    {
      g_autofree char *ticket = g_strdup_printf ("K1-%03u", i + 1);
      g_autofree char *created = g_strdup_printf ("2026-11-22T09:%02u:%02uZ", i / 60, i % 60);
      g_free (add_ticket (store, ticket, created, "waiting"));
    }

  g_atomic_int_set (&race_round, 0);
  g_atomic_int_set (&race_finished, 0);
  for (guint i = 0; i < 2; i++)
    {
      counters[i].store = cg_store_open (path, &counters[i].error);
      g_assert_no_error (counters[i].error);
      threads[i] = g_thread_new ("counter", counter_thread, &counters[i]);
    }
  for (gint round = 1; round <= N_RACE_TICKETS / 2; round++)
    {
      g_atomic_int_set (&race_round, round);
      while (g_atomic_int_get (&race_finished) < 2 * round)
        g_thread_yield ();
    }
  for (guint i = 0; i < 2; i++)
    {
      g_thread_join (threads[i]);
      g_clear_object (&counters[i].store);
    }

  for (guint i = 0; i < 2; i++)
    {
      g_assert_no_error (counters[i].error);
      /* One ticket per round each: neither lost a race to a double call. */
      g_assert_cmpuint (counters[i].called->len, ==, N_RACE_TICKETS / 2);
      for (guint j = 0; j < counters[i].called->len; j++)
        {
          const char *id = g_ptr_array_index (counters[i].called, j);
          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, (gpointer) id);
        }
      /* Each counter's tickets come in FIFO order. */
      for (guint j = 1; j < counters[i].called->len; j++)
        g_assert_cmpstr (g_ptr_array_index (counters[i].called, j - 1), <,
                         g_ptr_array_index (counters[i].called, j));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, N_RACE_TICKETS);
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM checkins WHERE status = 'called'"),
                   ==, N_RACE_TICKETS);
  g_assert_true (cg_queue_call_next (store, "staff:1", now, &none, &error));
  g_assert_null (none);
  for (guint i = 0; i < 2; i++)
    g_ptr_array_unref (counters[i].called);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/queue/call-next-fifo", test_call_next_fifo);
  g_test_add_func ("/queue/now-serving-and-stats", test_now_serving_and_stats);
  g_test_add_func ("/queue/call-next-race", test_call_next_race);
  return g_test_run ();
}
