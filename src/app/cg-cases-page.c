/* cg-cases-page.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The query is cg_case_list_query() (fast on big stores: it reads the
 * projection and only the documents shown); this file maps the filter
 * controls to it and the results to rows.
 */
#define G_LOG_DOMAIN "cg-cases-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-case-format.h"
#include "cg-case-row.h"
#include "cg-cases-page.h"
#include "cg-store-watch.h"
#include "cg-ui-util.h"

struct _CgCasesPage
{
  GtkWidget       parent_instance;

  CgStoreWatch    watch;
  CgSession      *session;
  GListStore     *cases;          /* CgCaseSummary */
  guint           total;
  gint64          now;            /* of the last query, for the badges */
  guint           tick;

  GtkWidget      *content;
  GtkDropDown    *status_dropdown;
  GtkDropDown    *assignee_dropdown;
  GtkDropDown    *priority_dropdown;
  GtkToggleButton *breaching_toggle;
  GtkLabel       *count_label;
  GtkStack       *stack;
  GtkListView    *list_view;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (CgCasesPage, cg_cases_page, GTK_TYPE_WIDGET)

/* In the order of the dropdowns' items. */
static const char * const status_filters[] = {
  NULL, "new", "open", "pending_customer", "escalated", "resolved", "closed" };
static const char * const priority_filters[] = { NULL, "urgent", "high", "normal", "low" };

static void
cg_cases_page_dispose (GObject *object)
{
  CgCasesPage *self = CG_CASES_PAGE (object);

  g_clear_handle_id (&self->tick, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_CASES_PAGE);
  cg_store_watch_clear (&self->watch);
  g_clear_object (&self->session);
  g_clear_object (&self->cases);
  G_OBJECT_CLASS (cg_cases_page_parent_class)->dispose (object);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, cg_case_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  CgCasesPage *self = user_data;
  CgCaseSummary *summary = gtk_list_item_get_item (item);
  g_autofree char *label = NULL;

  cg_case_row_set_summary (CG_CASE_ROW (gtk_list_item_get_child (item)), summary, self->now);
  /* Translators: the accessible name of a case row: number and subject. */
  label = g_strdup_printf (_("Case %s: %s"), cg_case_summary_get_number (summary),
                           cg_case_summary_get_subject (summary));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  cg_case_row_set_summary (CG_CASE_ROW (gtk_list_item_get_child (item)), NULL, 0);
}

static void
on_activate (GtkListView *list_view,
             guint        position,
             CgCasesPage *self)
{
  g_autoptr(CgCaseSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->cases), position);

  if (summary != NULL)
    cg_widget_navigate (GTK_WIDGET (self), "win.show-case", cg_case_summary_get_id (summary));
}

void
cg_cases_page_refresh (CgCasesPage *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  const char *statuses[2] = { NULL, NULL };
  guint status_index, assignee_index, priority_index;
  CgCaseQuery query = { NULL };

  g_return_if_fail (CG_IS_CASES_PAGE (self));

  cg_store_watch_cancel (&self->watch);
  if (self->watch.store == NULL)
    return;

  status_index = gtk_drop_down_get_selected (self->status_dropdown);
  assignee_index = gtk_drop_down_get_selected (self->assignee_dropdown);
  priority_index = gtk_drop_down_get_selected (self->priority_dropdown);
  if (status_index < G_N_ELEMENTS (status_filters) && status_filters[status_index] != NULL)
    {
      statuses[0] = status_filters[status_index];
      query.statuses = statuses;
    }
  if (assignee_index == 1)
    query.assignee = self->session != NULL ? cg_session_get_staff_id (self->session) : "";
  else if (assignee_index == 2)
    query.assignee = CG_CASE_LIST_UNASSIGNED;
  if (priority_index < G_N_ELEMENTS (priority_filters))
    query.priority = priority_filters[priority_index];
  query.breaching_soon = gtk_toggle_button_get_active (self->breaching_toggle);
  self->now = g_get_real_time () / G_USEC_PER_SEC;
  query.now = self->now;
  query.limit = CG_CASES_PAGE_LIMIT;

  rows = cg_case_list_query (self->watch.store, &query, &self->total, &error);
  if (rows == NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->empty_page, _("Cases Cannot Be Shown"));
      adw_status_page_set_description (self->empty_page, error->message);
      g_list_store_remove_all (self->cases);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_label_set_text (self->count_label, "");
      return;
    }

  g_list_store_splice (self->cases, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cases)),
                       rows->pdata, rows->len);
  count = cg_case_format_count (rows->len, self->total);
  gtk_label_set_text (self->count_label, rows->len > 0 ? count : "");

  if (rows->len == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "checkbox-checked-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Cases"));
      adw_status_page_set_description (self->empty_page,
                                       query.breaching_soon
                                       ? _("No case is close to breaching its SLA.")
                                       : _("No case matches these filters."));
    }
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "list" : "empty");
}

static const char * const watched_types[] = { "case", "case_note", "customer", NULL };

static void
on_store_changed (gpointer data)
{
  cg_cases_page_refresh (data);
}

static gboolean
on_tick (gpointer data)
{
  CgCasesPage *self = data;

  /* Badges count down; only worth a query while someone can see them. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    cg_store_watch_queue (&self->watch);
  return G_SOURCE_CONTINUE;
}

static void
on_filter_changed (CgCasesPage *self)
{
  cg_store_watch_queue (&self->watch);
}

static void
cg_cases_page_class_init (CgCasesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_cases_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-cases-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgCasesPage, content);
  gtk_widget_class_bind_template_child (widget_class, CgCasesPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgCasesPage, assignee_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgCasesPage, priority_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgCasesPage, breaching_toggle);
  gtk_widget_class_bind_template_child (widget_class, CgCasesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CgCasesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CgCasesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CgCasesPage, empty_page);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cg-cases-page");
}

static void
cg_cases_page_init (CgCasesPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  cg_store_watch_init (&self->watch, watched_types, on_store_changed, self);

  self->cases = g_list_store_new (CG_TYPE_CASE_SUMMARY);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->cases)))));
  g_object_unref (gtk_list_view_get_model (self->list_view));
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate), self);

  g_signal_connect_swapped (self->status_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->assignee_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->priority_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->breaching_toggle, "toggled", G_CALLBACK (on_filter_changed), self);

  self->tick = g_timeout_add_seconds (60, on_tick, self);
}

GtkWidget *
cg_cases_page_new (void)
{
  return g_object_new (CG_TYPE_CASES_PAGE, NULL);
}

void
cg_cases_page_set_store (CgCasesPage *self,
                         CgStore     *store)
{
  g_return_if_fail (CG_IS_CASES_PAGE (self));
  g_return_if_fail (store == NULL || CG_IS_STORE (store));

  if (!cg_store_watch_set_store (&self->watch, store))
    return;
  cg_cases_page_refresh (self);
}

void
cg_cases_page_set_session (CgCasesPage *self,
                           CgSession   *session)
{
  g_return_if_fail (CG_IS_CASES_PAGE (self));

  if (g_set_object (&self->session, session))
    cg_store_watch_queue (&self->watch);
}

GListModel *
cg_cases_page_get_cases (CgCasesPage *self)
{
  g_return_val_if_fail (CG_IS_CASES_PAGE (self), NULL);
  return G_LIST_MODEL (self->cases);
}

guint
cg_cases_page_get_total (CgCasesPage *self)
{
  g_return_val_if_fail (CG_IS_CASES_PAGE (self), 0);
  return self->total;
}
