/* cg-kpi-csv.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-kpi-csv"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-json.h"
#include "cg-kpi-csv.h"

#define BOM "\xEF\xBB\xBF"

/* ------------------------------------------------------------------ names */

const char *
cg_kpi_priority_key (CgKpiPriority priority)
{
  static const char * const keys[] = { "low", "normal", "high", "urgent" };

  g_return_val_if_fail (priority < CG_KPI_N_PRIORITIES, "normal");
  return keys[priority];
}

const char *
cg_kpi_priority_label (CgKpiPriority priority)
{
  switch (priority)
    {
    case CG_KPI_PRIORITY_LOW: return C_("priority", "Low");
    case CG_KPI_PRIORITY_HIGH: return C_("priority", "High");
    case CG_KPI_PRIORITY_URGENT: return C_("priority", "Urgent");
    case CG_KPI_PRIORITY_NORMAL:
    case CG_KPI_N_PRIORITIES:
    default: return C_("priority", "Normal");
    }
}

const char *
cg_kpi_age_key (CgKpiAge age)
{
  static const char * const keys[] = { "under_4h", "4h_1d", "1d_3d", "3d_7d", "7d_plus" };

  g_return_val_if_fail (age < CG_KPI_N_AGES, "7d_plus");
  return keys[age];
}

const char *
cg_kpi_age_label (CgKpiAge age)
{
  /* Short: they label the bars of a chart. */
  switch (age)
    {
    case CG_KPI_AGE_UNDER_4H: return C_("backlog age", "Under 4 h");
    case CG_KPI_AGE_4H_TO_1D: return C_("backlog age", "4–24 h");
    case CG_KPI_AGE_1D_TO_3D: return C_("backlog age", "1–3 days");
    case CG_KPI_AGE_3D_TO_7D: return C_("backlog age", "3–7 days");
    case CG_KPI_AGE_7D_OR_MORE:
    case CG_KPI_N_AGES:
    default: return C_("backlog age", "7+ days");
    }
}

const char *
cg_kpi_sla_target_key (CgSlaTarget target)
{
  return target == CG_SLA_FIRST_RESPONSE ? "first_response" : "resolution";
}

const char *
cg_kpi_sla_target_label (CgSlaTarget target)
{
  return target == CG_SLA_FIRST_RESPONSE ? C_("SLA target", "First response")
                                         : C_("SLA target", "Resolution");
}

/* -------------------------------------------------------------------- CSV */

char *
cg_csv_quote (const char *field)
{
  GString *out;

  if (field == NULL)
    return g_strdup ("");
  if (strpbrk (field, ",\"\r\n") == NULL)
    return g_strdup (field);

  out = g_string_new ("\"");
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

GPtrArray *
cg_csv_parse (const char  *text,
              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;
  gboolean row_started = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  if (g_str_has_prefix (p, BOM))
    p += strlen (BOM);

  while (*p)
    {
      row_started = TRUE;
      if (*p == '"' && field->len == 0)
        {
          /* A quoted field: up to the lone closing quote. */
          p++;
          for (;;)
            {
              if (*p == '\0')
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "Unterminated quoted field");
                  return NULL;
                }
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p++);
            }
          continue;
        }
      if (*p == ',')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          p++;
          continue;
        }
      if (*p == '\r' || *p == '\n')
        {
          p += (*p == '\r' && p[1] == '\n') ? 2 : 1;
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
          row_started = FALSE;
          continue;
        }
      g_string_append_c (field, *p++);
    }
  if (row_started)
    {
      g_ptr_array_add (fields, g_strdup (field->str));
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
    }
  return g_steal_pointer (&rows);
}

/* ------------------------------------------------------------------ rows */

static void
add_row (GString    *out,
         const char *key,
         const char *figure,
         const char *value,
         const char *unit,
         const char *numerator,
         const char *denominator)
{
  const char *fields[] = { key, figure, value, unit, numerator, denominator };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *quoted = cg_csv_quote (fields[i]);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, quoted);
    }
  g_string_append (out, "\r\n");
}

static char *
format_double (double value,
               const char *format)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static void
add_count (GString    *out,
           const char *key,
           const char *figure,
           guint       count)
{
  g_autofree char *value = g_strdup_printf ("%u", count);

  add_row (out, key, figure, value, "cases", NULL, NULL);
}

static void
add_ratio (GString          *out,
           const char       *key,
           const char       *figure,
           const CgKpiRatio *ratio)
{
  g_autofree char *value = ratio->has_value ? format_double (ratio->percent, "%.2f") : NULL;
  g_autofree char *numerator = g_strdup_printf ("%u", ratio->numerator);
  g_autofree char *denominator = g_strdup_printf ("%u", ratio->denominator);

  add_row (out, key, figure, value, "percent", numerator, denominator);
}

static void
add_duration (GString             *out,
              const char          *key,
              const char          *figure_mean,
              const char          *figure_median,
              const CgKpiDuration *duration)
{
  g_autofree char *mean = duration->has_value ? format_double (duration->mean_s, "%.1f") : NULL;
  g_autofree char *median = duration->has_value ? format_double (duration->median_s, "%.1f") : NULL;
  g_autofree char *count = g_strdup_printf ("%u", duration->count);
  g_autofree char *mean_key = g_strconcat (key, ".mean", NULL);
  g_autofree char *median_key = g_strconcat (key, ".median", NULL);

  add_row (out, mean_key, figure_mean, mean, "seconds", NULL, count);
  add_row (out, median_key, figure_median, median, "seconds", NULL, count);
}

