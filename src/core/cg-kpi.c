/* cg-kpi.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The definitions are in cg-kpi.h; this file keeps to them. The loader
 * reads timestamps as text from the projections, where they are RFC 3339
 * but not necessarily UTC with a Z (a server may write "+09:00", or
 * fractions of a second), so SQL only narrows the rows with a day's margin
 * and every period test is done here, on parsed instants.
 */
#define G_LOG_DOMAIN "cg-kpi"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "cg-kpi.h"
#include "cg-store-private.h"

#define HOUR (60 * 60)
#define DAY (24 * HOUR)
/* Covers any UTC offset (±14 h) and fractions of a second in the text
 * comparisons of the prefilter. */
#define TEXT_MARGIN DAY

static gboolean
in_period (gint64 instant,
           gint64 from,
           gint64 to)
{
  return instant != CG_KPI_NO_TIME && instant >= from && instant < to;
}

static gboolean
is_done (const char *status)
{
  return g_strcmp0 (status, "resolved") == 0 || g_strcmp0 (status, "closed") == 0;
}

CgKpiPriority
cg_kpi_priority_from_string (const char *priority)
{
  if (g_strcmp0 (priority, "low") == 0)
    return CG_KPI_PRIORITY_LOW;
  if (g_strcmp0 (priority, "high") == 0)
    return CG_KPI_PRIORITY_HIGH;
  if (g_strcmp0 (priority, "urgent") == 0)
    return CG_KPI_PRIORITY_URGENT;
  return CG_KPI_PRIORITY_NORMAL;
}

CgKpiAge
cg_kpi_age_bucket (gint64 age_s)
{
  if (age_s < 4 * HOUR)
    return CG_KPI_AGE_UNDER_4H;
  if (age_s < DAY)
    return CG_KPI_AGE_4H_TO_1D;
  if (age_s < 3 * DAY)
    return CG_KPI_AGE_1D_TO_3D;
  if (age_s < 7 * DAY)
    return CG_KPI_AGE_3D_TO_7D;
  return CG_KPI_AGE_7D_OR_MORE;
}

/* -------------------------------------------------------------- results */

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Mean and median of @values (sorted in place). */
static void
duration_from_values (GArray        *values,
                      CgKpiDuration *out)
{
  gint64 *v = (gint64 *) (gpointer) values->data;
  guint n = values->len;
  double sum = 0;

  *out = (CgKpiDuration) { 0 };
  if (n == 0)
    return;

  qsort (v, n, sizeof (gint64), compare_gint64);
  for (guint i = 0; i < n; i++)
    sum += (double) v[i];
  out->has_value = TRUE;
  out->count = n;
  out->mean_s = sum / n;
  out->median_s = n % 2 == 1 ? (double) v[n / 2]
                             : ((double) v[n / 2 - 1] + (double) v[n / 2]) / 2.0;
}

static void
ratio_set (CgKpiRatio *out,
           guint       numerator,
           guint       denominator)
{
  *out = (CgKpiRatio) { 0 };
  out->numerator = numerator;
  out->denominator = denominator;
  if (denominator == 0)
    return;
  out->has_value = TRUE;
  out->percent = 100.0 * numerator / denominator;
}

/* ------------------------------------------------------------ the KPIs */

void
cg_kpi_backlog (const CgKpiCase *cases,
                gsize            n_cases,
                gint64           at,
                CgKpiBacklog    *out)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (cases != NULL || n_cases == 0);

  *out = (CgKpiBacklog) { 0 };
  out->at = at;
  for (gsize i = 0; i < n_cases; i++)
    {
      const CgKpiCase *c = &cases[i];
      CgKpiAge age;
      guint priority = MIN ((guint) c->priority, CG_KPI_N_PRIORITIES - 1);

      if (c->created_at == CG_KPI_NO_TIME || c->created_at >= at)
        continue;
      if (c->resolved_at != CG_KPI_NO_TIME && c->resolved_at < at)
        continue;
      age = cg_kpi_age_bucket (at - c->created_at);
      out->total++;
      out->by_priority[priority]++;
      out->by_age[age]++;
      out->cells[priority][age]++;
    }
}

