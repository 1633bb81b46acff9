/* cg-admin-progress.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Progress of a long command on stderr. On a terminal, one line redrawn in
 * place (at most ten times a second, so that a fast run does not spend its
 * time drawing); in a log or a pipe, where carriage returns make a mess, a
 * line at every tenth of the way.
 */
#define G_LOG_DOMAIN "changgu-admin"

#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "cg-admin.h"

#define BAR_WIDTH 28
#define REDRAW_INTERVAL_US (G_USEC_PER_SEC / 10)

struct _CgAdminProgress
{
  char     *command;
  char     *unit;
  gboolean  tty;
  gint64    started;      /* monotonic µs */
  gint64    last_drawn;
  guint     last_tenth;   /* in a log: the last tenth reported */
  gboolean  drawn;
};

CgAdminProgress *
cg_admin_progress_new (const char *command,
                       const char *unit)
{
  CgAdminProgress *progress = g_new0 (CgAdminProgress, 1);

  progress->command = g_strdup (command);
  progress->unit = g_strdup (unit);
  progress->tty = isatty (STDERR_FILENO);
  progress->started = g_get_monotonic_time ();
  progress->last_tenth = G_MAXUINT;
  return progress;
}

static void
draw_bar (CgAdminProgress *progress,
          guint64          done,
          guint64          total,
          double           elapsed)
{
  g_autofree char *done_text = cg_admin_format_count (done);
  g_autofree char *total_text = cg_admin_format_count (total);
  g_autofree char *rate_text = NULL;
  g_autofree char *eta_text = NULL;
  char bar[BAR_WIDTH + 1];
  double fraction = total > 0 ? (double) done / (double) total : 1.0;
  guint filled = (guint) (fraction * BAR_WIDTH);
  double rate = elapsed > 0 ? (double) done / elapsed : 0;

  for (guint i = 0; i < BAR_WIDTH; i++)
    bar[i] = i < filled ? '#' : '-';
  bar[BAR_WIDTH] = '\0';
  rate_text = cg_admin_format_count ((guint64) rate);
  if (done >= total)
    eta_text = cg_admin_format_duration (elapsed);
  else if (rate > 0)
    eta_text = cg_admin_format_duration ((double) (total - done) / rate);
  else
    eta_text = g_strdup ("–");

  /* \033[K clears what a longer previous line left behind. */
  g_printerr ("\r[%s] %3u%%  %s/%s %s  %s/s  %s %s\033[K",
              bar, (guint) (fraction * 100), done_text, total_text, progress->unit,
              rate_text, done >= total ? _("took") : _("ETA"), eta_text);
  progress->drawn = TRUE;
}

void
cg_admin_progress_update (CgAdminProgress *progress,
                          guint64          done,
                          guint64          total)
{
  gint64 now = g_get_monotonic_time ();
  double elapsed = (double) (now - progress->started) / G_USEC_PER_SEC;

  if (progress->tty)
    {
      if (done < total && progress->drawn && now - progress->last_drawn < REDRAW_INTERVAL_US)
        return;
      progress->last_drawn = now;
      draw_bar (progress, done, total, elapsed);
    }
  else
    {
      guint tenth = total > 0 ? (guint) (done * 10 / total) : 10;
      g_autofree char *done_text = NULL;
      g_autofree char *total_text = NULL;

      if (tenth == progress->last_tenth)
        return;
      progress->last_tenth = tenth;
      done_text = cg_admin_format_count (done);
      total_text = cg_admin_format_count (total);
      g_printerr ("changgu-admin %s: %3u%% (%s of %s %s, %.0f s)\n",
                  progress->command, tenth * 10, done_text, total_text, progress->unit, elapsed);
    }
}

void
cg_admin_progress_free (CgAdminProgress *progress)
{
  if (progress == NULL)
    return;
  if (progress->tty && progress->drawn)
    g_printerr ("\n");
  g_free (progress->command);
  g_free (progress->unit);
  g_free (progress);
}
