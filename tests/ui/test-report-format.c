/* test-report-format.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the reports page and the article reader show, without a display:
 * every KPI value in words, "—" for no data (never 0 or 0%), the cards,
 * the chart data and its description, the periods, and the article
 * markup.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cg-article-markup.h"
#include "cg-report-format.h"

static gint64
T (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
test_duration (void)
{
  static const struct { double s; const char *words; } cases[] = {
    { 0, "0 s" }, { 45, "45 s" }, { 59.4, "59 s" }, { 60, "1 min" }, { 754, "13 min" },
    { 3599, "1 h 00 min" }, { 3600, "1 h 00 min" }, { 3900, "1 h 05 min" },
    { 23 * 3600 + 59 * 60, "23 h 59 min" }, { 86400, "1 d 0 h" }, { 2 * 86400 + 3 * 3600, "2 d 3 h" },
    { -5, "0 s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = cg_report_format_duration (cases[i].s);
      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

static void
test_values (void)
{
  CgKpiDuration none = { 0 };
  CgKpiDuration some = { .has_value = TRUE, .count = 3, .mean_s = 3900, .median_s = 600 };
  CgKpiRatio no_ratio = { 0 };
  CgKpiRatio two_thirds = { .has_value = TRUE, .numerator = 2, .denominator = 3, .percent = 200.0 / 3 };
  CgKpiRatio all = { .has_value = TRUE, .numerator = 5, .denominator = 5, .percent = 100 };
  CgKpiRatio zero = { .has_value = TRUE, .numerator = 0, .denominator = 5, .percent = 0 };
  CgKpiNps no_nps = { 0 };
  CgKpiNps plus = { .has_value = TRUE, .promoters = 2, .detractors = 1, .passives = 1, .score = 25 };
  CgKpiNps minus = { .has_value = TRUE, .detractors = 3, .passives = 1, .score = -75 };
  CgKpiNps even = { .has_value = TRUE, .passives = 3, .score = 0 };
  struct { char *got; const char *expected; } cases[] = {
    { cg_report_format_mean (&none), "—" },
    { cg_report_format_median (&none), "—" },
    { cg_report_format_mean (&some), "1 h 05 min" },
    { cg_report_format_median (&some), "10 min" },
    { cg_report_format_percent (&no_ratio), "—" },
    { cg_report_format_percent (&two_thirds), "66.7%" },
    { cg_report_format_percent (&all), "100%" },
    { cg_report_format_percent (&zero), "0%" },
    { cg_report_format_nps (&no_nps), "—" },
    { cg_report_format_nps (&plus), "+25" },
    { cg_report_format_nps (&minus), "−75" },
    { cg_report_format_nps (&even), "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (cases[i].got, ==, cases[i].expected);
      g_free (cases[i].got);
    }
}

static void
make_report (CgKpiReport *report,
             gboolean     empty)
{
  gint64 from = T ("2026-03-02T00:00:00Z"), to = T ("2026-03-03T00:00:00Z");
  CgKpiCase c = { 0 }, cases[2];
  /* Two ratings, and three problems an FAQ answer solved at the kiosk. */
  CgKpiFeedback feedback[] = {
    { from + 3600, 5, 10, FALSE }, { from + 7200, 2, 3, FALSE },
    { from + 600, -1, -1, TRUE }, { from + 1200, -1, -1, TRUE }, { from + 1800, -1, -1, TRUE },
  };
  CgKpiCheckin checkins[] = { { from + 3600, from + 4200, CG_KPI_VISIT_DONE } };

  c.created_at = from + 3600;
  c.first_response_at = from + 3600 + 900;
  c.resolved_at = from + 3 * 3600;
  c.at_counter = TRUE;
  c.priority = CG_KPI_PRIORITY_URGENT;
  for (guint t = 0; t < CG_SLA_N_TARGETS; t++)
    {
      c.sla_state[t] = CG_SLA_STATE_MET;
      c.sla_outcome_at[t] = from + 3 * 3600;
    }
  /* The same case once more, opened at the kiosk after answers were
   * offered that did not help. */
  cases[0] = c;
  cases[1] = c;
  cases[1].at_counter = FALSE;
  cases[1].self_service_offered = TRUE;
  if (empty)
    cg_kpi_report_from_arrays (NULL, 0, NULL, 0, NULL, 0, from, to, to, NULL, report);
  else
    cg_kpi_report_from_arrays (cases, 2, checkins, 1, feedback, G_N_ELEMENTS (feedback),
                               from, to, to, NULL, report);
}

