/* test-kiosk.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk core (cg-kiosk.h) without a display: settings and categories
 * from config, tickets (two kiosks offline at once never collide), the
 * pickup lookup (an unknown order and wrong digits look the same; wrong
 * answers are rate limited, doubling, across a restart; typing slips are
 * refused and not counted), problem reports and their checks, problems an
 * answer solved, visit ratings, the exit PIN, the local purge, the
 * validation of the fields a kiosk writes, the device agent's purge on a
 * kiosk, and the demo store's kiosk data. Time is passed in where the
 * limiters need it, so nothing sleeps.
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "cg-demo.h"
#include "cg-test-util.h"

#define T0 1767225600 /* 2026-01-01T00:00:00Z */

/* ------------------------------------------------------------ helpers */

static CgStore *
kiosk_store (const char *prefix,
             char      **path)
{
  g_autoptr(GError) error = NULL;
  CgStore *store = cg_test_open_store (path);

  g_assert_true (cg_device_set_identity (store, "0421", prefix, "kiosk", &error));
  g_assert_no_error (error);
  return store;
}

/* Applies @settings_json as the store scope's config, signed with a key
 * the store trusts (the real path: cg_config_accept()). */
static void
apply_settings (CgStore    *store,
                const char *settings_json)
{
  static gint64 version = 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *pub = NULL;
  g_autofree char *sec = NULL;
  g_autofree char *trusted = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();

  cg_config_keygen (&pub, &sec);
  trusted = g_strdup_printf ("[{\"key_id\":\"test\",\"public_key\":\"%s\"}]", pub);
  g_assert_true (cg_store_set_meta (store, "trusted_keys", trusted, &error));
  json_object_set_string_member (doc, "_id", "config:store:0421");
  json_object_set_string_member (doc, "type", "config");
  json_object_set_string_member (doc, "scope", "store:0421");
  json_object_set_int_member (doc, "version", ++version);
  json_object_set_string_member (doc, "issued_at", "2026-11-22T09:00:00Z");
  json_object_set_object_member (doc, "settings", cg_test_json (settings_json));
  g_assert_true (cg_config_sign (doc, "test", sec, &error));
  g_assert_true (cg_config_accept (store, doc, &error));
  g_assert_no_error (error);
}

