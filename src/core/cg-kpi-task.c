/* cg-kpi-task.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker touches only its task data: a copy of the path, the period,
 * a reference to the (immutable) SLA policies and the time zone.
 */
#define G_LOG_DOMAIN "cg-kpi-task"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-case.h"
#include "cg-kpi-task.h"
#include "cg-store-private.h"

#define HOUR 3600
#define DAY (24 * HOUR)
/* Prefilter margin for the text comparisons of RFC 3339 times that may
 * carry an offset (as in cg-kpi.c). */
#define TEXT_MARGIN DAY
#define MAX_TIME G_GINT64_CONSTANT (253402300799)

/* --------------------------------------------------------------- trend */

void
cg_kpi_trend_free (CgKpiTrend *trend)
{
  if (trend == NULL)
    return;
  g_free (trend->starts);
  g_free (trend->opened);
  g_free (trend->resolved);
  g_free (trend);
}

CgKpiTrend *
cg_kpi_trend_new (gint64     from,
                  gint64     to,
                  GTimeZone *tz)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GArray) starts = NULL;
  CgKpiTrend *trend;
  gint64 length;
  guint step_days;

  if (from < 0 || to > MAX_TIME || to <= from)
    return NULL;
  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  length = to - from;
  starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  trend = g_new0 (CgKpiTrend, 1);
  trend->hourly = length <= 36 * HOUR;
  step_days = length <= 62 * DAY ? 1 : 7;
  start = g_date_time_new_from_unix_utc (from);
  {
    g_autoptr(GDateTime) local_start = g_date_time_to_timezone (start, tz);
    GDateTime *cursor = g_date_time_ref (local_start);

    while (g_date_time_to_unix (cursor) < to)
      {
        gint64 instant = g_date_time_to_unix (cursor);
        GDateTime *next;

        g_array_append_val (starts, instant);
        if (trend->hourly)
          next = g_date_time_add_hours (cursor, 1);
        else
          {
            /* To the next local midnight, so that a period starting at
             * 14:00 still has calendar-day buckets after the first. */
            g_autoptr(GDateTime) day = g_date_time_new (tz, g_date_time_get_year (cursor),
                                                        g_date_time_get_month (cursor),
                                                        g_date_time_get_day_of_month (cursor),
                                                        0, 0, 0);
            next = g_date_time_add_days (day, step_days);
          }
        g_date_time_unref (cursor);
        cursor = next;
      }
    g_date_time_unref (cursor);
  }
  g_array_append_val (starts, to);
  trend->n_buckets = starts->len - 1;
  trend->starts = (gint64 *) (gpointer) g_array_free (g_steal_pointer (&starts), FALSE);
  trend->opened = g_new0 (guint, trend->n_buckets);
  trend->resolved = g_new0 (guint, trend->n_buckets);
  return trend;
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) dt = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return dt != NULL ? g_date_time_to_unix (dt) : G_MININT64;
}

/* The bucket of @instant, or -1 outside the period. */
static gint
bucket_of (const CgKpiTrend *trend,
           gint64            instant)
{
  guint lo = 0, hi = trend->n_buckets;

  if (instant < trend->starts[0] || instant >= trend->starts[trend->n_buckets])
    return -1;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (instant >= trend->starts[mid])
        lo = mid;
      else
        hi = mid;
    }
  return (gint) lo;
}

static void
bind_instant (sqlite3_stmt *stmt,
              int           index,
              gint64        instant)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (CLAMP (instant, 0, MAX_TIME));
  g_autofree char *text = cg_json_timestamp (dt);

  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

gboolean
cg_kpi_trend_compute (CgStore     *store,
                      CgKpiTrend  *trend,
                      GError     **error)
{
  gint64 from, to;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (trend != NULL, FALSE);

  from = trend->starts[0];
  to = trend->starts[trend->n_buckets];
  memset (trend->opened, 0, trend->n_buckets * sizeof (guint));
  memset (trend->resolved, 0, trend->n_buckets * sizeof (guint));

  /* Opened: the projection's created_at. Resolved: the resolved_at of the
   * current revision, read only for cases done and updated since the
   * period began (updated_at is never earlier than resolved_at). */
  stmt = cg_store_stmt (store,
    "SELECT c.created_at, CASE WHEN c.status IN ('resolved', 'closed') AND c.updated_at >= ?1 "
    "  THEN (SELECT json_extract (r.body, '$.resolved_at') FROM docs d "
    "        JOIN revs r ON r.doc_id = d.doc_id AND r.rev = d.rev WHERE d.doc_id = c.doc_id) END "
    "FROM cases c "
    "WHERE (c.created_at >= ?1 AND c.created_at < ?2) "
    "OR (c.status IN ('resolved', 'closed') AND c.updated_at >= ?1)");
  bind_instant (stmt, 1, from - TEXT_MARGIN);
  bind_instant (stmt, 2, to + TEXT_MARGIN);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint opened = bucket_of (trend, parse_time ((const char *) sqlite3_column_text (stmt, 0)));
      gint resolved = bucket_of (trend, parse_time ((const char *) sqlite3_column_text (stmt, 1)));

      if (opened >= 0)
        trend->opened[opened]++;
      if (resolved >= 0)
        trend->resolved[resolved]++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cg_store_set_sqlite_error (store, error, _("Could not read the data for the report"));
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------- task */

typedef struct {
  CgKpiReport  report;
  CgKpiTrend  *trend;
} ComputeResult;

static void
compute_result_free (ComputeResult *result)
{
  cg_kpi_trend_free (result->trend);
  g_free (result);
}

typedef struct {
  char          *path;
  gint64         from;
  gint64         to;
  gint64         now;
  GTimeZone     *tz;
  CgSlaPolicies *policies;
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->tz, g_time_zone_unref);
  g_clear_pointer (&data->policies, cg_sla_policies_unref);
  g_free (data);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ComputeResult *result;

  if (g_task_return_error_if_cancelled (task))
    return;

  store = cg_store_open (data->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (ComputeResult, 1);
  result->trend = cg_kpi_trend_new (data->from, data->to, data->tz);
  if (!cg_kpi_report_compute (store, data->from, data->to, data->now, data->policies,
                              data->tz, &result->report, &error) ||
      (result->trend != NULL && !cg_kpi_trend_compute (store, result->trend, &error)))
    {
      compute_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) compute_result_free);
}

void
cg_kpi_report_compute_async (CgStore             *store,
                             gint64               from,
                             gint64               to,
                             gint64               now,
                             GTimeZone           *tz,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (CG_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ComputeData, 1);
  data->path = g_strdup (cg_store_get_path (store));
  data->from = from;
  data->to = to;
  data->now = now;
  data->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  data->policies = cg_sla_policies_ref ((CgSlaPolicies *) cg_case_get_sla_policies (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cg_kpi_report_compute_async);
  g_task_set_name (task, "[changgu] compute KPI report");
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  /* The computation cannot be interrupted; a cancelled caller is told at
   * once and the worker's late result is thrown away. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, compute_thread);
}

gboolean
cg_kpi_report_compute_finish (GAsyncResult  *result,
                              CgKpiReport   *report,
                              CgKpiTrend   **trend,
                              GError       **error)
{
  ComputeResult *computed;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cg_kpi_report_compute_async, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  computed = g_task_propagate_pointer (G_TASK (result), error);
  if (computed == NULL)
    return FALSE;
  *report = computed->report;
  if (trend != NULL)
    *trend = g_steal_pointer (&computed->trend);
  compute_result_free (computed);
  return TRUE;
}
