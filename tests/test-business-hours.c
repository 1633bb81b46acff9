/* test-business-hours.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Business hours: parsing with errors an admin can act on, counting
 * business seconds and adding business minutes, over nights, weekends,
 * lunch breaks and both daylight saving time changes (Europe/Berlin), and
 * in a zone without DST (Asia/Seoul, UTC+9).
 *
 * Calendar used below: 2026-11-20 is a Friday, 11-21 Saturday, 11-22
 * Sunday, 11-23 Monday. In Berlin, 2026-03-29 (Sunday) skips 02:00–03:00
 * CET→CEST, and 2026-10-25 (Sunday) repeats 02:00–03:00 CEST→CET.
 */
#include "config.h"

#include <string.h>

#include "cg-business-hours.h"
#include "cg-test-util.h"

/* An instant from RFC 3339 text, e.g. "2026-11-20T21:30:00+09:00". */
static gint64
T (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static CgBusinessHours *
hours_from (const char *json)
{
  g_autoptr(JsonObject) settings = cg_test_json (json);
  g_autoptr(GError) error = NULL;
  CgBusinessHours *hours = cg_business_hours_new_from_json (settings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hours);
  return hours;
}

/* Mon–Fri 10:00–22:00, Sat 10:00–18:00, Sun closed (missing). */
#define SEOUL_HOURS \
  "{\"tz\": \"Asia/Seoul\", \"mon\": [\"10:00\",\"22:00\"], \"tue\": [\"10:00\",\"22:00\"]," \
  " \"wed\": [\"10:00\",\"22:00\"], \"thu\": [\"10:00\",\"22:00\"], \"fri\": [\"10:00\",\"22:00\"]," \
  " \"sat\": [\"10:00\",\"18:00\"]}"

static void
test_always_open (void)
{
  g_autoptr(CgBusinessHours) none = cg_business_hours_new_from_json (NULL, NULL);
  g_autoptr(JsonObject) empty_settings = cg_test_json ("{}");
  g_autoptr(CgBusinessHours) empty = cg_business_hours_new_from_json (empty_settings, NULL);
  gint64 start = T ("2026-11-21T23:00:00Z");

  g_assert_true (cg_business_hours_is_always_open (none));
  g_assert_true (cg_business_hours_is_always_open (empty));
  g_assert_cmpint (g_time_zone_get_offset (cg_business_hours_get_timezone (none), 0), ==, 0);
  /* 2 days and 30 minutes = 2 × 86400 + 1800 = 174600. */
  g_assert_cmpint (cg_business_hours_count_seconds (none, start, start + 174600), ==, 174600);
  g_assert_cmpint (cg_business_hours_count_seconds (none, start + 174600, start), ==, -174600);
  g_assert_cmpint (cg_business_hours_add_minutes (empty, start, 15), ==, start + 900);
  g_assert_cmpint (cg_business_hours_add_seconds (empty, start, 0), ==, start);
}

static void
expect_error (const char *json,
              gint        code,
              const char *mentions)
{
  g_autoptr(JsonObject) settings = cg_test_json (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgBusinessHours) hours = cg_business_hours_new_from_json (settings, &error);

  g_assert_null (hours);
  g_assert_error (error, CG_VALIDATION_ERROR, code);
  if (mentions != NULL)
    g_assert_nonnull (strstr (error->message, mentions));
}

static void
test_parse_errors (void)
{
  g_autoptr(CgBusinessHours) hours = NULL;

  expect_error ("{\"mon\": [\"10:00\",\"22:00\"]}", CG_VALIDATION_ERROR_MISSING_FIELD, "tz");
  expect_error ("{\"tz\": \"Mars/Olympus\", \"mon\": [\"10:00\",\"22:00\"]}",
                CG_VALIDATION_ERROR_BAD_VALUE, "Mars/Olympus");
  expect_error ("{\"tz\": \"Asia/Seoul\", \"mon\": \"10:00-22:00\"}",
                CG_VALIDATION_ERROR_WRONG_TYPE, "mon");
  expect_error ("{\"tz\": \"Asia/Seoul\", \"tue\": [\"10:00\"]}", CG_VALIDATION_ERROR_BAD_VALUE, "tue");
  expect_error ("{\"tz\": \"Asia/Seoul\", \"wed\": [\"10:00\",\"25:00\"]}",
                CG_VALIDATION_ERROR_BAD_VALUE, "25:00");
  expect_error ("{\"tz\": \"Asia/Seoul\", \"wed\": [\"10:60\",\"22:00\"]}",
                CG_VALIDATION_ERROR_BAD_VALUE, "10:60");
  expect_error ("{\"tz\": \"Asia/Seoul\", \"wed\": [\"9:00\",\"22:00\"]}",
                CG_VALIDATION_ERROR_BAD_VALUE, "9:00");
  expect_error ("{\"tz\": \"Asia/Seoul\", \"wed\": [\"10:00\",\"24:30\"]}",
                CG_VALIDATION_ERROR_BAD_VALUE, "24:30");
  expect_error ("{\"tz\": \"Asia/Seoul\", \"thu\": [10, 22]}", CG_VALIDATION_ERROR_BAD_VALUE, "thu");
  /* A night shift must be split over two days. */
  expect_error ("{\"tz\": \"Asia/Seoul\", \"fri\": [\"22:00\",\"02:00\"]}",
                CG_VALIDATION_ERROR_BAD_VALUE, "midnight");
  expect_error ("{\"tz\": \"Asia/Seoul\", \"fri\": [\"10:00\",\"10:00\"]}",
                CG_VALIDATION_ERROR_BAD_VALUE, "fri");
  expect_error ("{\"tz\": \"Asia/Seoul\", \"sat\": [\"01:00\",\"02:00\",\"03:00\",\"04:00\",\"05:00\",\"06:00\","
                "\"07:00\",\"08:00\",\"09:00\",\"10:00\",\"11:00\",\"12:00\",\"13:00\",\"14:00\"]}",
                CG_VALIDATION_ERROR_BAD_VALUE, "sat");
  /* Never open: no due time could ever be reached. */
  expect_error ("{\"tz\": \"Asia/Seoul\", \"sun\": []}", CG_VALIDATION_ERROR_BAD_VALUE, NULL);

  /* Accepted: null is closed, unknown keys are ignored, 24:00 closes at
   * midnight. */
  hours = hours_from ("{\"tz\": \"Asia/Seoul\", \"mon\": null, \"holidays\": [\"2026-12-25\"],"
                      " \"sun\": [\"00:00\",\"24:00\"]}");
  g_assert_false (cg_business_hours_is_always_open (hours));
}

static void
test_seoul_count (void)
{
  g_autoptr(CgBusinessHours) hours = hours_from (SEOUL_HOURS);

  /* Within Friday: 11:00–13:00 = 2 h = 7200 s. */
  g_assert_cmpint (cg_business_hours_count_seconds (hours, T ("2026-11-20T11:00:00+09:00"),
                                                    T ("2026-11-20T13:00:00+09:00")), ==, 7200);
  /* Over a night: Fri 21:00–22:00 (1 h) + Sat 10:00–11:00 (1 h) = 7200 s. */
  g_assert_cmpint (cg_business_hours_count_seconds (hours, T ("2026-11-20T21:00:00+09:00"),
                                                    T ("2026-11-21T11:00:00+09:00")), ==, 7200);
  /* Over a weekend: Sat 17:00–18:00 (3600) + Sunday closed (0) + Mon
   * 10:00–10:30 (1800) = 5400 s. */
  g_assert_cmpint (cg_business_hours_count_seconds (hours, T ("2026-11-21T17:00:00+09:00"),
                                                    T ("2026-11-23T10:30:00+09:00")), ==, 5400);
  /* Closed to closed in one night: 0. */
  g_assert_cmpint (cg_business_hours_count_seconds (hours, T ("2026-11-20T23:00:00+09:00"),
                                                    T ("2026-11-21T09:00:00+09:00")), ==, 0);
  /* A whole week, Mon 00:00 to Mon 00:00: 5 × 12 h + 8 h = 68 h = 244800 s. */
  g_assert_cmpint (cg_business_hours_count_seconds (hours, T ("2026-11-16T00:00:00+09:00"),
                                                    T ("2026-11-23T00:00:00+09:00")), ==, 244800);
  /* Backwards is negative. */
  g_assert_cmpint (cg_business_hours_count_seconds (hours, T ("2026-11-20T13:00:00+09:00"),
                                                    T ("2026-11-20T11:00:00+09:00")), ==, -7200);
  /* The time zone is Seoul's, not the process's (TZ=UTC): Fri 10:00 KST
   * is 01:00Z; 00:30Z–01:30Z holds only 01:00Z–01:30Z of opening. */
  g_assert_cmpint (cg_business_hours_count_seconds (hours, T ("2026-11-20T00:30:00Z"),
                                                    T ("2026-11-20T01:30:00Z")), ==, 1800);
}

static void
test_seoul_add (void)
{
  g_autoptr(CgBusinessHours) hours = hours_from (SEOUL_HOURS);
  gint64 start;

  /* Nothing to add: unchanged even in the night. */
  start = T ("2026-11-21T23:00:00+09:00");
  g_assert_cmpint (cg_business_hours_add_minutes (hours, start, 0), ==, start);
  /* Fri 21:30 + 60 min: 30 min on Friday, 30 on Saturday → Sat 10:30. */
  g_assert_cmpint (cg_business_hours_add_minutes (hours, T ("2026-11-20T21:30:00+09:00"), 60),
                   ==, T ("2026-11-21T10:30:00+09:00"));
  /* Fri 21:00 + 60 min ends exactly at closing: due Fri 22:00, not Sat 10:00. */
  g_assert_cmpint (cg_business_hours_add_minutes (hours, T ("2026-11-20T21:00:00+09:00"), 60),
                   ==, T ("2026-11-20T22:00:00+09:00"));
  /* Sat 17:00 + 120 min: 60 on Saturday, Sunday closed, 60 on Monday → Mon 11:00. */
  g_assert_cmpint (cg_business_hours_add_minutes (hours, T ("2026-11-21T17:00:00+09:00"), 120),
                   ==, T ("2026-11-23T11:00:00+09:00"));
  /* From a closed Sunday: + 1 min → Mon 10:01. */
  g_assert_cmpint (cg_business_hours_add_minutes (hours, T ("2026-11-22T12:00:00+09:00"), 1),
                   ==, T ("2026-11-23T10:01:00+09:00"));
  /* Before opening: Mon 08:00 + 30 min → 10:30. */
  g_assert_cmpint (cg_business_hours_add_minutes (hours, T ("2026-11-23T08:00:00+09:00"), 30),
                   ==, T ("2026-11-23T10:30:00+09:00"));

  /* Adding and counting agree. */
  start = T ("2026-11-20T15:17:00+09:00");
  for (gint64 minutes = 1; minutes < 5000; minutes += 97)
    g_assert_cmpint (cg_business_hours_count_seconds (hours, start,
                                                      cg_business_hours_add_minutes (hours, start, minutes)),
                     ==, minutes * 60);
}

static void
test_lunch_break (void)
{
  g_autoptr(CgBusinessHours) hours = hours_from (
    "{\"tz\": \"Asia/Seoul\", \"mon\": [\"09:00\",\"12:00\",\"13:00\",\"18:00\"]}");

  /* 11:00 + 120 min: 11:00–12:00 (60), lunch, 13:00–14:00 (60) → 14:00. */
  g_assert_cmpint (cg_business_hours_add_minutes (hours, T ("2026-11-23T11:00:00+09:00"), 120),
                   ==, T ("2026-11-23T14:00:00+09:00"));
  /* 11:00–14:00 holds 2 h of opening. */
  g_assert_cmpint (cg_business_hours_count_seconds (hours, T ("2026-11-23T11:00:00+09:00"),
                                                    T ("2026-11-23T14:00:00+09:00")), ==, 7200);
  /* Open only on Mondays: Mon 17:00 + 120 min → 60 today, 60 next Monday. */
  g_assert_cmpint (cg_business_hours_add_minutes (hours, T ("2026-11-23T17:00:00+09:00"), 120),
                   ==, T ("2026-11-30T10:00:00+09:00"));
}

static void
test_berlin_dst (void)
{
  g_autoptr(CgBusinessHours) round_the_clock = hours_from (
    "{\"tz\": \"Europe/Berlin\", \"mon\": [\"00:00\",\"24:00\"], \"tue\": [\"00:00\",\"24:00\"],"
    " \"wed\": [\"00:00\",\"24:00\"], \"thu\": [\"00:00\",\"24:00\"], \"fri\": [\"00:00\",\"24:00\"],"
    " \"sat\": [\"00:00\",\"24:00\"], \"sun\": [\"00:00\",\"24:00\"]}");
  g_autoptr(CgBusinessHours) day_shift = hours_from (
    "{\"tz\": \"Europe/Berlin\", \"mon\": [\"10:00\",\"22:00\"], \"tue\": [\"10:00\",\"22:00\"],"
    " \"wed\": [\"10:00\",\"22:00\"], \"thu\": [\"10:00\",\"22:00\"], \"fri\": [\"10:00\",\"22:00\"],"
    " \"sat\": [\"10:00\",\"22:00\"], \"sun\": [\"10:00\",\"22:00\"]}");
  g_autoptr(CgBusinessHours) night = hours_from (
    "{\"tz\": \"Europe/Berlin\", \"sun\": [\"00:00\",\"03:00\"]}");

  /* Spring: Sunday 29 March has 23 hours. Sat 00:00 CET (Fri 23:00Z) to
   * Mon 00:00 CEST (Sun 22:00Z): 24 h + 23 h = 47 h = 169200 s. */
  g_assert_cmpint (cg_business_hours_count_seconds (round_the_clock, T ("2026-03-27T23:00:00Z"),
                                                    T ("2026-03-29T22:00:00Z")), ==, 169200);
  g_assert_cmpint (cg_business_hours_count_seconds (round_the_clock, T ("2026-03-29T00:00:00+01:00"),
                                                    T ("2026-03-30T00:00:00+02:00")), ==, 82800);
  /* Autumn: Sunday 25 October has 25 hours = 90000 s. */
  g_assert_cmpint (cg_business_hours_count_seconds (round_the_clock, T ("2026-10-25T00:00:00+02:00"),
                                                    T ("2026-10-26T00:00:00+01:00")), ==, 90000);

  /* Opening hours are wall-clock hours: Sat 21:00 CET (20:00Z) to Sun
   * 11:00 CEST (09:00Z) holds Sat 21–22 + Sun 10–11 = 7200 s, although 13 h
   * passed, not the 14 the wall clock shows. */
  g_assert_cmpint (cg_business_hours_count_seconds (day_shift, T ("2026-03-28T20:00:00Z"),
                                                    T ("2026-03-29T09:00:00Z")), ==, 7200);
  /* Sat 21:30 CET + 60 min: 30 min Saturday, 30 min from Sun 10:00 CEST
   * → Sun 10:30 CEST = 08:30Z. */
  g_assert_cmpint (cg_business_hours_add_minutes (day_shift, T ("2026-03-28T21:30:00+01:00"), 60),
                   ==, T ("2026-03-29T08:30:00Z"));
  /* Autumn, same hours: Sun 10:00 is CET (+01) now: 09:00Z. Sat 21:30
   * CEST + 60 min → Sun 10:30 CET = 09:30Z. */
  g_assert_cmpint (cg_business_hours_add_minutes (day_shift, T ("2026-10-24T21:30:00+02:00"), 60),
                   ==, T ("2026-10-25T09:30:00Z"));
  /* Every day of that week has 12 hours of opening: 7 × 43200 = 302400. */
  g_assert_cmpint (cg_business_hours_count_seconds (day_shift, T ("2026-10-19T00:00:00+02:00"),
                                                    T ("2026-10-26T00:00:00+01:00")), ==, 302400);

  /* Open across the change itself. Spring: 00:00 CET (Sat 23:00Z) to 03:00
   * CEST (01:00Z) is 2 h: 02:00–03:00 never happens. */
  g_assert_cmpint (cg_business_hours_count_seconds (night, T ("2026-03-28T12:00:00Z"),
                                                    T ("2026-03-29T12:00:00Z")), ==, 7200);
  /* Autumn: 00:00 CEST (Sat 22:00Z) to 03:00 CET (02:00Z) is 4 h. */
  g_assert_cmpint (cg_business_hours_count_seconds (night, T ("2026-10-24T12:00:00Z"),
                                                    T ("2026-10-25T12:00:00Z")), ==, 14400);
  /* 150 minutes from 00:00 CET on that Sunday: its night holds only 120
   * (02:00–03:00 does not exist), so the last 30 wait a week: from Sun
   * 5 April 00:00 CEST (Sat 22:00Z), + 30 min → 22:30Z. */
  g_assert_cmpint (cg_business_hours_add_minutes (night, T ("2026-03-28T23:00:00Z"), 150),
                   ==, T ("2026-04-04T22:30:00Z"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/business-hours/always-open", test_always_open);
  g_test_add_func ("/business-hours/parse-errors", test_parse_errors);
  g_test_add_func ("/business-hours/seoul-count", test_seoul_count);
  g_test_add_func ("/business-hours/seoul-add", test_seoul_add);
  g_test_add_func ("/business-hours/lunch-break", test_lunch_break);
  g_test_add_func ("/business-hours/berlin-dst", test_berlin_dst);
  return g_test_run ();
}
