/* test-kpi-csv.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report as CSV: RFC 4180 quoting, the header, one row per figure with
 * a unique key, empty values for "no data" (never 0), the figures read
 * back equal to the report, and a clear error for a path that cannot be
 * written.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cg-demo.h"
#include "cg-kpi-csv.h"
#include "cg-kpi-task.h"
#include "cg-test-util.h"

#define H 3600
#define NO CG_KPI_NO_TIME

static gint64
T (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
test_quote (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\r", "\"cr\r\"" },
    { "백로그, 긴급", "\"백로그, 긴급\"" },
    { "1–3 days", "1–3 days" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = cg_csv_quote (cases[i].in);
      g_assert_cmpstr (quoted, ==, cases[i].out);
    }
  {
    g_autofree char *quoted = cg_csv_quote (NULL);
    g_assert_cmpstr (quoted, ==, "");
  }
}

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = cg_csv_parse ("\xEF\xBB\xBF" "a,b,c\r\n"
                                            "\"x,y\",\"he said \"\"no\"\"\",\r\n"
                                            "\"multi\nline\",,last\n"
                                            "no-newline,end", &error);
  GStrv row;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (g_strv_length (row), ==, 3);
  g_assert_cmpstr (row[0], ==, "a");
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (g_strv_length (row), ==, 3);
  g_assert_cmpstr (row[0], ==, "x,y");
  g_assert_cmpstr (row[1], ==, "he said \"no\"");
  g_assert_cmpstr (row[2], ==, "");
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (row[0], ==, "multi\nline");
  g_assert_cmpstr (row[1], ==, "");
  g_assert_cmpstr (row[2], ==, "last");
  row = g_ptr_array_index (rows, 3);
  g_assert_cmpstr (row[1], ==, "end");

  g_assert_null (cg_csv_parse ("\"open", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* A report with data: 2 cases resolved, 1 open urgent one, feedback and
 * check-ins, over Monday 2026-03-02. */
static void
make_report (CgKpiReport *report,
             gboolean     with_feedback)
{
  gint64 from = T ("2026-03-02T00:00:00Z"), to = T ("2026-03-03T00:00:00Z");
  CgKpiCase cases[3] = { 0 };
  CgKpiFeedback feedback[] = {
    { from + H, 5, 10 }, { from + 2 * H, 4, 9 }, { from + 3 * H, 2, 3 }, { from + 4 * H, -1, 7 },
  };
  CgKpiCheckin checkins[] = {
    { from + H, from + H + 600, CG_KPI_VISIT_DONE },
    { from + 2 * H, from + 2 * H + 300, CG_KPI_VISIT_NO_SHOW },
    { from + 3 * H, NO, CG_KPI_VISIT_OPEN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint t = 0; t < CG_SLA_N_TARGETS; t++)
      {
        cases[i].sla_state[t] = CG_SLA_STATE_OK;
        cases[i].sla_outcome_at[t] = NO;
      }
  /* Resolved the same day at the counter, first reply after 30 min, both
   * targets met. */
  cases[0].created_at = from + H;
  cases[0].first_response_at = from + H + 1800;
  cases[0].resolved_at = from + 3 * H;
  cases[0].priority = CG_KPI_PRIORITY_HIGH;
  cases[0].at_counter = TRUE;
  cases[0].sla_state[CG_SLA_FIRST_RESPONSE] = CG_SLA_STATE_MET;
  cases[0].sla_outcome_at[CG_SLA_FIRST_RESPONSE] = from + H + 1800;
  cases[0].sla_state[CG_SLA_RESOLUTION] = CG_SLA_STATE_MET;
  cases[0].sla_outcome_at[CG_SLA_RESOLUTION] = from + 3 * H;
  /* Created the week before, resolved today after a breach. */
  cases[1].created_at = from - 3 * 24 * H;
  cases[1].first_response_at = from - 2 * 24 * H;
  cases[1].resolved_at = from + 5 * H;
  cases[1].sla_state[CG_SLA_RESOLUTION] = CG_SLA_STATE_BREACHED;
  cases[1].sla_outcome_at[CG_SLA_RESOLUTION] = from + 2 * H;
  /* Open, urgent, 2 days old at the end of the period. */
  cases[2].created_at = to - 2 * 24 * H;
  cases[2].first_response_at = NO;
  cases[2].resolved_at = NO;
  cases[2].priority = CG_KPI_PRIORITY_URGENT;

  cg_kpi_report_from_arrays (cases, G_N_ELEMENTS (cases), checkins, G_N_ELEMENTS (checkins),
                             with_feedback ? feedback : NULL,
                             with_feedback ? G_N_ELEMENTS (feedback) : 0,
                             from, to, to + 24 * H, NULL, report);
}

/* key → row; the table owns the rows. */
static GHashTable *
rows_by_key (const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = cg_csv_parse (csv, &error);
  GHashTable *by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) g_strfreev);
  GStrv header;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 1);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (g_strv_length (header), ==, 6);
  g_assert_cmpstr (header[0], ==, "key");
  g_assert_cmpstr (header[5], ==, "denominator");

  g_ptr_array_set_free_func (rows, NULL);
  g_strfreev (header);
  for (guint i = 1; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);

      g_assert_cmpuint (g_strv_length (row), ==, 6);
      /* Every key once. */
      g_assert_false (g_hash_table_contains (by_key, row[0]));
      g_hash_table_insert (by_key, row[0], row);
    }
  return by_key;
}