void
cg_kpi_first_response_time (const CgKpiCase *cases,
                            gsize            n_cases,
                            gint64           from,
                            gint64           to,
                            CgKpiDuration   *out)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_if_fail (out != NULL);
  g_return_if_fail (cases != NULL || n_cases == 0);

  for (gsize i = 0; i < n_cases; i++)
    {
      const CgKpiCase *c = &cases[i];
      gint64 value;

      if (c->created_at == CG_KPI_NO_TIME || !in_period (c->first_response_at, from, to))
        continue;
      value = MAX (c->first_response_at - c->created_at, 0);
      g_array_append_val (values, value);
    }
  duration_from_values (values, out);
}

void
cg_kpi_resolution_time (const CgKpiCase *cases,
                        gsize            n_cases,
                        gint64           from,
                        gint64           to,
                        CgKpiDuration   *out)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_if_fail (out != NULL);
  g_return_if_fail (cases != NULL || n_cases == 0);

  for (gsize i = 0; i < n_cases; i++)
    {
      const CgKpiCase *c = &cases[i];
      gint64 value;

      if (c->created_at == CG_KPI_NO_TIME || !in_period (c->resolved_at, from, to))
        continue;
      value = MAX (c->resolved_at - c->created_at - MAX (c->paused_total_s, 0), 0);
      g_array_append_val (values, value);
    }
  duration_from_values (values, out);
}

void
cg_kpi_sla_compliance (const CgKpiCase *cases,
                       gsize            n_cases,
                       gint64           from,
                       gint64           to,
                       CgKpiRatio       out[CG_SLA_N_TARGETS])
{
  guint met[CG_SLA_N_TARGETS] = { 0 };
  guint measured[CG_SLA_N_TARGETS] = { 0 };

  g_return_if_fail (out != NULL);
  g_return_if_fail (cases != NULL || n_cases == 0);

  for (gsize i = 0; i < n_cases; i++)
    for (guint t = 0; t < CG_SLA_N_TARGETS; t++)
      {
        CgSlaState state = cases[i].sla_state[t];

        if (state != CG_SLA_STATE_MET && state != CG_SLA_STATE_MET_LATE &&
            state != CG_SLA_STATE_BREACHED)
          continue;   /* running, paused, or no clock */
        if (!in_period (cases[i].sla_outcome_at[t], from, to))
          continue;
        measured[t]++;
        if (state == CG_SLA_STATE_MET)
          met[t]++;
      }
  for (guint t = 0; t < CG_SLA_N_TARGETS; t++)
    ratio_set (&out[t], met[t], measured[t]);
}

/* The local calendar day of @instant in @tz, as a day number. */
static gint64
local_day (GTimeZone *tz,
           gint64     instant)
{
  gint interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant);
  gint64 wall = instant + g_time_zone_get_offset (tz, interval);
  gint64 day = wall / DAY;

  return wall % DAY < 0 ? day - 1 : day;
}

void
cg_kpi_fcr (const CgKpiCase *cases,
            gsize            n_cases,
            gint64           from,
            gint64           to,
            GTimeZone       *tz,
            CgKpiRatio      *out)
{
  g_autoptr(GTimeZone) local = NULL;
  guint first_contact = 0, resolved = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (cases != NULL || n_cases == 0);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  for (gsize i = 0; i < n_cases; i++)
    {
      const CgKpiCase *c = &cases[i];

      if (c->created_at == CG_KPI_NO_TIME || !in_period (c->resolved_at, from, to))
        continue;
      resolved++;
      if (c->at_counter && c->reopened_count == 0 &&
          local_day (tz, c->created_at) == local_day (tz, c->resolved_at))
        first_contact++;
    }
  ratio_set (out, first_contact, resolved);
}