static char *
format_instant (gint64 instant)
{
  g_autoptr(GDateTime) dt = NULL;

  /* An open-ended period (G_MININT64 / G_MAXINT64) has no time to show. */
  if (instant < 0 || instant > G_GINT64_CONSTANT (253402300799))
    return NULL;
  dt = g_date_time_new_from_unix_utc (instant);
  return dt != NULL ? cg_json_timestamp (dt) : NULL;
}

char *
cg_kpi_report_to_csv (const CgKpiReport *report)
{
  GString *out = g_string_new (BOM CG_KPI_CSV_HEADER "\r\n");
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *backlog_at = NULL;

  g_return_val_if_fail (report != NULL, g_string_free (out, FALSE));

  from = format_instant (report->from);
  to = format_instant (report->to);
  backlog_at = format_instant (report->backlog.at);
  add_row (out, "period.from", _("Period start"), from, "time", NULL, NULL);
  add_row (out, "period.to", _("Period end"), to, "time", NULL, NULL);

  add_row (out, "backlog.at", _("Backlog counted at"), backlog_at, "time", NULL, NULL);
  add_count (out, "backlog", _("Backlog"), report->backlog.total);
  for (guint p = 0; p < CG_KPI_N_PRIORITIES; p++)
    {
      g_autofree char *key = g_strconcat ("backlog.", cg_kpi_priority_key (p), NULL);
      /* Translators: %s is a priority such as "Urgent". */
      g_autofree char *figure = g_strdup_printf (_("Backlog, %s"), cg_kpi_priority_label (p));

      add_count (out, key, figure, report->backlog.by_priority[p]);
    }
  for (guint a = 0; a < CG_KPI_N_AGES; a++)
    {
      g_autofree char *key = g_strconcat ("backlog.age.", cg_kpi_age_key (a), NULL);
      /* Translators: %s is an age such as "1–3 days". */
      g_autofree char *figure = g_strdup_printf (_("Backlog, open %s"), cg_kpi_age_label (a));

      add_count (out, key, figure, report->backlog.by_age[a]);
    }
  for (guint p = 0; p < CG_KPI_N_PRIORITIES; p++)
    for (guint a = 0; a < CG_KPI_N_AGES; a++)
      {
        g_autofree char *key = g_strdup_printf ("backlog.%s.%s", cg_kpi_priority_key (p),
                                                cg_kpi_age_key (a));
        /* Translators: a priority such as "Urgent", then an age such as "1–3 days". */
        g_autofree char *figure = g_strdup_printf (_("Backlog, %s, open %s"),
                                                   cg_kpi_priority_label (p), cg_kpi_age_label (a));

        add_count (out, key, figure, report->backlog.cells[p][a]);
      }

  add_duration (out, "first_response", _("First response time, mean"),
                _("First response time, median"), &report->first_response);
  add_duration (out, "resolution", _("Resolution time, mean"),
                _("Resolution time, median"), &report->resolution);
  for (guint t = 0; t < CG_SLA_N_TARGETS; t++)
    {
      g_autofree char *key = g_strconcat ("sla.", cg_kpi_sla_target_key (t), NULL);
      /* Translators: %s is an SLA target such as "First response". */
      g_autofree char *figure = g_strdup_printf (_("SLA compliance, %s"), cg_kpi_sla_target_label (t));

      add_ratio (out, key, figure, &report->sla[t]);
    }
  add_ratio (out, "fcr", _("First contact resolution"), &report->fcr);
  add_ratio (out, "csat", _("Customer satisfaction (CSAT)"), &report->csat);
  {
    guint answers = report->nps.promoters + report->nps.passives + report->nps.detractors;
    g_autofree char *score = report->nps.has_value ? format_double (report->nps.score, "%.2f") : NULL;
    g_autofree char *total = g_strdup_printf ("%u", answers);
    g_autofree char *promoters = g_strdup_printf ("%u", report->nps.promoters);
    g_autofree char *passives = g_strdup_printf ("%u", report->nps.passives);
    g_autofree char *detractors = g_strdup_printf ("%u", report->nps.detractors);

    add_row (out, "nps", _("Net promoter score (NPS)"), score, "score", NULL, total);
    add_row (out, "nps.promoters", _("NPS promoters (9–10)"), promoters, "responses", NULL, NULL);
    add_row (out, "nps.passives", _("NPS passives (7–8)"), passives, "responses", NULL, NULL);
    add_row (out, "nps.detractors", _("NPS detractors (0–6)"), detractors, "responses", NULL, NULL);
  }
  add_duration (out, "queue_wait", _("Queue wait, mean"), _("Queue wait, median"),
                &report->queue_wait);
  add_ratio (out, "no_show", _("No-show rate"), &report->no_show);
  add_ratio (out, "deflection", _("Self-service deflection"), &report->deflection);

  return g_string_free (out, FALSE);
}

gboolean
cg_kpi_report_write_csv (const CgKpiReport  *report,
                         GFile              *file,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = cg_kpi_report_to_csv (report);
  if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      /* Translators: %s is a file name, then the system's reason. */
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not save the report as “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}
