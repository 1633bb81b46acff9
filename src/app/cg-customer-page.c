/* cg-customer-page.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Customer 360: the profile and one timeline of orders, cases, notes,
 * visits and feedback, newest first. What is shown comes from cg-format.c;
 * this file only builds rows from it.
 */
#define G_LOG_DOMAIN "cg-customer-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cg-customer-page.h"
#include "cg-format.h"

struct _CgCustomerPage
{
  GtkWidget       parent_instance;

  CgStore        *store;
  char           *customer_id;
  GListStore     *timeline;       /* CgTimelineEntry */

  GtkScrolledWindow *scroller;
  AdwAvatar      *avatar;
  GtkLabel       *name_label;
  GtkLabel       *headline_label;
  AdwPreferencesGroup *contact_group;
  GtkListBox     *contact_list;
  GtkListBox     *details_list;
  GtkListBox     *timeline_list;
  GtkLabel       *history_note;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER_ID,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (CgCustomerPage, cg_customer_page, GTK_TYPE_WIDGET)

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
new_profile_row (const CgProfileLine *line)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new (line->value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line->label);
  if (line->icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), line->icon_name);

  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  /* Ask for the whole line; wrap only when the row is too narrow. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (value), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_xalign (GTK_LABEL (value), 1.0);
  gtk_label_set_justify (GTK_LABEL (value), GTK_JUSTIFY_RIGHT);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_widget_set_halign (value, GTK_ALIGN_END);
  gtk_widget_add_css_class (value, "profile-value");
  /* Selectable labels take focus; keep Tab moving between rows. */
  gtk_widget_set_focusable (value, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  return row;
}

static GtkWidget *
create_timeline_row (gpointer item,
                     gpointer user_data)
{
  CgTimelineEntry *entry = item;
  const char *kind = cg_timeline_entry_get_kind (entry);
  g_autofree char *title = cg_format_timeline_entry (entry);
  g_autofree char *subtitle = cg_format_timeline_subtitle (entry);
  g_autofree char *when = cg_format_time (cg_timeline_entry_get_at (entry), NULL);
  g_autofree char *when_long = cg_format_time_long (cg_timeline_entry_get_at (entry));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (cg_format_timeline_icon (kind));
  GtkWidget *time_label = gtk_label_new (when ? when : "");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
    }
  gtk_widget_add_css_class (row, "timeline-row");

  gtk_widget_add_css_class (icon, "timeline-icon");
  if (kind != NULL)
    gtk_widget_add_css_class (icon, kind);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_add_css_class (time_label, "dim-label");
  gtk_widget_add_css_class (time_label, "numeric");
  gtk_widget_set_valign (time_label, GTK_ALIGN_CENTER);
  if (when_long != NULL)
    gtk_widget_set_tooltip_text (time_label, when_long);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), time_label);

  return row;
}

static void
cg_customer_page_dispose (GObject *object)
{
  CgCustomerPage *self = CG_CUSTOMER_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_CUSTOMER_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->timeline);
  G_OBJECT_CLASS (cg_customer_page_parent_class)->dispose (object);
}

static void
cg_customer_page_finalize (GObject *object)
{
  CgCustomerPage *self = CG_CUSTOMER_PAGE (object);

  g_free (self->customer_id);
  G_OBJECT_CLASS (cg_customer_page_parent_class)->finalize (object);
}

static void
cg_customer_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CgCustomerPage *self = CG_CUSTOMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_string (value, self->customer_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_customer_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CgCustomerPage *self = CG_CUSTOMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      cg_customer_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_customer_page_class_init (CgCustomerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_customer_page_dispose;
  object_class->finalize = cg_customer_page_finalize;
  object_class->get_property = cg_customer_page_get_property;
  object_class->set_property = cg_customer_page_set_property;

  props[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-customer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, headline_label);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, contact_group);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, contact_list);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, details_list);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, history_note);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cg-customer-page");
}

static void
cg_customer_page_init (CgCustomerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->timeline = g_list_store_new (CG_TYPE_TIMELINE_ENTRY);
  gtk_list_box_bind_model (self->timeline_list, G_LIST_MODEL (self->timeline),
                           create_timeline_row, NULL, NULL);
}

GtkWidget *
cg_customer_page_new (void)
{
  return g_object_new (CG_TYPE_CUSTOMER_PAGE, NULL);
}

CgStore *
cg_customer_page_get_store (CgCustomerPage *self)
{
  g_return_val_if_fail (CG_IS_CUSTOMER_PAGE (self), NULL);
  return self->store;
}

