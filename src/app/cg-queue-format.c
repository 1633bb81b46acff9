/* cg-queue-format.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-queue-format"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-format.h"
#include "cg-queue-format.h"

char *
cg_queue_format_wait (gint64 seconds)
{
  gint64 minutes = MAX (seconds, 0) / 60;

  if (minutes < 1)
    /* Translators: a wait shorter than a minute. */
    return g_strdup (_("< 1 min"));
  if (minutes < 60)
    /* Translators: a wait in minutes, kept short for a list. */
    return g_strdup_printf (_("%d min"), (int) minutes);
  /* Translators: a wait in hours and minutes, "1 h 5 min". */
  return g_strdup_printf (_("%d h %d min"), (int) (minutes / 60), (int) (minutes % 60));
}

char *
cg_queue_format_ticket_detail (CgQueueTicket *ticket)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *reason = cg_queue_ticket_get_reason (ticket);
  const char *name = cg_queue_ticket_get_display_name (ticket);
  const char *number = cg_queue_ticket_get_order_number (ticket);
  char *joined;

  if (reason != NULL)
    g_ptr_array_add (parts, g_strdup (cg_format_checkin_reason (reason)));
  if (name != NULL && *name != '\0')
    g_ptr_array_add (parts, g_strdup (name));
  if (number != NULL && *number != '\0')
    /* Translators: %s is an order number. */
    g_ptr_array_add (parts, g_strdup_printf (_("order %s"), number));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (" · ", (char **) parts->pdata);
  g_ptr_array_unref (parts);
  return joined;
}

char *
cg_queue_format_waiting (guint waiting)
{
  if (waiting == 0)
    return g_strdup (_("Nobody waiting"));
  /* Translators: people waiting in the queue. */
  return g_strdup_printf (ngettext ("%u waiting", "%u waiting", waiting), waiting);
}

char *
cg_queue_format_summary (const CgQueueStats *stats)
{
  g_autofree char *wait = NULL;
  g_autofree char *served = NULL;
  g_autofree char *no_show = NULL;

  if (stats->n_waits == 0 && stats->done == 0 && stats->no_show == 0)
    return NULL;
  wait = cg_queue_format_wait (stats->average_wait_s);
  /* Translators: tickets finished today. */
  served = g_strdup_printf (ngettext ("%u served", "%u served", stats->done), stats->done);
  /* Translators: tickets called today whose customer did not come. */
  no_show = g_strdup_printf (ngettext ("%u no-show", "%u no-shows", stats->no_show), stats->no_show);
  /* Translators: the day so far: average wait, then the two counts above. */
  return g_strdup_printf (_("Average wait %s · %s · %s"), wait, served, no_show);
}