static void
test_cards (void)
{
  CgKpiReport report;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) empty_cards = NULL;
  static const char * const keys[] = {
    "backlog", "first_response", "resolution", "sla.first_response", "sla.resolution",
    "fcr", "csat", "nps", "queue_wait", "no_show", "deflection",
  };

  make_report (&report, FALSE);
  cards = cg_report_cards (&report);
  g_assert_cmpuint (cards->len, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      CgReportCard *card = cg_report_cards_find (cards, keys[i]);

      g_assert_nonnull (card);
      g_assert_true (card->has_value);
      g_assert_cmpstr (card->value, !=, "—");
      g_assert_nonnull (card->tooltip);
      g_assert_cmpuint (strlen (card->title), >, 0);
    }
  g_assert_cmpstr (cg_report_cards_find (cards, "first_response")->value, ==, "15 min");
  g_assert_cmpstr (cg_report_cards_find (cards, "first_response")->detail, ==, "Median 15 min · 2 cases");
  g_assert_cmpstr (cg_report_cards_find (cards, "resolution")->value, ==, "2 h 00 min");
  g_assert_cmpstr (cg_report_cards_find (cards, "csat")->value, ==, "50%");
  g_assert_cmpstr (cg_report_cards_find (cards, "csat")->detail, ==, "1 of 2 rated 4 or 5");
  g_assert_cmpstr (cg_report_cards_find (cards, "nps")->value, ==, "0");
  g_assert_cmpstr (cg_report_cards_find (cards, "fcr")->value, ==, "50%");
  g_assert_cmpstr (cg_report_cards_find (cards, "sla.resolution")->detail, ==, "2 of 2 met");
  g_assert_cmpstr (cg_report_cards_find (cards, "deflection")->title, ==, "Self-Service Deflection");
  g_assert_cmpstr (cg_report_cards_find (cards, "deflection")->value, ==, "75%");
  g_assert_cmpstr (cg_report_cards_find (cards, "deflection")->detail, ==, "3 of 4 problems solved by an answer");
  g_assert_cmpstr (cg_report_cards_find (cards, "queue_wait")->value, ==, "10 min");
  g_assert_cmpstr (cg_report_cards_find (cards, "no_show")->value, ==, "0%");
  g_assert_cmpstr (cg_report_cards_find (cards, "backlog")->value, ==, "0");
  /* The FCR definition of the issue, in the tooltip. */
  g_assert_nonnull (strstr (cg_report_cards_find (cards, "fcr")->tooltip, "at the counter"));
  g_assert_nonnull (strstr (cg_report_cards_find (cards, "fcr")->tooltip, "never reopened"));
  g_assert_null (cg_report_cards_find (cards, "nonexistent"));

  /* No data: "—" and a line that says so; the backlog is a count. */
  make_report (&report, TRUE);
  empty_cards = cg_report_cards (&report);
  for (guint i = 1; i < G_N_ELEMENTS (keys); i++)
    {
      CgReportCard *card = cg_report_cards_find (empty_cards, keys[i]);

      g_assert_false (card->has_value);
      g_assert_cmpstr (card->value, ==, "—");
      g_assert_cmpstr (card->detail, ==, "No data in this period");
    }
  g_assert_cmpstr (cg_report_cards_find (empty_cards, "backlog")->value, ==, "0");
}

