/* cg-customer-page.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Customer 360: the profile and one timeline of orders, cases, notes,
 * visits and feedback, newest first, with quick actions (new case, check
 * in, hand over a ready order, merge a duplicate) and an edit form for the
 * profile. What is shown comes from cg-format.c; this file only builds rows
 * from it.
 *
 * A merged customer is never shown: loading one shows its survivor.
 * Editing: the form is filled from the customer when it opens and left
 * alone by refreshes (a sync may change the customer meanwhile; Save
 * writes the form's values on top of the then-current revision).
 */
#define G_LOG_DOMAIN "cg-customer-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cg-customer-page.h"
#include "cg-format.h"
#include "cg-merge-dialog.h"
#include "cg-store-watch.h"
#include "cg-ui-util.h"

/* The combo rows' items, in the order of the .ui's string lists. */
static const char * const channels[] = { "sms", "email", "phone", "none" };
static const char * const languages[] = { "ko", "en" };

struct _CgCustomerPage
{
  GtkWidget       parent_instance;

  CgStoreWatch    watch;
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

  CgSession      *session;
  char           *ready_order;    /* shown by Hand Over Order */
  char           *consent_at;     /* the form's consent date */
  gboolean        consent_marketing, consent_processing;   /* as loaded */
  GWeakRef        merge_toast;

  GtkWidget      *actions_box;
  GtkWidget      *new_case_button;
  GtkWidget      *checkin_button;
  GtkWidget      *handover_button;
  GtkWidget      *edit_button;
  GtkWidget      *merge_button;
  GtkWidget      *edit_bar;
  GtkWidget      *save_button;
  GtkWidget      *cancel_button;
  GtkStack       *mode_stack;
  AdwEntryRow    *name_row;
  GtkLabel       *name_error;
  GtkListBox     *phones_list;
  GtkLabel       *phone_error;
  GtkListBox     *emails_list;
  GtkLabel       *email_error;
  GtkWidget      *add_phone_button;
  GtkWidget      *add_email_button;
  AdwComboRow    *channel_row;
  AdwComboRow    *language_row;
  GtkLabel       *tier_label;
  GtkSwitch      *marketing_switch;
  GtkSwitch      *processing_switch;
  GtkLabel       *consent_date_label;
  GtkTextView    *notes_view;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER_ID,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (CgCustomerPage, cg_customer_page, GTK_TYPE_WIDGET)

static void store_changed      (gpointer user_data);
static gboolean store_change_matters (const char *id, const char *type, gpointer user_data);
static void new_case_clicked   (CgCustomerPage *self);
static void checkin_clicked    (CgCustomerPage *self);
static void handover_clicked   (CgCustomerPage *self);
static void edit_clicked       (CgCustomerPage *self);
static void merge_clicked      (CgCustomerPage *self);
static void save_clicked       (CgCustomerPage *self);
static void cancel_clicked     (CgCustomerPage *self);
static void add_phone_clicked  (CgCustomerPage *self);
static void add_email_clicked  (CgCustomerPage *self);
static void consent_switched   (CgCustomerPage *self);

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

  /* Cases and orders open their page. */
  if (g_strcmp0 (kind, "case") == 0 || g_strcmp0 (kind, "order") == 0)
    {
      GtkWidget *go = gtk_image_new_from_icon_name ("go-next-symbolic");
      gtk_widget_set_valign (go, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), go);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }
  else
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static void
timeline_row_activated (CgCustomerPage *self,
                        GtkListBoxRow  *row)
{
  g_autoptr(CgTimelineEntry) entry =
    g_list_model_get_item (G_LIST_MODEL (self->timeline), (guint) gtk_list_box_row_get_index (row));
  const char *kind;

  if (entry == NULL)
    return;
  kind = cg_timeline_entry_get_kind (entry);
  if (g_strcmp0 (kind, "case") == 0)
    cg_widget_navigate (GTK_WIDGET (self), "win.show-case", cg_timeline_entry_get_doc_id (entry));
  else if (g_strcmp0 (kind, "order") == 0)
    cg_widget_navigate (GTK_WIDGET (self), "win.show-order", cg_timeline_entry_get_doc_id (entry));
}

static void
cg_customer_page_dispose (GObject *object)
{
  CgCustomerPage *self = CG_CUSTOMER_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_CUSTOMER_PAGE);
  cg_store_watch_clear (&self->watch);
  g_clear_object (&self->session);
  g_clear_object (&self->timeline);
  G_OBJECT_CLASS (cg_customer_page_parent_class)->dispose (object);
}

