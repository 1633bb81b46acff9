/* cg-order-page.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One order. The actions (order.mark-ready, order.hand-over, order.return)
 * follow cg_order_format_actions() of its status: the buttons of the
 * others are hidden, not just greyed, so the page offers only what can be
 * done now.
 */
#define G_LOG_DOMAIN "cg-order-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-format.h"
#include "cg-handover-dialog.h"
#include "cg-order-format.h"
#include "cg-order-page.h"
#include "cg-return-dialog.h"
#include "cg-store-watch.h"
#include "cg-ui-util.h"

struct _CgOrderPage
{
  GtkWidget       parent_instance;

  CgStoreWatch    watch;
  CgSession      *session;
  char           *order_id;
  JsonObject     *order;
  GtkWindow      *dialog;        /* weak */

  GtkStack       *stack;
  GtkScrolledWindow *scroller;
  GtkLabel       *number_label;
  GtkLabel       *status_label;
  GtkLabel       *headline_label;
  GtkWidget      *action_box;
  GtkWidget      *mark_ready_button;
  GtkWidget      *hand_over_button;
  GtkWidget      *return_button;
  GtkWidget      *customer_group;
  AdwActionRow   *customer_row;
  GtkListBox     *items_list;
  GtkWidget      *times_group;
  GtkListBox     *times_list;
  AdwStatusPage  *error_page;
};

G_DEFINE_FINAL_TYPE (CgOrderPage, cg_order_page, GTK_TYPE_WIDGET)

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
value_row (const char *title,
           const char *subtitle,
           const char *value,
           const char *tooltip,
           gboolean    strong)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  if (strong)
    gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (label, tooltip);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static const char *
actor (CgOrderPage *self)
{
  return self->session ? cg_session_get_staff_id (self->session) : NULL;
}

static void
update_actions (CgOrderPage *self)
{
  CgOrderActions actions = self->order
    ? cg_order_format_actions (cg_json_get_string (self->order, "status")) : CG_ORDER_ACTION_NONE;
  gboolean ready = actions & CG_ORDER_ACTION_MARK_READY;
  gboolean hand_over = actions & CG_ORDER_ACTION_HAND_OVER;
  gboolean ret = actions & CG_ORDER_ACTION_RETURN;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.mark-ready", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.hand-over", hand_over);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.return", ret);
  gtk_widget_set_visible (self->mark_ready_button, ready);
  gtk_widget_set_visible (self->hand_over_button, hand_over);
  gtk_widget_set_visible (self->return_button, ret);
  gtk_widget_set_visible (self->action_box, actions != CG_ORDER_ACTION_NONE);

  /* One suggested action: marking ready comes first; then handing over. */
  if (hand_over && !ready)
    gtk_widget_add_css_class (self->hand_over_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->hand_over_button, "suggested-action");
}