static void
test_charts (void)
{
  CgKpiReport report = { 0 };
  g_autoptr(CgChartData) age = NULL;
  g_autoptr(CgChartData) priority = NULL;
  g_autoptr(CgChartData) sla = NULL;
  g_autoptr(CgChartData) copy = NULL;
  g_autoptr(CgKpiTrend) trend = NULL;
  g_autoptr(CgChartData) lines = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *description = NULL;
  const CgChartSeries *series;

  report.backlog.by_age[CG_KPI_AGE_UNDER_4H] = 3;
  report.backlog.by_age[CG_KPI_AGE_7D_OR_MORE] = 1200;
  report.backlog.by_priority[CG_KPI_PRIORITY_URGENT] = 7;
  report.sla[CG_SLA_FIRST_RESPONSE] = (CgKpiRatio) { TRUE, 9, 10, 90 };

  age = cg_report_backlog_age_chart (&report);
  g_assert_cmpuint (age->n_points, ==, CG_KPI_N_AGES);
  g_assert_cmpstr (age->labels[0], ==, "Under 4 h");
  series = g_ptr_array_index (age->series, 0);
  g_assert_cmpfloat (series->values[4], ==, 1200);
  g_assert_cmpstr (series->value_labels[4], ==, "1,200");

  priority = cg_report_backlog_priority_chart (&report);
  g_assert_cmpstr (priority->labels[0], ==, "Urgent");
  g_assert_cmpfloat (((CgChartSeries *) g_ptr_array_index (priority->series, 0))->values[0], ==, 7);

  sla = cg_report_sla_chart (&report);
  series = g_ptr_array_index (sla->series, 0);
  g_assert_cmpfloat (sla->max_value, ==, 100);
  g_assert_cmpfloat (series->values[0], ==, 90);
  g_assert_true (isnan (series->values[1]));
  g_assert_cmpstr (series->value_labels[1], ==, "—");

  copy = cg_chart_data_copy (sla);
  description = cg_chart_data_describe (copy);
  g_assert_cmpstr (description, ==, "SLA compliance: First response 90%, Resolution —");

  trend = cg_kpi_trend_new (T ("2026-03-02T00:00:00Z"), T ("2026-03-05T00:00:00Z"), utc);
  trend->opened[1] = 4;
  trend->resolved[2] = 2;
  lines = cg_report_trend_chart (trend, utc);
  g_assert_cmpuint (lines->n_points, ==, 3);
  g_assert_cmpuint (lines->series->len, ==, 2);
  g_assert_cmpstr (lines->labels[0], ==, "3/2");
  g_clear_pointer (&description, g_free);
  description = cg_chart_data_describe (lines);
  g_assert_cmpstr (description, ==, "Cases per day: Opened: 3/2 0, 3/3 4, 3/4 0; Resolved: 3/2 0, 3/3 0, 3/4 2");
  g_assert_null (cg_report_trend_chart (NULL, utc));
}

