/* cg-orders-page.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The orders section: orders waiting for pickup, longest waiting first,
 * and a search by order number (any status). Activating a row opens the
 * order (win.show-order).
 */
#define G_LOG_DOMAIN "cg-orders-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-format.h"
#include "cg-order-format.h"
#include "cg-orders-page.h"
#include "cg-store-watch.h"
#include "cg-ui-util.h"

struct _CgOrdersPage
{
  GtkWidget       parent_instance;

  CgStoreWatch    watch;
  CgSession      *session;
  GListStore     *orders;        /* CgOrderSummary */

  GtkSearchEntry *search_entry;
  GtkLabel       *caption_label;
  GtkStack       *stack;
  GtkListBox     *order_list;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (CgOrdersPage, cg_orders_page, GTK_TYPE_WIDGET)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CgOrderSummary *summary = item;
  const char *name = cg_order_summary_get_customer_name (summary);
  const char *status = cg_order_summary_get_status (summary);
  g_autofree char *total = cg_format_money (cg_order_summary_get_total (summary),
                                            cg_order_summary_get_currency (summary));
  g_autofree char *items = cg_order_format_item_count (cg_order_summary_get_item_count (summary));
  g_autofree char *since = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *total_label = gtk_label_new (total);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  if (g_strcmp0 (status, "ready_for_pickup") == 0)
    since = cg_order_format_ready_since (cg_order_summary_get_ready_at (summary), NULL);
  else
    since = g_strdup (cg_format_order_status (status));

  /* Translators: an order row, "W24001234 · 김민준" (number and customer). */
  title = name ? g_strdup_printf (_("%s · %s"), cg_order_summary_get_number (summary), name)
               : g_strdup (cg_order_summary_get_number (summary));
  subtitle = since ? g_strdup_printf ("%s · %s", since, items) : g_strdup (items);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (row, cg_order_summary_get_id (summary));

  gtk_widget_add_css_class (total_label, "numeric");
  gtk_widget_set_valign (total_label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), total_label);
  gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  return row;
}