static void
show_order (CgOrderPage *self)
{
  JsonObject *order = self->order;
  const char *status = cg_json_get_string (order, "status");
  const char *currency = cg_json_get_string (order, "currency");
  const char *customer_id = cg_json_get_string (order, "customer_id");
  JsonArray *items = cg_json_get_array (order, "items");
  g_autoptr(GPtrArray) times = cg_order_format_times (order, NULL);
  g_autofree char *title = NULL;
  g_autofree char *pickup_line = NULL;
  g_autofree char *total = NULL;
  g_autofree char *count = NULL;
  g_autofree char *headline = NULL;
  gint64 total_amount = 0;
  guint n_pieces = 0;

  /* Translators: the order page's title, "Order W24001234". */
  title = g_strdup_printf (_("Order %s"), cg_json_get_string (order, "number"));
  gtk_label_set_text (self->number_label, title);
  gtk_label_set_text (self->status_label, cg_format_order_status (status));
  /* libadwaita's colour classes: what needs doing stands out, what is
   * over is dimmed. */
  for (const char * const *c = (const char * const[]) { "accent", "success", "warning", "dim-label", NULL };
       *c != NULL; c++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), *c);
  if (g_strcmp0 (status, "ready_for_pickup") == 0 || g_strcmp0 (status, "placed") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "accent");
  else if (g_strcmp0 (status, "picked_up") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
  else if (g_strcmp0 (status, "cancelled") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");

  /* Customer. */
  gtk_widget_set_visible (self->customer_group, customer_id != NULL);
  if (customer_id != NULL)
    {
      g_autoptr(JsonObject) customer = cg_store_get (self->watch.store, customer_id, FALSE, NULL);
      const char *name = customer ? cg_json_get_string (customer, "name") : NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->customer_row),
                                     name ? name : _("Unknown customer"));
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->customer_row), "s", customer_id);
    }

  /* Items, then the total. */
  clear_list (self->items_list);
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *sku, *name;
      gint64 qty = 0, price = 0;
      g_autofree char *each = NULL;
      g_autofree char *line_total = NULL;
      g_autofree char *returned = NULL;
      g_autofree char *subtitle = NULL;

      if (item == NULL)
        continue;
      sku = cg_json_get_string (item, "sku");
      name = cg_json_get_string (item, "name");
      cg_json_get_int (item, "qty", &qty);
      cg_json_get_int (item, "unit_price", &price);
      n_pieces += (guint) MAX (qty, 0);
      each = cg_order_format_quantity_price (qty, price, currency);
      line_total = cg_format_money (qty * price, currency);
      returned = sku ? cg_order_format_returned (qty - cg_order_returnable (order, sku), qty) : NULL;
      subtitle = returned ? g_strdup_printf ("%s · %s", each, returned) : g_strdup (each);
      gtk_list_box_append (self->items_list,
                           value_row (name ? name : (sku ? sku : ""), subtitle, line_total, NULL, FALSE));
    }
  cg_json_get_int (order, "total", &total_amount);
  total = cg_format_money (total_amount, currency);
  gtk_list_box_append (self->items_list, value_row (_("Total"), NULL, total, NULL, TRUE));

  count = cg_order_format_item_count (n_pieces);
  /* Translators: under the order's title: its channel and item count,
   * "Online · 3 items". */
  headline = g_strdup_printf (_("%s · %s"), cg_order_format_channel (cg_json_get_string (order, "channel")),
                              count);
  gtk_label_set_text (self->headline_label, headline);

  /* Times, and who handed it over. */
  clear_list (self->times_list);
  for (guint i = 0; i < times->len; i++)
    {
      CgOrderTime *time = g_ptr_array_index (times, i);
      gtk_list_box_append (self->times_list, value_row (time->label, NULL, time->value, time->tooltip, FALSE));
    }
  {
    const char *by = cg_json_get_string (order, "picked_up_by");
    g_autofree char *by_name = by != NULL ? cg_staff_dup_name (self->watch.store, by) : NULL;
    pickup_line = cg_order_format_pickup_line (order, by_name);
  }
  if (pickup_line != NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pickup_line);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "emblem-ok-symbolic");
      gtk_list_box_append (self->times_list, row);
    }
  gtk_widget_set_visible (self->times_group, times->len > 0 || pickup_line != NULL);

  update_actions (self);
  gtk_stack_set_visible_child_name (self->stack, "order");
}

static gboolean
load (CgOrderPage  *self,
      const char   *order_id,
      GError      **error)
{
  g_autoptr(JsonObject) order = NULL;

  g_return_val_if_fail (CG_IS_STORE (self->watch.store), FALSE);

  order = cg_store_get (self->watch.store, order_id, FALSE, error);
  if (order == NULL)
    {
      g_clear_pointer (&self->order, json_object_unref);
      adw_status_page_set_description (self->error_page,
                                       _("It may have been removed, or not have reached this counter yet."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      update_actions (self);
      return FALSE;
    }
  if (g_strcmp0 (self->order_id, order_id) != 0)
    {
      g_free (self->order_id);
      self->order_id = g_strdup (order_id);
    }
  g_clear_pointer (&self->order, json_object_unref);
  self->order = g_steal_pointer (&order);
  show_order (self);
  return TRUE;
}

static void
on_store_changed (gpointer data)
{
  CgOrderPage *self = data;

  if (self->order_id != NULL)
    {
      g_autofree char *id = g_strdup (self->order_id);
      load (self, id, NULL);
    }
}

static gboolean
store_change_matters (const char *id,
                      const char *type,
                      gpointer    user_data)
{
  CgOrderPage *self = user_data;

  if (self->order_id == NULL)
    return FALSE;
  if (id != NULL && g_strcmp0 (id, self->order_id) != 0 && g_strcmp0 (type, "customer") != 0)
    return FALSE;
  return TRUE;
}

static void
mark_ready_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CgOrderPage *self = CG_ORDER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!cg_order_mark_ready (self->watch.store, self->order_id, actor (self), NULL, &error))
    {
      cg_widget_toast_text (widget, error->message);
      return;
    }
  load (self, self->order_id, NULL);
  /* Translators: a toast; %s is the order number. */
  text = g_strdup_printf (_("Order %s is ready; the customer was notified"),
                          cg_json_get_string (self->order, "number"));
  cg_widget_toast_text (widget, text);
}