void
cg_kpi_csat (const CgKpiFeedback *feedback,
             gsize                n_feedback,
             gint64               from,
             gint64               to,
             CgKpiRatio          *out)
{
  guint satisfied = 0, answers = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (feedback != NULL || n_feedback == 0);

  for (gsize i = 0; i < n_feedback; i++)
    {
      const CgKpiFeedback *f = &feedback[i];

      if (f->csat < 1 || f->csat > 5 || !in_period (f->created_at, from, to))
        continue;
      answers++;
      if (f->csat >= 4)
        satisfied++;
    }
  ratio_set (out, satisfied, answers);
}

void
cg_kpi_nps (const CgKpiFeedback *feedback,
            gsize                n_feedback,
            gint64               from,
            gint64               to,
            CgKpiNps            *out)
{
  guint total;

  g_return_if_fail (out != NULL);
  g_return_if_fail (feedback != NULL || n_feedback == 0);

  *out = (CgKpiNps) { 0 };
  for (gsize i = 0; i < n_feedback; i++)
    {
      const CgKpiFeedback *f = &feedback[i];

      if (f->nps < 0 || f->nps > 10 || !in_period (f->created_at, from, to))
        continue;
      if (f->nps >= 9)
        out->promoters++;
      else if (f->nps >= 7)
        out->passives++;
      else
        out->detractors++;
    }
  total = out->promoters + out->passives + out->detractors;
  if (total == 0)
    return;
  out->has_value = TRUE;
  /* One division, so that 1 promoter of 3 is 33.33…, not 33.33 - 0. */
  out->score = 100.0 * ((double) out->promoters - (double) out->detractors) / total;
}

void
cg_kpi_queue_wait (const CgKpiCheckin *checkins,
                   gsize               n_checkins,
                   gint64              from,
                   gint64              to,
                   CgKpiDuration      *out)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_if_fail (out != NULL);
  g_return_if_fail (checkins != NULL || n_checkins == 0);

  for (gsize i = 0; i < n_checkins; i++)
    {
      const CgKpiCheckin *k = &checkins[i];
      gint64 value;

      if (!in_period (k->created_at, from, to) || k->called_at == CG_KPI_NO_TIME)
        continue;
      value = MAX (k->called_at - k->created_at, 0);
      g_array_append_val (values, value);
    }
  duration_from_values (values, out);
}

void
cg_kpi_no_show_rate (const CgKpiCheckin *checkins,
                     gsize               n_checkins,
                     gint64              from,
                     gint64              to,
                     CgKpiRatio         *out)
{
  guint no_show = 0, ended = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (checkins != NULL || n_checkins == 0);

  for (gsize i = 0; i < n_checkins; i++)
    {
      const CgKpiCheckin *k = &checkins[i];

      if (!in_period (k->created_at, from, to) || k->end == CG_KPI_VISIT_OPEN)
        continue;
      ended++;
      if (k->end == CG_KPI_VISIT_NO_SHOW)
        no_show++;
    }
  ratio_set (out, no_show, ended);
}

void
cg_kpi_deflection (const CgKpiFeedback *feedback,
                   gsize                n_feedback,
                   const CgKpiCase     *cases,
                   gsize                n_cases,
                   gint64               from,
                   gint64               to,
                   CgKpiRatio          *out)
{
  guint helped = 0, not_helped = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (feedback != NULL || n_feedback == 0);
  g_return_if_fail (cases != NULL || n_cases == 0);

  for (gsize i = 0; i < n_feedback; i++)
    if (feedback[i].self_service_helped && in_period (feedback[i].created_at, from, to))
      helped++;
  for (gsize i = 0; i < n_cases; i++)
    if (cases[i].self_service_offered && in_period (cases[i].created_at, from, to))
      not_helped++;
  ratio_set (out, helped, helped + not_helped);
}