static void
cg_customer_page_finalize (GObject *object)
{
  CgCustomerPage *self = CG_CUSTOMER_PAGE (object);

  g_free (self->customer_id);
  g_free (self->ready_order);
  g_free (self->consent_at);
  g_weak_ref_clear (&self->merge_toast);
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
      g_value_set_object (value, self->watch.store);
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
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, new_case_button);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, checkin_button);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, handover_button);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, merge_button);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, edit_bar);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, name_error);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, phones_list);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, phone_error);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, emails_list);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, email_error);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, add_phone_button);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, add_email_button);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, channel_row);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, tier_label);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, marketing_switch);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, processing_switch);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, consent_date_label);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerPage, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, timeline_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, new_case_clicked);
  gtk_widget_class_bind_template_callback (widget_class, checkin_clicked);
  gtk_widget_class_bind_template_callback (widget_class, handover_clicked);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked);
  gtk_widget_class_bind_template_callback (widget_class, merge_clicked);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, add_phone_clicked);
  gtk_widget_class_bind_template_callback (widget_class, add_email_clicked);
  gtk_widget_class_bind_template_callback (widget_class, consent_switched);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cg-customer-page");
}

static void
cg_customer_page_init (CgCustomerPage *self)
{
  g_weak_ref_init (&self->merge_toast, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  cg_store_watch_init (&self->watch, NULL, store_changed, self);
  cg_store_watch_set_filter (&self->watch, store_change_matters);

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
  return self->watch.store;
}

void
cg_customer_page_set_store (CgCustomerPage *self,
                            CgStore        *store)
{
  g_return_if_fail (CG_IS_CUSTOMER_PAGE (self));
  g_return_if_fail (store == NULL || CG_IS_STORE (store));

  if (!cg_store_watch_set_store (&self->watch, store))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STORE]);
}

void
cg_customer_page_set_session (CgCustomerPage *self,
                              CgSession      *session)
{
  g_return_if_fail (CG_IS_CUSTOMER_PAGE (self));
  g_return_if_fail (session == NULL || CG_IS_SESSION (session));

  g_set_object (&self->session, session);
}

static const char *
actor (CgCustomerPage *self)
{
  return self->session != NULL ? cg_session_get_staff_id (self->session) : NULL;
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

  /* Notes last, as written (cg_profile_lines leaves them out). */
  {
    const char *notes = cg_json_get_string (customer, "notes");
    if (notes != NULL && *notes != '\0')
      {
        CgProfileLine line = { CG_PROFILE_GROUP_DETAILS, _("Notes"), (char *) notes, NULL };
        gtk_list_box_append (self->details_list, new_profile_row (&line));
      }
  }
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
  gtk_widget_set_sensitive (self->actions_box, FALSE);
  cg_customer_page_cancel_edit (self);
}

static gboolean
load (CgCustomerPage  *self,
      const char      *id,
      GError         **error)
{
  g_autoptr(JsonObject) customer = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (CG_IS_STORE (self->watch.store), FALSE);

  /* A merged customer shows as its survivor. */
  shown = cg_customer_dup_survivor (self->watch.store, id);
  customer = cg_store_get (self->watch.store, shown, FALSE, error);
  if (customer == NULL)
    {
      clear_page (self);
      set_customer_id (self, NULL);
      return FALSE;
    }
  if (!g_str_equal (shown, id) && g_strcmp0 (self->customer_id, shown) != 0)
    cg_customer_page_cancel_edit (self);

  entries = cg_timeline_load (self->watch.store, shown, CG_CUSTOMER_PAGE_TIMELINE_LIMIT);
  set_customer_id (self, shown);
  show_profile (self, customer);
  show_timeline (self, entries);

  g_free (self->ready_order);
  self->ready_order = cg_customer_dup_ready_order (self->watch.store, shown);
  gtk_widget_set_sensitive (self->handover_button, self->ready_order != NULL);
  gtk_widget_set_tooltip_text (self->handover_button,
                               self->ready_order != NULL
                               ? _("Open the order that is ready for pickup")
                               : _("No order is ready for pickup"));
  gtk_widget_set_sensitive (self->actions_box, TRUE);
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

  if (g_strcmp0 (id, self->customer_id) != 0)
    cg_customer_page_cancel_edit (self);
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

/* ------------------------------------------------------------- refreshing */

static void
store_changed (gpointer user_data)
{
  CgCustomerPage *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->customer_id != NULL && !cg_customer_page_reload (self, &error))
    g_debug ("Customer page refresh: %s", error->message);
}

