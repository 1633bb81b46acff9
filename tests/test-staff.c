/* test-staff.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staff sign-in: PIN hashes, the same error for unknown ids and wrong
 * PINs, inactive staff, and the rate limiter (per id and device-wide),
 * which must survive reopening the store. Time is passed in, so nothing
 * sleeps.
 */
#include "config.h"

#include "cg-test-util.h"
#include "cg-demo.h"

#define T0 1767225600 /* 2026-01-01T00:00:00Z */

static void
put_staff (CgStore    *store,
           const char *id,
           const char *name,
           const char *role,
           const char *pin,
           gboolean    active)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *hash = cg_staff_hash_pin (pin, &error);
  g_autofree char *rev = NULL;

  g_assert_no_error (error);
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "staff");
  json_object_set_string_member (doc, "name", name);
  json_object_set_string_member (doc, "role", role);
  json_object_set_string_member (doc, "pin_hash", hash);
  json_object_set_boolean_member (doc, "active", active);
  rev = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
}

static void
test_hash_pin (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = cg_staff_hash_pin ("1234", &error);
  const char *bad[] = { "123", "123456789", "12a4", "", " 1234", "１２３４" };

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (cg_staff_hash_pin (bad[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  g_assert_null (cg_staff_hash_pin (NULL, &error));
  g_clear_error (&error);
}

static void
test_sign_in (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) unknown_error = NULL;
  g_autoptr(CgSession) session = NULL;
  g_autoptr(GPtrArray) active = NULL;
  g_autofree char *name = NULL;
  g_autofree char *unknown_name = NULL;

  put_staff (store, "staff:0421-01", "김민준", "supervisor", "1234", TRUE);
  put_staff (store, "staff:0421-02", "이서연", "agent", "987654", TRUE);
  put_staff (store, "staff:0421-03", "박지호", "agent", "1111", FALSE);

  /* Typed without the prefix, with spaces around. */
  session = cg_staff_sign_in (store, " 0421-01 ", "1234", T0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cg_session_get_staff_id (session), ==, "staff:0421-01");
  g_assert_cmpstr (cg_session_get_name (session), ==, "김민준");
  g_assert_true (cg_session_is_supervisor (session));
  g_clear_object (&session);

  session = cg_staff_sign_in (store, "staff:0421-02", "987654", T0, &error);
  g_assert_no_error (error);
  g_assert_false (cg_session_is_supervisor (session));
  g_clear_object (&session);

  /* Wrong PIN and unknown id: the same code and the same message. */
  g_assert_null (cg_staff_sign_in (store, "0421-01", "4321", T0, &error));
  g_assert_error (error, CG_STAFF_ERROR, CG_STAFF_ERROR_WRONG_CREDENTIALS);
  g_assert_null (cg_staff_sign_in (store, "0421-99", "1234", T0, &unknown_error));
  g_assert_error (unknown_error, CG_STAFF_ERROR, CG_STAFF_ERROR_WRONG_CREDENTIALS);
  g_assert_cmpstr (error->message, ==, unknown_error->message);
  g_clear_error (&error);
  g_assert_null (cg_staff_sign_in (store, "0421-01", "12a4", T0, &error));
  g_assert_error (error, CG_STAFF_ERROR, CG_STAFF_ERROR_WRONG_CREDENTIALS);
  g_clear_error (&error);
  g_assert_null (cg_staff_sign_in (store, "   ", "1234", T0, &error));
  g_assert_error (error, CG_STAFF_ERROR, CG_STAFF_ERROR_WRONG_CREDENTIALS);
  g_clear_error (&error);

  /* Inactive: told only with the right PIN. */
  g_assert_null (cg_staff_sign_in (store, "0421-03", "0000", T0, &error));
  g_assert_error (error, CG_STAFF_ERROR, CG_STAFF_ERROR_WRONG_CREDENTIALS);
  g_clear_error (&error);
  g_assert_null (cg_staff_sign_in (store, "0421-03", "1111", T0, &error));
  g_assert_error (error, CG_STAFF_ERROR, CG_STAFF_ERROR_INACTIVE);
  g_clear_error (&error);

  /* Listing and names. */
  active = cg_staff_list_active (store);
  g_assert_cmpuint (active->len, ==, 2);
  g_assert_cmpstr (cg_session_get_staff_id (g_ptr_array_index (active, 0)), ==, "staff:0421-01");
  g_assert_cmpstr (cg_session_get_role (g_ptr_array_index (active, 0)), ==, "supervisor");
  name = cg_staff_dup_name (store, "staff:0421-02");
  g_assert_cmpstr (name, ==, "이서연");
  unknown_name = cg_staff_dup_name (store, "staff:nobody");
  g_assert_cmpstr (unknown_name, ==, "nobody");
}

static void
test_lockout (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CgStore) store = cg_test_open_store (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgSession) session = NULL;
  gint64 now = T0;

  put_staff (store, "staff:0421-01", "김민준", "supervisor", "1234", TRUE);

  /* Four failures cost nothing. */
  for (int i = 0; i < 4; i++)
    {
      g_assert_null (cg_staff_sign_in (store, "0421-01", "0000", now, &error));
      g_assert_error (error, CG_STAFF_ERROR, CG_STAFF_ERROR_WRONG_CREDENTIALS);
      g_clear_error (&error);
      g_assert_cmpint (cg_staff_retry_after (store, "0421-01", now), ==, 0);
    }
  /* The fifth locks for 30 s. */
  g_assert_null (cg_staff_sign_in (store, "0421-01", "0000", now, &error));
  g_clear_error (&error);
  g_assert_cmpint (cg_staff_retry_after (store, "0421-01", now), ==, 30);
  g_assert_cmpint (cg_staff_retry_after (store, "staff:0421-01", now + 10), ==, 20);
  /* Other ids are not locked. */
  g_assert_cmpint (cg_staff_retry_after (store, "0421-02", now), ==, 0);

  /* While locked, even the right PIN is refused, and it does not count. */
  g_assert_null (cg_staff_sign_in (store, "0421-01", "1234", now + 29, &error));
  g_assert_error (error, CG_STAFF_ERROR, CG_STAFF_ERROR_RATE_LIMITED);
  g_clear_error (&error);
  g_assert_cmpint (cg_staff_retry_after (store, "0421-01", now + 29), ==, 1);

  /* Persisted: reopen the store. */
  g_clear_object (&store);
  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cg_staff_retry_after (store, "0421-01", now), ==, 30);

  /* Expired: the next failure doubles the lock to 60 s, then 120 s ... */
  now += 30;
  g_assert_cmpint (cg_staff_retry_after (store, "0421-01", now), ==, 0);
  g_assert_null (cg_staff_sign_in (store, "0421-01", "0000", now, &error));
  g_assert_error (error, CG_STAFF_ERROR, CG_STAFF_ERROR_WRONG_CREDENTIALS);
  g_clear_error (&error);
  g_assert_cmpint (cg_staff_retry_after (store, "0421-01", now), ==, 60);
  now += 60;
  g_assert_null (cg_staff_sign_in (store, "0421-01", "0000", now, &error));
  g_clear_error (&error);
  g_assert_cmpint (cg_staff_retry_after (store, "0421-01", now), ==, 120);
  /* ... up to 15 min. */
  for (int i = 0; i < 6; i++)
    {
      now += cg_staff_retry_after (store, "0421-01", now);
      g_assert_null (cg_staff_sign_in (store, "0421-01", "0000", now, &error));
      g_assert_error (error, CG_STAFF_ERROR, CG_STAFF_ERROR_WRONG_CREDENTIALS);
      g_clear_error (&error);
    }
  g_assert_cmpint (cg_staff_retry_after (store, "0421-01", now), ==, 15 * 60);

  /* A success resets the count: the next failure costs nothing. */
  now += 15 * 60;
  session = cg_staff_sign_in (store, "0421-01", "1234", now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_null (cg_staff_sign_in (store, "0421-01", "0000", now, &error));
  g_clear_error (&error);
  g_assert_cmpint (cg_staff_retry_after (store, "0421-01", now), ==, 0);
}

static void
test_device_limit (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CgStore) store = cg_test_open_store (&path);
  g_autoptr(GError) error = NULL;
  gint64 now = T0;
  char id[32];

  put_staff (store, "staff:0421-01", "김민준", "supervisor", "1234", TRUE);

  /* One guess on each of many ids: 19 failures in 10 min are allowed ... */
  for (int i = 0; i < 19; i++)
    {
      g_snprintf (id, sizeof id, "0421-%02d", 10 + i);
      g_assert_null (cg_staff_sign_in (store, id, "1234", now + i * 30, &error));
      g_assert_error (error, CG_STAFF_ERROR, CG_STAFF_ERROR_WRONG_CREDENTIALS);
      g_clear_error (&error);
    }
  now += 18 * 30;
  g_assert_cmpint (cg_staff_retry_after (store, "0421-01", now), ==, 0);
  /* ... the 20th within the window locks every id for 5 min. */
  g_assert_null (cg_staff_sign_in (store, "0421-77", "1234", now, &error));
  g_clear_error (&error);
  g_assert_cmpint (cg_staff_retry_after (store, "0421-01", now), ==, 300);
  g_assert_null (cg_staff_sign_in (store, "0421-01", "1234", now + 100, &error));
  g_assert_error (error, CG_STAFF_ERROR, CG_STAFF_ERROR_RATE_LIMITED);
  g_clear_error (&error);

  /* Survives a restart. */
  g_clear_object (&store);
  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cg_staff_retry_after (store, "0421-55", now + 100), ==, 200);

  /* After the lock, the right PIN works. */
  {
    g_autoptr(CgSession) session = cg_staff_sign_in (store, "0421-01", "1234", now + 300, &error);
    g_assert_no_error (error);
    g_assert_nonnull (session);
  }
}