void
cg_kpi_report_from_arrays (const CgKpiCase     *cases,
                           gsize                n_cases,
                           const CgKpiCheckin  *checkins,
                           gsize                n_checkins,
                           const CgKpiFeedback *feedback,
                           gsize                n_feedback,
                           gint64               from,
                           gint64               to,
                           gint64               now,
                           GTimeZone           *tz,
                           CgKpiReport         *report)
{
  g_return_if_fail (report != NULL);

  *report = (CgKpiReport) { 0 };
  report->from = from;
  report->to = to;
  cg_kpi_backlog (cases, n_cases, MIN (to, now), &report->backlog);
  cg_kpi_first_response_time (cases, n_cases, from, to, &report->first_response);
  cg_kpi_resolution_time (cases, n_cases, from, to, &report->resolution);
  cg_kpi_sla_compliance (cases, n_cases, from, to, report->sla);
  cg_kpi_fcr (cases, n_cases, from, to, tz, &report->fcr);
  cg_kpi_csat (feedback, n_feedback, from, to, &report->csat);
  cg_kpi_nps (feedback, n_feedback, from, to, &report->nps);
  cg_kpi_queue_wait (checkins, n_checkins, from, to, &report->queue_wait);
  cg_kpi_no_show_rate (checkins, n_checkins, from, to, &report->no_show);
  cg_kpi_deflection (feedback, n_feedback, cases, n_cases, from, to, &report->deflection);
}

/* ------------------------------------------------------------ documents */

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return CG_KPI_NO_TIME;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL ? g_date_time_to_unix (dt) : CG_KPI_NO_TIME;
}

static gint64
earliest (gint64 a,
          gint64 b)
{
  if (a == CG_KPI_NO_TIME)
    return b;
  if (b == CG_KPI_NO_TIME)
    return a;
  return MIN (a, b);
}

gboolean
cg_kpi_case_from_document (JsonObject          *kase,
                           gint64               first_customer_note,
                           const CgSlaPolicies *policies,
                           gint64               now,
                           CgKpiCase           *out)
{
  g_autoptr(JsonObject) copy = NULL;
  CgSlaClock clocks[CG_SLA_N_TARGETS];
  JsonObject *evaluated = kase;
  const char *status;
  gint64 value, recorded;

  g_return_val_if_fail (kase != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  *out = (CgKpiCase) { 0 };
  out->created_at = parse_time (cg_json_get_string (kase, "created_at"));
  if (out->created_at == CG_KPI_NO_TIME)
    return FALSE;

  recorded = parse_time (cg_json_get_string (kase, "first_response_at"));
  out->first_response_at = earliest (recorded, first_customer_note);
  /* A reply the case document does not know of (written where the case
   * was not updated) still stops the first-response clock. */
  if (out->first_response_at != recorded)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (out->first_response_at);
      g_autofree char *text = dt != NULL ? cg_json_timestamp (dt) : NULL;

      copy = cg_json_copy (kase);
      if (text != NULL)
        json_object_set_string_member (copy, "first_response_at", text);
      evaluated = copy;
    }

  status = cg_json_get_string (kase, "status");
  out->resolved_at = CG_KPI_NO_TIME;
  if (is_done (status))
    {
      /* As cg-sla.c does for a resolution an older client did not date. */
      out->resolved_at = parse_time (cg_json_get_string (kase, "resolved_at"));
      if (out->resolved_at == CG_KPI_NO_TIME)
        out->resolved_at = parse_time (cg_json_get_string (kase, "updated_at"));
      if (out->resolved_at == CG_KPI_NO_TIME)
        out->resolved_at = out->created_at;
    }

  if (cg_json_get_int (cg_json_get_object (kase, "sla"), "paused_total_s", &value))
    out->paused_total_s = MAX (value, 0);
  if (cg_json_get_int (kase, "reopened_count", &value))
    out->reopened_count = (guint) CLAMP (value, 0, G_MAXUINT32);
  out->priority = cg_kpi_priority_from_string (cg_json_get_string (kase, "priority"));
  out->at_counter = g_strcmp0 (cg_json_get_string (kase, "channel"), "counter") == 0;
  {
    JsonObject *self_service = cg_json_get_object (kase, "self_service");
    JsonArray *offered = self_service != NULL ? cg_json_get_array (self_service, "offered") : NULL;

    out->self_service_offered = g_strcmp0 (cg_json_get_string (kase, "channel"), "kiosk") == 0 &&
                                offered != NULL && json_array_get_length (offered) > 0 &&
                                !cg_json_get_bool (self_service, "helped", FALSE);
  }

  cg_sla_evaluate (evaluated, policies, now, clocks);
  for (guint t = 0; t < CG_SLA_N_TARGETS; t++)
    {
      out->sla_state[t] = clocks[t].state;
      out->sla_outcome_at[t] = clocks[t].outcome_at;
    }
  return TRUE;
}