static double
value_of (GHashTable *rows,
          const char *key)
{
  GStrv row = g_hash_table_lookup (rows, key);

  g_assert_nonnull (row);
  g_assert_cmpstr (row[2], !=, "");
  return g_ascii_strtod (row[2], NULL);
}

static const char *
field_of (GHashTable *rows,
          const char *key,
          guint       column)
{
  GStrv row = g_hash_table_lookup (rows, key);

  g_assert_nonnull (row);
  return row[column];
}

static void
test_round_trip (void)
{
  CgKpiReport report;
  g_autofree char *csv = NULL;
  g_autoptr(GHashTable) rows = NULL;
  guint cells = 0;

  make_report (&report, TRUE);
  csv = cg_kpi_report_to_csv (&report);

  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" CG_KPI_CSV_HEADER "\r\n"));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  rows = rows_by_key (csv);

  g_assert_cmpstr (field_of (rows, "period.from", 2), ==, "2026-03-02T00:00:00Z");
  g_assert_cmpstr (field_of (rows, "period.to", 2), ==, "2026-03-03T00:00:00Z");
  g_assert_cmpstr (field_of (rows, "backlog.at", 2), ==, "2026-03-03T00:00:00Z");

  g_assert_cmpuint (report.backlog.total, ==, 1);
  g_assert_cmpfloat (value_of (rows, "backlog"), ==, 1);
  g_assert_cmpfloat (value_of (rows, "backlog.urgent"), ==, 1);
  g_assert_cmpfloat (value_of (rows, "backlog.low"), ==, 0);
  g_assert_cmpfloat (value_of (rows, "backlog.age.1d_3d"), ==, 1);
  g_assert_cmpfloat (value_of (rows, "backlog.urgent.1d_3d"), ==, 1);
  for (guint p = 0; p < CG_KPI_N_PRIORITIES; p++)
    for (guint a = 0; a < CG_KPI_N_AGES; a++)
      {
        g_autofree char *key = g_strdup_printf ("backlog.%s.%s", cg_kpi_priority_key (p),
                                                cg_kpi_age_key (a));
        g_assert_cmpfloat (value_of (rows, key), ==, report.backlog.cells[p][a]);
        cells++;
      }
  g_assert_cmpuint (cells, ==, 20);

  /* Each figure equals the report's to the precision written. */
  g_assert_true (report.first_response.has_value);
  g_assert_cmpfloat_with_epsilon (value_of (rows, "first_response.mean"), report.first_response.mean_s, 0.05);
  g_assert_cmpfloat_with_epsilon (value_of (rows, "first_response.median"), report.first_response.median_s, 0.05);
  g_assert_cmpstr (field_of (rows, "first_response.mean", 5), ==, "1");
  g_assert_cmpfloat_with_epsilon (value_of (rows, "resolution.mean"), report.resolution.mean_s, 0.05);
  g_assert_cmpfloat_with_epsilon (value_of (rows, "resolution.median"), report.resolution.median_s, 0.05);
  g_assert_cmpstr (field_of (rows, "resolution.mean", 5), ==, "2");
  g_assert_cmpfloat (value_of (rows, "sla.first_response"), ==, 100.0);
  g_assert_cmpfloat (value_of (rows, "sla.resolution"), ==, 50.0);
  g_assert_cmpstr (field_of (rows, "sla.resolution", 3), ==, "percent");
  g_assert_cmpstr (field_of (rows, "sla.resolution", 4), ==, "1");
  g_assert_cmpstr (field_of (rows, "sla.resolution", 5), ==, "2");
  g_assert_cmpfloat (value_of (rows, "fcr"), ==, 50.0);
  /* CSAT: 5 and 4 of 5, 4, 2 → 66.67 %. */
  g_assert_cmpfloat_with_epsilon (value_of (rows, "csat"), 200.0 / 3, 0.005);
  /* NPS: 10, 9 promoters, 3 detractor, 7 passive → (2 - 1) / 4 = 25. */
  g_assert_cmpfloat (value_of (rows, "nps"), ==, 25.0);
  g_assert_cmpfloat (value_of (rows, "nps.promoters"), ==, 2);
  g_assert_cmpfloat (value_of (rows, "nps.passives"), ==, 1);
  g_assert_cmpfloat (value_of (rows, "nps.detractors"), ==, 1);
  g_assert_cmpfloat (value_of (rows, "queue_wait.mean"), ==, 450.0);
  g_assert_cmpfloat (value_of (rows, "no_show"), ==, 50.0);
  /* Not measured in this report: the row is there, empty. */
  g_assert_cmpstr (field_of (rows, "deflection", 2), ==, "");

  /* Figure names hold commas: quoted, and read back whole. */
  g_assert_cmpstr (field_of (rows, "backlog.urgent", 1), ==, "Backlog, Urgent");
}