static JsonObject *
get_doc (CgStore    *store,
         const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = cg_store_get (store, id, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

/* @error is CG_KIOSK_ERROR_INVALID and its message mentions @word
 * (case-insensitively). */
static void
assert_invalid (GError     **error,
                const char  *word)
{
  g_autofree char *lower = NULL;
  g_autofree char *needle = g_ascii_strdown (word, -1);

  g_assert_error (*error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID);
  lower = g_ascii_strdown ((*error)->message, -1);
  if (strstr (lower, needle) == NULL)
    g_error ("“%s” does not mention “%s”", (*error)->message, word);
  g_clear_error (error);
}

/* ------------------------------------------------------------ settings */

static void
test_settings (void)
{
  g_autoptr(CgStore) store = kiosk_store ("K1", NULL);
  g_autoptr(CgKioskSettings) defaults = cg_kiosk_settings_load (store);
  g_autoptr(CgKioskSettings) configured = NULL;
  g_autoptr(CgKioskSettings) clamped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = cg_staff_hash_pin ("2580", &error);
  g_autofree char *json = NULL;
  const char * const all[] = { "checkin", "pickup", "faq", "report_problem", "feedback", NULL };
  const char * const both[] = { "ko", "en", NULL };

  /* Nothing configured. */
  g_assert_cmpuint (defaults->idle_timeout_s, ==, 60);
  g_assert_cmpuint (defaults->idle_warning_s, ==, 20);
  g_assert_true (g_strv_equal ((const char * const *) defaults->features, all));
  g_assert_true (g_strv_equal ((const char * const *) defaults->languages, both));
  g_assert_null (defaults->exit_pin_hash);
  g_assert_null (defaults->store_name_ko);
  g_assert_null (defaults->store_name_en);
  for (guint i = 0; all[i] != NULL; i++)
    g_assert_true (cg_kiosk_settings_has_feature (defaults, all[i]));
  g_assert_false (cg_kiosk_settings_has_feature (defaults, "games"));
  g_assert_false (cg_kiosk_settings_has_feature (defaults, NULL));

  /* From the config. */
  g_assert_no_error (error);
  json = g_strdup_printf ("{\"kiosk\": {\"idle_timeout_s\": 90, \"idle_warning_s\": 15,"
                          " \"features\": [\"checkin\", \"faq\"], \"languages\": [\"en\"],"
                          " \"exit_pin_hash\": \"%s\","
                          " \"store_name\": {\"ko\": \"창구 강남점\", \"en\": \"Changgu Gangnam\"}}}", hash);
  apply_settings (store, json);
  configured = cg_kiosk_settings_load (store);
  g_assert_cmpuint (configured->idle_timeout_s, ==, 90);
  g_assert_cmpuint (configured->idle_warning_s, ==, 15);
  g_assert_true (cg_kiosk_settings_has_feature (configured, "checkin"));
  g_assert_true (cg_kiosk_settings_has_feature (configured, "faq"));
  g_assert_false (cg_kiosk_settings_has_feature (configured, "pickup"));
  g_assert_false (cg_kiosk_settings_has_feature (configured, "report_problem"));
  g_assert_cmpuint (g_strv_length (configured->languages), ==, 1);
  g_assert_cmpstr (configured->languages[0], ==, "en");
  g_assert_cmpstr (configured->exit_pin_hash, ==, hash);
  g_assert_cmpstr (configured->store_name_ko, ==, "창구 강남점");
  g_assert_cmpstr (configured->store_name_en, ==, "Changgu Gangnam");

  /* A timeout below the default warning: the warning is clamped below it;
   * no features at all is a kiosk that only shows the attract screen. */
  apply_settings (store, "{\"kiosk\": {\"idle_timeout_s\": 10, \"features\": []}}");
  clamped = cg_kiosk_settings_load (store);
  g_assert_cmpuint (clamped->idle_timeout_s, ==, 10);
  g_assert_cmpuint (clamped->idle_warning_s, <, 10);
  g_assert_cmpuint (clamped->idle_warning_s, >, 0);
  g_assert_cmpuint (g_strv_length (clamped->features), ==, 0);
  g_assert_false (cg_kiosk_settings_has_feature (clamped, "checkin"));
  g_assert_null (clamped->exit_pin_hash);
  g_assert_null (clamped->store_name_ko);
}

static void
test_categories (void)
{
  g_autoptr(CgStore) store = kiosk_store ("K1", NULL);
  g_autoptr(GPtrArray) en = cg_kiosk_problem_categories (store, "en");
  g_autoptr(GPtrArray) ko = NULL;
  g_autoptr(GPtrArray) other = NULL;
  CgKioskCategory *first, *last;

  /* Built-in: the same ids as cg-categories.h, English labels. */
  g_assert_cmpuint (en->len, ==, cg_categories_get_n ());
  first = g_ptr_array_index (en, 0);
  last = g_ptr_array_index (en, en->len - 1);
  g_assert_cmpstr (first->id, ==, "return");
  g_assert_cmpstr (first->label, ==, "Return");
  g_assert_cmpstr (last->id, ==, "other");
  g_assert_cmpstr (last->label, ==, "Other");

  apply_settings (store,
                  "{\"categories\": [{\"id\": \"return\", \"label\": {\"ko\": \"반품\", \"en\": \"Returns\"}},"
                  "                  {\"id\": \"lost_item\", \"label\": {\"ko\": \"분실물\", \"en\": \"Lost item\"}}]}");
  ko = cg_kiosk_problem_categories (store, "ko");
  g_assert_cmpuint (ko->len, ==, 2);
  g_assert_cmpstr (((CgKioskCategory *) g_ptr_array_index (ko, 0))->label, ==, "반품");
  g_assert_cmpstr (((CgKioskCategory *) g_ptr_array_index (ko, 1))->id, ==, "lost_item");
  g_assert_cmpstr (((CgKioskCategory *) g_ptr_array_index (ko, 1))->label, ==, "분실물");
  /* Another language asked for: English. */
  other = cg_kiosk_problem_categories (store, "fr");
  g_assert_cmpstr (((CgKioskCategory *) g_ptr_array_index (other, 1))->label, ==, "Lost item");
}

/* ------------------------------------------------------------ tickets */

static void
test_ticket (void)
{
  g_autoptr(CgStore) store = kiosk_store ("K1", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *ticket2 = NULL;
  g_autofree char *id = cg_kiosk_take_ticket (store, "return", &ticket, &error);
  g_autofree char *id2 = NULL;
  g_autofree char *device_id = cg_device_get_id (store);
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  const char *bad[] = { NULL, "", "games", "HELP" };

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (id, "checkin:"));
  g_assert_cmpstr (ticket, ==, "K1-001");
  doc = get_doc (store, id);
  g_assert_cmpstr (cg_json_get_string (doc, "ticket"), ==, "K1-001");
  g_assert_cmpstr (cg_json_get_string (doc, "reason"), ==, "return");
  g_assert_cmpstr (cg_json_get_string (doc, "status"), ==, "waiting");
  g_assert_cmpstr (cg_json_get_string (doc, "channel"), ==, "kiosk");
  g_assert_cmpstr (cg_json_get_string (doc, "store_id"), ==, "0421");
  g_assert_cmpstr (cg_json_get_string (doc, "updated_by"), ==, device_id);
  g_assert_cmpstr (cg_json_get_string (doc, "updated_device"), ==, device_id);
  g_assert_false (json_object_has_member (doc, "customer_id"));
  g_assert_false (json_object_has_member (doc, "display_name"));

  id2 = cg_kiosk_take_ticket (store, "help", &ticket2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ticket2, ==, "K1-002");

  /* The counter's queue sees both, in order. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    queue = cg_queue_list_today (store, now, "waiting", &error);
  }
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 2);
  g_assert_cmpstr (cg_queue_ticket_get_ticket (g_ptr_array_index (queue, 0)), ==, "K1-001");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *none = cg_kiosk_take_ticket (store, bad[i], NULL, &error);
      g_assert_null (none);
      g_assert_error (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_cmpuint (cg_store_count_documents (store, "checkin"), ==, 2);
}

typedef struct {
  CgStore   *store;
  guint      n;
  GPtrArray *tickets;
} TicketRun;

static gpointer
take_tickets (gpointer data)
{
  TicketRun *run = data;
  const char *reasons[] = { "help", "pickup", "return", "other" };

  for (guint i = 0; i < run->n; i++)
    {
      g_autoptr(GError) error = NULL;
      char *ticket = NULL;
      g_autofree char *id = cg_kiosk_take_ticket (run->store, reasons[i % 4], &ticket, &error);

      g_assert_no_error (error);
      g_assert_nonnull (id);
      g_ptr_array_add (run->tickets, ticket);
    }
  return NULL;
}

/* @runs take tickets at the same time, each in its thread. All numbers
 * must be distinct. */
static void
run_concurrently (TicketRun *runs,
                  guint      n_runs,
                  guint      expected)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GThread *threads[4];

  g_assert_cmpuint (n_runs, <=, G_N_ELEMENTS (threads));
  for (guint i = 0; i < n_runs; i++)
    threads[i] = g_thread_new ("tickets", take_tickets, &runs[i]);
  for (guint i = 0; i < n_runs; i++)
    g_thread_join (threads[i]);
  for (guint i = 0; i < n_runs; i++)
    for (guint j = 0; j < runs[i].tickets->len; j++)
      {
        const char *ticket = g_ptr_array_index (runs[i].tickets, j);
        if (!g_hash_table_add (seen, (gpointer) ticket))
          g_error ("Ticket %s was given out twice", ticket);
      }
  g_assert_cmpuint (g_hash_table_size (seen), ==, expected);
}

static void
test_tickets_two_kiosks (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CgStore) k1 = kiosk_store ("K1", NULL);
  g_autoptr(CgStore) k2 = kiosk_store ("K2", NULL);
  g_autoptr(CgStore) shared_a = kiosk_store ("K3", &path);
  g_autoptr(CgStore) shared_b = NULL;
  g_autoptr(GError) error = NULL;
  TicketRun two[2] = {
    { k1, 200, g_ptr_array_new_with_free_func (g_free) },
    { k2, 200, g_ptr_array_new_with_free_func (g_free) },
  };
  TicketRun same[2];

  /* Two kiosks, each with its own offline store, 200 tickets each at the
   * same time: 400 distinct numbers, each kiosk 001 to 200. */
  run_concurrently (two, 2, 400);
  g_assert_cmpstr (g_ptr_array_index (two[0].tickets, 0), ==, "K1-001");
  g_assert_cmpstr (g_ptr_array_index (two[0].tickets, 199), ==, "K1-200");
  g_assert_cmpstr (g_ptr_array_index (two[1].tickets, 199), ==, "K2-200");
  g_assert_cmpuint (cg_store_count_documents (k1, "checkin"), ==, 200);
  g_assert_cmpuint (cg_store_count_documents (k2, "checkin"), ==, 200);

  /* Two connections to one file (two windows of one kiosk): the counter
   * is taken inside the write transaction, so they never collide either. */
  shared_b = cg_store_open (path, &error);
  g_assert_no_error (error);
  same[0] = (TicketRun) { shared_a, 100, g_ptr_array_new_with_free_func (g_free) };
  same[1] = (TicketRun) { shared_b, 100, g_ptr_array_new_with_free_func (g_free) };
  run_concurrently (same, 2, 200);
  g_assert_cmpuint (cg_store_count_documents (shared_a, "checkin"), ==, 200);

  for (guint i = 0; i < 2; i++)
    {
      g_ptr_array_unref (two[i].tickets);
      g_ptr_array_unref (same[i].tickets);
    }
}

/* ------------------------------------------------------------ pickup */

/* Pickup documents as the counter writes them: W1 ready (phone ending
 * 5678), W2 placed, W3 picked up, W4 cancelled, W5 ready without a phone,
 * all arrived by replication (known to the central side). */
static void
add_pickups (CgStore *store)
{
  static const struct { const char *number, *status, *last4; } pickups[] = {
    { "W1", "ready_for_pickup", "5678" },
    { "W2", "placed", "1111" },
    { "W3", "picked_up", "2222" },
    { "W4", "cancelled", "3333" },
    { "W5", "ready_for_pickup", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pickups); i++)
    {
      g_autofree char *salt = cg_pickup_new_salt ();
      g_autoptr(JsonObject) doc = cg_pickup_build ("0421", pickups[i].number, pickups[i].status,
                                                   "2026-11-22T08:00:00Z", salt, pickups[i].last4);
      g_autoptr(JsonObject) replicated = cg_test_replicated (doc, "1-aaaa", FALSE);
      g_autoptr(GError) error = NULL;

      g_assert_true (cg_store_put_replicated (store, replicated, &error));
      g_assert_no_error (error);
    }
}

static CgKioskPickupStatus
check (CgStore    *store,
       const char *number,
       const char *last4,
       gint64      now)
{
  g_autoptr(GError) error = NULL;
  CgKioskPickupStatus status = 99;
  gint64 retry = -1;

  g_assert_true (cg_kiosk_pickup_check_at (store, number, last4, now, &status, &retry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (retry, >=, 0);
  return status;
}

static void
test_pickup_check (void)
{
  g_autoptr(CgStore) store = kiosk_store ("K1", NULL);
  g_autoptr(GError) error = NULL;
  CgKioskPickupStatus status;
  gint64 retry = -1;
  gint64 t = T0;
  const char *bad_digits[] = { "", "123", "12345", "12a4", "abcd", "１２３４", NULL };
  const char *bad_numbers[] = { "", "   ", "W-1", "W1;", "주문1", NULL };

  add_pickups (store);

  /* Each quiet period of 10 minutes forgets earlier failures; the lookups
   * below are spread out so that the limiter stays out of the way. */
  g_assert_cmpint (check (store, "W1", "5678", t), ==, CG_KIOSK_PICKUP_READY);
  g_assert_cmpint (check (store, " w1 ", " 5678 ", t), ==, CG_KIOSK_PICKUP_READY);
  g_assert_cmpint (check (store, "W2", "1111", t), ==, CG_KIOSK_PICKUP_NOT_READY);
  g_assert_cmpint (check (store, "W3", "2222", t), ==, CG_KIOSK_PICKUP_COLLECTED);
  g_assert_cmpint (check (store, "W4", "3333", t), ==, CG_KIOSK_PICKUP_CANCELLED);

  /* An unknown order and the wrong digits of a known one: the same
   * answer, no error, nothing that tells them apart. */
  {
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    CgKioskPickupStatus s1 = 99, s2 = 99;
    gint64 r1 = -1, r2 = -1;
    gboolean ok1 = cg_kiosk_pickup_check_at (store, "W999", "5678", t, &s1, &r1, &e1);
    gboolean ok2 = cg_kiosk_pickup_check_at (store, "W1", "0000", t, &s2, &r2, &e2);

    g_assert_true (ok1);
    g_assert_true (ok2);
    g_assert_no_error (e1);
    g_assert_no_error (e2);
    g_assert_cmpint (s1, ==, CG_KIOSK_PICKUP_UNKNOWN);
    g_assert_cmpint (s2, ==, CG_KIOSK_PICKUP_UNKNOWN);
    g_assert_cmpint (r1, ==, r2);
  }
  /* An order without a phone cannot be verified here: unknown too. */
  g_assert_cmpint (check (store, "W5", "5678", t), ==, CG_KIOSK_PICKUP_UNKNOWN);

  /* Typing slips: refused with a message about the field, not counted
   * (so 13 of them do not lock anything). */
  t += 30 * 60;
  g_assert_cmpint (cg_rate_limit_failures (store, "kiosk.pickup", NULL, t), ==, 3);
  for (guint i = 0; bad_digits[i] != NULL; i++)
    {
      g_assert_false (cg_kiosk_pickup_check_at (store, "W1", bad_digits[i], t, &status, &retry, &error));
      assert_invalid (&error, "last 4 digits");
    }
  g_assert_false (cg_kiosk_pickup_check_at (store, "W1", NULL, t, &status, &retry, &error));
  assert_invalid (&error, "last 4 digits");
  for (guint i = 0; bad_numbers[i] != NULL; i++)
    {
      g_assert_false (cg_kiosk_pickup_check_at (store, bad_numbers[i], "5678", t, &status, &retry, &error));
      assert_invalid (&error, "order number");
    }
  g_assert_false (cg_kiosk_pickup_check_at (store, NULL, "5678", t, &status, &retry, &error));
  assert_invalid (&error, "order number");
  g_assert_cmpint (cg_rate_limit_failures (store, "kiosk.pickup", NULL, t), ==, 3);
  g_assert_cmpint (cg_rate_limit_retry_after (store, "kiosk.pickup", t), ==, 0);
  g_assert_cmpint (check (store, "W1", "5678", t), ==, CG_KIOSK_PICKUP_READY);

  /* On the wall clock, and checking in from there. */
  {
    g_autofree char *ticket = NULL;
    g_autofree char *id = NULL;

    g_assert_true (cg_kiosk_pickup_check (store, "W1", "5678", &status, &retry, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, CG_KIOSK_PICKUP_READY);
    id = cg_kiosk_pickup_check_in (store, "W1", "5678", &ticket, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ticket, ==, "K1-001");
  }
}

static void
assert_limited (CgStore *store,
                gint64   now,
                gint64   expected_wait)
{
  g_autoptr(GError) error = NULL;
  CgKioskPickupStatus status = 99;
  gint64 retry = -1;

  /* Even the right answer is refused while locked. */
  g_assert_false (cg_kiosk_pickup_check_at (store, "W1", "5678", now, &status, &retry, &error));
  g_assert_error (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_RATE_LIMITED);
  g_assert_cmpint (retry, ==, expected_wait);
  g_assert_nonnull (strstr (error->message, "try again"));
}

static void
test_pickup_rate_limit (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CgStore) store = kiosk_store ("K1", &path);
  g_autoptr(GError) error = NULL;
  CgKioskPickupStatus status;
  gint64 retry = -1, t = T0;

  add_pickups (store);

  /* Four wrong answers cost nothing (a right one in between does not
   * reset the count: W1 is someone's own order). */
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (cg_kiosk_pickup_check_at (store, "W1", "0000", t + i, &status, &retry, &error));
      g_assert_cmpint (status, ==, CG_KIOSK_PICKUP_UNKNOWN);
      g_assert_cmpint (retry, ==, 0);
      if (i == 1)
        g_assert_cmpint (check (store, "W1", "5678", t + i), ==, CG_KIOSK_PICKUP_READY);
    }
  /* The 5th locks every lookup for 60 s. */
  t += 10;
  g_assert_true (cg_kiosk_pickup_check_at (store, "W77", "1234", t, &status, &retry, &error));
  g_assert_cmpint (status, ==, CG_KIOSK_PICKUP_UNKNOWN);
  g_assert_cmpint (retry, ==, 60);
  assert_limited (store, t, 60);
  assert_limited (store, t + 59, 1);
  /* Refused attempts are not failures: the lock did not grow. */
  assert_limited (store, t + 30, 30);

  /* A restart does not reset it. */
  g_clear_object (&store);
  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  assert_limited (store, t + 30, 30);

  /* After it, the next failure doubles it: 120, 240, 480, 900 (the cap). */
  {
    const gint64 locks[] = { 120, 240, 480, 900, 900 };
    for (guint i = 0; i < G_N_ELEMENTS (locks); i++)
      {
        gint64 wait = cg_rate_limit_retry_after (store, "kiosk.pickup", t);
        t += wait;
        g_assert_true (cg_kiosk_pickup_check_at (store, "W1", "9999", t, &status, &retry, &error));
        g_assert_no_error (error);
        g_assert_cmpint (retry, ==, locks[i]);
        assert_limited (store, t, locks[i]);
      }
  }

  /* Ten quiet minutes after the lock ends: counted afresh, the first
   * failures are free again. */
  t += 900 + 10 * 60;
  g_assert_cmpint (check (store, "W1", "5678", t), ==, CG_KIOSK_PICKUP_READY);
  g_assert_true (cg_kiosk_pickup_check_at (store, "W1", "9999", t, &status, &retry, &error));
  g_assert_cmpint (retry, ==, 0);
  g_assert_cmpint (cg_rate_limit_failures (store, "kiosk.pickup", NULL, t), ==, 1);
}

static void
test_pickup_check_in (void)
{
  g_autoptr(CgStore) store = kiosk_store ("K1", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) doc = NULL;
  static const struct { const char *number, *last4, *word; } refused[] = {
    { "W2", "1111", "not ready" },
    { "W3", "2222", "already been picked up" },
    { "W4", "3333", "cancelled" },
    { "W1", "0000", "could not find" },
    { "W999", "5678", "could not find" },
    { "W1", "567", "last 4 digits" },
  };

  add_pickups (store);
  id = cg_kiosk_pickup_check_in_at (store, "w1", "5678", T0, &ticket, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_cmpstr (ticket, ==, "K1-001");
  doc = get_doc (store, id);
  g_assert_cmpstr (cg_json_get_string (doc, "reason"), ==, "pickup");
  g_assert_cmpstr (cg_json_get_string (doc, "order_number"), ==, "W1");
  g_assert_cmpstr (cg_json_get_string (doc, "channel"), ==, "kiosk");
  g_assert_cmpstr (cg_json_get_string (doc, "status"), ==, "waiting");

  /* Checking in again for the same order keeps the place in the queue:
   * the same check-in and number, no second ticket. */
  {
    g_autofree char *again_ticket = NULL;
    g_autofree char *again = cg_kiosk_pickup_check_in_at (store, "W1", "5678", T0 + 10, &again_ticket, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again, ==, id);
    g_assert_cmpstr (again_ticket, ==, "K1-001");
  }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *none = cg_kiosk_pickup_check_in_at (store, refused[i].number, refused[i].last4,
                                                           T0 + 1000 * (i + 1), NULL, &error);
      g_assert_null (none);
      assert_invalid (&error, refused[i].word);
    }
  g_assert_cmpuint (cg_store_count_documents (store, "checkin"), ==, 1);
}

/* ------------------------------------------------------------ problems */

static void
test_report_problem (void)
{
  g_autoptr(CgStore) store = kiosk_store ("K1", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *id = NULL;
  g_autofree char *device_id = cg_device_get_id (store);
  g_autoptr(JsonObject) doc = NULL;
  const char * const offered[] = { "article:returns-ko", "article:store-hours-ko", NULL };
  CgKioskProblem problem = {
    .category = "return",
    .description = "  영수증을 잃어버렸는데 반품할 수 있나요?\n구매는 지난주에 했어요.  ",
    .contact_phone = "010-9876-5432",
    .contact_email = " kiosk.visitor@example.com ",
    .language = "ko",
    .offered = offered,
  };
  JsonObject *contact, *self_service;

  id = cg_kiosk_report_problem (store, &problem, &number, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_cmpstr (number, ==, "0421-K1-000001");
  doc = get_doc (store, id);
  g_assert_cmpstr (cg_json_get_string (doc, "number"), ==, number);
  g_assert_cmpstr (cg_json_get_string (doc, "channel"), ==, "kiosk");
  g_assert_cmpstr (cg_json_get_string (doc, "status"), ==, "new");
  g_assert_cmpstr (cg_json_get_string (doc, "priority"), ==, "normal");
  g_assert_cmpstr (cg_json_get_string (doc, "category"), ==, "return");
  g_assert_cmpstr (cg_json_get_string (doc, "created_by"), ==, device_id);
  g_assert_cmpstr (cg_json_get_string (doc, "language"), ==, "ko");
  g_assert_cmpstr (cg_json_get_string (doc, "description"), ==,
                   "영수증을 잃어버렸는데 반품할 수 있나요?\n구매는 지난주에 했어요.");
  g_assert_cmpstr (cg_json_get_string (doc, "subject"), ==, "영수증을 잃어버렸는데 반품할 수 있나요?");
  g_assert_false (json_object_has_member (doc, "customer_id"));
  contact = cg_json_get_object (doc, "contact");
  g_assert_cmpstr (cg_json_get_string (contact, "phone"), ==, "+821098765432");
  g_assert_cmpstr (cg_json_get_string (contact, "email"), ==, "kiosk.visitor@example.com");
  self_service = cg_json_get_object (doc, "self_service");
  g_assert_cmpuint (json_array_get_length (cg_json_get_array (self_service, "offered")), ==, 2);
  g_assert_false (cg_json_get_bool (self_service, "helped", TRUE));
  /* SLA from the policies in force. */
  g_assert_nonnull (cg_json_get_string (cg_json_get_object (doc, "sla"), "resolution_due"));
  g_clear_pointer (&doc, json_object_unref);

  /* No contact, nothing offered, a long first line: neither member, a
   * shortened subject. */
  {
    g_autofree char *long_line = NULL;
    g_autofree char *id2 = NULL;
    g_autoptr(GString) text = g_string_new (NULL);
    CgKioskProblem bare = { .category = "other", .language = "en" };

    for (guint i = 0; i < 500; i++)
      g_string_append (text, i % 10 == 9 ? " " : "가");   /* 500 characters, 1350 bytes */
    long_line = g_string_free (g_steal_pointer (&text), FALSE);
    bare.description = long_line;
    id2 = cg_kiosk_report_problem (store, &bare, NULL, &error);
    g_assert_no_error (error);
    doc = get_doc (store, id2);
    g_assert_false (json_object_has_member (doc, "contact"));
    g_assert_false (json_object_has_member (doc, "self_service"));
    g_assert_cmpstr (cg_json_get_string (doc, "number"), ==, "0421-K1-000002");
    g_assert_cmpint (g_utf8_strlen (cg_json_get_string (doc, "subject"), -1), ==, 80);
    g_assert_true (g_str_has_suffix (cg_json_get_string (doc, "subject"), "…"));
  }

  /* What is refused, with the field named, and nothing written. */
  {
    g_autoptr(GString) long_text = g_string_new (NULL);
    const char * const too_many[] = { "a:1", "a:2", "a:3", "a:4", "a:5", "a:6", "a:7", "a:8", "a:9", "a:10", "a:11", NULL };
    struct { CgKioskProblem p; const char *word; } bad[] = {
      { { .category = "return", .description = "", .language = "ko" }, "description" },
      { { .category = "return", .description = " \n\t ", .language = "ko" }, "description" },
      { { .category = "return", .description = NULL, .language = "ko" }, "description" },
      { { .category = "return", .description = NULL /* 501 */, .language = "ko" }, "description" },
      { { .category = "return", .description = "Broken", .contact_phone = "010-12", .language = "en" }, "phone" },
      { { .category = "return", .description = "Broken", .contact_phone = "call me", .language = "en" }, "phone" },
      { { .category = "return", .description = "Broken", .contact_email = "me@", .language = "en" }, "e-mail" },
      { { .category = "return", .description = "Broken", .contact_email = "me at example.com", .language = "en" }, "e-mail" },
      { { .category = "games", .description = "Broken", .language = "en" }, "category" },
      { { .category = NULL, .description = "Broken", .language = "en" }, "category" },
      { { .category = "return", .description = "Broken", .language = "fr" }, "language" },
      { { .category = "return", .description = "Broken", .language = "en", .offered = too_many }, "article" },
    };

    for (guint i = 0; i < 501; i++)
      g_string_append (long_text, "가");
    bad[3].p.description = long_text->str;
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *none = cg_kiosk_report_problem (store, &bad[i].p, NULL, &error);
        g_assert_null (none);
        assert_invalid (&error, bad[i].word);
      }
    /* Empty strings for the optional contact are no contact. */
    {
      CgKioskProblem blank = { .category = "return", .description = "Broken", .contact_phone = " ",
                               .contact_email = "", .language = "en" };
      g_autofree char *id3 = cg_kiosk_report_problem (store, &blank, NULL, &error);
      g_autoptr(JsonObject) doc3 = NULL;

      g_assert_no_error (error);
      doc3 = get_doc (store, id3);
      g_assert_false (json_object_has_member (doc3, "contact"));
    }
  }
  g_assert_cmpuint (cg_store_count_documents (store, "case"), ==, 3);
}

static gboolean
collect_id (const char *id,
            const char *rev,
            gint64      seq,
            gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (id));
  return TRUE;
}

/* The ids of the live documents of @type, by id. */
static GPtrArray *
ids_of (CgStore    *store,
        const char *type)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  cg_store_foreach_document (store, type, collect_id, ids);
  return ids;
}

/* The only document of @type. */
static JsonObject *
only_doc (CgStore    *store,
          const char *type)
{
  g_autoptr(GPtrArray) ids = ids_of (store, type);

  g_assert_cmpuint (ids->len, ==, 1);
  return get_doc (store, g_ptr_array_index (ids, 0));
}

static void
test_record_helped (void)
{
  g_autoptr(CgStore) store = kiosk_store ("K1", NULL);
  g_autoptr(GError) error = NULL;
  const char * const offered[] = { "article:returns-en", "article:store-hours-en", NULL };
  const char * const other[] = { "article:returns-en", NULL };
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *device_id = cg_device_get_id (store);
  JsonObject *self_service;
  JsonArray *list;

  g_assert_true (cg_kiosk_record_helped (store, "return", offered, "article:store-hours-en", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cg_store_count_documents (store, "case"), ==, 0);
  doc = only_doc (store, "feedback");
  g_assert_cmpstr (cg_json_get_string (doc, "channel"), ==, "kiosk");
  g_assert_cmpstr (cg_json_get_string (doc, "updated_by"), ==, device_id);
  g_assert_false (json_object_has_member (doc, "csat"));
  g_assert_false (json_object_has_member (doc, "nps"));
  g_assert_false (json_object_has_member (doc, "comment"));
  g_assert_false (json_object_has_member (doc, "customer_id"));
  self_service = cg_json_get_object (doc, "self_service");
  g_assert_nonnull (self_service);
  g_assert_true (cg_json_get_bool (self_service, "helped", FALSE));
  g_assert_cmpstr (cg_json_get_string (self_service, "category"), ==, "return");
  g_assert_cmpstr (cg_json_get_string (self_service, "article_id"), ==, "article:store-hours-en");
  list = cg_json_get_array (self_service, "offered");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (cg_json_array_get_string (list, 1), ==, "article:store-hours-en");

  /* The answer that helped is always among those offered. */
  g_assert_true (cg_kiosk_record_helped (store, "other", other, "article:lost-en", &error));
  g_assert_no_error (error);
  g_assert_true (cg_kiosk_record_helped (store, "other", NULL, "article:lost-en", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM feedback WHERE csat IS NULL AND nps IS NULL"), ==, 3);

  g_assert_false (cg_kiosk_record_helped (store, "return", offered, "", &error));
  assert_invalid (&error, "article");
  g_assert_false (cg_kiosk_record_helped (store, "return", offered, NULL, &error));
  assert_invalid (&error, "article");
  g_assert_false (cg_kiosk_record_helped (store, "games", offered, "article:returns-en", &error));
  assert_invalid (&error, "category");
  g_assert_cmpuint (cg_store_count_documents (store, "feedback"), ==, 3);
}

/* ------------------------------------------------------------ feedback */

static void
test_rate_visit (void)
{
  g_autoptr(CgStore) store = kiosk_store ("K1", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GString) long_comment = g_string_new (NULL);
  static const struct { int csat, nps; const char *comment; } good[] = {
    { 5, 10, "  빨리 처리해 주셔서 감사합니다.  " },
    { 1, -1, NULL },
    { 0, 0, NULL },
    { 0, 10, "   " },
  };
  static const struct { int csat, nps; const char *word; } bad[] = {
    { 6, 5, "1 to 5" },
    { -1, 5, "1 to 5" },
    { 3, 11, "0 to 10" },
    { 3, -2, "0 to 10" },
    { 0, -1, "rating" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (cg_kiosk_rate_visit (store, good[i].csat, good[i].nps, good[i].comment, &error));
      g_assert_no_error (error);
    }
  ids = ids_of (store, "feedback");
  g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (good));
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM feedback WHERE csat = 5 AND nps = 10"), ==, 1);
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM feedback WHERE csat = 1 AND nps IS NULL"), ==, 1);
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM feedback WHERE csat IS NULL AND nps = 0"), ==, 1);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) doc = get_doc (store, g_ptr_array_index (ids, i));
      const char *comment = cg_json_get_string (doc, "comment");

      g_assert_cmpstr (cg_json_get_string (doc, "channel"), ==, "kiosk");
      g_assert_false (json_object_has_member (doc, "self_service"));
      /* Trimmed; only white space is no comment. */
      if (comment != NULL)
        g_assert_cmpstr (comment, ==, "빨리 처리해 주셔서 감사합니다.");
    }
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM feedback f JOIN docs d ON d.doc_id = f.doc_id "
                                             "JOIN revs r ON r.doc_id = d.doc_id AND r.rev = d.rev "
                                             "WHERE json_extract (r.body, '$.comment') IS NOT NULL"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (cg_kiosk_rate_visit (store, bad[i].csat, bad[i].nps, NULL, &error));
      assert_invalid (&error, bad[i].word);
    }
  for (guint i = 0; i < 1001; i++)
    g_string_append (long_comment, "좋");
  g_assert_false (cg_kiosk_rate_visit (store, 5, -1, long_comment->str, &error));
  assert_invalid (&error, "comment");
  g_string_truncate (long_comment, 3000);   /* 1000 characters of 3 bytes */
  g_assert_true (cg_kiosk_rate_visit (store, 5, -1, long_comment->str, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cg_store_count_documents (store, "feedback"), ==, G_N_ELEMENTS (good) + 1);
}

/* ------------------------------------------------------------ exit PIN */

static void
exit_pin (CgStore    *store,
          const char *pin,
          gint64      now,
          int         expected_code,   /* -1: accepted */
          gint64      expected_retry)
{
  g_autoptr(GError) error = NULL;
  gint64 retry = -1;
  gboolean ok = cg_kiosk_check_exit_pin_at (store, pin, now, &retry, &error);

  if (expected_code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, CG_KIOSK_ERROR, expected_code);
    }
  g_assert_cmpint (retry, ==, expected_retry);
}

static void
test_exit_pin (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CgStore) store = kiosk_store ("K1", &path);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = cg_staff_hash_pin ("2580", &error);
  g_autofree char *settings = g_strdup_printf ("{\"kiosk\": {\"exit_pin_hash\": \"%s\"}}", hash);
  gint64 t = T0;

  /* No PIN configured: the kiosk cannot be left by PIN, whatever is typed,
   * and nothing is counted. */
  for (guint i = 0; i < 5; i++)
    exit_pin (store, "2580", t, CG_KIOSK_ERROR_NO_PIN, 0);
  g_assert_cmpint (cg_rate_limit_failures (store, "kiosk.exit_pin", NULL, t), ==, 0);

  g_assert_no_error (error);
  apply_settings (store, settings);
  exit_pin (store, "2580", t, -1, 0);
  exit_pin (store, "", t, CG_KIOSK_ERROR_INVALID, 0);
  exit_pin (store, NULL, t, CG_KIOSK_ERROR_INVALID, 0);

  /* 3 free failures; the 4th locks for 30 s, refusing even the right PIN. */
  exit_pin (store, "0000", t, CG_KIOSK_ERROR_WRONG_PIN, 0);
  exit_pin (store, "1234", t, CG_KIOSK_ERROR_WRONG_PIN, 0);
  exit_pin (store, "25801", t, CG_KIOSK_ERROR_WRONG_PIN, 0);
  exit_pin (store, "9999", t, CG_KIOSK_ERROR_WRONG_PIN, 30);
  exit_pin (store, "2580", t + 10, CG_KIOSK_ERROR_RATE_LIMITED, 20);

  /* It survives a restart. */
  g_clear_object (&store);
  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  exit_pin (store, "2580", t + 20, CG_KIOSK_ERROR_RATE_LIMITED, 10);

  /* Doubling: 60 s after the next failure. */
  exit_pin (store, "0000", t + 30, CG_KIOSK_ERROR_WRONG_PIN, 60);
  exit_pin (store, "2580", t + 89, CG_KIOSK_ERROR_RATE_LIMITED, 1);

  /* The right PIN after the lock opens the kiosk and clears the count. */
  exit_pin (store, "2580", t + 90, -1, 0);
  exit_pin (store, "0000", t + 91, CG_KIOSK_ERROR_WRONG_PIN, 0);
  g_assert_cmpint (cg_rate_limit_failures (store, "kiosk.exit_pin", NULL, t + 91), ==, 1);

  /* On the wall clock (long after T0: no lock). */
  {
    gint64 retry = -1;
    g_assert_true (cg_kiosk_check_exit_pin (store, "2580", &retry, &error));
    g_assert_no_error (error);
    g_assert_cmpint (retry, ==, 0);
  }
}

/* ------------------------------------------------------------ purge */

/* Marks what @id has as acknowledged by the central side. */
static void
acknowledge (CgStore    *store,
             const char *id)
{
  g_autoptr(JsonObject) doc = get_doc (store, id);
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_store_mark_synced (store, id, cg_json_get_string (doc, "_rev"), &error));
  g_assert_no_error (error);
}

