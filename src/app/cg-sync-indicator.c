/* cg-sync-indicator.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cg-sync-format.h"
#include "cg-sync-indicator.h"

struct _CgSyncIndicator
{
  AdwBin          parent_instance;

  CgSyncManager  *manager;
  char           *problem;
  guint           tick_id;        /* refreshes "2 minutes ago" */

  GtkMenuButton  *button;
  GtkImage       *icon;
  GtkLabel       *badge;
  GtkLabel       *headline;
  GtkProgressBar *progress;
  GtkLabel       *details;
  GtkWidget      *sync_now;
};

G_DEFINE_FINAL_TYPE (CgSyncIndicator, cg_sync_indicator, ADW_TYPE_BIN)

static void
refresh (CgSyncIndicator *self)
{
  CgSyncView view = { 0 };
  CgSyncText text;

  view.now = g_get_real_time () / G_USEC_PER_SEC;
  if (self->manager != NULL)
    {
      view.state = cg_sync_manager_get_state (self->manager);
      view.done = cg_sync_manager_get_done (self->manager);
      view.total = cg_sync_manager_get_total (self->manager);
      view.pending = cg_sync_manager_get_pending (self->manager);
      view.conflicts = cg_sync_manager_get_conflicts (self->manager);
      view.rejected = cg_sync_manager_get_rejected (self->manager);
      view.last_pull = cg_sync_manager_get_last_pull (self->manager);
      view.last_push = cg_sync_manager_get_last_push (self->manager);
      view.up_to_date_since = cg_sync_manager_get_up_to_date_since (self->manager);
      view.next_retry = cg_sync_manager_get_next_retry (self->manager);
      view.error_message = cg_sync_manager_get_error_message (self->manager);
      view.last_rejection = cg_sync_manager_get_last_rejection (self->manager);
    }
  else if (self->problem != NULL)
    {
      view.state = CG_SYNC_STATE_NEEDS_SETUP;
      view.error_message = self->problem;
    }
  else
    view.state = CG_SYNC_STATE_DISABLED;

  cg_sync_describe (&view, &text);
  gtk_image_set_from_icon_name (self->icon, text.icon_name);
  gtk_label_set_label (self->headline, text.headline);
  gtk_label_set_label (self->details, text.details);
  gtk_widget_set_visible (GTK_WIDGET (self->badge), text.badge != NULL);
  gtk_label_set_label (self->badge, text.badge ? text.badge : "");
  gtk_widget_set_visible (GTK_WIDGET (self->progress), text.fraction >= 0);
  if (text.fraction >= 0)
    gtk_progress_bar_set_fraction (self->progress, text.fraction);
  gtk_widget_set_visible (self->sync_now, text.can_sync_now);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), text.headline);
  /* The button's accessible name says the state, not just "sync". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text.headline, -1);
  cg_sync_text_clear (&text);
}

static void
on_manager_notify (CgSyncIndicator *self)
{
  refresh (self);
}

static gboolean
on_tick (gpointer data)
{
  refresh (data);
  return G_SOURCE_CONTINUE;
}

static void
on_popover_shown (CgSyncIndicator *self)
{
  refresh (self);
}

void
cg_sync_indicator_set_manager (CgSyncIndicator *self,
                               CgSyncManager   *manager,
                               const char      *problem)
{
  g_return_if_fail (CG_IS_SYNC_INDICATOR (self));

  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_set_object (&self->manager, manager);
  g_free (self->problem);
  self->problem = g_strdup (problem);
  if (manager != NULL)
    g_signal_connect_swapped (manager, "notify", G_CALLBACK (on_manager_notify), self);
  refresh (self);
}

const char *cg_sync_indicator_get_icon_name (CgSyncIndicator *self) { return gtk_image_get_icon_name (self->icon); }
const char *cg_sync_indicator_get_headline (CgSyncIndicator *self) { return gtk_label_get_label (self->headline); }
const char *cg_sync_indicator_get_details (CgSyncIndicator *self) { return gtk_label_get_label (self->details); }

const char *
cg_sync_indicator_get_badge (CgSyncIndicator *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->badge)) ? gtk_label_get_label (self->badge) : NULL;
}

static void
cg_sync_indicator_dispose (GObject *object)
{
  CgSyncIndicator *self = CG_SYNC_INDICATOR (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_clear_object (&self->manager);
  G_OBJECT_CLASS (cg_sync_indicator_parent_class)->dispose (object);
}

static void
cg_sync_indicator_finalize (GObject *object)
{
  g_free (CG_SYNC_INDICATOR (object)->problem);
  G_OBJECT_CLASS (cg_sync_indicator_parent_class)->finalize (object);
}

static void
cg_sync_indicator_class_init (CgSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_sync_indicator_dispose;
  object_class->finalize = cg_sync_indicator_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, CgSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, CgSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, CgSyncIndicator, badge);
  gtk_widget_class_bind_template_child (widget_class, CgSyncIndicator, headline);
  gtk_widget_class_bind_template_child (widget_class, CgSyncIndicator, progress);
  gtk_widget_class_bind_template_child (widget_class, CgSyncIndicator, details);
  gtk_widget_class_bind_template_child (widget_class, CgSyncIndicator, sync_now);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_shown);
}

static void
cg_sync_indicator_init (CgSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->tick_id = g_timeout_add_seconds (30, on_tick, self);
  refresh (self);
}
