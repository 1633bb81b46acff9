/* cg-ui-util.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-ui"

#include "config.h"

#include "cg-ui-util.h"

void
cg_widget_show_toast (GtkWidget *widget,
                      AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
    }
}

void
cg_widget_toast_text (GtkWidget  *widget,
                      const char *text)
{
  cg_widget_show_toast (widget, adw_toast_new (text));
}

void
cg_widget_navigate (GtkWidget  *widget,
                    const char *action,
                    const char *target)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  gtk_widget_activate_action (widget, action, "s", target != NULL ? target : "");
}