void
cg_customer_page_set_store (CgCustomerPage *self,
                            CgStore        *store)
{
  g_return_if_fail (CG_IS_CUSTOMER_PAGE (self));
  g_return_if_fail (store == NULL || CG_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STORE]);
}

const char *
cg_customer_page_get_customer_id (CgCustomerPage *self)
{
  g_return_val_if_fail (CG_IS_CUSTOMER_PAGE (self), NULL);
  return self->customer_id;
}

GListModel *
cg_customer_page_get_timeline (CgCustomerPage *self)
{
  g_return_val_if_fail (CG_IS_CUSTOMER_PAGE (self), NULL);
  return G_LIST_MODEL (self->timeline);
}

static void
set_customer_id (CgCustomerPage *self,
                 const char     *id)
{
  if (g_strcmp0 (self->customer_id, id) == 0)
    return;
  g_free (self->customer_id);
  self->customer_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CUSTOMER_ID]);
}

static void
show_profile (CgCustomerPage *self,
              JsonObject     *customer)
{
  g_autoptr(GPtrArray) lines = cg_profile_lines (customer);
  g_autofree char *headline = cg_profile_headline (customer);
  const char *name = cg_json_get_string (customer, "name");
  guint n_contact = 0;

  gtk_label_set_text (self->name_label, name ? name : "");
  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_text (self->headline_label, headline ? headline : "");
  gtk_widget_set_visible (GTK_WIDGET (self->headline_label), headline != NULL);

  clear_list (self->contact_list);
  clear_list (self->details_list);
  for (guint i = 0; i < lines->len; i++)
    {
      const CgProfileLine *line = g_ptr_array_index (lines, i);
      GtkListBox *list = line->group == CG_PROFILE_GROUP_CONTACT
        ? self->contact_list : self->details_list;

      if (line->group == CG_PROFILE_GROUP_CONTACT)
        n_contact++;
      gtk_list_box_append (list, new_profile_row (line));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->contact_group), n_contact > 0);
}

static void
show_timeline (CgCustomerPage *self,
               GPtrArray      *entries)
{
  g_list_store_splice (self->timeline, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->timeline)),
                       entries->pdata, entries->len);

  if (entries->len >= CG_CUSTOMER_PAGE_TIMELINE_LIMIT)
    {
      g_autofree char *text =
        /* Translators: %u is the number of history entries shown (50). */
        g_strdup_printf (ngettext ("Showing the latest %u entry",
                                   "Showing the latest %u entries",
                                   CG_CUSTOMER_PAGE_TIMELINE_LIMIT),
                         (guint) CG_CUSTOMER_PAGE_TIMELINE_LIMIT);
      gtk_label_set_text (self->history_note, text);
      gtk_widget_set_visible (GTK_WIDGET (self->history_note), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->history_note), FALSE);
}

static void
clear_page (CgCustomerPage *self)
{
  gtk_label_set_text (self->name_label, "");
  adw_avatar_set_text (self->avatar, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->headline_label), FALSE);
  clear_list (self->contact_list);
  clear_list (self->details_list);
  g_list_store_remove_all (self->timeline);
  gtk_widget_set_visible (GTK_WIDGET (self->history_note), FALSE);
}

static gboolean
load (CgCustomerPage  *self,
      const char      *id,
      GError         **error)
{
  g_autoptr(JsonObject) customer = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (CG_IS_STORE (self->store), FALSE);

  customer = cg_store_get (self->store, id, FALSE, error);
  if (customer == NULL)
    {
      clear_page (self);
      set_customer_id (self, NULL);
      return FALSE;
    }

  entries = cg_timeline_load (self->store, id, CG_CUSTOMER_PAGE_TIMELINE_LIMIT);
  set_customer_id (self, id);
  show_profile (self, customer);
  show_timeline (self, entries);
  return TRUE;
}

gboolean
cg_customer_page_load (CgCustomerPage  *self,
                       const char      *id,
                       GError         **error)
{
  GtkAdjustment *adjustment;

  g_return_val_if_fail (CG_IS_CUSTOMER_PAGE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!load (self, id, error))
    return FALSE;
  /* Another customer starts at the top. */
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  return TRUE;
}

gboolean
cg_customer_page_reload (CgCustomerPage  *self,
                         GError         **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (CG_IS_CUSTOMER_PAGE (self), FALSE);

  if (self->customer_id == NULL)
    return TRUE;
  id = g_strdup (self->customer_id);
  return load (self, id, error);
}