static char *
put_checkin (CgStore    *store,
             const char *status,
             GDateTime  *created)
{
  g_autofree char *id = cg_device_new_doc_id ("checkin");
  g_autofree char *stamp = cg_json_timestamp (created);
  g_autofree char *json = g_strdup_printf ("{\"_id\": \"%s\", \"type\": \"checkin\", \"ticket\": \"K1-900\","
                                           " \"store_id\": \"0421\", \"reason\": \"help\", \"status\": \"%s\","
                                           " \"channel\": \"kiosk\", \"created_at\": \"%s\"}", id, status, stamp);
  g_autoptr(JsonObject) doc = cg_test_json (json);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = cg_store_put (store, doc, &error);

  g_assert_no_error (error);
  return g_steal_pointer (&id);
}

static gboolean
exists (CgStore    *store,
        const char *id)
{
  g_autoptr(JsonObject) doc = cg_store_get (store, id, FALSE, NULL);
  return doc != NULL;
}

/* The store's files (the database and its WAL) as one byte string. */
static GBytes *
file_bytes (const char *path)
{
  g_autoptr(GByteArray) all = g_byte_array_new ();
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (file, &contents, &length, NULL))
        g_byte_array_append (all, (const guint8 *) contents, (guint) length);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  gsize n = strlen (needle);

  for (gsize i = 0; n > 0 && i + n <= size; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_purge (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CgStore) store = kiosk_store ("K1", &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) earlier_today = NULL;
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *case_id = NULL;
  g_autofree char *pending_case = NULL;
  g_autofree char *waiting_today = NULL;
  g_autofree char *serving_today = NULL;
  g_autofree char *done_today = NULL;
  g_autofree char *no_show_today = NULL;
  g_autofree char *waiting_yesterday = NULL;
  g_autofree char *done_pending = NULL;
  g_autoptr(GPtrArray) feedback = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  const char *kept_types[] = { "article", "pickup", "config" };
  CgKioskProblem problem = {
    .category = "defect", .description = "The zipper of my jacket broke after two days (Quokka-7731)",
    .contact_phone = "010-5550-7731", .contact_email = "quokka.visitor@example.org", .language = "en",
  };
  guint purged;

  /* The day's start, so that "earlier today" is today in any time zone. */
  earlier_today = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                                   g_date_time_get_month (now), g_date_time_get_day_of_month (now), 0, 0, 1);

  /* What a kiosk holds: articles, pickups and config from the central side… */
  add_pickups (store);
  {
    g_autoptr(JsonObject) article = cg_test_json (
      "{\"_id\": \"article:returns-en\", \"type\": \"article\", \"title\": \"Returns\", \"body\": \"Bring the receipt.\","
      " \"locale\": \"en\", \"category\": \"returns\", \"published\": true, \"updated_at\": \"2026-11-22T08:00:00Z\"}");
    g_autoptr(JsonObject) config = cg_test_json (
      "{\"_id\": \"config:store:0421\", \"type\": \"config\", \"scope\": \"store:0421\", \"version\": 1,"
      " \"issued_at\": \"2026-11-22T08:00:00Z\", \"key_id\": \"k\", \"settings\": {}, \"signature\": \"x\"}");
    g_autoptr(JsonObject) a = cg_test_replicated (article, "1-bbbb", FALSE);
    g_autoptr(JsonObject) c = cg_test_replicated (config, "1-cccc", FALSE);

    g_assert_true (cg_store_put_replicated (store, a, &error));
    g_assert_true (cg_store_put_replicated (store, c, &error));
    g_assert_no_error (error);
  }
  /* …and what it made. */
  case_id = cg_kiosk_report_problem (store, &problem, NULL, &error);
  g_assert_no_error (error);
  problem.description = "Still waiting to be sent";
  problem.contact_phone = problem.contact_email = NULL;
  pending_case = cg_kiosk_report_problem (store, &problem, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cg_kiosk_rate_visit (store, 4, 8, "Quick (Wombat-5521)", &error));
  g_assert_true (cg_kiosk_record_helped (store, "return", NULL, "article:returns-en", &error));
  g_assert_no_error (error);
  waiting_today = put_checkin (store, "waiting", earlier_today);
  serving_today = put_checkin (store, "serving", now);
  done_today = put_checkin (store, "done", earlier_today);
  no_show_today = put_checkin (store, "no_show", now);
  waiting_yesterday = put_checkin (store, "waiting", yesterday);
  done_pending = put_checkin (store, "done", now);

  /* Nothing is acknowledged yet: nothing goes. */
  g_assert_cmpuint (cg_kiosk_purge_delivered (store, now, &error), ==, 0);
  g_assert_no_error (error);

  /* The central side acknowledges all but two. */
  acknowledge (store, case_id);
  feedback = ids_of (store, "feedback");
  g_assert_cmpuint (feedback->len, ==, 2);
  for (guint i = 0; i < feedback->len; i++)
    acknowledge (store, g_ptr_array_index (feedback, i));
  acknowledge (store, waiting_today);
  acknowledge (store, serving_today);
  acknowledge (store, done_today);
  acknowledge (store, no_show_today);
  acknowledge (store, waiting_yesterday);

  before = file_bytes (path);
  g_assert_true (bytes_contain (before, "quokka.visitor@example.org"));

  /* Purged: the delivered case, both feedback documents, the check-ins
   * done or no-show today and the one from yesterday = 6. */
  purged = cg_kiosk_purge_delivered (store, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (purged, ==, 6);
  g_assert_false (exists (store, case_id));
  for (guint i = 0; i < feedback->len; i++)
    g_assert_false (exists (store, g_ptr_array_index (feedback, i)));
  g_assert_false (exists (store, done_today));
  g_assert_false (exists (store, no_show_today));
  g_assert_false (exists (store, waiting_yesterday));
  /* Kept: not yet sent, or still on today's board. */
  g_assert_true (exists (store, pending_case));
  g_assert_true (exists (store, done_pending));
  g_assert_true (exists (store, waiting_today));
  g_assert_true (exists (store, serving_today));
  /* Never touched. */
  for (guint i = 0; i < G_N_ELEMENTS (kept_types); i++)
    g_assert_cmpuint (cg_store_count_documents (store, kept_types[i]), >, 0);
  g_assert_cmpuint (cg_store_count_documents (store, "pickup"), ==, 5);
  {
    g_autoptr(GDateTime) later = g_date_time_new_now_local ();
    g_autoptr(GPtrArray) board = cg_queue_now_serving (store, later, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (board->len, ==, 1);
  }

  /* What the customer typed is gone from the files too, not only from
   * the tables (secure_delete, the merged index, the reset WAL). */
  after = file_bytes (path);
  g_assert_false (bytes_contain (after, "quokka.visitor@example.org"));
  g_assert_false (bytes_contain (after, "+821055507731"));
  g_assert_false (bytes_contain (after, "Quokka-7731"));
  g_assert_false (bytes_contain (after, "Wombat-5521"));

  /* A second run finds nothing more; once sent, the rest goes too
   * (today's waiting ones stay). */
  g_assert_cmpuint (cg_kiosk_purge_delivered (store, now, &error), ==, 0);
  acknowledge (store, pending_case);
  acknowledge (store, done_pending);
  g_assert_cmpuint (cg_kiosk_purge_delivered (store, now, &error), ==, 2);
  g_assert_cmpuint (cg_store_count_documents (store, "case"), ==, 0);
  g_assert_cmpuint (cg_store_count_documents (store, "checkin"), ==, 2);
  g_assert_cmpuint (cg_store_count_pending (store), ==, 0);
}

/* Another connection reading (the replicator's worker) keeps the WAL from
 * being reset: the purge does not wait for it, owes the reset, and a later
 * call (the next tick) does it. */
static void
test_purge_busy_wal (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CgStore) store = kiosk_store ("K1", &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *case_id = NULL;
  g_autofree char *owed = NULL;
  g_autoptr(GBytes) after = NULL;
  CgKioskProblem problem = { .category = "other", .description = "Numbat-6120 left a bag",
                             .contact_email = "numbat.visitor@example.org", .language = "en" };
  sqlite3 *reader = NULL;
  gint64 start;

  case_id = cg_kiosk_report_problem (store, &problem, NULL, &error);
  g_assert_no_error (error);
  acknowledge (store, case_id);

  g_assert_cmpint (sqlite3_open (path, &reader), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (reader, "BEGIN; SELECT count(*) FROM docs;", NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  g_assert_cmpuint (cg_kiosk_purge_delivered (store, now, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_false (exists (store, case_id));
  owed = cg_store_get_meta (store, "kiosk.scrub_owed");
  g_assert_cmpstr (owed, ==, "1");

  sqlite3_exec (reader, "COMMIT;", NULL, NULL, NULL);
  sqlite3_close (reader);

  /* Nothing left to purge, but the reset is done now. */
  g_assert_cmpuint (cg_kiosk_purge_delivered (store, now, &error), ==, 0);
  g_clear_pointer (&owed, g_free);
  owed = cg_store_get_meta (store, "kiosk.scrub_owed");
  g_assert_null (owed);
  after = file_bytes (path);
  g_assert_false (bytes_contain (after, "numbat.visitor@example.org"));
  g_assert_false (bytes_contain (after, "Numbat-6120"));
}

/* ------------------------------------------------------------ device agent */

static void
test_device_agent (void)
{
  g_autoptr(CgStore) kiosk = kiosk_store ("K1", NULL);
  g_autoptr(CgStore) counter = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *kiosk_case = NULL;
  g_autofree char *counter_case = NULL;
  CgKioskProblem problem = { .category = "other", .description = "Lost my umbrella", .language = "en" };
  CgDeviceTick tick = { 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_true (cg_device_set_identity (counter, "0421", "C1", "counter", &error));
  kiosk_case = cg_kiosk_report_problem (kiosk, &problem, NULL, &error);
  counter_case = cg_kiosk_report_problem (counter, &problem, NULL, &error);
  g_assert_no_error (error);
  acknowledge (kiosk, kiosk_case);
  acknowledge (counter, counter_case);

  /* Every tick of a kiosk purges; a counter keeps its cases. */
  g_assert_true (cg_device_agent_tick (kiosk, NULL, "test", now, &tick, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tick.purged, >=, 1);
  g_assert_false (exists (kiosk, kiosk_case));
  g_assert_true (cg_device_agent_tick (counter, NULL, "test", now, &tick, &error));
  g_assert_true (exists (counter, counter_case));
}

/* ------------------------------------------------------------ validation */

static void
test_validate (void)
{
  static const char *base_case =
    "{\"_id\": \"case:v\", \"type\": \"case\", \"number\": \"0421-K1-000001\", \"store_id\": \"0421\","
    " \"channel\": \"kiosk\", \"category\": \"other\", \"subject\": \"S\", \"priority\": \"normal\","
    " \"status\": \"new\", \"created_by\": \"dev\", \"created_at\": \"2026-11-22T09:00:00Z\","
    " \"updated_at\": \"2026-11-22T09:00:00Z\"";
  static const char *base_feedback =
    "{\"_id\": \"feedback:v\", \"type\": \"feedback\", \"channel\": \"kiosk\", \"created_at\": \"2026-11-22T09:00:00Z\"";
  static const char *base_checkin =
    "{\"_id\": \"checkin:v\", \"type\": \"checkin\", \"ticket\": \"K1-001\", \"store_id\": \"0421\","
    " \"reason\": \"help\", \"status\": \"waiting\", \"created_at\": \"2026-11-22T09:00:00Z\"";
  static const struct { const char **base; const char *extra; const char *word; } docs[] = {
    { &base_case, "}", NULL },
    { &base_case, ", \"contact\": {\"phone\": \"+821012345678\", \"email\": \"a@example.com\"}, \"language\": \"ko\","
                  " \"self_service\": {\"offered\": [\"article:a\"], \"helped\": false}}", NULL },
    { &base_case, ", \"contact\": {\"email\": \"a@example.com\"}}", NULL },
    { &base_case, ", \"contact\": {\"phone\": \"010-12\"}}", "international form" },
    { &base_case, ", \"contact\": {\"phone\": 1012345678}}", "contact.phone" },
    { &base_case, ", \"contact\": {\"email\": \"a@\"}}", "e-mail" },
    { &base_case, ", \"contact\": {}}", "contact" },
    { &base_case, ", \"contact\": \"+821012345678\"}", "contact" },
    { &base_case, ", \"language\": \"fr\"}", "language" },
    { &base_case, ", \"self_service\": {\"offered\": [\"article:a\"]}}", "self_service.helped" },
    { &base_case, ", \"self_service\": {\"helped\": false}}", "self_service.offered" },
    { &base_case, ", \"self_service\": {\"offered\": \"article:a\", \"helped\": false}}", "self_service.offered" },
    { &base_case, ", \"self_service\": {\"offered\": [\"\"], \"helped\": false}}", "self_service.offered" },
    { &base_case, ", \"self_service\": {\"offered\": [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"],"
                  " \"helped\": false}}", "self_service.offered" },
    { &base_feedback, "}", "rating" },
    { &base_feedback, ", \"csat\": 5}", NULL },
    { &base_feedback, ", \"self_service\": {\"category\": \"return\", \"offered\": [\"article:a\"], \"helped\": true,"
                      " \"article_id\": \"article:a\"}}", NULL },
    { &base_feedback, ", \"self_service\": {\"category\": \"return\", \"helped\": true}}", "self_service.article_id" },
    { &base_feedback, ", \"self_service\": {\"offered\": [], \"helped\": true, \"article_id\": \"a\"}}", "self_service.category" },
    { &base_feedback, ", \"self_service\": {\"category\": \"return\", \"helped\": \"yes\", \"article_id\": \"a\"}}", "self_service.helped" },
    { &base_feedback, ", \"self_service\": 1}", "self_service" },
    { &base_checkin, ", \"channel\": \"kiosk\"}", NULL },
    { &base_checkin, ", \"channel\": \"counter\"}", NULL },
    { &base_checkin, ", \"channel\": \"web\"}", "channel" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autofree char *json = g_strconcat (*docs[i].base, docs[i].extra, NULL);
      g_autoptr(JsonObject) doc = cg_test_json (json);
      g_autoptr(GError) error = NULL;
      gboolean ok = cg_validate_document (doc, NULL, &error);

      if (docs[i].word == NULL)
        {
          if (!ok)
            g_error ("%s: refused: %s", json, error->message);
        }
      else
        {
          if (ok)
            g_error ("%s: accepted", json);
          g_assert_error (error, CG_VALIDATION_ERROR, error->code);
          if (strstr (error->message, docs[i].word) == NULL)
            g_error ("%s: “%s” does not mention “%s”", json, error->message, docs[i].word);
        }
    }
}

/* ------------------------------------------------------------ demo */

static void
test_demo (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  CgDemoOptions options = { .customers = 300, .seed = 7, .articles = FALSE };
  CgDemoCounts counts;
  CgKpiReport report;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_true (cg_demo_generate (store, &options, NULL, NULL, NULL, &counts, &error));
  g_assert_no_error (error);

  /* Every demo ticket came from the kiosk. */
  g_assert_cmpint (cg_test_query_int (store,
    "SELECT count(*) FROM checkins k JOIN docs d ON d.doc_id = k.doc_id "
    "JOIN revs r ON r.doc_id = d.doc_id AND r.rev = d.rev "
    "WHERE json_extract (r.body, '$.channel') IS NOT 'kiosk'"), ==, 0);
  g_assert_cmpint (cg_test_query_int (store,
    "SELECT count(*) FROM cases c JOIN docs d ON d.doc_id = c.doc_id "
    "JOIN revs r ON r.doc_id = d.doc_id AND r.rev = d.rev "
    "WHERE json_array_length (r.body, '$.self_service.offered') > 0 "
    "AND json_extract (r.body, '$.channel') = 'kiosk'"), >, 0);

  /* Reports show the rate: over all time, and over the last 30 days. */
  g_assert_true (cg_kpi_report_compute (store, 0, now + 1, now, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report.deflection.has_value);
  g_assert_cmpuint (report.deflection.numerator, >, 0);
  g_assert_cmpuint (report.deflection.denominator, >, report.deflection.numerator);
  g_test_message ("Demo deflection over all time: %u of %u (%.1f%%)", report.deflection.numerator,
                  report.deflection.denominator, report.deflection.percent);
  g_assert_true (cg_kpi_report_compute (store, now - 30 * 86400, now + 1, now, NULL, NULL, &report, &error));
  g_assert_true (report.deflection.has_value);
  g_test_message ("Demo deflection, last 30 days: %u of %u", report.deflection.numerator,
                  report.deflection.denominator);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiosk/settings", test_settings);
  g_test_add_func ("/kiosk/categories", test_categories);
  g_test_add_func ("/kiosk/ticket", test_ticket);
  g_test_add_func ("/kiosk/tickets-two-kiosks", test_tickets_two_kiosks);
  g_test_add_func ("/kiosk/pickup-check", test_pickup_check);
  g_test_add_func ("/kiosk/pickup-rate-limit", test_pickup_rate_limit);
  g_test_add_func ("/kiosk/pickup-check-in", test_pickup_check_in);
  g_test_add_func ("/kiosk/report-problem", test_report_problem);
  g_test_add_func ("/kiosk/record-helped", test_record_helped);
  g_test_add_func ("/kiosk/rate-visit", test_rate_visit);
  g_test_add_func ("/kiosk/exit-pin", test_exit_pin);
  g_test_add_func ("/kiosk/purge", test_purge);
  g_test_add_func ("/kiosk/purge-busy-wal", test_purge_busy_wal);
  g_test_add_func ("/kiosk/device-agent", test_device_agent);
  g_test_add_func ("/kiosk/validate", test_validate);
  g_test_add_func ("/kiosk/demo", test_demo);
  return g_test_run ();
}
