/* cg-kpi-task.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg_kpi_report_compute() off the main thread: it reads every case that
 * can count (0.4–1 s on a 100k-customer store), which would freeze the
 * window. The worker opens its own connection to the store's file, so the
 * main thread's connection and its statement cache are never shared.
 */
#pragma once

#include <gio/gio.h>

#include "cg-kpi.h"

G_BEGIN_DECLS

/* Cases opened and resolved per bucket of a period, for a line chart:
 * hours for a period of up to a day and a half, local calendar days up to
 * 62 days, else weeks (from the first day). Bucket i is
 * [starts[i], starts[i + 1]); the last one ends at the period's end. A case
 * counts as resolved at its current resolved_at (as in cg-kpi.h). */
typedef struct {
  guint     n_buckets;
  gboolean  hourly;
  gint64   *starts;        /* n_buckets + 1 instants */
  guint    *opened;        /* n_buckets */
  guint    *resolved;      /* n_buckets */
} CgKpiTrend;

void        cg_kpi_trend_free    (CgKpiTrend *trend);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgKpiTrend, cg_kpi_trend_free)

/* The buckets of [@from, @to) in @tz (NULL: local), all counts 0; NULL
 * for an empty or open-ended period. (transfer full) */
CgKpiTrend *cg_kpi_trend_new     (gint64      from,
                                  gint64      to,
                                  GTimeZone  *tz);
/* Fills @trend from @store. */
gboolean    cg_kpi_trend_compute (CgStore    *store,
                                  CgKpiTrend *trend,
                                  GError    **error);

/* Computes the report for [@from, @to) of the store at
 * cg_store_get_path (@store), SLA states at @now under the store's
 * policies (cg_case_get_sla_policies) and calendar days in @tz (NULL:
 * local). Cancelling @cancellable calls @callback at once with
 * G_IO_ERROR_CANCELLED; the worker's result is then dropped. */
void     cg_kpi_report_compute_async  (CgStore             *store,
                                       gint64               from,
                                       gint64               to,
                                       gint64               now,
                                       GTimeZone           *tz,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* Fills @report and, if @trend is not NULL, sets it to the period's
 * trend (NULL for a period cg_kpi_trend_new() gives none). FALSE with
 * @error on failure or cancellation. */
gboolean cg_kpi_report_compute_finish (GAsyncResult        *result,
                                       CgKpiReport         *report,
                                       CgKpiTrend         **trend,
                                       GError             **error);

G_END_DECLS