static gboolean
store_change_matters (const char *id,
                      const char *type,
                      gpointer    user_data)
{
  CgCustomerPage *self = user_data;

  /* Anything can be part of a customer's history; one reload per burst. */
  return self->customer_id != NULL;
}

/* ---------------------------------------------------------- quick actions */

static void
new_case_clicked (CgCustomerPage *self)
{
  if (self->customer_id != NULL)
    cg_widget_navigate (GTK_WIDGET (self), "win.new-case", self->customer_id);
}

static void
checkin_clicked (CgCustomerPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) customer = NULL;
  g_autofree char *given = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *checkin = NULL;
  g_autofree char *text = NULL;

  if (self->customer_id == NULL)
    return;
  customer = cg_store_get (self->watch.store, self->customer_id, FALSE, NULL);
  given = cg_customer_given_name (customer != NULL ? cg_json_get_string (customer, "name") : NULL);
  checkin = cg_checkin_create (self->watch.store, "help", self->customer_id,
                               *given != '\0' ? given : NULL, &ticket, &error);
  if (checkin == NULL)
    {
      cg_widget_toast_text (GTK_WIDGET (self), error->message);
      return;
    }
  /* Translators: %s is a queue ticket, K1-042. */
  text = g_strdup_printf (_("Checked in: ticket %s"), ticket);
  cg_widget_toast_text (GTK_WIDGET (self), text);
}

static void
handover_clicked (CgCustomerPage *self)
{
  if (self->ready_order != NULL)
    cg_widget_navigate (GTK_WIDGET (self), "win.show-order", self->ready_order);
}

typedef struct {
  CgStore  *store;
  char     *duplicate;
  char     *actor;
  GWeakRef  page;
} UndoMerge;

static void
undo_merge_free (gpointer data)
{
  UndoMerge *undo = data;

  g_object_unref (undo->store);
  g_free (undo->duplicate);
  g_free (undo->actor);
  g_weak_ref_clear (&undo->page);
  g_free (undo);
}

static void
undo_merge (AdwToast  *toast,
            UndoMerge *undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgCustomerPage) page = g_weak_ref_get (&undo->page);

  if (!cg_customer_unmerge (undo->store, undo->duplicate, undo->actor, &error))
    {
      if (page != NULL)
        cg_widget_toast_text (GTK_WIDGET (page), error->message);
      return;
    }
  if (page != NULL)
    cg_customer_page_reload (page, NULL);
}

static void
merged (CgCustomerPage *self,
        const char     *survivor_id,
        const char     *duplicate_id,
        CgMergeDialog  *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) duplicate = cg_store_get (self->watch.store, duplicate_id, FALSE, NULL);
  const char *name = duplicate != NULL ? cg_json_get_string (duplicate, "name") : NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  UndoMerge *undo;

  if (!cg_customer_page_load (self, survivor_id, &error))
    g_debug ("Showing the survivor: %s", error->message);

  /* Translators: %s is the name of the customer merged away. */
  title = g_strdup_printf (_("Merged %s into this customer"), name != NULL ? name : duplicate_id);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  undo = g_new0 (UndoMerge, 1);
  undo->store = g_object_ref (self->watch.store);
  undo->duplicate = g_strdup (duplicate_id);
  undo->actor = g_strdup (actor (self));
  g_weak_ref_init (&undo->page, self);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_merge), undo,
                         (GClosureNotify) (void (*) (void)) undo_merge_free, 0);
  g_weak_ref_set (&self->merge_toast, toast);
  cg_widget_show_toast (GTK_WIDGET (self), toast);
}

static void
merge_clicked (CgCustomerPage *self)
{
  CgMergeDialog *dialog;
  GtkRoot *root;

  if (self->customer_id == NULL)
    return;
  dialog = cg_merge_dialog_new (self->watch.store, self->session, self->customer_id);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "merged", G_CALLBACK (merged), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

AdwToast *
cg_customer_page_get_merge_toast (CgCustomerPage *self)
{
  g_autoptr(AdwToast) toast = NULL;

  g_return_val_if_fail (CG_IS_CUSTOMER_PAGE (self), NULL);
  toast = g_weak_ref_get (&self->merge_toast);
  return toast;   /* the overlay holds it while shown */
}

/* ---------------------------------------------------------------- editing */

static void
remove_row_clicked (GtkButton *button,
                    GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);

  if (GTK_IS_LIST_BOX (list))
    gtk_list_box_remove (GTK_LIST_BOX (list), row);
}

static GtkWidget *
new_value_row (const char *title,
               const char *text,
               const char *remove_tooltip)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_tooltip);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_row_clicked), row);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  return row;
}