static GtkWindow *
parent_window (CgOrderPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
set_dialog (CgOrderPage *self,
            GtkWindow   *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

static void
on_handed_over (CgHandoverDialog *dialog,
                CgOrderPage      *self)
{
  g_autofree char *text = NULL;

  load (self, self->order_id, NULL);
  /* Translators: a toast; %s is the order number. */
  text = g_strdup_printf (_("Order %s handed over"), cg_json_get_string (self->order, "number"));
  cg_widget_toast_text (GTK_WIDGET (self), text);
}

static void
hand_over_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CgOrderPage *self = CG_ORDER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  CgHandoverDialog *dialog = cg_handover_dialog_new (self->watch.store, self->order_id, actor (self), &error);

  if (dialog == NULL)
    {
      cg_widget_toast_text (widget, error->message);
      return;
    }
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  g_signal_connect_object (dialog, "handed-over", G_CALLBACK (on_handed_over), self, 0);
  set_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_returned (CgReturnDialog *dialog,
             const char     *case_id,
             CgOrderPage    *self)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  load (self, self->order_id, NULL);
  /* Translators: a toast after a return; %s is the order number. */
  text = g_strdup_printf (_("Return recorded for order %s"), cg_json_get_string (self->order, "number"));
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("Open Case"));
  adw_toast_set_action_name (toast, "win.show-case");
  adw_toast_set_action_target (toast, "s", case_id);
  cg_widget_show_toast (GTK_WIDGET (self), toast);
}

static void
return_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CgOrderPage *self = CG_ORDER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  CgReturnDialog *dialog = cg_return_dialog_new (self->watch.store, self->order_id, actor (self), &error);

  if (dialog == NULL)
    {
      cg_widget_toast_text (widget, error->message);
      return;
    }
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  g_signal_connect_object (dialog, "returned", G_CALLBACK (on_returned), self, 0);
  set_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cg_order_page_dispose (GObject *object)
{
  CgOrderPage *self = CG_ORDER_PAGE (object);

  if (self->dialog != NULL)
    {
      GtkWindow *dialog = self->dialog;
      set_dialog (self, NULL);
      gtk_window_destroy (dialog);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_ORDER_PAGE);
  cg_store_watch_clear (&self->watch);
  g_clear_object (&self->session);
  g_clear_pointer (&self->order, json_object_unref);
  G_OBJECT_CLASS (cg_order_page_parent_class)->dispose (object);
}

static void
cg_order_page_finalize (GObject *object)
{
  CgOrderPage *self = CG_ORDER_PAGE (object);

  g_free (self->order_id);
  G_OBJECT_CLASS (cg_order_page_parent_class)->finalize (object);
}

static void
cg_order_page_class_init (CgOrderPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_order_page_dispose;
  object_class->finalize = cg_order_page_finalize;

  gtk_widget_class_install_action (widget_class, "order.mark-ready", NULL, mark_ready_activated);
  gtk_widget_class_install_action (widget_class, "order.hand-over", NULL, hand_over_activated);
  gtk_widget_class_install_action (widget_class, "order.return", NULL, return_activated);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-order-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, number_label);
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, headline_label);
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, action_box);
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, mark_ready_button);
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, hand_over_button);
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, return_button);
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, customer_group);
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, customer_row);
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, items_list);
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, times_group);
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, times_list);
  gtk_widget_class_bind_template_child (widget_class, CgOrderPage, error_page);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cg-order-page");
}

static void
cg_order_page_init (CgOrderPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cg_store_watch_init (&self->watch, NULL, on_store_changed, self);
  cg_store_watch_set_filter (&self->watch, store_change_matters);
  update_actions (self);
}

GtkWidget *
cg_order_page_new (void)
{
  return g_object_new (CG_TYPE_ORDER_PAGE, NULL);
}

void
cg_order_page_set_store (CgOrderPage *self,
                         CgStore     *store)
{
  g_return_if_fail (CG_IS_ORDER_PAGE (self));
  g_return_if_fail (store == NULL || CG_IS_STORE (store));

  cg_store_watch_set_store (&self->watch, store);
}

void
cg_order_page_set_session (CgOrderPage *self,
                           CgSession   *session)
{
  g_return_if_fail (CG_IS_ORDER_PAGE (self));
  g_set_object (&self->session, session);
}

gboolean
cg_order_page_load (CgOrderPage  *self,
                    const char   *order_id,
                    GError      **error)
{
  GtkAdjustment *adjustment;

  g_return_val_if_fail (CG_IS_ORDER_PAGE (self), FALSE);
  g_return_val_if_fail (order_id != NULL, FALSE);

  if (!load (self, order_id, error))
    return FALSE;
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  return TRUE;
}

const char *
cg_order_page_get_order_id (CgOrderPage *self)
{
  g_return_val_if_fail (CG_IS_ORDER_PAGE (self), NULL);
  return self->order_id;
}

GtkWindow *
cg_order_page_get_dialog (CgOrderPage *self)
{
  g_return_val_if_fail (CG_IS_ORDER_PAGE (self), NULL);
  return self->dialog;
}