static void
test_periods (void)
{
  g_autoptr(GTimeZone) seoul = g_time_zone_new_identifier ("Asia/Seoul");
  /* Wednesday 2026-03-11 15:30 in Seoul. */
  g_autoptr(GDateTime) now = g_date_time_new (seoul, 2026, 3, 11, 15, 30, 0);
  g_autoptr(GDate) first = g_date_new_dmy (28, 2, 2026);
  g_autoptr(GDate) last = g_date_new_dmy (1, 3, 2026);
  gint64 from, to;
  g_autofree char *words = NULL;

  g_assert_true (cg_report_period_range (CG_REPORT_PERIOD_TODAY, now, NULL, NULL, &from, &to));
  g_assert_cmpint (from, ==, T ("2026-03-10T15:00:00Z"));
  g_assert_cmpint (to, ==, T ("2026-03-11T15:00:00Z"));
  words = cg_report_format_period (from, to, seoul);
  g_assert_cmpstr (words, ==, "Mar 11, 2026");

  g_assert_true (cg_report_period_range (CG_REPORT_PERIOD_LAST_7_DAYS, now, NULL, NULL, &from, &to));
  g_assert_cmpint (from, ==, T ("2026-03-04T15:00:00Z"));
  g_assert_cmpint (to, ==, T ("2026-03-11T15:00:00Z"));
  g_clear_pointer (&words, g_free);
  words = cg_report_format_period (from, to, seoul);
  g_assert_cmpstr (words, ==, "Mar 5 – Mar 11, 2026");

  g_assert_true (cg_report_period_range (CG_REPORT_PERIOD_LAST_30_DAYS, now, NULL, NULL, &from, &to));
  g_assert_cmpint (to - from, ==, 30 * 86400);

  g_assert_true (cg_report_period_range (CG_REPORT_PERIOD_THIS_MONTH, now, NULL, NULL, &from, &to));
  g_assert_cmpint (from, ==, T ("2026-02-28T15:00:00Z"));
  g_assert_cmpint (to, ==, T ("2026-03-31T15:00:00Z"));

  g_assert_true (cg_report_period_range (CG_REPORT_PERIOD_CUSTOM, now, first, last, &from, &to));
  g_assert_cmpint (from, ==, T ("2026-02-27T15:00:00Z"));
  g_assert_cmpint (to, ==, T ("2026-03-01T15:00:00Z"));
  /* Backwards: no period. */
  g_assert_false (cg_report_period_range (CG_REPORT_PERIOD_CUSTOM, now, last, first, &from, &to));
  g_assert_false (cg_report_period_range (CG_REPORT_PERIOD_CUSTOM, now, NULL, NULL, &from, &to));
}

static void
test_markup (void)
{
  g_autoptr(GPtrArray) blocks = cg_article_markup_parse (
    "First line\ncontinues here.\n\n## Steps\n1. Take a ticket.\n2. Wait.\n\n"
    "- One\n- Two\r\nAfter the list.\n\n\n#\n");
  static const struct { CgArticleBlockKind kind; const char *text, *marker; } expected[] = {
    { CG_ARTICLE_BLOCK_PARAGRAPH, "First line continues here.", NULL },
    { CG_ARTICLE_BLOCK_HEADING, "Steps", NULL },
    { CG_ARTICLE_BLOCK_NUMBERED, "Take a ticket.", "1." },
    { CG_ARTICLE_BLOCK_NUMBERED, "Wait.", "2." },
    { CG_ARTICLE_BLOCK_BULLET, "One", NULL },
    { CG_ARTICLE_BLOCK_BULLET, "Two", NULL },
    { CG_ARTICLE_BLOCK_PARAGRAPH, "After the list.", NULL },
  };
  g_autoptr(GPtrArray) none = cg_article_markup_parse (NULL);

  g_assert_cmpuint (blocks->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < blocks->len; i++)
    {
      CgArticleBlock *block = g_ptr_array_index (blocks, i);
      g_assert_cmpint (block->kind, ==, expected[i].kind);
      g_assert_cmpstr (block->text, ==, expected[i].text);
      g_assert_cmpstr (block->marker, ==, expected[i].marker);
    }
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_cmpstr (cg_format_article_category ("returns"), ==, "Returns");
  g_assert_cmpstr (cg_format_article_category ("defects"), ==, "Faulty Items");
  g_assert_cmpstr (cg_format_article_category ("new-thing"), ==, "new-thing");
  /* No Korean catalogue in the test environment: English articles. */
  g_assert_cmpstr (cg_article_ui_locale (), ==, "en");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report-format/duration", test_duration);
  g_test_add_func ("/report-format/values", test_values);
  g_test_add_func ("/report-format/cards", test_cards);
  g_test_add_func ("/report-format/charts", test_charts);
  g_test_add_func ("/report-format/periods", test_periods);
  g_test_add_func ("/report-format/article-markup", test_markup);
  return g_test_run ();
}