static void
test_no_value_is_empty (void)
{
  CgKpiReport report;
  g_autofree char *csv = NULL;
  g_autoptr(GHashTable) rows = NULL;

  cg_kpi_report_from_arrays (NULL, 0, NULL, 0, NULL, 0,
                             T ("2026-03-02T00:00:00Z"), T ("2026-03-03T00:00:00Z"),
                             T ("2026-03-03T00:00:00Z"), NULL, &report);
  csv = cg_kpi_report_to_csv (&report);
  rows = rows_by_key (csv);

  /* No data is an empty value, never 0; counts stay counts. */
  for (guint i = 0; i < 12; i++)
    {
      static const char * const keys[] = {
        "first_response.mean", "first_response.median", "resolution.mean", "resolution.median",
        "sla.first_response", "sla.resolution", "fcr", "csat", "nps",
        "queue_wait.mean", "queue_wait.median", "no_show",
      };
      g_assert_cmpstr (field_of (rows, keys[i], 2), ==, "");
    }
  g_assert_cmpstr (field_of (rows, "csat", 5), ==, "0");
  g_assert_cmpstr (field_of (rows, "backlog", 2), ==, "0");
  g_assert_cmpstr (field_of (rows, "nps.promoters", 2), ==, "0");

  /* Feedback missing but cases there: CSAT alone is empty. */
  make_report (&report, FALSE);
  g_clear_pointer (&csv, g_free);
  g_clear_pointer (&rows, g_hash_table_unref);
  csv = cg_kpi_report_to_csv (&report);
  rows = rows_by_key (csv);
  g_assert_cmpstr (field_of (rows, "csat", 2), ==, "");
  g_assert_cmpstr (field_of (rows, "fcr", 2), ==, "50.00");

  /* An open-ended period has no times. */
  cg_kpi_report_from_arrays (NULL, 0, NULL, 0, NULL, 0, G_MININT64, G_MAXINT64,
                             T ("2026-03-03T00:00:00Z"), NULL, &report);
  g_clear_pointer (&csv, g_free);
  g_clear_pointer (&rows, g_hash_table_unref);
  csv = cg_kpi_report_to_csv (&report);
  rows = rows_by_key (csv);
  g_assert_cmpstr (field_of (rows, "period.from", 2), ==, "");
  g_assert_cmpstr (field_of (rows, "period.to", 2), ==, "");
}

