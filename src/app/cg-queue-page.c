/* cg-queue-page.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The walk-in queue at one counter. The page reads today's tickets again
 * on every store change (coalesced) and every CG_QUEUE_PAGE_TICK_SECONDS,
 * so the wait times move while people wait.
 */
#define G_LOG_DOMAIN "cg-queue-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-format.h"
#include "cg-queue-format.h"
#include "cg-queue-page.h"
#include "cg-store-watch.h"
#include "cg-ui-util.h"

struct _CgQueuePage
{
  GtkWidget         parent_instance;

  CgStoreWatch      watch;
  CgSession        *session;
  GListStore       *waiting;       /* CgQueueTicket */
  CgQueueTicket    *current;
  AdwMessageDialog *dialog;        /* weak */
  guint             tick;

  GtkLabel         *waiting_label;
  GtkLabel         *summary_label;
  GtkWidget        *call_next_button;
  GtkWidget        *current_group;
  GtkLabel         *current_ticket_label;
  GtkLabel         *current_detail_label;
  GtkLabel         *current_status_label;
  GtkWidget        *serve_button;
  GtkWidget        *done_button;
  GtkStack         *stack;
  GtkListBox       *waiting_list;
};

G_DEFINE_FINAL_TYPE (CgQueuePage, cg_queue_page, GTK_TYPE_WIDGET)

static const char * const checkin_types[] = { "checkin", NULL };

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CgQueueTicket *ticket = item;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *detail = cg_queue_format_ticket_detail (ticket);
  g_autofree char *wait = cg_queue_format_wait (cg_queue_ticket_get_wait (ticket, now));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *wait_label = gtk_label_new (wait);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cg_queue_ticket_get_ticket (ticket));
  if (*detail != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
  gtk_widget_add_css_class (wait_label, "numeric");
  gtk_widget_set_valign (wait_label, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (wait_label, _("Waiting for"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), wait_label);
  return row;
}

static const char *
actor (CgQueuePage *self)
{
  return self->session ? cg_session_get_staff_id (self->session) : NULL;
}

static void
update_actions (CgQueuePage *self)
{
  const char *status = self->current ? cg_queue_ticket_get_status (self->current) : NULL;
  gboolean signed_in = self->session != NULL && self->watch.store != NULL;
  gboolean anyone = g_list_model_get_n_items (G_LIST_MODEL (self->waiting)) > 0;
  gboolean called = g_strcmp0 (status, "called") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.call-next", signed_in && anyone);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.serve", signed_in && called);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.done", signed_in && self->current != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.no-show", signed_in && called);

  /* The next step is the suggested one. */
  if (called)
    {
      gtk_widget_add_css_class (self->serve_button, "suggested-action");
      gtk_widget_remove_css_class (self->done_button, "suggested-action");
    }
  else
    {
      gtk_widget_remove_css_class (self->serve_button, "suggested-action");
      gtk_widget_add_css_class (self->done_button, "suggested-action");
    }
}

