/* cg-report-format.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the reports page shows, as plain functions (no GTK): the KPI
 * figures as words, the cards, the chart data and the periods. "—" stands
 * for "no data" (cg-kpi.h: a rate or an average over nothing has no
 * value), never "0" or "0%".
 */
#pragma once

#include <glib.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_REPORT_NO_VALUE "—"

/* "45 s", "12 min", "1 h 05 min", "2 d 3 h". (transfer full) */
char        *cg_report_format_duration  (double               seconds);
/* The mean (or median) of @duration, or "—". (transfer full) */
char        *cg_report_format_mean      (const CgKpiDuration *duration);
char        *cg_report_format_median    (const CgKpiDuration *duration);
/* "66.7%", "100%", or "—". (transfer full) */
char        *cg_report_format_percent   (const CgKpiRatio    *ratio);
/* "+25", "−10", "0", or "—". (transfer full) */
char        *cg_report_format_nps       (const CgKpiNps      *nps);

/* One card of the page: a big number and a line under it. */
typedef struct {
  const char *key;          /* static: "backlog", "first_response", "resolution",
                             * "sla.first_response", "sla.resolution", "fcr", "csat",
                             * "nps", "queue_wait", "no_show", "deflection" */
  char       *title;
  char       *value;        /* the big number, or "—" */
  char       *detail;       /* what it is made of ("45 of 50 met") */
  char       *tooltip;      /* the definition */
  gboolean    has_value;
} CgReportCard;

void         cg_report_card_free        (CgReportCard *card);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgReportCard, cg_report_card_free)

/* Every KPI of @report as a card, in the page's order.
 * (transfer full) (element-type CgReportCard) */
GPtrArray   *cg_report_cards            (const CgKpiReport   *report);
/* The card with @key in @cards, or NULL. (transfer none) */
CgReportCard *cg_report_cards_find      (GPtrArray           *cards,
                                         const char          *key);

/* A chart: labels along the x axis and one or more series of values.
 * A value that is NAN has no data (no bar, "—" as its label). */
typedef struct {
  char    *name;            /* for the legend */
  double  *values;          /* n_points */
  char   **value_labels;    /* n_points, NULL-terminated: shown on bars */
} CgChartSeries;

typedef struct {
  char       *title;
  guint       n_points;
  char      **labels;        /* n_points, NULL-terminated */
  GPtrArray  *series;        /* CgChartSeries */
  double      max_value;     /* fixed top of the scale (100 for %), or 0: from the data */
} CgChartData;

void         cg_chart_data_free         (CgChartData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgChartData, cg_chart_data_free)
CgChartData *cg_chart_data_copy         (const CgChartData *data);
/* "Backlog by age: Under 4 h 3, 4–24 h 5, …": the chart's values as a
 * sentence, for the accessible description. (transfer full) */
char        *cg_chart_data_describe     (const CgChartData *data);

/* The backlog by age and by priority (bars), SLA compliance per target
 * (bars, %), and cases opened and resolved over the period (lines; NULL
 * without a trend). (transfer full) */
CgChartData *cg_report_backlog_age_chart      (const CgKpiReport *report);
CgChartData *cg_report_backlog_priority_chart (const CgKpiReport *report);
CgChartData *cg_report_sla_chart              (const CgKpiReport *report);
CgChartData *cg_report_trend_chart            (const CgKpiTrend  *trend,
                                               GTimeZone         *tz);

typedef enum {
  CG_REPORT_PERIOD_TODAY,
  CG_REPORT_PERIOD_LAST_7_DAYS,
  CG_REPORT_PERIOD_LAST_30_DAYS,
  CG_REPORT_PERIOD_THIS_MONTH,
  CG_REPORT_PERIOD_CUSTOM,
} CgReportPeriod;

/* [@from, @to) of @period as of @now, in @now's time zone, by local
 * calendar days: Today is today; Last 7 Days is today and the 6 days
 * before; This Month from its first day to the first day of the next.
 * CUSTOM uses @first_day and @last_day (both included; local dates).
 * FALSE when a custom range is empty (last before first). */
gboolean     cg_report_period_range     (CgReportPeriod  period,
                                         GDateTime      *now,
                                         GDate          *first_day,
                                         GDate          *last_day,
                                         gint64         *from,
                                         gint64         *to);
/* The period as words for a heading: "Mar 2 – Mar 8, 2026". (transfer full) */
char        *cg_report_format_period    (gint64          from,
                                         gint64          to,
                                         GTimeZone      *tz);

G_END_DECLS