static void
test_device_window (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  char id[32];

  /* 40 failures spread over more than 10 min per 20: never locked. */
  for (int i = 0; i < 40; i++)
    {
      gint64 now = T0 + i * 40;
      g_snprintf (id, sizeof id, "x-%02d", i);
      g_assert_cmpint (cg_staff_retry_after (store, id, now), ==, 0);
      g_assert_null (cg_staff_sign_in (store, id, "1234", now, &error));
      g_assert_error (error, CG_STAFF_ERROR, CG_STAFF_ERROR_WRONG_CREDENTIALS);
      g_clear_error (&error);
    }
}

/* Median duration of a failed sign-in with @pin for @id, in us. Each
 * attempt is at a fresh "now" an hour apart, so the limiter never refuses
 * before the PIN is checked. */
static gint64
failed_sign_in_us (CgStore    *store,
                   const char *id,
                   const char *pin,
                   gint64     *now)
{
  gint64 t[3];

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgSession) session = NULL;
      gint64 start = g_get_monotonic_time ();

      session = cg_staff_sign_in (store, id, pin, *now, &error);
      t[i] = g_get_monotonic_time () - start;
      g_assert_null (session);
      g_assert_error (error, CG_STAFF_ERROR, CG_STAFF_ERROR_WRONG_CREDENTIALS);
      *now += 3600 * 24;
    }
  /* Median of three. */
  return MAX (MIN (t[0], t[1]), MIN (MAX (t[0], t[1]), t[2]));
}

