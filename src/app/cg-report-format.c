/* cg-report-format.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-report-format"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "cg-format.h"
#include "cg-report-format.h"

/* ----------------------------------------------------------------- words */

char *
cg_report_format_duration (double seconds)
{
  gint64 s = (gint64) llround (MAX (seconds, 0.0));

  if (s < 60)
    /* Translators: a duration in seconds. */
    return g_strdup_printf (_("%d s"), (int) s);
  {
    /* Rounded first, so that 59 min 40 s is "1 h 00 min", not "60 min". */
    gint64 minutes = (s + 30) / 60;
    gint64 hours;

    if (minutes < 60)
      /* Translators: a duration in minutes. */
      return g_strdup_printf (_("%d min"), (int) minutes);
    if (minutes < 24 * 60)
      /* Translators: hours and minutes, "1 h 05 min". */
      return g_strdup_printf (_("%d h %02d min"), (int) (minutes / 60), (int) (minutes % 60));
    hours = (s + 1800) / 3600;
    /* Translators: days and hours, "2 d 3 h". */
    return g_strdup_printf (_("%d d %d h"), (int) (hours / 24), (int) (hours % 24));
  }
}

char *
cg_report_format_mean (const CgKpiDuration *duration)
{
  g_return_val_if_fail (duration != NULL, NULL);
  return duration->has_value ? cg_report_format_duration (duration->mean_s)
                             : g_strdup (CG_REPORT_NO_VALUE);
}

char *
cg_report_format_median (const CgKpiDuration *duration)
{
  g_return_val_if_fail (duration != NULL, NULL);
  return duration->has_value ? cg_report_format_duration (duration->median_s)
                             : g_strdup (CG_REPORT_NO_VALUE);
}

static char *
format_percent_value (double percent)
{
  double rounded = round (percent * 10.0) / 10.0;

  if (rounded == floor (rounded))
    /* Translators: a whole percentage, "100%". */
    return g_strdup_printf (_("%.0f%%"), rounded);
  /* Translators: a percentage with one decimal, "66.7%". */
  return g_strdup_printf (_("%.1f%%"), rounded);
}

char *
cg_report_format_percent (const CgKpiRatio *ratio)
{
  g_return_val_if_fail (ratio != NULL, NULL);
  return ratio->has_value ? format_percent_value (ratio->percent) : g_strdup (CG_REPORT_NO_VALUE);
}

char *
cg_report_format_nps (const CgKpiNps *nps)
{
  long score;

  g_return_val_if_fail (nps != NULL, NULL);
  if (!nps->has_value)
    return g_strdup (CG_REPORT_NO_VALUE);
  score = lround (nps->score);
  if (score > 0)
    return g_strdup_printf ("+%ld", score);
  if (score < 0)
    return g_strdup_printf ("−%ld", -score);   /* U+2212, as a score is written */
  return g_strdup ("0");
}

/* ----------------------------------------------------------------- cards */

void
cg_report_card_free (CgReportCard *card)
{
  if (card == NULL)
    return;
  g_free (card->title);
  g_free (card->value);
  g_free (card->detail);
  g_free (card->tooltip);
  g_free (card);
}

static CgReportCard *
add_card (GPtrArray  *cards,
          const char *key,
          const char *title,
          char       *value,
          char       *detail,
          const char *tooltip,
          gboolean    has_value)
{
  CgReportCard *card = g_new0 (CgReportCard, 1);

  card->key = key;
  card->title = g_strdup (title);
  card->value = value;
  card->detail = has_value ? detail : (g_free (detail), g_strdup (_("No data in this period")));
  card->tooltip = g_strdup (tooltip);
  card->has_value = has_value;
  g_ptr_array_add (cards, card);
  return card;
}

/* The formats below are translated literals with exactly two (or one) %s,
 * which gettext's msgfmt --check verifies in the catalogues. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* "45 of 50 met" and the like: @format has two %s, the counts. */
static char *
of_detail (const char *format,
           guint       numerator,
           guint       denominator)
{
  g_autofree char *n = cg_format_count (numerator);
  g_autofree char *d = cg_format_count (denominator);

  return g_strdup_printf (format, n, d);
}

/* A singular and plural pair to pass to ngettext() later: xgettext knows
 * NP_ as a plural keyword (po/meson.build), so the pair is one message. */
#define NP_(singular, plural) singular, plural

static char *
duration_detail (const CgKpiDuration *duration,
                 const char          *singular,
                 const char          *plural)
{
  g_autofree char *median = cg_report_format_median (duration);
  g_autofree char *count = cg_format_count (duration->count);
  g_autofree char *counted = g_strdup_printf (ngettext (singular, plural, duration->count), count);

  /* Translators: "Median 12 min · 34 cases". */
  return g_strdup_printf (_("Median %s · %s"), median, counted);
}

