/* cg-now-serving-window.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Refreshes on the store's "changed" (a counter on this device called a
 * ticket, or the replicator brought a change from another counter) and
 * once a minute, so that the day rolling over empties the screen.
 */
#define G_LOG_DOMAIN "cg-now-serving"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-now-serving-window.h"
#include "cg-queue-format.h"
#include "cg-store-watch.h"

struct _CgNowServingWindow
{
  AdwApplicationWindow parent_instance;

  CgStoreWatch watch;
  GPtrArray *tickets;      /* char *, shown */
  guint      tick;

  GtkStack  *stack;
  GtkFlowBox *tickets_box;  /* two per line: four tickets fit a 1080p screen */
  GtkLabel  *waiting_label;
};

G_DEFINE_FINAL_TYPE (CgNowServingWindow, cg_now_serving_window, ADW_TYPE_APPLICATION_WINDOW)

static const char * const checkin_types[] = { "checkin", NULL };

/* Sizes for a screen across the room; the colours stay libadwaita's, so
 * dark and high-contrast styles follow. Scoped to this window. */
static const char now_serving_css[] =
  ".now-serving-title { font-size: 32pt; font-weight: 700; }\n"
  ".now-serving-ticket { padding: 24px 48px; }\n"
  ".now-serving-ticket .number { font-size: 72pt; font-weight: 800; font-feature-settings: \"tnum\"; }\n"
  ".now-serving-ticket .state { font-size: 20pt; }\n"
  ".now-serving-ticket.newest .number { color: @accent_color; }\n"
  ".now-serving-empty { font-size: 28pt; }\n"
  ".now-serving-waiting { font-size: 24pt; }\n";

static void
ensure_css (GtkWidget *widget)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, now_serving_css, -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (widget),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static GtkWidget *
ticket_card (CgQueueTicket *ticket,
             gboolean       newest)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *number = gtk_label_new (cg_queue_ticket_get_ticket (ticket));
  const char *status = cg_queue_ticket_get_status (ticket);
  /* Translators: on the "now serving" screen, under a ticket number. */
  GtkWidget *state = gtk_label_new (g_strcmp0 (status, "serving") == 0 ? _("At the counter")
                                                                       : _("Please come to the counter"));

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "now-serving-ticket");
  if (newest)
    gtk_widget_add_css_class (box, "newest");
  gtk_widget_add_css_class (number, "number");
  gtk_widget_add_css_class (state, "state");
  gtk_widget_add_css_class (state, "dim-label");
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), state);
  return box;
}

void
cg_now_serving_window_refresh (CgNowServingWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) active = NULL;
  g_autofree char *waiting_text = NULL;
  GtkWidget *child;
  CgQueueStats stats = { 0 };

  g_return_if_fail (CG_IS_NOW_SERVING_WINDOW (self));

  if (self->watch.store == NULL)
    return;
  active = cg_queue_now_serving (self->watch.store, now, CG_NOW_SERVING_MAX, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tickets_box))) != NULL)
    gtk_flow_box_remove (self->tickets_box, child);
  g_ptr_array_set_size (self->tickets, 0);
  for (guint i = 0; active != NULL && i < active->len; i++)
    {
      CgQueueTicket *ticket = g_ptr_array_index (active, i);
      gtk_flow_box_append (self->tickets_box, ticket_card (ticket, i == 0));
      g_ptr_array_add (self->tickets, g_strdup (cg_queue_ticket_get_ticket (ticket)));
    }
  /* Side by side, two per line: a centred flow box would otherwise stack
   * them one per line at its natural width. */
  gtk_flow_box_set_min_children_per_line (self->tickets_box, CLAMP (self->tickets->len, 1, 2));
  gtk_stack_set_visible_child_name (self->stack, self->tickets->len > 0 ? "tickets" : "empty");

  if (cg_queue_stats_today (self->watch.store, now, &stats, NULL) && stats.waiting > 0)
    waiting_text = cg_queue_format_waiting (stats.waiting);
  gtk_label_set_text (self->waiting_label, waiting_text ? waiting_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_label), waiting_text != NULL);
}

static void
on_store_changed (gpointer data)
{
  cg_now_serving_window_refresh (data);
}

static gboolean
tick_cb (gpointer data)
{
  cg_now_serving_window_refresh (data);
  return G_SOURCE_CONTINUE;
}

static void
cg_now_serving_window_dispose (GObject *object)
{
  CgNowServingWindow *self = CG_NOW_SERVING_WINDOW (object);

  cg_store_watch_clear (&self->watch);
  g_clear_handle_id (&self->tick, g_source_remove);
  g_clear_pointer (&self->tickets, g_ptr_array_unref);
  G_OBJECT_CLASS (cg_now_serving_window_parent_class)->dispose (object);
}

static gboolean
toggle_fullscreen (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
  return TRUE;
}

static void
cg_now_serving_window_class_init (CgNowServingWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_now_serving_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-now-serving-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CgNowServingWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CgNowServingWindow, tickets_box);
  gtk_widget_class_bind_template_child (widget_class, CgNowServingWindow, waiting_label);
  /* F11 for a screen that should fill the display. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F11, 0, toggle_fullscreen, NULL);
}

static void
cg_now_serving_window_init (CgNowServingWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cg_store_watch_init (&self->watch, checkin_types, on_store_changed, self);
  self->tickets = g_ptr_array_new_with_free_func (g_free);
  ensure_css (GTK_WIDGET (self));
}

GtkWidget *
cg_now_serving_window_new (GtkApplication *app,
                           CgStore        *store)
{
  CgNowServingWindow *self;

  g_return_val_if_fail (app == NULL || GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  self = g_object_new (CG_TYPE_NOW_SERVING_WINDOW, "application", app, NULL);
  cg_store_watch_set_store (&self->watch, store);
  self->tick = g_timeout_add_seconds (60, tick_cb, self);
  cg_now_serving_window_refresh (self);
  return GTK_WIDGET (self);
}

GStrv
cg_now_serving_window_dup_tickets (CgNowServingWindow *self)
{
  GStrvBuilder *builder;
  GStrv result;

  g_return_val_if_fail (CG_IS_NOW_SERVING_WINDOW (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->tickets->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->tickets, i));
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}
