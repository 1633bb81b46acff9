/* cg-case-format.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-case-format"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-case-format.h"
#include "cg-format.h"

const char *
cg_case_format_priority (const char *priority)
{
  if (g_strcmp0 (priority, "low") == 0)
    return C_("priority", "Low");
  if (g_strcmp0 (priority, "normal") == 0)
    return C_("priority", "Normal");
  if (g_strcmp0 (priority, "high") == 0)
    return C_("priority", "High");
  if (g_strcmp0 (priority, "urgent") == 0)
    return C_("priority", "Urgent");
  return priority != NULL ? priority : "";
}

const char *
cg_case_format_channel (const char *channel)
{
  if (g_strcmp0 (channel, "counter") == 0)
    return C_("case channel", "Counter");
  if (g_strcmp0 (channel, "kiosk") == 0)
    return C_("case channel", "Kiosk");
  if (g_strcmp0 (channel, "phone") == 0)
    return C_("case channel", "Phone");
  if (g_strcmp0 (channel, "email") == 0)
    return C_("case channel", "E-mail");
  if (g_strcmp0 (channel, "web") == 0)
    return C_("case channel", "Web");
  return channel != NULL ? channel : "";
}

const char *
cg_case_format_status_action (const char *from,
                              const char *to)
{
  if (g_strcmp0 (to, "open") == 0)
    {
      if (g_strcmp0 (from, "new") == 0)
        return _("Start");
      if (g_strcmp0 (from, "resolved") == 0)
        return _("Reopen");
      /* Back from waiting or from the supervisor. */
      return _("Resume");
    }
  if (g_strcmp0 (to, "pending_customer") == 0)
    return _("Wait for Customer");
  if (g_strcmp0 (to, "escalated") == 0)
    return _("Escalate");
  if (g_strcmp0 (to, "resolved") == 0)
    return _("Resolve");
  if (g_strcmp0 (to, "closed") == 0)
    return _("Close");
  return cg_format_case_status (to);
}

char *
cg_case_format_duration (gint64 seconds)
{
  gint64 minutes = MAX ((seconds + 59) / 60, 1);
  int days = (int) (minutes / (24 * 60));
  int hours = (int) (minutes / 60 % 24);
  int mins = (int) (minutes % 60);

  if (days > 0)
    {
      if (hours == 0)
        /* Translators: a span of time, in days. */
        return g_strdup_printf (_("%d d"), days);
      /* Translators: a span of time, in days and hours. */
      return g_strdup_printf (_("%d d %d h"), days, hours);
    }
  if (hours > 0)
    {
      if (mins == 0)
        /* Translators: a span of time, in hours. */
        return g_strdup_printf (_("%d h"), hours);
      /* Translators: a span of time, in hours and minutes. */
      return g_strdup_printf (_("%d h %d min"), hours, mins);
    }
  /* Translators: a span of time, in minutes. */
  return g_strdup_printf (_("%d min"), mins);
}

const char *
cg_case_format_sla_target (CgSlaTarget target)
{
  return target == CG_SLA_FIRST_RESPONSE ? _("First response") : _("Resolution");
}

char *
cg_case_format_sla_badge (const CgSlaClock *clock,
                          gint64            now,
                          const char      **style_class)
{
  const char *style = "dim-label";
  g_autofree char *span = NULL;
  char *text;

  g_return_val_if_fail (clock != NULL, NULL);

  switch (clock->state)
    {
    case CG_SLA_STATE_OK:
      span = cg_case_format_duration (clock->left_s);
      /* Translators: %s is a span of time, "2 h 10 min". */
      text = g_strdup_printf (_("%s left"), span);
      style = "accent";
      break;
    case CG_SLA_STATE_WARNING:
      span = cg_case_format_duration (MAX (clock->left_s, 0));
      /* Translators: %s is a span of time, "12 min". */
      text = g_strdup_printf (_("Due in %s"), span);
      style = "warning";
      break;
    case CG_SLA_STATE_BREACHED:
      span = cg_case_format_duration (clock->due != CG_SLA_NO_TIME ? MAX (now - clock->due, 0) : -clock->left_s);
      /* Translators: %s is a span of time, "35 min". */
      text = g_strdup_printf (_("Breached %s ago"), span);
      style = "error";
      break;
    case CG_SLA_STATE_PAUSED:
      text = g_strdup (_("Paused"));
      style = "dim-label";
      break;
    case CG_SLA_STATE_MET:
      text = g_strdup (C_("sla", "Met"));
      style = "success";
      break;
    case CG_SLA_STATE_MET_LATE:
      text = g_strdup (C_("sla", "Met late"));
      style = "error";
      break;
    case CG_SLA_STATE_NONE:
    default:
      text = g_strdup (_("No SLA"));
      style = "dim-label";
      break;
    }
  if (style_class != NULL)
    *style_class = style;
  return text;
}

char *
cg_case_format_facts (const char *status,
                      const char *priority,
                      const char *category,
                      const char *channel)
{
  GString *line = g_string_new (NULL);
  const char *parts[4] = {
    status ? cg_format_case_status (status) : NULL,
    priority ? cg_case_format_priority (priority) : NULL,
    category && *category ? cg_category_get_label (category) : NULL,
    channel ? cg_case_format_channel (channel) : NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (line->len > 0)
        g_string_append (line, " · ");
      g_string_append (line, parts[i]);
    }
  return g_string_free (line, FALSE);
}

char *
cg_case_format_note_header (const char *visibility,
                            const char *author_name,
                            const char *created_at,
                            GDateTime  *now)
{
  g_autofree char *when = cg_format_time (created_at, now);
  const char *kind = g_strcmp0 (visibility, "customer") == 0 ? _("Reply to customer") : _("Internal note");
  GString *line = g_string_new (kind);

  if (author_name != NULL && *author_name != '\0')
    g_string_append_printf (line, " · %s", author_name);
  if (when != NULL)
    g_string_append_printf (line, " · %s", when);
  return g_string_free (line, FALSE);
}

char *
cg_case_format_count (guint shown,
                      guint total)
{
  g_autofree char *total_text = cg_format_count (total);
  g_autofree char *shown_text = cg_format_count (shown);

  if (shown < total)
    /* Translators: "Showing 200 of 1,234 cases". */
    return g_strdup_printf (ngettext ("Showing %s of %s case", "Showing %s of %s cases", total),
                            shown_text, total_text);
  /* Translators: %s is a number of cases. */
  return g_strdup_printf (ngettext ("%s case", "%s cases", total), total_text);
}