#pragma GCC diagnostic pop

GPtrArray *
cg_report_cards (const CgKpiReport *report)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_report_card_free);

  g_return_val_if_fail (report != NULL, cards);

  {
    const CgKpiBacklog *b = &report->backlog;
    g_autofree char *urgent = cg_format_count (b->by_priority[CG_KPI_PRIORITY_URGENT]);
    g_autofree char *high = cg_format_count (b->by_priority[CG_KPI_PRIORITY_HIGH]);

    add_card (cards, "backlog", _("Backlog"), cg_format_count (b->total),
              /* Translators: counts of open cases by priority. */
              g_strdup_printf (_("%s urgent · %s high"), urgent, high),
              _("Cases not resolved at the end of the period (for a period not over yet: now), "
                "whatever their status."),
              TRUE);
  }

  add_card (cards, "first_response", _("First Response"),
            cg_report_format_mean (&report->first_response),
            duration_detail (&report->first_response,
                             /* Translators: %s is a count. */
                             NP_("%s case", "%s cases")),
            _("Mean time from a case's creation to the first reply the customer could see. "
              "Internal notes do not count."),
            report->first_response.has_value);

  add_card (cards, "resolution", _("Resolution Time"),
            cg_report_format_mean (&report->resolution),
            duration_detail (&report->resolution, NP_("%s case", "%s cases")),
            _("Mean time from a case's creation to its resolution, minus the time it waited "
              "for the customer."),
            report->resolution.has_value);

  for (guint t = 0; t < CG_SLA_N_TARGETS; t++)
    {
      const CgKpiRatio *sla = &report->sla[t];
      const char *title = t == CG_SLA_FIRST_RESPONSE ? _("First Response SLA") : _("Resolution SLA");

      add_card (cards, t == CG_SLA_FIRST_RESPONSE ? "sla.first_response" : "sla.resolution",
                title, cg_report_format_percent (sla),
                /* Translators: "45 of 50 met": SLA targets. */
                of_detail (_("%s of %s met"), sla->numerator, sla->denominator),
                _("Targets met on time out of the targets settled in the period: a target "
                  "counts when it is met or when its due time passes."),
                sla->has_value);
    }

  add_card (cards, "fcr", _("First Contact Resolution"),
            cg_report_format_percent (&report->fcr),
            /* Translators: "12 of 40 resolved cases". */
            of_detail (_("%s of %s resolved cases"), report->fcr.numerator, report->fcr.denominator),
            _("Cases opened at the counter, resolved on the day they were opened and never "
              "reopened, out of all cases resolved in the period."),
            report->fcr.has_value);

  add_card (cards, "csat", _("Satisfaction (CSAT)"),
            cg_report_format_percent (&report->csat),
            /* Translators: "120 of 150 rated 4 or 5". */
            of_detail (_("%s of %s rated 4 or 5"), report->csat.numerator, report->csat.denominator),
            _("Ratings of 4 or 5 out of all satisfaction ratings (1 to 5) given in the period."),
            report->csat.has_value);

  {
    const CgKpiNps *nps = &report->nps;
    guint answers = nps->promoters + nps->passives + nps->detractors;
    g_autofree char *promoters = cg_format_count (nps->promoters);
    g_autofree char *detractors = cg_format_count (nps->detractors);
    g_autofree char *total = cg_format_count (answers);

    add_card (cards, "nps", _("Net Promoter Score"), cg_report_format_nps (nps),
              /* Translators: promoters, detractors, then all answers. */
              g_strdup_printf (_("%s promoters · %s detractors of %s"), promoters, detractors, total),
              _("Percentage of promoters (9–10) minus percentage of detractors (0–6), "
                "from −100 to +100."),
              nps->has_value);
  }

  add_card (cards, "queue_wait", _("Queue Wait"),
            cg_report_format_mean (&report->queue_wait),
            duration_detail (&report->queue_wait,
                             /* Translators: %s is a count of queue tickets. */
                             N_("%s ticket"), N_("%s tickets")),
            _("Mean time from taking a ticket to being called, for the tickets called."),
            report->queue_wait.has_value);

  add_card (cards, "no_show", _("No-Show Rate"),
            cg_report_format_percent (&report->no_show),
            /* Translators: "5 of 80 tickets". */
            of_detail (_("%s of %s tickets"), report->no_show.numerator, report->no_show.denominator),
            _("Tickets marked as no-show out of the tickets that ended in the period."),
            report->no_show.has_value);

  add_card (cards, "deflection", _("Self-Service Deflection"),
            cg_report_format_percent (&report->deflection),
            /* Translators: "12 of 40 problems solved by an answer": problems
             * reported at the kiosk that an FAQ answer solved. */
            of_detail (_("%s of %s problems solved by an answer"),
                       report->deflection.numerator, report->deflection.denominator),
            _("Problems reported at the kiosk that an FAQ answer solved, out of those solved "
              "that way plus the cases opened after answers were offered."),
            report->deflection.has_value);

  return cards;
}

