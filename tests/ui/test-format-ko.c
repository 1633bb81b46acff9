/* test-format-ko.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates, times, money and counts as a Korean user sees them: the built
 * Korean catalogue (CHANGGU_LOCALEDIR), LANGUAGE=ko and, when the machine
 * has it (build-aux/dev deps generates it), the ko_KR.UTF-8 locale for
 * weekday names. test-format checks the same functions in English.
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "cg-format.h"

static gboolean have_korean_locale;

static void
test_times (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 22, 16, 0, 0);
  static const struct { const char *at; const char *text; } cases[] = {
    { "2026-11-22T07:11:34Z", "오늘 07:11" },
    { "2026-11-21T23:59:59Z", "어제 23:59" },
    { "2026-11-20T09:05:00Z", "11월 20일 09:05" },
    { "2025-12-31T18:30:00Z", "2025년 12월 31일 18:30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cg_format_time (cases[i].at, now);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_time_long (void)
{
  g_autofree char *text = cg_format_time_long ("2026-03-04T10:00:05Z");

  if (!have_korean_locale)
    {
      g_test_skip ("no ko_KR.UTF-8 locale (build-aux/dev deps generates it): weekday names are LC_TIME's");
      return;
    }
  g_assert_cmpstr (text, ==, "2026년 3월 4일 수요일 10:00:05");
}

static void
test_money_and_counts (void)
{
  g_autofree char *won = cg_format_money (128000, "KRW");
  g_autofree char *dollars = cg_format_money (1234, "USD");
  g_autofree char *count = cg_format_count (1234567);

  /* Won have no minor unit: no decimals, ever. */
  g_assert_cmpstr (won, ==, "₩128,000");
  g_assert_cmpstr (dollars, ==, "$12.34");
  g_assert_cmpstr (count, ==, "1,234,567");
}

static void
test_words (void)
{
  /* The catalogue is the built one, not the English source. */
  g_assert_cmpstr (cg_format_order_status ("ready_for_pickup"), ==, "픽업 준비 완료");
}

int
main (int   argc,
      char *argv[])
{
  have_korean_locale = setlocale (LC_ALL, "ko_KR.UTF-8") != NULL;
  if (!have_korean_locale)
    setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "ko", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CHANGGU_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format-ko/times", test_times);
  g_test_add_func ("/format-ko/time-long", test_time_long);
  g_test_add_func ("/format-ko/money-and-counts", test_money_and_counts);
  g_test_add_func ("/format-ko/words", test_words);
  return g_test_run ();
}