static void
refresh (CgQueuePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *waiting_text = NULL;
  g_autofree char *summary = NULL;
  CgQueueStats stats = { 0 };

  if (self->watch.store == NULL)
    return;

  waiting = cg_queue_list_today (self->watch.store, now, "waiting", &error);
  if (waiting == NULL)
    {
      cg_widget_toast_text (GTK_WIDGET (self), error->message);
      return;
    }
  g_list_store_splice (self->waiting, 0, g_list_model_get_n_items (G_LIST_MODEL (self->waiting)),
                       waiting->pdata, waiting->len);
  gtk_stack_set_visible_child_name (self->stack, waiting->len > 0 ? "waiting" : "empty");

  g_clear_object (&self->current);
  self->current = cg_queue_current_for (self->watch.store, actor (self), now);
  gtk_widget_set_visible (self->current_group, self->current != NULL);
  if (self->current != NULL)
    {
      g_autofree char *detail = cg_queue_format_ticket_detail (self->current);
      g_autofree char *wait = cg_queue_format_wait (cg_queue_ticket_get_wait (self->current, now));
      g_autofree char *status = NULL;

      gtk_label_set_text (self->current_ticket_label, cg_queue_ticket_get_ticket (self->current));
      gtk_label_set_text (self->current_detail_label, detail);
      /* Translators: the ticket's status and how long it had waited,
       * "Called · waited 12 min". */
      status = g_strdup_printf (_("%s · waited %s"),
                                cg_format_checkin_status (cg_queue_ticket_get_status (self->current)),
                                wait);
      gtk_label_set_text (self->current_status_label, status);
    }

  /* The empty state says "Nobody waiting" already. */
  waiting_text = waiting->len > 0 ? cg_queue_format_waiting (waiting->len)
                                  : g_strdup (_("Walk-in Queue"));
  gtk_label_set_text (self->waiting_label, waiting_text);
  if (cg_queue_stats_today (self->watch.store, now, &stats, NULL))
    summary = cg_queue_format_summary (&stats);
  gtk_label_set_text (self->summary_label, summary ? summary : _("No tickets called yet today"));

  update_actions (self);
}

static void
on_store_changed (gpointer data)
{
  refresh (data);
}

static gboolean
tick_cb (gpointer data)
{
  refresh (data);
  return G_SOURCE_CONTINUE;
}

static void
set_status (CgQueuePage *self,
            const char  *status)
{
  g_autoptr(GError) error = NULL;

  if (self->current == NULL)
    return;
  if (!cg_checkin_set_status (self->watch.store, cg_queue_ticket_get_id (self->current), status,
                              actor (self), &error))
    cg_widget_toast_text (GTK_WIDGET (self), error->message);
  refresh (self);
}

static void
call_next_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CgQueuePage *self = CG_QUEUE_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (!cg_queue_call_next (self->watch.store, actor (self), now, &id, &error))
    cg_widget_toast_text (widget, error->message);
  else if (id == NULL)
    cg_widget_toast_text (widget, _("Nobody is waiting"));
  refresh (self);
}

static void
serve_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  set_status (CG_QUEUE_PAGE (widget), "serving");
}

static void
done_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_status (CG_QUEUE_PAGE (widget), "done");
}

static void
on_no_show_response (AdwMessageDialog *dialog,
                     const char       *response,
                     CgQueuePage      *self)
{
  if (g_strcmp0 (response, "no-show") == 0)
    set_status (self, "no_show");
}

static void
no_show_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CgQueuePage *self = CG_QUEUE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->current == NULL)
    return;
  /* Translators: %s is a ticket number, K1-042. */
  body = g_strdup_printf (_("Ticket %s is closed and the customer has to take a new one."),
                          cg_queue_ticket_get_ticket (self->current));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Customer Did Not Come?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "no-show", _("_No-Show"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "no-show",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_no_show_response), self, 0);
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cg_queue_page_dispose (GObject *object)
{
  CgQueuePage *self = CG_QUEUE_PAGE (object);

  g_clear_handle_id (&self->tick, g_source_remove);
  if (self->dialog != NULL)
    {
      GtkWindow *dialog = GTK_WINDOW (self->dialog);
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
      self->dialog = NULL;
      gtk_window_destroy (dialog);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_QUEUE_PAGE);
  /* The template's top-level box is not bound, so dispose_template()
   * leaves it; unparent what is left. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  cg_store_watch_clear (&self->watch);
  g_clear_object (&self->session);
  g_clear_object (&self->current);
  g_clear_object (&self->waiting);
  G_OBJECT_CLASS (cg_queue_page_parent_class)->dispose (object);
}

static void
cg_queue_page_map (GtkWidget *widget)
{
  CgQueuePage *self = CG_QUEUE_PAGE (widget);

  GTK_WIDGET_CLASS (cg_queue_page_parent_class)->map (widget);
  /* Tick only while someone can see the page. */
  if (self->tick == 0)
    self->tick = g_timeout_add_seconds (CG_QUEUE_PAGE_TICK_SECONDS, tick_cb, self);
  refresh (self);
}