static void
test_write (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "report.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path ("/nonexistent-dir/sub/report.csv");
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  CgKpiReport report;

  make_report (&report, TRUE);
  g_assert_true (cg_kpi_report_write_csv (&report, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  expected = cg_kpi_report_to_csv (&report);
  g_assert_cmpstr (contents, ==, expected);

  /* Written again: replaced, not appended. */
  g_assert_true (cg_kpi_report_write_csv (&report, file, NULL, &error));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  g_assert_false (cg_kpi_report_write_csv (&report, bad, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, "/nonexistent-dir/sub/report.csv") != NULL);
  g_assert_true (g_str_has_prefix (error->message, "Could not save the report"));
}

static void
test_trend_buckets (void)
{
  g_autoptr(GTimeZone) seoul = g_time_zone_new_identifier ("Asia/Seoul");
  gint64 from = T ("2026-03-01T15:00:00Z");   /* 2026-03-02 00:00 in Seoul */
  g_autoptr(CgKpiTrend) day = cg_kpi_trend_new (from, from + 24 * H, seoul);
  g_autoptr(CgKpiTrend) week = cg_kpi_trend_new (from + 14 * H, from + 7 * 24 * H, seoul);
  g_autoptr(CgKpiTrend) quarter = cg_kpi_trend_new (from, from + 91 * 24 * H, seoul);

  g_assert_nonnull (seoul);
  g_assert_true (day->hourly);
  g_assert_cmpuint (day->n_buckets, ==, 24);
  /* From 14:00: the rest of the first day, then whole local days. */
  g_assert_false (week->hourly);
  g_assert_cmpuint (week->n_buckets, ==, 7);
  g_assert_cmpint (week->starts[1], ==, from + 24 * H);
  g_assert_cmpint (week->starts[7], ==, from + 7 * 24 * H);
  g_assert_cmpuint (quarter->n_buckets, ==, 13);
  g_assert_null (cg_kpi_trend_new (from, from, seoul));
  g_assert_null (cg_kpi_trend_new (G_MININT64, G_MAXINT64, seoul));
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CgDemoOptions options = { .customers = 60, .seed = 3 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 from = now - 30 * 24 * H;
  CgKpiReport sync_report, async_report;
  g_autofree char *sync_csv = NULL;
  g_autofree char *async_csv = NULL;
  g_autoptr(CgKpiTrend) trend = NULL;
  guint opened = 0, resolved = 0;

  g_assert_true (cg_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cg_kpi_report_compute (store, from, now, now, cg_case_get_sla_policies (store),
                                        NULL, &sync_report, &error));
  g_assert_no_error (error);

  /* On a worker with its own connection: the same figures. */
  cg_kpi_report_compute_async (store, from, now, now, NULL, NULL, on_computed, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cg_kpi_report_compute_finish (result, &async_report, &trend, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (async_report.backlog.total, >, 0);
  sync_csv = cg_kpi_report_to_csv (&sync_report);
  async_csv = cg_kpi_report_to_csv (&async_report);
  g_assert_cmpstr (async_csv, ==, sync_csv);
  /* 30 days: a bucket per day (31 with the partial first day), and the
   * resolutions add up to the report's. */
  g_assert_nonnull (trend);
  g_assert_false (trend->hourly);
  g_assert_cmpuint (trend->n_buckets, >=, 30);
  g_assert_cmpuint (trend->n_buckets, <=, 31);
  for (guint i = 0; i < trend->n_buckets; i++)
    {
      g_assert_cmpint (trend->starts[i], <, trend->starts[i + 1]);
      opened += trend->opened[i];
      resolved += trend->resolved[i];
    }
  g_assert_cmpuint (opened, >, 0);
  g_assert_cmpuint (resolved, ==, async_report.resolution.count);

  /* Cancelled: told at once, no report. */
  cg_kpi_report_compute_async (store, from, now, now, NULL, cancellable, on_computed,
                               &cancelled_result);
  g_cancellable_cancel (cancellable);
  while (cancelled_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cg_kpi_report_compute_finish (cancelled_result, &async_report, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kpi-csv/quote", test_quote);
  g_test_add_func ("/kpi-csv/parse", test_parse);
  g_test_add_func ("/kpi-csv/round-trip", test_round_trip);
  g_test_add_func ("/kpi-csv/no-value", test_no_value_is_empty);
  g_test_add_func ("/kpi-csv/write", test_write);
  g_test_add_func ("/kpi-task/trend-buckets", test_trend_buckets);
  g_test_add_func ("/kpi-task/async", test_async);
  return g_test_run ();
}