static CgKpiCheckin
checkin_from_document (JsonObject *doc)
{
  const char *status = cg_json_get_string (doc, "status");
  CgKpiCheckin k;

  k.created_at = parse_time (cg_json_get_string (doc, "created_at"));
  k.called_at = parse_time (cg_json_get_string (doc, "called_at"));
  if (g_strcmp0 (status, "done") == 0)
    k.end = CG_KPI_VISIT_DONE;
  else if (g_strcmp0 (status, "no_show") == 0)
    k.end = CG_KPI_VISIT_NO_SHOW;
  else
    k.end = CG_KPI_VISIT_OPEN;
  return k;
}

/* ----------------------------------------------------------------- store */

/* @instant moved by @delta, without overflowing: periods may be open-ended
 * (G_MININT64 to G_MAXINT64). */
static gint64
shift (gint64 instant,
       gint64 delta)
{
  if (delta > 0 && instant > G_MAXINT64 - delta)
    return G_MAXINT64;
  if (delta < 0 && instant < G_MININT64 - delta)
    return G_MININT64;
  return instant + delta;
}

static void
bind_instant (sqlite3_stmt *stmt,
              int           index,
              gint64        instant)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  /* Clamped to what a timestamp can say: a period "until the end of time"
   * is everything. */
  instant = CLAMP (instant, G_GINT64_CONSTANT (0), G_GINT64_CONSTANT (253402300799));
  dt = g_date_time_new_from_unix_utc (instant);
  text = cg_json_timestamp (dt);
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static gboolean
finish_rows (CgStore       *store,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  cg_store_set_sqlite_error (store, error, _("Could not read the data for the report"));
  return FALSE;
}

/* The created_at of the earliest customer-visible note of @case_id. */
static gboolean
first_customer_note (CgStore     *store,
                     const char  *case_id,
                     gint64      *first,
                     GError     **error)
{
  sqlite3_stmt *stmt = cg_store_stmt (store,
    "SELECT created_at FROM case_notes WHERE case_id = ?1 AND visibility = 'customer'");
  int rc;

  *first = CG_KPI_NO_TIME;
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    *first = earliest (*first, parse_time ((const char *) sqlite3_column_text (stmt, 0)));
  return finish_rows (store, stmt, rc, error);
}