static GtkWidget *
new_phone_row (const char *text)
{
  return new_value_row (_("Phone"), text, _("Remove Phone"));
}

static GtkWidget *
new_email_row (const char *text)
{
  return new_value_row (_("E-mail"), text, _("Remove E-mail Address"));
}

static void
add_phone_clicked (CgCustomerPage *self)
{
  GtkWidget *row = new_phone_row (NULL);

  gtk_list_box_append (self->phones_list, row);
  gtk_widget_grab_focus (row);
}

static void
add_email_clicked (CgCustomerPage *self)
{
  GtkWidget *row = new_email_row (NULL);

  gtk_list_box_append (self->emails_list, row);
  gtk_widget_grab_focus (row);
}

static guint
index_of (const char * const *values,
          guint               n,
          const char         *value,
          guint               fallback)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return fallback;
}

static void
show_consent_date (CgCustomerPage *self)
{
  g_autofree char *when = self->consent_at != NULL ? cg_format_time_long (self->consent_at) : NULL;

  gtk_label_set_text (self->consent_date_label, when != NULL ? when : _("Not recorded"));
}

static void
consent_switched (CgCustomerPage *self)
{
  /* The date is when the consent as it now stands was given: changing
   * either switch (back to the loaded state keeps the old date) sets it to
   * now. */
  gboolean marketing = gtk_switch_get_active (self->marketing_switch);
  gboolean processing = gtk_switch_get_active (self->processing_switch);

  if (!gtk_widget_get_visible (self->edit_bar))
    return;
  g_free (self->consent_at);
  if (marketing == self->consent_marketing && processing == self->consent_processing)
    {
      g_autoptr(JsonObject) customer = cg_store_get (self->watch.store, self->customer_id, FALSE, NULL);
      JsonObject *consent = customer != NULL ? cg_json_get_object (customer, "consent") : NULL;
      self->consent_at = g_strdup (consent != NULL ? cg_json_get_string (consent, "at") : NULL);
    }
  else
    self->consent_at = cg_json_timestamp_now ();
  show_consent_date (self);
}

static void
clear_errors (CgCustomerPage *self)
{
  GtkListBox *lists[] = { self->phones_list, self->emails_list };

  gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->phone_error), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->email_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (lists[i]));
         row != NULL; row = gtk_widget_get_next_sibling (row))
      gtk_widget_remove_css_class (row, "error");
}

static void
fill_form (CgCustomerPage *self,
           JsonObject     *customer)
{
  JsonArray *phones = cg_json_get_array (customer, "phones");
  JsonArray *emails = cg_json_get_array (customer, "emails");
  JsonObject *consent = cg_json_get_object (customer, "consent");
  const char *tier = cg_json_get_string (customer, "tier");
  const char *notes = cg_json_get_string (customer, "notes");

  clear_errors (self);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), cg_json_get_string (customer, "name") ?: "");
  clear_list (self->phones_list);
  for (guint i = 0; phones != NULL && i < json_array_get_length (phones); i++)
    {
      g_autofree char *formatted = cg_phone_format (cg_json_array_get_string (phones, i));
      gtk_list_box_append (self->phones_list, new_phone_row (formatted));
    }
  clear_list (self->emails_list);
  for (guint i = 0; emails != NULL && i < json_array_get_length (emails); i++)
    gtk_list_box_append (self->emails_list, new_email_row (cg_json_array_get_string (emails, i)));

  adw_combo_row_set_selected (self->channel_row,
                              index_of (channels, G_N_ELEMENTS (channels),
                                        cg_json_get_string (customer, "preferred_channel"), 0));
  adw_combo_row_set_selected (self->language_row,
                              index_of (languages, G_N_ELEMENTS (languages),
                                        cg_json_get_string (customer, "language"), 0));
  gtk_label_set_text (self->tier_label, tier != NULL ? cg_format_tier (tier) : C_("customer tier", "None"));

  self->consent_marketing = consent != NULL && cg_json_get_bool (consent, "marketing", FALSE);
  self->consent_processing = consent != NULL && cg_json_get_bool (consent, "data_processing", FALSE);
  g_free (self->consent_at);
  self->consent_at = g_strdup (consent != NULL ? cg_json_get_string (consent, "at") : NULL);
  gtk_switch_set_active (self->marketing_switch, self->consent_marketing);
  gtk_switch_set_active (self->processing_switch, self->consent_processing);
  show_consent_date (self);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes ? notes : "", -1);
}

