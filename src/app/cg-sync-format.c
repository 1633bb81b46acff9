/* cg-sync-format.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cg-format.h"
#include "cg-sync-format.h"

char *
cg_sync_format_ago (gint64 when,
                    gint64 now)
{
  gint64 seconds = now - when;

  if (when <= 0)
    return g_strdup (_("never"));
  if (seconds < 60)
    return g_strdup (_("just now"));
  if (seconds < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", seconds / 60),
                            (int) (seconds / 60));
  {
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (when);
    g_autofree char *clock = g_date_time_format (dt, "%H:%M");
    /* Translators: a past time of day, e.g. "at 14:05" */
    return g_strdup_printf (_("at %s"), clock);
  }
}

void
cg_sync_describe (const CgSyncView *view,
                  CgSyncText       *text)
{
  g_autoptr(GString) details = g_string_new (NULL);

  memset (text, 0, sizeof *text);
  text->fraction = -1;
  text->can_sync_now = TRUE;

  switch (view->state)
    {
    case CG_SYNC_STATE_DISABLED:
      text->icon_name = "computer-symbolic";
      text->headline = g_strdup (_("Not syncing"));
      g_string_append (details, _("This device keeps its data on its own. Ask your regional admin for a provisioning file to connect it to the central service."));
      text->can_sync_now = FALSE;
      break;
    case CG_SYNC_STATE_OFFLINE:
      text->icon_name = "network-offline-symbolic";
      text->headline = g_strdup (_("Offline"));
      g_string_append (details, _("Changes are kept on this device and sent when the connection is back."));
      break;
    case CG_SYNC_STATE_CONNECTING:
      text->icon_name = "emblem-synchronizing-symbolic";
      text->headline = g_strdup (_("Connecting…"));
      break;
    case CG_SYNC_STATE_PULLING:
      text->icon_name = "emblem-synchronizing-symbolic";
      if (view->total > 0)
        {
          g_autofree char *d = cg_format_count ((gint64) view->done);
          g_autofree char *t = cg_format_count ((gint64) view->total);
          /* Translators: "Receiving 1,200 of 10,000" (records) */
          text->headline = g_strdup_printf (_("Receiving %s of %s"), d, t);
        }
      else
        text->headline = g_strdup (_("Receiving changes"));
      if (view->total > 0)
        text->fraction = CLAMP ((double) view->done / (double) view->total, 0.0, 1.0);
      break;
    case CG_SYNC_STATE_PUSHING:
      text->icon_name = "emblem-synchronizing-symbolic";
      if (view->total > 0)
        {
          g_autofree char *d = cg_format_count ((gint64) view->done);
          g_autofree char *t = cg_format_count ((gint64) view->total);
          /* Translators: "Sending 12 of 40" (records) */
          text->headline = g_strdup_printf (_("Sending %s of %s"), d, t);
        }
      else
        text->headline = g_strdup (_("Sending changes"));
      if (view->total > 0)
        text->fraction = CLAMP ((double) view->done / (double) view->total, 0.0, 1.0);
      break;
    case CG_SYNC_STATE_UP_TO_DATE:
      text->icon_name = view->conflicts > 0 ? "dialog-warning-symbolic" : "emblem-ok-symbolic";
      text->headline = g_strdup (_("Up to date"));
      break;
    case CG_SYNC_STATE_ERROR:
      text->icon_name = "dialog-warning-symbolic";
      text->headline = g_strdup (_("Sync problem"));
      break;
    case CG_SYNC_STATE_NEEDS_SETUP:
    default:
      text->icon_name = "dialog-password-symbolic";
      text->headline = g_strdup (_("Sync stopped"));
      g_string_append (details, _("The central service no longer accepts this device. Ask your regional admin to provision it again."));
      break;
    }

  if (view->error_message != NULL &&
      (view->state == CG_SYNC_STATE_ERROR || view->state == CG_SYNC_STATE_OFFLINE ||
       view->state == CG_SYNC_STATE_NEEDS_SETUP))
    {
      if (details->len > 0)
        g_string_append_c (details, '\n');
      g_string_append (details, view->error_message);
    }
  if (view->next_retry > 0 && (view->state == CG_SYNC_STATE_ERROR || view->state == CG_SYNC_STATE_OFFLINE))
    {
      gint64 in = MAX (view->next_retry - view->now, 0);
      if (details->len > 0)
        g_string_append_c (details, '\n');
      if (in < 60)
        g_string_append_printf (details, g_dngettext (GETTEXT_PACKAGE, "Trying again in %d second.", "Trying again in %d seconds.", in), (int) in);
      else
        g_string_append_printf (details, g_dngettext (GETTEXT_PACKAGE, "Trying again in %d minute.", "Trying again in %d minutes.", in / 60), (int) (in / 60));
    }

  if (view->state != CG_SYNC_STATE_DISABLED)
    {
      g_autofree char *pull = cg_sync_format_ago (view->last_pull, view->now);
      g_autofree char *push = cg_sync_format_ago (view->last_push, view->now);
      if (details->len > 0)
        g_string_append_c (details, '\n');
      g_string_append_printf (details, _("Last received: %s · Last sent: %s"), pull, push);
    }

  if (view->pending > 0)
    {
      g_autofree char *n = cg_format_count (view->pending);
      g_string_append_c (details, '\n');
      g_string_append_printf (details, g_dngettext (GETTEXT_PACKAGE, "%s change waiting to be sent", "%s changes waiting to be sent", view->pending), n);
      text->badge = g_strdup (n);
    }
  if (view->conflicts > 0)
    {
      g_string_append_c (details, '\n');
      g_string_append_printf (details, g_dngettext (GETTEXT_PACKAGE, "%u record was changed on two devices and needs a decision", "%u records were changed on two devices and need a decision", view->conflicts), view->conflicts);
    }
  if (view->rejected > 0)
    {
      g_string_append_c (details, '\n');
      g_string_append_printf (details, g_dngettext (GETTEXT_PACKAGE, "%u record was refused", "%u records were refused", view->rejected), view->rejected);
      if (view->last_rejection != NULL)
        g_string_append_printf (details, " (%s)", view->last_rejection);
    }

  text->details = g_string_free (g_steal_pointer (&details), FALSE);
}

void
cg_sync_text_clear (CgSyncText *text)
{
  g_clear_pointer (&text->headline, g_free);
  g_clear_pointer (&text->badge, g_free);
  g_clear_pointer (&text->details, g_free);
}