static gboolean
load_cases (CgStore              *store,
            gint64                from,
            gint64                to,
            gint64                now,
            const CgSlaPolicies  *policies,
            GArray               *cases,
            GError              **error)
{
  /* Nothing created at or after @to counts; a case resolved (or closed)
   * before the period cannot count either, and its updated_at, never
   * earlier than its resolved_at or its first reply, says so. The lower
   * bound covers the backlog instant too, which precedes @from for a
   * period that has not begun. */
  sqlite3_stmt *stmt = cg_store_stmt (store,
    "SELECT c.id, r.body FROM cases c "
    "JOIN docs d ON d.doc_id = c.doc_id "
    "JOIN revs r ON r.doc_id = d.doc_id AND r.rev = d.rev "
    "WHERE c.created_at < ?1 "
    "AND (c.status NOT IN ('resolved', 'closed') OR c.updated_at >= ?2)");
  int rc;

  bind_instant (stmt, 1, shift (to, TEXT_MARGIN));
  bind_instant (stmt, 2, shift (MIN (from, MIN (to, now)), -TEXT_MARGIN));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(JsonObject) body = text != NULL ? cg_json_from_string (text, NULL) : NULL;
      gint64 first_note;
      CgKpiCase c;

      if (body == NULL)
        {
          g_debug ("Case %s has no readable body; left out of the report", id);
          continue;
        }
      if (!first_customer_note (store, id, &first_note, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (cg_kpi_case_from_document (body, first_note, policies, now, &c))
        g_array_append_val (cases, c);
    }
  return finish_rows (store, stmt, rc, error);
}

static gboolean
load_checkins (CgStore  *store,
               gint64    from,
               gint64    to,
               GArray   *checkins,
               GError  **error)
{
  sqlite3_stmt *stmt = cg_store_stmt (store,
    "SELECT r.body FROM checkins k "
    "JOIN docs d ON d.doc_id = k.doc_id "
    "JOIN revs r ON r.doc_id = d.doc_id AND r.rev = d.rev "
    "WHERE k.created_at >= ?1 AND k.created_at < ?2");
  int rc;

  bind_instant (stmt, 1, shift (from, -TEXT_MARGIN));
  bind_instant (stmt, 2, shift (to, TEXT_MARGIN));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(JsonObject) body = text != NULL ? cg_json_from_string (text, NULL) : NULL;
      CgKpiCheckin k;

      if (body == NULL)
        continue;
      k = checkin_from_document (body);
      g_array_append_val (checkins, k);
    }
  return finish_rows (store, stmt, rc, error);
}

static gboolean
load_feedback (CgStore  *store,
               gint64    from,
               gint64    to,
               GArray   *feedback,
               GError  **error)
{
  sqlite3_stmt *stmt = cg_store_stmt (store,
    "SELECT f.created_at, f.csat, f.nps, "
    "  (SELECT json_extract (r.body, '$.self_service.helped') FROM revs r "
    "   WHERE r.doc_id = d.doc_id AND r.rev = d.rev) "
    "FROM feedback f JOIN docs d ON d.doc_id = f.doc_id "
    "WHERE f.created_at >= ?1 AND f.created_at < ?2");
  int rc;

  bind_instant (stmt, 1, shift (from, -TEXT_MARGIN));
  bind_instant (stmt, 2, shift (to, TEXT_MARGIN));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CgKpiFeedback f;

      f.created_at = parse_time ((const char *) sqlite3_column_text (stmt, 0));
      f.csat = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 1);
      f.nps = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 2);
      /* json_extract gives true as the integer 1. */
      f.self_service_helped = sqlite3_column_type (stmt, 3) == SQLITE_INTEGER &&
                              sqlite3_column_int (stmt, 3) == 1;
      if (f.csat < 0 && f.nps < 0 && !f.self_service_helped)
        continue;
      g_array_append_val (feedback, f);
    }
  return finish_rows (store, stmt, rc, error);
}

gboolean
cg_kpi_report_compute (CgStore             *store,
                       gint64               from,
                       gint64               to,
                       gint64               now,
                       const CgSlaPolicies *policies,
                       GTimeZone           *tz,
                       CgKpiReport         *report,
                       GError             **error)
{
  g_autoptr(GArray) cases = g_array_new (FALSE, FALSE, sizeof (CgKpiCase));
  g_autoptr(GArray) checkins = g_array_new (FALSE, FALSE, sizeof (CgKpiCheckin));
  g_autoptr(GArray) feedback = g_array_new (FALSE, FALSE, sizeof (CgKpiFeedback));

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!load_cases (store, from, to, now, policies, cases, error) ||
      !load_checkins (store, from, to, checkins, error) ||
      !load_feedback (store, from, to, feedback, error))
    return FALSE;

  cg_kpi_report_from_arrays ((const CgKpiCase *) (gpointer) cases->data, cases->len,
                             (const CgKpiCheckin *) (gpointer) checkins->data, checkins->len,
                             (const CgKpiFeedback *) (gpointer) feedback->data, feedback->len,
                             from, to, now, tz, report);
  return TRUE;
}