/* The time of a refusal must not tell which staff ids exist: a malformed
 * PIN ("1") on a real id used to skip Argon2 and answer in 7 ms against
 * ~0.5 s for an unknown id. Every path now does one verification. */
static void
test_constant_work (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  gint64 now = 1800000000;
  gint64 wrong, malformed, unknown, unknown_malformed;

  put_staff (store, "staff:0421-01", "김민준", "supervisor", "1234", TRUE);
  /* Warm the unknown-id path's one-time set-up. */
  failed_sign_in_us (store, "0421-77", "9999", &now);

  wrong = failed_sign_in_us (store, "0421-01", "9999", &now);
  malformed = failed_sign_in_us (store, "0421-01", "1", &now);
  unknown = failed_sign_in_us (store, "0421-99", "9999", &now);
  unknown_malformed = failed_sign_in_us (store, "0421-99", "x", &now);
  g_test_message ("wrong PIN %" G_GINT64_FORMAT " us, malformed %" G_GINT64_FORMAT
                  " us, unknown id %" G_GINT64_FORMAT " us, unknown + malformed %" G_GINT64_FORMAT " us",
                  wrong, malformed, unknown, unknown_malformed);
  /* The same order of magnitude: Argon2id dominates every path. */
  g_assert_cmpint (malformed * 3, >, wrong);
  g_assert_cmpint (unknown * 3, >, wrong);
  g_assert_cmpint (unknown_malformed * 3, >, wrong);
  g_assert_cmpint (wrong * 3, >, malformed);
}

static void
test_demo_staff (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgSession) supervisor = NULL;
  g_autoptr(CgSession) agent = NULL;
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) again = NULL;
  CgDemoOptions options = { .customers = 0, .seed = 1, .articles = FALSE };

  g_assert_true (cg_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  active = cg_staff_list_active (store);
  g_assert_cmpuint (active->len, ==, 10);

  /* Every demo PIN is 1234; -01 and -02 are supervisors. */
  supervisor = cg_staff_sign_in (store, "0421-02", "1234", T0, &error);
  g_assert_no_error (error);
  g_assert_true (cg_session_is_supervisor (supervisor));
  agent = cg_staff_sign_in (store, "0421-10", "1234", T0, &error);
  g_assert_no_error (error);
  g_assert_false (cg_session_is_supervisor (agent));

  /* Appending does not rewrite them. */
  first = cg_store_get (store, "staff:0421-01", FALSE, &error);
  g_assert_true (cg_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  again = cg_store_get (store, "staff:0421-01", FALSE, &error);
  g_assert_cmpstr (cg_json_get_string (first, "_rev"), ==, cg_json_get_string (again, "_rev"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/staff/hash-pin", test_hash_pin);
  g_test_add_func ("/staff/sign-in", test_sign_in);
  g_test_add_func ("/staff/lockout", test_lockout);
  g_test_add_func ("/staff/device-limit", test_device_limit);
  g_test_add_func ("/staff/device-window", test_device_window);
  g_test_add_func ("/staff/constant-work", test_constant_work);
  g_test_add_func ("/staff/demo", test_demo_staff);
  return g_test_run ();
}