static void
set_editing (CgCustomerPage *self,
             gboolean        editing)
{
  gtk_widget_set_visible (self->edit_bar, editing);
  gtk_widget_set_visible (self->actions_box, !editing);
  gtk_stack_set_visible_child_name (self->mode_stack, editing ? "edit" : "view");
}

void
cg_customer_page_edit (CgCustomerPage *self)
{
  g_autoptr(JsonObject) customer = NULL;

  g_return_if_fail (CG_IS_CUSTOMER_PAGE (self));

  if (self->customer_id == NULL)
    return;
  customer = cg_store_get (self->watch.store, self->customer_id, FALSE, NULL);
  if (customer == NULL)
    return;
  fill_form (self, customer);
  set_editing (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

gboolean
cg_customer_page_is_editing (CgCustomerPage *self)
{
  g_return_val_if_fail (CG_IS_CUSTOMER_PAGE (self), FALSE);
  return gtk_widget_get_visible (self->edit_bar);
}

void
cg_customer_page_cancel_edit (CgCustomerPage *self)
{
  g_return_if_fail (CG_IS_CUSTOMER_PAGE (self));

  if (!gtk_widget_get_visible (self->edit_bar))
    return;
  clear_errors (self);
  set_editing (self, FALSE);
}

static void
show_error (GtkLabel   *label,
            GtkWidget  *row,
            const char *message)
{
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

/* Reads the list's entries: normalised phones (@phones) or checked
 * e-mails; duplicates and empty rows dropped. FALSE after showing the
 * first invalid one. */
static gboolean
collect_values (CgCustomerPage *self,
                GtkListBox     *list,
                gboolean        phones,
                JsonArray      *out)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *value = NULL;

      if (!ADW_IS_ENTRY_ROW (row))
        continue;
      text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
      if (*text == '\0')
        continue;
      if (phones)
        value = cg_phone_normalize (text, &error);
      else if (cg_email_check (text, &error))
        value = g_strdup (text);
      if (value == NULL)
        {
          show_error (phones ? self->phone_error : self->email_error, row, error->message);
          return FALSE;
        }
      if (g_hash_table_add (seen, g_strdup (value)))
        json_array_add_string_element (out, value);
    }
  return TRUE;
}

gboolean
cg_customer_page_save (CgCustomerPage *self)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonArray) phones = json_array_new ();
  g_autoptr(JsonArray) emails = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *notes = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  JsonObject *consent;
  guint channel, language;

  g_return_val_if_fail (CG_IS_CUSTOMER_PAGE (self), FALSE);

  if (self->customer_id == NULL || !cg_customer_page_is_editing (self))
    return FALSE;
  clear_errors (self);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (*name == '\0')
    {
      show_error (self->name_error, GTK_WIDGET (self->name_row), _("Enter the customer’s name."));
      return FALSE;
    }
  if (!collect_values (self, self->phones_list, TRUE, phones) ||
      !collect_values (self, self->emails_list, FALSE, emails))
    return FALSE;

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  channel = MIN (adw_combo_row_get_selected (self->channel_row), G_N_ELEMENTS (channels) - 1);
  language = MIN (adw_combo_row_get_selected (self->language_row), G_N_ELEMENTS (languages) - 1);

  json_object_set_string_member (changes, "name", name);
  json_object_set_array_member (changes, "phones", g_steal_pointer (&phones));
  json_object_set_array_member (changes, "emails", g_steal_pointer (&emails));
  json_object_set_string_member (changes, "preferred_channel", channels[channel]);
  json_object_set_string_member (changes, "language", languages[language]);
  consent = json_object_new ();
  json_object_set_boolean_member (consent, "marketing", gtk_switch_get_active (self->marketing_switch));
  json_object_set_boolean_member (consent, "data_processing", gtk_switch_get_active (self->processing_switch));
  if (self->consent_at != NULL)
    json_object_set_string_member (consent, "at", self->consent_at);
  json_object_set_object_member (changes, "consent", consent);
  json_object_set_string_member (changes, "notes", notes);

  if (!cg_customer_update_as (self->watch.store, self->customer_id, changes, actor (self), &error))
    {
      show_error (self->name_error, NULL, error->message);
      return FALSE;
    }
  set_editing (self, FALSE);
  cg_customer_page_reload (self, NULL);
  cg_widget_toast_text (GTK_WIDGET (self), _("Customer saved"));
  return TRUE;
}

static void
edit_clicked (CgCustomerPage *self)
{
  cg_customer_page_edit (self);
}

static void
save_clicked (CgCustomerPage *self)
{
  cg_customer_page_save (self);
}

static void
cancel_clicked (CgCustomerPage *self)
{
  cg_customer_page_cancel_edit (self);
}