static void
cg_queue_page_unmap (GtkWidget *widget)
{
  CgQueuePage *self = CG_QUEUE_PAGE (widget);

  g_clear_handle_id (&self->tick, g_source_remove);
  GTK_WIDGET_CLASS (cg_queue_page_parent_class)->unmap (widget);
}

static void
cg_queue_page_class_init (CgQueuePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_queue_page_dispose;
  widget_class->map = cg_queue_page_map;
  widget_class->unmap = cg_queue_page_unmap;

  gtk_widget_class_install_action (widget_class, "queue.call-next", NULL, call_next_activated);
  gtk_widget_class_install_action (widget_class, "queue.serve", NULL, serve_activated);
  gtk_widget_class_install_action (widget_class, "queue.done", NULL, done_activated);
  gtk_widget_class_install_action (widget_class, "queue.no-show", NULL, no_show_activated);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-queue-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgQueuePage, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, CgQueuePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CgQueuePage, call_next_button);
  gtk_widget_class_bind_template_child (widget_class, CgQueuePage, current_group);
  gtk_widget_class_bind_template_child (widget_class, CgQueuePage, current_ticket_label);
  gtk_widget_class_bind_template_child (widget_class, CgQueuePage, current_detail_label);
  gtk_widget_class_bind_template_child (widget_class, CgQueuePage, current_status_label);
  gtk_widget_class_bind_template_child (widget_class, CgQueuePage, serve_button);
  gtk_widget_class_bind_template_child (widget_class, CgQueuePage, done_button);
  gtk_widget_class_bind_template_child (widget_class, CgQueuePage, stack);
  gtk_widget_class_bind_template_child (widget_class, CgQueuePage, waiting_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cg-queue-page");
}

static void
cg_queue_page_init (CgQueuePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cg_store_watch_init (&self->watch, checkin_types, on_store_changed, self);

  self->waiting = g_list_store_new (CG_TYPE_QUEUE_TICKET);
  gtk_list_box_bind_model (self->waiting_list, G_LIST_MODEL (self->waiting),
                           create_row, NULL, NULL);
  gtk_widget_set_visible (self->current_group, FALSE);
  update_actions (self);
}

GtkWidget *
cg_queue_page_new (void)
{
  return g_object_new (CG_TYPE_QUEUE_PAGE, NULL);
}

void
cg_queue_page_set_store (CgQueuePage *self,
                         CgStore     *store)
{
  g_return_if_fail (CG_IS_QUEUE_PAGE (self));
  g_return_if_fail (store == NULL || CG_IS_STORE (store));

  if (!cg_store_watch_set_store (&self->watch, store))
    return;
  refresh (self);
}

void
cg_queue_page_set_session (CgQueuePage *self,
                           CgSession   *session)
{
  g_return_if_fail (CG_IS_QUEUE_PAGE (self));

  if (g_set_object (&self->session, session))
    refresh (self);
}

void
cg_queue_page_reload (CgQueuePage *self)
{
  g_return_if_fail (CG_IS_QUEUE_PAGE (self));
  refresh (self);
}

GListModel *
cg_queue_page_get_waiting (CgQueuePage *self)
{
  g_return_val_if_fail (CG_IS_QUEUE_PAGE (self), NULL);
  return G_LIST_MODEL (self->waiting);
}

CgQueueTicket *
cg_queue_page_get_current (CgQueuePage *self)
{
  g_return_val_if_fail (CG_IS_QUEUE_PAGE (self), NULL);
  return self->current;
}

AdwMessageDialog *
cg_queue_page_get_dialog (CgQueuePage *self)
{
  g_return_val_if_fail (CG_IS_QUEUE_PAGE (self), NULL);
  return self->dialog;
}