CgReportCard *
cg_report_cards_find (GPtrArray  *cards,
                      const char *key)
{
  g_return_val_if_fail (cards != NULL, NULL);

  for (guint i = 0; i < cards->len; i++)
    {
      CgReportCard *card = g_ptr_array_index (cards, i);
      if (g_strcmp0 (card->key, key) == 0)
        return card;
    }
  return NULL;
}

/* ---------------------------------------------------------------- charts */

static void
chart_series_free (CgChartSeries *series)
{
  g_free (series->name);
  g_free (series->values);
  g_strfreev (series->value_labels);
  g_free (series);
}

void
cg_chart_data_free (CgChartData *data)
{
  if (data == NULL)
    return;
  g_free (data->title);
  g_strfreev (data->labels);
  g_clear_pointer (&data->series, g_ptr_array_unref);
  g_free (data);
}

static CgChartData *
chart_new (const char *title,
           guint       n_points)
{
  CgChartData *data = g_new0 (CgChartData, 1);

  data->title = g_strdup (title);
  data->n_points = n_points;
  data->labels = g_new0 (char *, n_points + 1);
  data->series = g_ptr_array_new_with_free_func ((GDestroyNotify) chart_series_free);
  return data;
}

static CgChartSeries *
chart_add_series (CgChartData *data,
                  const char  *name)
{
  CgChartSeries *series = g_new0 (CgChartSeries, 1);

  series->name = g_strdup (name);
  series->values = g_new0 (double, data->n_points);
  series->value_labels = g_new0 (char *, data->n_points + 1);
  g_ptr_array_add (data->series, series);
  return series;
}

CgChartData *
cg_chart_data_copy (const CgChartData *data)
{
  CgChartData *copy;

  g_return_val_if_fail (data != NULL, NULL);

  copy = chart_new (data->title, data->n_points);
  copy->max_value = data->max_value;
  for (guint i = 0; i < data->n_points; i++)
    copy->labels[i] = g_strdup (data->labels[i]);
  for (guint s = 0; s < data->series->len; s++)
    {
      const CgChartSeries *from = g_ptr_array_index (data->series, s);
      CgChartSeries *to = chart_add_series (copy, from->name);

      for (guint i = 0; i < data->n_points; i++)
        {
          to->values[i] = from->values[i];
          to->value_labels[i] = g_strdup (from->value_labels[i]);
        }
    }
  return copy;
}

char *
cg_chart_data_describe (const CgChartData *data)
{
  GString *out;

  g_return_val_if_fail (data != NULL, NULL);

  out = g_string_new (data->title);
  for (guint s = 0; s < data->series->len; s++)
    {
      const CgChartSeries *series = g_ptr_array_index (data->series, s);

      g_string_append (out, s == 0 ? ": " : "; ");
      if (data->series->len > 1)
        g_string_append_printf (out, "%s: ", series->name);
      for (guint i = 0; i < data->n_points; i++)
        g_string_append_printf (out, "%s%s %s", i > 0 ? ", " : "", data->labels[i],
                                series->value_labels[i]);
    }
  if (data->n_points == 0)
    g_string_append_printf (out, ": %s", _("No data in this period"));
  return g_string_free (out, FALSE);
}

static void
set_count (CgChartSeries *series,
           guint          i,
           guint          count)
{
  series->values[i] = count;
  series->value_labels[i] = cg_format_count (count);
}

CgChartData *
cg_report_backlog_age_chart (const CgKpiReport *report)
{
  CgChartData *data = chart_new (_("Backlog by age"), CG_KPI_N_AGES);
  CgChartSeries *series = chart_add_series (data, _("Open cases"));

  for (guint a = 0; a < CG_KPI_N_AGES; a++)
    {
      data->labels[a] = g_strdup (cg_kpi_age_label (a));
      set_count (series, a, report->backlog.by_age[a]);
    }
  return data;
}

CgChartData *
cg_report_backlog_priority_chart (const CgKpiReport *report)
{
  CgChartData *data = chart_new (_("Backlog by priority"), CG_KPI_N_PRIORITIES);
  CgChartSeries *series = chart_add_series (data, _("Open cases"));

  /* Most pressing first, as a supervisor reads it. */
  for (guint i = 0; i < CG_KPI_N_PRIORITIES; i++)
    {
      CgKpiPriority p = CG_KPI_N_PRIORITIES - 1 - i;

      data->labels[i] = g_strdup (cg_kpi_priority_label (p));
      set_count (series, i, report->backlog.by_priority[p]);
    }
  return data;
}