static void
refresh (CgOrdersPage *self)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *caption = NULL;
  const char *query;
  guint total = 0;

  if (self->watch.store == NULL)
    return;

  query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  while (g_ascii_isspace (*query))
    query++;
  if (*query == '\0')
    {
      found = cg_order_list_ready_for_pickup (self->watch.store, CG_ORDERS_PAGE_LIMIT, &total, &error);
      if (found != NULL && total > found->len)
        {
          g_autofree char *shown = cg_format_count (found->len);
          g_autofree char *all = cg_format_count (total);
          /* Translators: "Showing 200 of 59,754 orders ready for pickup". */
          caption = g_strdup_printf (_("Showing %s of %s orders ready for pickup"), shown, all);
        }
      else if (found != NULL)
        caption = g_strdup_printf (ngettext ("%u order ready for pickup",
                                             "%u orders ready for pickup", found->len),
                                   found->len);
    }
  else
    {
      found = cg_order_list_by_number_prefix (self->watch.store, query, CG_ORDERS_PAGE_LIMIT, &error);
      if (found != NULL)
        /* Translators: search results by order number. */
        caption = g_strdup_printf (ngettext ("%u order found", "%u orders found", found->len),
                                   found->len);
    }

  if (found == NULL)
    {
      g_list_store_remove_all (self->orders);
      adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->empty_page, _("Orders Could Not Be Read"));
      adw_status_page_set_description (self->empty_page, error ? error->message : NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->caption_label), FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  g_list_store_splice (self->orders, 0, g_list_model_get_n_items (G_LIST_MODEL (self->orders)),
                       found->pdata, found->len);
  gtk_label_set_text (self->caption_label, caption ? caption : "");
  gtk_widget_set_visible (GTK_WIDGET (self->caption_label), found->len > 0);

  if (found->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      gboolean searching = *query != '\0';

      adw_status_page_set_icon_name (self->empty_page,
                                     searching ? "edit-find-symbolic" : "package-x-generic-symbolic");
      adw_status_page_set_title (self->empty_page,
                                 searching ? _("No Order With This Number")
                                           : _("No Orders Ready for Pickup"));
      adw_status_page_set_description (self->empty_page,
                                       searching ? _("Check the number on the customer’s message or receipt.")
                                                 : _("Orders marked ready appear here until they are handed over."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

/* Only orders (and customers, for names) change what this page shows;
 * a NULL type is a batch from another connection. */
static const char * const watched_types[] = { "order", "customer", NULL };

static void
on_store_changed (gpointer data)
{
  refresh (data);
}

static void
on_search_changed (CgOrdersPage *self)
{
  refresh (self);
}

static void
on_search_activated (CgOrdersPage *self)
{
  CgOrderSummary *first;

  /* Enter opens the only match: a number typed in full. */
  refresh (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->orders)) != 1)
    return;
  first = g_list_model_get_item (G_LIST_MODEL (self->orders), 0);
  cg_widget_navigate (GTK_WIDGET (self), "win.show-order", cg_order_summary_get_id (first));
  g_object_unref (first);
}

static void
on_row_activated (CgOrdersPage  *self,
                  GtkListBoxRow *row)
{
  g_autoptr(CgOrderSummary) summary =
    g_list_model_get_item (G_LIST_MODEL (self->orders), (guint) gtk_list_box_row_get_index (row));

  if (summary != NULL)
    cg_widget_navigate (GTK_WIDGET (self), "win.show-order", cg_order_summary_get_id (summary));
}

static void
cg_orders_page_dispose (GObject *object)
{
  CgOrdersPage *self = CG_ORDERS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_ORDERS_PAGE);
  /* The template's top-level box is not bound, so dispose_template()
   * leaves it; unparent what is left. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  cg_store_watch_clear (&self->watch);
  g_clear_object (&self->session);
  g_clear_object (&self->orders);
  G_OBJECT_CLASS (cg_orders_page_parent_class)->dispose (object);
}

static gboolean
grab_focus (GtkWidget *widget)
{
  CgOrdersPage *self = CG_ORDERS_PAGE (widget);
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
cg_orders_page_class_init (CgOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_orders_page_dispose;
  widget_class->grab_focus = grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-orders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgOrdersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CgOrdersPage, caption_label);
  gtk_widget_class_bind_template_child (widget_class, CgOrdersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CgOrdersPage, order_list);
  gtk_widget_class_bind_template_child (widget_class, CgOrdersPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cg-orders-page");
}

static void
cg_orders_page_init (CgOrdersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cg_store_watch_init (&self->watch, watched_types, on_store_changed, self);

  self->orders = g_list_store_new (CG_TYPE_ORDER_SUMMARY);
  gtk_list_box_bind_model (self->order_list, G_LIST_MODEL (self->orders),
                           create_row, NULL, NULL);
}

GtkWidget *
cg_orders_page_new (void)
{
  return g_object_new (CG_TYPE_ORDERS_PAGE, NULL);
}

void
cg_orders_page_set_store (CgOrdersPage *self,
                          CgStore      *store)
{
  g_return_if_fail (CG_IS_ORDERS_PAGE (self));
  g_return_if_fail (store == NULL || CG_IS_STORE (store));

  if (!cg_store_watch_set_store (&self->watch, store))
    return;
  refresh (self);
}

void
cg_orders_page_set_session (CgOrdersPage *self,
                            CgSession    *session)
{
  g_return_if_fail (CG_IS_ORDERS_PAGE (self));
  g_set_object (&self->session, session);
}

void
cg_orders_page_reload (CgOrdersPage *self)
{
  g_return_if_fail (CG_IS_ORDERS_PAGE (self));
  refresh (self);
}

GListModel *
cg_orders_page_get_orders (CgOrdersPage *self)
{
  g_return_val_if_fail (CG_IS_ORDERS_PAGE (self), NULL);
  return G_LIST_MODEL (self->orders);
}
