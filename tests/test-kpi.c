/* test-kpi.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every KPI formula with hand-made data and the expected value worked out
 * by hand in a comment; empty sets ("no value", not 0); the period
 * boundaries; a reopened case; a pause over the end of the period; and the
 * whole report from a store, where internal notes must not count as a
 * first response and timestamps may carry a UTC offset.
 *
 * The period in most tests is Monday 2026-03-02 00:00Z to Tuesday 00:00Z.
 */
#include "config.h"

#include "cg-kpi.h"
#include "cg-test-util.h"

#define H 3600
#define D (24 * H)
#define NO CG_KPI_NO_TIME

static gint64
T (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static CgKpiCase
kase (gint64        created_at,
      gint64        first_response_at,
      gint64        resolved_at,
      gint64        paused_total_s,
      CgKpiPriority priority)
{
  CgKpiCase c = { 0 };

  c.created_at = created_at;
  c.first_response_at = first_response_at;
  c.resolved_at = resolved_at;
  c.paused_total_s = paused_total_s;
  c.priority = priority;
  for (guint t = 0; t < CG_SLA_N_TARGETS; t++)
    {
      c.sla_state[t] = CG_SLA_STATE_OK;
      c.sla_outcome_at[t] = NO;
    }
  return c;
}

static void
assert_no_value_ratio (const CgKpiRatio *ratio)
{
  g_assert_false (ratio->has_value);
  g_assert_cmpuint (ratio->denominator, ==, 0);
  g_assert_cmpfloat (ratio->percent, ==, 0.0);
}

static void
assert_no_value_duration (const CgKpiDuration *duration)
{
  g_assert_false (duration->has_value);
  g_assert_cmpuint (duration->count, ==, 0);
}

static void
test_empty (void)
{
  CgKpiReport report;
  gint64 from = T ("2026-03-02T00:00:00Z"), to = T ("2026-03-03T00:00:00Z");
  CgKpiCase resolved_elsewhere = kase (from - 3 * D, NO, from - 2 * D, 0, CG_KPI_PRIORITY_LOW);
  CgKpiFeedback no_answers[] = { { from + H, -1, -1 } };

  /* Nothing at all: every rate and average has no value; the backlog is
   * a count and is 0. */
  cg_kpi_report_from_arrays (NULL, 0, NULL, 0, NULL, 0, from, to, to, NULL, &report);
  g_assert_cmpuint (report.backlog.total, ==, 0);
  g_assert_cmpint (report.backlog.at, ==, to);
  assert_no_value_duration (&report.first_response);
  assert_no_value_duration (&report.resolution);
  assert_no_value_ratio (&report.sla[CG_SLA_FIRST_RESPONSE]);
  assert_no_value_ratio (&report.sla[CG_SLA_RESOLUTION]);
  assert_no_value_ratio (&report.fcr);
  assert_no_value_ratio (&report.csat);
  g_assert_false (report.nps.has_value);
  assert_no_value_duration (&report.queue_wait);
  assert_no_value_ratio (&report.no_show);
  assert_no_value_ratio (&report.deflection);

  /* Data, but none of it in the period, or a response that answered
   * neither question: still no value. */
  cg_kpi_report_from_arrays (&resolved_elsewhere, 1, NULL, 0, no_answers, 1, from, to, to, NULL, &report);
  assert_no_value_duration (&report.resolution);
  assert_no_value_ratio (&report.fcr);
  assert_no_value_ratio (&report.csat);
  g_assert_false (report.nps.has_value);
}

static void
test_backlog (void)
{
  gint64 at = T ("2026-03-03T00:00:00Z");
  CgKpiCase cases[] = {
    kase (at - 1 * H, NO, NO, 0, CG_KPI_PRIORITY_URGENT),         /* 1 h: < 4 h */
    kase (at - 4 * H, NO, NO, 0, CG_KPI_PRIORITY_HIGH),           /* exactly 4 h: 4 h–1 d */
    kase (at - 2 * D, NO, at, 0, CG_KPI_PRIORITY_NORMAL),         /* resolved at the end: still open in it; 1–3 d */
    kase (at - 10 * D, NO, at - 1, 0, CG_KPI_PRIORITY_NORMAL),    /* resolved 1 s before: not counted */
    kase (at, NO, NO, 0, CG_KPI_PRIORITY_URGENT),                 /* created at the end: next period's */
    kase (at - 7 * D, NO, NO, 0, CG_KPI_PRIORITY_LOW),            /* exactly 7 d: 7 d+ */
    kase (at - 5 * D, NO, NO, 0, CG_KPI_PRIORITY_NORMAL),         /* 3–7 d (pending_customer counts) */
    kase (at - 3 * D, NO, NO, 0, CG_KPI_PRIORITY_NORMAL),         /* exactly 3 d: 3–7 d */
  };
  CgKpiBacklog backlog;

  cg_kpi_backlog (cases, G_N_ELEMENTS (cases), at, &backlog);
  /* Counted: rows 1, 2, 3, 6, 7, 8 = 6. */
  g_assert_cmpuint (backlog.total, ==, 6);
  g_assert_cmpuint (backlog.by_priority[CG_KPI_PRIORITY_URGENT], ==, 1);
  g_assert_cmpuint (backlog.by_priority[CG_KPI_PRIORITY_HIGH], ==, 1);
  g_assert_cmpuint (backlog.by_priority[CG_KPI_PRIORITY_NORMAL], ==, 3);
  g_assert_cmpuint (backlog.by_priority[CG_KPI_PRIORITY_LOW], ==, 1);
  g_assert_cmpuint (backlog.by_age[CG_KPI_AGE_UNDER_4H], ==, 1);
  g_assert_cmpuint (backlog.by_age[CG_KPI_AGE_4H_TO_1D], ==, 1);
  g_assert_cmpuint (backlog.by_age[CG_KPI_AGE_1D_TO_3D], ==, 1);
  g_assert_cmpuint (backlog.by_age[CG_KPI_AGE_3D_TO_7D], ==, 2);
  g_assert_cmpuint (backlog.by_age[CG_KPI_AGE_7D_OR_MORE], ==, 1);
  g_assert_cmpuint (backlog.cells[CG_KPI_PRIORITY_NORMAL][CG_KPI_AGE_3D_TO_7D], ==, 2);
  g_assert_cmpuint (backlog.cells[CG_KPI_PRIORITY_NORMAL][CG_KPI_AGE_1D_TO_3D], ==, 1);
  g_assert_cmpuint (backlog.cells[CG_KPI_PRIORITY_LOW][CG_KPI_AGE_7D_OR_MORE], ==, 1);
  g_assert_cmpuint (backlog.cells[CG_KPI_PRIORITY_URGENT][CG_KPI_AGE_UNDER_4H], ==, 1);

  g_assert_cmpint (cg_kpi_age_bucket (4 * H - 1), ==, CG_KPI_AGE_UNDER_4H);
  g_assert_cmpint (cg_kpi_age_bucket (D - 1), ==, CG_KPI_AGE_4H_TO_1D);
  g_assert_cmpint (cg_kpi_age_bucket (D), ==, CG_KPI_AGE_1D_TO_3D);
  g_assert_cmpint (cg_kpi_priority_from_string ("urgent"), ==, CG_KPI_PRIORITY_URGENT);
  g_assert_cmpint (cg_kpi_priority_from_string (NULL), ==, CG_KPI_PRIORITY_NORMAL);
}

static void
test_first_response (void)
{
  gint64 from = T ("2026-03-02T00:00:00Z"), to = T ("2026-03-03T00:00:00Z");
  gint64 nine = T ("2026-03-02T09:00:00Z");
  CgKpiCase cases[] = {
    kase (nine, nine + 600, NO, 0, CG_KPI_PRIORITY_NORMAL),             /* 600 */
    kase (nine, nine + H, NO, 0, CG_KPI_PRIORITY_NORMAL),               /* 3600 */
    kase (from - H, from + 30 * 60, NO, 0, CG_KPI_PRIORITY_NORMAL),     /* created the day before: 5400 */
    kase (nine, nine - 5, NO, 0, CG_KPI_PRIORITY_NORMAL),               /* reply's clock behind: 0 */
    kase (nine, to, NO, 0, CG_KPI_PRIORITY_NORMAL),                     /* reply at the end: next period */
    kase (from - 2 * H, from - H, NO, 0, CG_KPI_PRIORITY_NORMAL),       /* reply before the period */
    kase (nine, NO, NO, 0, CG_KPI_PRIORITY_NORMAL),                     /* no reply yet */
  };
  CgKpiDuration frt;

  /* 0, 600, 3600, 5400: mean (0 + 600 + 3600 + 5400) / 4 = 9600 / 4 = 2400;
   * median (600 + 3600) / 2 = 2100. */
  cg_kpi_first_response_time (cases, G_N_ELEMENTS (cases), from, to, &frt);
  g_assert_true (frt.has_value);
  g_assert_cmpuint (frt.count, ==, 4);
  g_assert_cmpfloat_with_epsilon (frt.mean_s, 2400.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (frt.median_s, 2100.0, 1e-9);

  /* An odd count, the first three rows: 600, 3600, 5400: mean 9600 / 3 =
   * 3200, median 3600. */
  cg_kpi_first_response_time (cases, 3, from, to, &frt);
  g_assert_cmpuint (frt.count, ==, 3);
  g_assert_cmpfloat_with_epsilon (frt.mean_s, 3200.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (frt.median_s, 3600.0, 1e-9);
}

static void
test_resolution (void)
{
  gint64 from = T ("2026-03-02T00:00:00Z"), to = T ("2026-03-03T00:00:00Z");
  CgKpiCase cases[] = {
    /* 09:00 → 17:00 with 2 h waiting for the customer: 8 h - 2 h = 21600. */
    kase (T ("2026-03-02T09:00:00Z"), NO, T ("2026-03-02T17:00:00Z"), 2 * H, CG_KPI_PRIORITY_NORMAL),
    /* 10:00 → 11:00: 3600. */
    kase (T ("2026-03-02T10:00:00Z"), NO, T ("2026-03-02T11:00:00Z"), 0, CG_KPI_PRIORITY_NORMAL),
    /* Reopened: created Sunday 10:00, first resolved Sunday, reopened,
     * resolved again Monday 12:00; the 2 h it sat resolved are in
     * paused_total_s: 26 h - 2 h = 24 h = 86400. */
    kase (T ("2026-03-01T10:00:00Z"), NO, T ("2026-03-02T12:00:00Z"), 2 * H, CG_KPI_PRIORITY_NORMAL),
    /* Resolved the day before, or at the end (next period's), or not at all. */
    kase (T ("2026-03-01T10:00:00Z"), NO, T ("2026-03-01T12:00:00Z"), 0, CG_KPI_PRIORITY_NORMAL),
    kase (T ("2026-03-02T10:00:00Z"), NO, to, 0, CG_KPI_PRIORITY_NORMAL),
    kase (T ("2026-03-02T10:00:00Z"), NO, NO, 0, CG_KPI_PRIORITY_NORMAL),
  };
  CgKpiDuration res;

  /* 3600, 21600, 86400: mean 111600 / 3 = 37200; median 21600. */
  cg_kpi_resolution_time (cases, G_N_ELEMENTS (cases), from, to, &res);
  g_assert_true (res.has_value);
  g_assert_cmpuint (res.count, ==, 3);
  g_assert_cmpfloat_with_epsilon (res.mean_s, 37200.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (res.median_s, 21600.0, 1e-9);
}

static void
test_sla_compliance (void)
{
  gint64 from = T ("2026-03-02T00:00:00Z"), to = T ("2026-03-03T00:00:00Z");
  struct { CgSlaState state; gint64 at; } fr[] = {
    { CG_SLA_STATE_MET, from },                   /* met, at the start: counted, met */
    { CG_SLA_STATE_MET_LATE, from + 2 * H },      /* breached in the period, answered later: not met */
    { CG_SLA_STATE_BREACHED, from + 3 * H },      /* breached in the period, still open: not met */
    { CG_SLA_STATE_MET, to },                     /* at the end: the next period's */
    { CG_SLA_STATE_MET, from - 1 },               /* the period before */
    { CG_SLA_STATE_OK, NO },                      /* running: not measured */
    { CG_SLA_STATE_WARNING, NO },
    { CG_SLA_STATE_PAUSED, NO },                  /* paused over the period end: not measured */
    { CG_SLA_STATE_NONE, NO },
  };
  CgKpiCase cases[G_N_ELEMENTS (fr)];
  CgKpiRatio sla[CG_SLA_N_TARGETS];

  for (guint i = 0; i < G_N_ELEMENTS (fr); i++)
    {
      cases[i] = kase (from - D, NO, NO, 0, CG_KPI_PRIORITY_NORMAL);
      cases[i].sla_state[CG_SLA_FIRST_RESPONSE] = fr[i].state;
      cases[i].sla_outcome_at[CG_SLA_FIRST_RESPONSE] = fr[i].at;
    }
  /* Resolution: two met in the period. */
  cases[0].sla_state[CG_SLA_RESOLUTION] = CG_SLA_STATE_MET;
  cases[0].sla_outcome_at[CG_SLA_RESOLUTION] = from + 5 * H;
  cases[1].sla_state[CG_SLA_RESOLUTION] = CG_SLA_STATE_MET;
  cases[1].sla_outcome_at[CG_SLA_RESOLUTION] = from + 6 * H;

  /* First response: measured 3 (rows 1–3), met 1: 100 × 1 / 3 = 33.33…%.
   * Resolution: 2 of 2 = 100%. */
  cg_kpi_sla_compliance (cases, G_N_ELEMENTS (cases), from, to, sla);
  g_assert_true (sla[CG_SLA_FIRST_RESPONSE].has_value);
  g_assert_cmpuint (sla[CG_SLA_FIRST_RESPONSE].numerator, ==, 1);
  g_assert_cmpuint (sla[CG_SLA_FIRST_RESPONSE].denominator, ==, 3);
  g_assert_cmpfloat_with_epsilon (sla[CG_SLA_FIRST_RESPONSE].percent, 100.0 / 3.0, 1e-9);
  g_assert_cmpuint (sla[CG_SLA_RESOLUTION].denominator, ==, 2);
  g_assert_cmpfloat_with_epsilon (sla[CG_SLA_RESOLUTION].percent, 100.0, 1e-9);

  /* Only running clocks: no value, not 100% and not 0%. */
  cg_kpi_sla_compliance (&cases[5], 4, from, to, sla);
  assert_no_value_ratio (&sla[CG_SLA_FIRST_RESPONSE]);
  assert_no_value_ratio (&sla[CG_SLA_RESOLUTION]);
}

static void
test_fcr (void)
{
  gint64 from = T ("2026-03-02T00:00:00Z"), to = T ("2026-03-03T00:00:00Z");
  g_autoptr(GTimeZone) seoul = g_time_zone_new_identifier ("Asia/Seoul");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  CgKpiCase cases[] = {
    /* a: counter, never reopened, 10:00 → 10:20 the same day: first contact. */
    kase (T ("2026-03-02T01:00:00Z"), NO, T ("2026-03-02T01:20:00Z"), 0, CG_KPI_PRIORITY_NORMAL),
    /* b: counter, same day, but reopened once. */
    kase (T ("2026-03-02T02:00:00Z"), NO, T ("2026-03-02T03:00:00Z"), 0, CG_KPI_PRIORITY_NORMAL),
    /* c: by phone, same day: in the denominator only. */
    kase (T ("2026-03-02T02:00:00Z"), NO, T ("2026-03-02T02:30:00Z"), 0, CG_KPI_PRIORITY_NORMAL),
    /* d: counter, 14:00Z → 16:00Z: the same day in UTC, but 23:00 → 01:00
     * across midnight in Seoul. */
    kase (T ("2026-03-02T14:00:00Z"), NO, T ("2026-03-02T16:00:00Z"), 0, CG_KPI_PRIORITY_NORMAL),
    /* e: counter, opened the day before. */
    kase (T ("2026-03-01T05:00:00Z"), NO, T ("2026-03-02T05:00:00Z"), 0, CG_KPI_PRIORITY_NORMAL),
    /* f: counter, same day, resolved after the period: not in it at all. */
    kase (T ("2026-03-03T01:00:00Z"), NO, T ("2026-03-03T02:00:00Z"), 0, CG_KPI_PRIORITY_NORMAL),
    /* g: counter, not resolved. */
    kase (T ("2026-03-02T05:00:00Z"), NO, NO, 0, CG_KPI_PRIORITY_NORMAL),
  };
  CgKpiRatio fcr;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    cases[i].at_counter = i != 2;
  cases[1].reopened_count = 1;

  /* Seoul: resolved in the period a, b, c, d, e = 5; first contact a = 1:
   * 100 × 1 / 5 = 20%. */
  cg_kpi_fcr (cases, G_N_ELEMENTS (cases), from, to, seoul, &fcr);
  g_assert_true (fcr.has_value);
  g_assert_cmpuint (fcr.numerator, ==, 1);
  g_assert_cmpuint (fcr.denominator, ==, 5);
  g_assert_cmpfloat_with_epsilon (fcr.percent, 20.0, 1e-9);
  /* UTC: a and d: 2 / 5 = 40%. */
  cg_kpi_fcr (cases, G_N_ELEMENTS (cases), from, to, utc, &fcr);
  g_assert_cmpuint (fcr.numerator, ==, 2);
  g_assert_cmpfloat_with_epsilon (fcr.percent, 40.0, 1e-9);
  /* The local zone of the tests is UTC (TZ=UTC). */
  cg_kpi_fcr (cases, G_N_ELEMENTS (cases), from, to, NULL, &fcr);
  g_assert_cmpuint (fcr.numerator, ==, 2);
}

static void
test_csat_nps (void)
{
  gint64 from = T ("2026-03-02T00:00:00Z"), to = T ("2026-03-03T00:00:00Z");
  gint64 noon = T ("2026-03-02T12:00:00Z");
  CgKpiFeedback feedback[] = {
    { noon, 5, 10 },
    { noon, 4, 9 },
    { noon, 3, 8 },
    { noon, 1, 7 },
    { noon, 4, 6 },
    { noon, -1, 0 },      /* NPS only */
    { noon, -1, 3 },
    { noon, 2, -1 },      /* CSAT only */
    { to, 5, 10 },        /* next period */
    { from - 1, 1, 0 },   /* the period before */
  };
  CgKpiFeedback passives[] = { { noon, -1, 7 }, { noon, -1, 8 } };
  CgKpiRatio csat;
  CgKpiNps nps;

  /* CSAT answers in the period: 5, 4, 3, 1, 4, 2 = 6; 4–5: 5, 4, 4 = 3:
   * 100 × 3 / 6 = 50%. */
  cg_kpi_csat (feedback, G_N_ELEMENTS (feedback), from, to, &csat);
  g_assert_true (csat.has_value);
  g_assert_cmpuint (csat.numerator, ==, 3);
  g_assert_cmpuint (csat.denominator, ==, 6);
  g_assert_cmpfloat_with_epsilon (csat.percent, 50.0, 1e-9);

  /* NPS answers: 10, 9, 8, 7, 6, 0, 3 = 7; promoters 10, 9 = 2; passives
   * 8, 7 = 2; detractors 6, 0, 3 = 3: 100 × (2 - 3) / 7 = -14.2857…. */
  cg_kpi_nps (feedback, G_N_ELEMENTS (feedback), from, to, &nps);
  g_assert_true (nps.has_value);
  g_assert_cmpuint (nps.promoters, ==, 2);
  g_assert_cmpuint (nps.passives, ==, 2);
  g_assert_cmpuint (nps.detractors, ==, 3);
  g_assert_cmpfloat_with_epsilon (nps.score, -100.0 / 7.0, 1e-9);

  /* Only passives: a score of 0 is a value. */
  cg_kpi_nps (passives, G_N_ELEMENTS (passives), from, to, &nps);
  g_assert_true (nps.has_value);
  g_assert_cmpfloat (nps.score, ==, 0.0);
  /* Only promoters: +100. */
  cg_kpi_nps (feedback, 2, from, to, &nps);
  g_assert_cmpfloat_with_epsilon (nps.score, 100.0, 1e-9);
}

static void
test_queue (void)
{
  gint64 from = T ("2026-03-02T00:00:00Z"), to = T ("2026-03-03T00:00:00Z");
  gint64 ten = T ("2026-03-02T10:00:00Z");
  CgKpiCheckin checkins[] = {
    { ten, ten + 300, CG_KPI_VISIT_DONE },                 /* waited 300 */
    { ten + 600, ten + 1800, CG_KPI_VISIT_NO_SHOW },       /* waited 1200, did not come */
    { ten + 1200, ten + 1260, CG_KPI_VISIT_DONE },         /* waited 60 */
    { ten + 1500, ten + 1600, CG_KPI_VISIT_OPEN },         /* called, being served: 100 */
    { ten + 2400, NO, CG_KPI_VISIT_OPEN },                 /* still waiting */
    { from - H, from + 600, CG_KPI_VISIT_DONE },           /* checked in the day before */
  };
  CgKpiDuration wait;
  CgKpiRatio no_show;

  /* Waits 60, 100, 300, 1200: mean 1660 / 4 = 415; median (100 + 300) / 2 = 200. */
  cg_kpi_queue_wait (checkins, G_N_ELEMENTS (checkins), from, to, &wait);
  g_assert_true (wait.has_value);
  g_assert_cmpuint (wait.count, ==, 4);
  g_assert_cmpfloat_with_epsilon (wait.mean_s, 415.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (wait.median_s, 200.0, 1e-9);

  /* Ended in the period: 2 done + 1 no-show: 100 × 1 / 3 = 33.33…%. */
  cg_kpi_no_show_rate (checkins, G_N_ELEMENTS (checkins), from, to, &no_show);
  g_assert_cmpuint (no_show.numerator, ==, 1);
  g_assert_cmpuint (no_show.denominator, ==, 3);
  g_assert_cmpfloat_with_epsilon (no_show.percent, 100.0 / 3.0, 1e-9);

  /* Nobody has finished yet: no value. */
  cg_kpi_no_show_rate (&checkins[3], 2, from, to, &no_show);
  assert_no_value_ratio (&no_show);
}

static void
test_case_from_document (void)
{
  g_autoptr(JsonObject) doc = cg_test_json (
    "{\"type\": \"case\", \"status\": \"resolved\", \"priority\": \"urgent\", \"channel\": \"counter\","
    " \"created_at\": \"2026-03-02T19:00:00+09:00\", \"updated_at\": \"2026-03-02T11:30:00Z\","
    " \"first_response_at\": \"2026-03-02T10:20:00Z\", \"resolved_at\": \"2026-03-02T11:30:00Z\","
    " \"reopened_count\": 2,"
    " \"sla\": {\"first_response_due\": \"2026-03-02T10:15:00Z\", \"paused_total_s\": 600}}");
  g_autofree char *before = cg_json_to_string (doc);
  g_autofree char *after = NULL;
  CgKpiCase c;

  /* A customer note at 10:10 that the case document does not know of is
   * the first response: 10 min after 10:00Z (19:00+09:00), before the
   * stored due time 10:15: met. */
  g_assert_true (cg_kpi_case_from_document (doc, T ("2026-03-02T10:10:00Z"), NULL,
                                            T ("2026-03-03T00:00:00Z"), &c));
  g_assert_cmpint (c.created_at, ==, T ("2026-03-02T10:00:00Z"));
  g_assert_cmpint (c.first_response_at, ==, T ("2026-03-02T10:10:00Z"));
  g_assert_cmpint (c.resolved_at, ==, T ("2026-03-02T11:30:00Z"));
  g_assert_cmpint (c.paused_total_s, ==, 600);
  g_assert_cmpuint (c.reopened_count, ==, 2);
  g_assert_cmpint (c.priority, ==, CG_KPI_PRIORITY_URGENT);
  g_assert_true (c.at_counter);
  g_assert_false (c.self_service_offered);
  g_assert_cmpstr (cg_sla_state_to_string (c.sla_state[CG_SLA_FIRST_RESPONSE]), ==, "met");
  g_assert_cmpint (c.sla_outcome_at[CG_SLA_FIRST_RESPONSE], ==, T ("2026-03-02T10:10:00Z"));
  /* Resolution: due 10:00 + 240 min + 600 s paused = 14:10; 11:30: met. */
  g_assert_cmpstr (cg_sla_state_to_string (c.sla_state[CG_SLA_RESOLUTION]), ==, "met");
  after = cg_json_to_string (doc);
  g_assert_cmpstr (before, ==, after);

  /* Without the note, the recorded reply at 10:20 is after 10:15: late. */
  g_assert_true (cg_kpi_case_from_document (doc, NO, NULL, T ("2026-03-03T00:00:00Z"), &c));
  g_assert_cmpstr (cg_sla_state_to_string (c.sla_state[CG_SLA_FIRST_RESPONSE]), ==, "met_late");
  g_assert_cmpint (c.sla_outcome_at[CG_SLA_FIRST_RESPONSE], ==, T ("2026-03-02T10:15:00Z"));

  json_object_remove_member (doc, "created_at");
  g_assert_false (cg_kpi_case_from_document (doc, NO, NULL, 0, &c));
}

static void
test_deflection (void)
{
  gint64 from = T ("2026-03-02T00:00:00Z"), to = T ("2026-03-03T00:00:00Z");
  gint64 noon = T ("2026-03-02T12:00:00Z");
  CgKpiFeedback feedback[] = {
    { noon, -1, -1, TRUE },          /* helped */
    { noon + H, -1, -1, TRUE },      /* helped */
    { from, -1, -1, TRUE },          /* helped, first instant of the period */
    { noon, 5, 10, FALSE },          /* a rating: no part of it */
    { to, -1, -1, TRUE },            /* next period */
    { from - 1, -1, -1, TRUE },      /* the period before */
  };
  CgKpiCase cases[] = {
    kase (noon, NO, NO, 0, CG_KPI_PRIORITY_NORMAL),   /* offered, not helped */
    kase (noon, NO, NO, 0, CG_KPI_PRIORITY_NORMAL),   /* at the kiosk, nothing offered */
    kase (to, NO, NO, 0, CG_KPI_PRIORITY_NORMAL),     /* offered, next period */
  };
  CgKpiRatio ratio;
  CgKpiReport report;

  cases[0].self_service_offered = TRUE;
  cases[2].self_service_offered = TRUE;

  /* Helped in the period: 3. Cases opened after answers were offered: 1.
   * 3 / (3 + 1) = 75%. */
  cg_kpi_deflection (feedback, G_N_ELEMENTS (feedback), cases, G_N_ELEMENTS (cases), from, to, &ratio);
  g_assert_true (ratio.has_value);
  g_assert_cmpuint (ratio.numerator, ==, 3);
  g_assert_cmpuint (ratio.denominator, ==, 4);
  g_assert_cmpfloat_with_epsilon (ratio.percent, 75.0, 1e-9);

  /* Only cases: 0 of 1 is a value, 0%. */
  cg_kpi_deflection (NULL, 0, cases, G_N_ELEMENTS (cases), from, to, &ratio);
  g_assert_true (ratio.has_value);
  g_assert_cmpuint (ratio.numerator, ==, 0);
  g_assert_cmpuint (ratio.denominator, ==, 1);
  g_assert_cmpfloat (ratio.percent, ==, 0.0);

  /* Nothing offered in the period: no value. */
  cg_kpi_deflection (&feedback[3], 3, &cases[1], 2, from, to, &ratio);
  assert_no_value_ratio (&ratio);

  /* The whole report carries it. */
  cg_kpi_report_from_arrays (cases, G_N_ELEMENTS (cases), NULL, 0, feedback, G_N_ELEMENTS (feedback),
                             from, to, to, NULL, &report);
  g_assert_cmpuint (report.deflection.numerator, ==, 3);
  g_assert_cmpuint (report.deflection.denominator, ==, 4);
  /* The helped answers are not ratings. */
  g_assert_cmpuint (report.csat.denominator, ==, 1);
}

static void
test_deflection_from_document (void)
{
  const char *base = "{\"type\": \"case\", \"status\": \"new\", \"priority\": \"normal\","
                     " \"created_at\": \"2026-03-02T10:00:00Z\", \"updated_at\": \"2026-03-02T10:00:00Z\"";
  static const struct { const char *extra; gboolean offered; } docs[] = {
    { ", \"channel\": \"kiosk\", \"self_service\": {\"offered\": [\"article:1\"], \"helped\": false}}", TRUE },
    { ", \"channel\": \"kiosk\", \"self_service\": {\"offered\": [], \"helped\": false}}", FALSE },
    { ", \"channel\": \"kiosk\"}", FALSE },
    { ", \"channel\": \"kiosk\", \"self_service\": {\"offered\": [\"article:1\"], \"helped\": true}}", FALSE },
    { ", \"channel\": \"counter\", \"self_service\": {\"offered\": [\"article:1\"], \"helped\": false}}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autofree char *json = g_strconcat (base, docs[i].extra, NULL);
      g_autoptr(JsonObject) doc = cg_test_json (json);
      CgKpiCase c;

      g_assert_true (cg_kpi_case_from_document (doc, NO, NULL, T ("2026-03-03T00:00:00Z"), &c));
      g_assert_cmpint (c.self_service_offered, ==, docs[i].offered);
    }
}

/* ----------------------------------------------------------------- store */

static void
put (CgStore    *store,
     const char *json)
{
  g_autoptr(JsonObject) doc = cg_test_json (json);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = cg_store_put (store, doc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rev);
}

#define CASE(id, channel, priority, status, created, updated, extra) \
  "{\"_id\": \"case:" id "\", \"type\": \"case\", \"number\": \"0421-C1-" id "\", \"store_id\": \"0421\"," \
  " \"channel\": \"" channel "\", \"category\": \"other\", \"subject\": \"Case " id "\"," \
  " \"priority\": \"" priority "\", \"status\": \"" status "\", \"created_by\": \"staff:1\"," \
  " \"created_at\": \"" created "\", \"updated_at\": \"" updated "\"" extra "}"

#define NOTE(id, case_id, visibility, at) \
  "{\"_id\": \"case_note:" id "\", \"type\": \"case_note\", \"case_id\": \"case:" case_id "\"," \
  " \"author\": \"staff:1\", \"visibility\": \"" visibility "\", \"body\": \"Note\", \"created_at\": \"" at "\"}"

#define CHECKIN(id, status, created, extra) \
  "{\"_id\": \"checkin:" id "\", \"type\": \"checkin\", \"ticket\": \"K1-" id "\", \"store_id\": \"0421\"," \
  " \"reason\": \"help\", \"status\": \"" status "\", \"created_at\": \"" created "\"" extra "}"

#define FEEDBACK(id, created, extra) \
  "{\"_id\": \"feedback:" id "\", \"type\": \"feedback\", \"channel\": \"kiosk\", \"created_at\": \"" created "\"" extra "}"

static void
fill_store (CgStore *store)
{
  /* A: counter, urgent, 09:00 → resolved 09:30. An internal note at 09:02
   * is not a reply; the customer note at 09:10 is: FRT 600. Resolution
   * 1800. FCR. SLA: reply 09:10 ≤ 09:15 met; resolved ≤ 13:00 met. */
  put (store, CASE ("a", "counter", "urgent", "resolved", "2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z",
                    ", \"first_response_at\": \"2026-03-02T09:10:00Z\", \"resolved_at\": \"2026-03-02T09:30:00Z\""));
  put (store, NOTE ("a1", "a", "internal", "2026-03-02T09:02:00Z"));
  put (store, NOTE ("a2", "a", "customer", "2026-03-02T09:10:00Z"));
  /* B: phone, normal, open since 10:00 with only an internal note: no
   * first response. Backlog at 03-03 00:00: 14 h, 4 h–1 d. SLA first
   * response due 14:00, breached in the period; resolution due 03-03
   * 10:00, breached after it. */
  put (store, CASE ("b", "phone", "normal", "open", "2026-03-02T10:00:00Z", "2026-03-02T10:05:00Z", ""));
  put (store, NOTE ("b1", "b", "internal", "2026-03-02T10:05:00Z"));
  /* C: counter, high, opened Sunday 22:00, answered Monday 08:00 (FRT
   * 36000), closed after resolution Monday 12:00 with 1 h paused:
   * resolution 14 h - 1 h = 46800. Not FCR (other day). SLA: reply due
   * Sunday 23:00 → late, settled Sunday (not this period); resolution due
   * 22:00 + 480 min + 1 h = Monday 07:00 → late, settled in the period.
   * (Stored due times: the pause came after the reply, so the reply's due
   * time is not 22:00 + 60 min + the pause.) */
  put (store, CASE ("c", "counter", "high", "closed", "2026-03-01T22:00:00Z", "2026-03-02T13:00:00Z",
                    ", \"resolved_at\": \"2026-03-02T12:00:00Z\", \"sla\": {\"paused_total_s\": 3600,"
                    " \"first_response_due\": \"2026-03-01T23:00:00Z\","
                    " \"resolution_due\": \"2026-03-02T07:00:00Z\"}"));
  put (store, NOTE ("c1", "c", "customer", "2026-03-02T08:00:00Z"));
  /* D: counter, low, written with a +09:00 offset: 20:00+09 = 11:00Z →
   * 11:30Z, reopened once: resolution 1800, not FCR. No reply: the
   * resolution answers (met), no FRT. */
  put (store, CASE ("d", "counter", "low", "resolved", "2026-03-02T20:00:00+09:00", "2026-03-02T20:30:00+09:00",
                    ", \"resolved_at\": \"2026-03-02T20:30:00+09:00\", \"reopened_count\": 1"));
  /* E: counter, normal, 15:00, waiting for the customer since 15:30, over
   * the end of the period and still at "now": backlog 9 h (4 h–1 d); SLA
   * paused (1800 of 14400 s), not measured. */
  put (store, CASE ("e", "counter", "normal", "pending_customer", "2026-03-02T15:00:00Z", "2026-03-02T15:30:00Z",
                    ", \"sla\": {\"paused_at\": \"2026-03-02T15:30:00Z\", \"paused_total_s\": 0}"));
  /* F: urgent, open since 20 February: backlog 7 d+; breaches were then. */
  put (store, CASE ("f", "counter", "urgent", "open", "2026-02-20T09:00:00Z", "2026-02-20T09:00:00Z", ""));
  /* G: closed long ago; H: opened after the period. Neither counts. */
  put (store, CASE ("g", "counter", "low", "closed", "2026-02-10T09:00:00Z", "2026-02-10T10:00:00Z",
                    ", \"resolved_at\": \"2026-02-10T10:00:00Z\""));
  put (store, CASE ("h", "counter", "low", "new", "2026-03-03T01:00:00Z", "2026-03-03T01:00:00Z", ""));

  /* Queue: waits 300 and 1200; one still waiting; one from the day before. */
  put (store, CHECKIN ("001", "done", "2026-03-02T10:00:00Z",
                       ", \"called_at\": \"2026-03-02T10:05:00Z\", \"done_at\": \"2026-03-02T10:15:00Z\""));
  put (store, CHECKIN ("002", "no_show", "2026-03-02T10:10:00Z", ", \"called_at\": \"2026-03-02T10:30:00Z\""));
  put (store, CHECKIN ("003", "waiting", "2026-03-02T10:20:00Z", ""));
  put (store, CHECKIN ("004", "done", "2026-03-01T23:00:00Z", ", \"called_at\": \"2026-03-02T00:10:00Z\""));

  /* Feedback: CSAT 5 and 2; NPS 10, 6, 8; one CSAT 4 the next day. */
  put (store, FEEDBACK ("1", "2026-03-02T12:00:00Z", ", \"csat\": 5, \"nps\": 10"));
  put (store, FEEDBACK ("2", "2026-03-02T13:00:00Z", ", \"csat\": 2, \"nps\": 6"));
  put (store, FEEDBACK ("3", "2026-03-02T14:00:00Z", ", \"nps\": 8"));
  put (store, FEEDBACK ("4", "2026-03-03T09:00:00Z", ", \"csat\": 4"));
}

static void
test_store_report (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gint64 from = T ("2026-03-02T00:00:00Z"), to = T ("2026-03-03T00:00:00Z");
  gint64 now = T ("2026-03-03T12:00:00Z");
  CgKpiReport report;

  fill_store (store);
  g_assert_true (cg_kpi_report_compute (store, from, to, now, NULL, utc, &report, &error));
  g_assert_no_error (error);

  /* Backlog at 03-03 00:00: B (normal, 14 h), E (normal, 9 h), F (urgent, 7 d+). */
  g_assert_cmpint (report.backlog.at, ==, to);
  g_assert_cmpuint (report.backlog.total, ==, 3);
  g_assert_cmpuint (report.backlog.cells[CG_KPI_PRIORITY_NORMAL][CG_KPI_AGE_4H_TO_1D], ==, 2);
  g_assert_cmpuint (report.backlog.cells[CG_KPI_PRIORITY_URGENT][CG_KPI_AGE_7D_OR_MORE], ==, 1);

  /* FRT: A 600, C 36000: mean = median = 36600 / 2 = 18300. */
  g_assert_cmpuint (report.first_response.count, ==, 2);
  g_assert_cmpfloat_with_epsilon (report.first_response.mean_s, 18300.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (report.first_response.median_s, 18300.0, 1e-9);

  /* Resolution: A 1800, D 1800, C 46800: mean 50400 / 3 = 16800; median 1800. */
  g_assert_cmpuint (report.resolution.count, ==, 3);
  g_assert_cmpfloat_with_epsilon (report.resolution.mean_s, 16800.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (report.resolution.median_s, 1800.0, 1e-9);

  /* SLA first response: A met, B breached, D met (by its resolution) =
   * 2 / 3. Resolution: A met, C late, D met = 2 / 3. */
  g_assert_cmpuint (report.sla[CG_SLA_FIRST_RESPONSE].numerator, ==, 2);
  g_assert_cmpuint (report.sla[CG_SLA_FIRST_RESPONSE].denominator, ==, 3);
  g_assert_cmpfloat_with_epsilon (report.sla[CG_SLA_FIRST_RESPONSE].percent, 200.0 / 3.0, 1e-9);
  g_assert_cmpuint (report.sla[CG_SLA_RESOLUTION].numerator, ==, 2);
  g_assert_cmpuint (report.sla[CG_SLA_RESOLUTION].denominator, ==, 3);

  /* FCR: resolved A, C, D; first contact A: 1 / 3. */
  g_assert_cmpuint (report.fcr.numerator, ==, 1);
  g_assert_cmpuint (report.fcr.denominator, ==, 3);
  g_assert_cmpfloat_with_epsilon (report.fcr.percent, 100.0 / 3.0, 1e-9);

  /* CSAT 5, 2: 1 / 2 = 50%. NPS 10, 6, 8: (1 - 1) / 3 = 0, a value. */
  g_assert_cmpuint (report.csat.denominator, ==, 2);
  g_assert_cmpfloat_with_epsilon (report.csat.percent, 50.0, 1e-9);
  g_assert_true (report.nps.has_value);
  g_assert_cmpuint (report.nps.promoters + report.nps.passives + report.nps.detractors, ==, 3);
  g_assert_cmpfloat (report.nps.score, ==, 0.0);

  /* Queue: 300 and 1200: mean = median = 750. No-show 1 of 2 ended = 50%. */
  g_assert_cmpuint (report.queue_wait.count, ==, 2);
  g_assert_cmpfloat_with_epsilon (report.queue_wait.mean_s, 750.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (report.queue_wait.median_s, 750.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (report.no_show.percent, 50.0, 1e-9);

  /* While the period is still running (now Monday 16:00), the backlog is
   * the one of now: A, C, D resolved before 16:00; B, E, F open = 3, and
   * E is 1 h old. */
  g_assert_true (cg_kpi_report_compute (store, from, to, T ("2026-03-02T16:00:00Z"), NULL, utc, &report, &error));
  g_assert_cmpint (report.backlog.at, ==, T ("2026-03-02T16:00:00Z"));
  g_assert_cmpuint (report.backlog.total, ==, 3);
  g_assert_cmpuint (report.backlog.cells[CG_KPI_PRIORITY_NORMAL][CG_KPI_AGE_UNDER_4H], ==, 1);

  /* A period without data: no values, an empty backlog. */
  g_assert_true (cg_kpi_report_compute (store, T ("2026-01-05T00:00:00Z"), T ("2026-01-06T00:00:00Z"),
                                        now, NULL, utc, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.backlog.total, ==, 0);
  assert_no_value_duration (&report.first_response);
  assert_no_value_duration (&report.resolution);
  assert_no_value_ratio (&report.sla[CG_SLA_FIRST_RESPONSE]);
  assert_no_value_ratio (&report.sla[CG_SLA_RESOLUTION]);
  assert_no_value_ratio (&report.fcr);
  assert_no_value_ratio (&report.csat);
  g_assert_false (report.nps.has_value);
  assert_no_value_duration (&report.queue_wait);
  assert_no_value_ratio (&report.no_show);
}

/* Kiosk problems in a store: the helped feedback and the kiosk cases
 * that were offered answers, counted by their own times. */
static void
test_store_deflection (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gint64 from = T ("2026-03-02T00:00:00Z"), to = T ("2026-03-03T00:00:00Z");
  CgKpiReport report;

#define HELPED ", \"self_service\": {\"category\": \"return\", \"offered\": [\"article:a\", \"article:b\"]," \
               " \"helped\": true, \"article_id\": \"article:b\"}"
#define OFFERED ", \"self_service\": {\"offered\": [\"article:a\"], \"helped\": false}"
  put (store, FEEDBACK ("h1", "2026-03-02T09:00:00Z", HELPED));
  put (store, FEEDBACK ("h2", "2026-03-02T18:00:00Z", HELPED));
  put (store, FEEDBACK ("h3", "2026-03-03T09:00:00Z", HELPED));              /* next day */
  put (store, FEEDBACK ("r1", "2026-03-02T12:00:00Z", ", \"csat\": 4"));     /* a rating */
  put (store, CASE ("k1", "kiosk", "normal", "new", "2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z", OFFERED));
  put (store, CASE ("k2", "kiosk", "normal", "new", "2026-03-02T11:00:00Z", "2026-03-02T11:00:00Z", ""));
  put (store, CASE ("k3", "kiosk", "normal", "new", "2026-03-01T11:00:00Z", "2026-03-01T11:00:00Z", OFFERED));
  put (store, CASE ("k4", "counter", "normal", "new", "2026-03-02T11:00:00Z", "2026-03-02T11:00:00Z", ""));
#undef HELPED
#undef OFFERED

  /* Helped h1, h2 = 2; offered and not helped k1 = 1: 2 / 3. */
  g_assert_true (cg_kpi_report_compute (store, from, to, to, NULL, utc, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report.deflection.has_value);
  g_assert_cmpuint (report.deflection.numerator, ==, 2);
  g_assert_cmpuint (report.deflection.denominator, ==, 3);
  g_assert_cmpfloat_with_epsilon (report.deflection.percent, 200.0 / 3.0, 1e-9);
  g_assert_cmpuint (report.csat.denominator, ==, 1);

  /* The next day: h3 alone, 100%. */
  g_assert_true (cg_kpi_report_compute (store, to, to + D, to + D, NULL, utc, &report, &error));
  g_assert_cmpuint (report.deflection.numerator, ==, 1);
  g_assert_cmpuint (report.deflection.denominator, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kpi/empty", test_empty);
  g_test_add_func ("/kpi/backlog", test_backlog);
  g_test_add_func ("/kpi/first-response", test_first_response);
  g_test_add_func ("/kpi/resolution", test_resolution);
  g_test_add_func ("/kpi/sla-compliance", test_sla_compliance);
  g_test_add_func ("/kpi/fcr", test_fcr);
  g_test_add_func ("/kpi/csat-nps", test_csat_nps);
  g_test_add_func ("/kpi/queue", test_queue);
  g_test_add_func ("/kpi/case-from-document", test_case_from_document);
  g_test_add_func ("/kpi/store-report", test_store_report);
  g_test_add_func ("/kpi/deflection", test_deflection);
  g_test_add_func ("/kpi/deflection-from-document", test_deflection_from_document);
  g_test_add_func ("/kpi/store-deflection", test_store_deflection);
  return g_test_run ();
}