CgChartData *
cg_report_sla_chart (const CgKpiReport *report)
{
  CgChartData *data = chart_new (_("SLA compliance"), CG_SLA_N_TARGETS);
  CgChartSeries *series = chart_add_series (data, _("Targets met"));

  data->max_value = 100;
  for (guint t = 0; t < CG_SLA_N_TARGETS; t++)
    {
      data->labels[t] = g_strdup (cg_kpi_sla_target_label (t));
      series->values[t] = report->sla[t].has_value ? report->sla[t].percent : NAN;
      series->value_labels[t] = cg_report_format_percent (&report->sla[t]);
    }
  return data;
}

CgChartData *
cg_report_trend_chart (const CgKpiTrend *trend,
                       GTimeZone        *tz)
{
  g_autoptr(GTimeZone) local = NULL;
  CgChartData *data;
  CgChartSeries *opened, *resolved;

  if (trend == NULL)
    return NULL;
  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  data = chart_new (trend->hourly ? _("Cases per hour") : _("Cases per day"), trend->n_buckets);
  opened = chart_add_series (data, _("Opened"));
  resolved = chart_add_series (data, _("Resolved"));
  for (guint i = 0; i < trend->n_buckets; i++)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (trend->starts[i]);
      g_autoptr(GDateTime) at = g_date_time_to_timezone (utc, tz);

      /* Translators: an hour on the axis of a chart (strftime). */
      data->labels[i] = g_date_time_format (at, trend->hourly ? _("%H:%M")
                                                /* Translators: a day on the axis of a chart (strftime): "3/2". */
                                                : _("%-m/%-d"));
      set_count (opened, i, trend->opened[i]);
      set_count (resolved, i, trend->resolved[i]);
    }
  return data;
}

/* --------------------------------------------------------------- periods */

static gint64
local_midnight (GTimeZone *tz,
                GDate     *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                                             g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (dt);
}

gboolean
cg_report_period_range (CgReportPeriod  period,
                        GDateTime      *now,
                        GDate          *first_day,
                        GDate          *last_day,
                        gint64         *from,
                        gint64         *to)
{
  GTimeZone *tz;
  g_autoptr(GDate) today = NULL;
  g_autoptr(GDate) start = NULL;
  g_autoptr(GDate) end = NULL;   /* the first day after the period */

  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  tz = g_date_time_get_timezone (now);
  today = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                          g_date_time_get_year (now));
  start = g_date_copy (today);
  end = g_date_copy (today);
  g_date_add_days (end, 1);

  switch (period)
    {
    case CG_REPORT_PERIOD_TODAY:
      break;
    case CG_REPORT_PERIOD_LAST_7_DAYS:
      g_date_subtract_days (start, 6);
      break;
    case CG_REPORT_PERIOD_LAST_30_DAYS:
      g_date_subtract_days (start, 29);
      break;
    case CG_REPORT_PERIOD_THIS_MONTH:
      g_date_set_day (start, 1);
      g_date_set_dmy (end, 1, g_date_get_month (start), g_date_get_year (start));
      g_date_add_months (end, 1);
      break;
    case CG_REPORT_PERIOD_CUSTOM:
    default:
      if (first_day == NULL || last_day == NULL || !g_date_valid (first_day) ||
          !g_date_valid (last_day) || g_date_compare (last_day, first_day) < 0)
        return FALSE;
      g_date_set_julian (start, g_date_get_julian (first_day));
      g_date_set_julian (end, g_date_get_julian (last_day));
      g_date_add_days (end, 1);
      break;
    }

  *from = local_midnight (tz, start);
  *to = local_midnight (tz, end);
  return TRUE;
}

char *
cg_report_format_period (gint64     from,
                         gint64     to,
                         GTimeZone *tz)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) first_utc = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) last_utc = g_date_time_new_from_unix_utc (to - 1);
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (first_utc == NULL || last_utc == NULL || to <= from)
    return g_strdup (CG_REPORT_NO_VALUE);
  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  first = g_date_time_to_timezone (first_utc, tz);
  last = g_date_time_to_timezone (last_utc, tz);

  /* Translators: a date with its year (strftime), "Mar 2, 2026". */
  b = g_date_time_format (last, _("%b %-d, %Y"));
  if (g_date_time_get_year (first) == g_date_time_get_year (last) &&
      g_date_time_get_day_of_year (first) == g_date_time_get_day_of_year (last))
    return g_steal_pointer (&b);
  a = g_date_time_get_year (first) == g_date_time_get_year (last)
      /* Translators: a date without its year (strftime), "Mar 2". */
      ? g_date_time_format (first, _("%b %-d"))
      : g_date_time_format (first, _("%b %-d, %Y"));
  /* Translators: a range of dates, "Mar 2 – Mar 8, 2026". */
  return g_strdup_printf (_("%s – %s"), a, b);
}
