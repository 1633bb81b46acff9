/* cg-idle-monitor.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-idle"

#include "config.h"

#include "cg-idle-monitor.h"

struct _CgIdleMonitor
{
  GObject     parent_instance;

  GtkWidget  *widget;            /* weak */
  GtkEventController *key;
  GtkEventController *click;
  GtkEventController *scroll;
  guint       timeout_ms;
  guint       source;
  gboolean    enabled;
};

G_DEFINE_FINAL_TYPE (CgIdleMonitor, cg_idle_monitor, G_TYPE_OBJECT)

enum { SIGNAL_IDLE, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
timeout_cb (gpointer user_data)
{
  CgIdleMonitor *self = user_data;

  self->source = 0;
  g_signal_emit (self, signals[SIGNAL_IDLE], 0);
  return G_SOURCE_REMOVE;
}

static void
restart (CgIdleMonitor *self)
{
  g_clear_handle_id (&self->source, g_source_remove);
  if (self->enabled && self->timeout_ms > 0)
    self->source = g_timeout_add (self->timeout_ms, timeout_cb, self);
}

void
cg_idle_monitor_poke (CgIdleMonitor *self)
{
  g_return_if_fail (CG_IS_IDLE_MONITOR (self));
  restart (self);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CgIdleMonitor         *self)
{
  restart (self);
  return GDK_EVENT_PROPAGATE;
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            CgIdleMonitor   *self)
{
  restart (self);
}

static gboolean
on_scrolled (GtkEventControllerScroll *controller,
             double                    dx,
             double                    dy,
             CgIdleMonitor            *self)
{
  restart (self);
  return GDK_EVENT_PROPAGATE;
}

static void
detach (CgIdleMonitor *self)
{
  if (self->widget == NULL)
    return;
  gtk_widget_remove_controller (self->widget, self->key);
  gtk_widget_remove_controller (self->widget, self->click);
  gtk_widget_remove_controller (self->widget, self->scroll);
  g_object_remove_weak_pointer (G_OBJECT (self->widget), (gpointer *) &self->widget);
  self->widget = NULL;
}

static void
cg_idle_monitor_dispose (GObject *object)
{
  CgIdleMonitor *self = CG_IDLE_MONITOR (object);

  g_clear_handle_id (&self->source, g_source_remove);
  detach (self);
  g_clear_object (&self->key);
  g_clear_object (&self->click);
  g_clear_object (&self->scroll);
  G_OBJECT_CLASS (cg_idle_monitor_parent_class)->dispose (object);
}

static void
cg_idle_monitor_class_init (CgIdleMonitorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cg_idle_monitor_dispose;

  /**
   * CgIdleMonitor::idle:
   *
   * Nobody touched the widget for the timeout.
   */
  signals[SIGNAL_IDLE] =
    g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cg_idle_monitor_init (CgIdleMonitor *self)
{
  self->enabled = TRUE;
}

CgIdleMonitor *
cg_idle_monitor_new (GtkWidget *widget,
                     guint      timeout_ms)
{
  CgIdleMonitor *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  self = g_object_new (CG_TYPE_IDLE_MONITOR, NULL);
  self->widget = widget;
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &self->widget);
  self->timeout_ms = timeout_ms;

  /* Capture phase: activity anywhere in the window counts, even where a
   * child handles the event. The controllers only watch; they never claim. */
  self->key = g_object_ref (gtk_event_controller_key_new ());
  gtk_event_controller_set_propagation_phase (self->key, GTK_PHASE_CAPTURE);
  g_signal_connect (self->key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (widget, self->key);

  self->click = g_object_ref (GTK_EVENT_CONTROLLER (gtk_gesture_click_new ()));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->click), 0);
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (self->click), FALSE);
  gtk_event_controller_set_propagation_phase (self->click, GTK_PHASE_CAPTURE);
  g_signal_connect (self->click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (widget, self->click);

  self->scroll = g_object_ref (gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES));
  gtk_event_controller_set_propagation_phase (self->scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (self->scroll, "scroll", G_CALLBACK (on_scrolled), self);
  gtk_widget_add_controller (widget, self->scroll);

  restart (self);
  return self;
}

void
cg_idle_monitor_set_timeout (CgIdleMonitor *self,
                             guint          timeout_ms)
{
  g_return_if_fail (CG_IS_IDLE_MONITOR (self));

  if (self->timeout_ms == timeout_ms)
    return;
  self->timeout_ms = timeout_ms;
  restart (self);
}

guint
cg_idle_monitor_get_timeout (CgIdleMonitor *self)
{
  g_return_val_if_fail (CG_IS_IDLE_MONITOR (self), 0);
  return self->timeout_ms;
}

void
cg_idle_monitor_set_enabled (CgIdleMonitor *self,
                             gboolean       enabled)
{
  g_return_if_fail (CG_IS_IDLE_MONITOR (self));

  self->enabled = !!enabled;
  restart (self);
}

/* Controllers on another widget that only poke the monitor. They belong to
 * that widget; their handlers are tied to the monitor's life, so neither
 * outliving the other matters. */
void
cg_idle_monitor_watch (CgIdleMonitor *self,
                       GtkWidget     *widget)
{
  GtkEventController *key, *click, *scroll;

  g_return_if_fail (CG_IS_IDLE_MONITOR (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  gtk_widget_add_controller (widget, key);

  click = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (click, GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_pressed), self, 0);
  gtk_widget_add_controller (widget, click);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (on_scrolled), self, 0);
  gtk_widget_add_controller (widget, scroll);
}
