/* cg-merge-dialog.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search reuses CgCustomerListModel (the same search as the sidebar,
 * merged customers already left out), shown as a short list of rows. The
 * comparison shows each record's profile lines (cg_profile_lines) and how
 * much history it has, so the person can tell which one is the "real" one.
 */
#define G_LOG_DOMAIN "cg-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-customer-list-model.h"
#include "cg-format.h"
#include "cg-merge-dialog.h"

/* Enough to find a duplicate; a longer list would only scroll. */
#define RESULT_LIMIT 20

struct _CgMergeDialog
{
  AdwWindow            parent_instance;

  CgStore             *store;
  CgSession           *session;
  char                *customer_id;
  char                *other_id;
  CgCustomerListModel *results;

  GtkSearchEntry      *search_entry;
  GtkListBox          *results_list;
  GtkWidget           *compare_box;
  GtkWidget           *merge_button;
  GtkLabel            *error_label;
  GtkCheckButton      *keep_this;
  GtkCheckButton      *keep_other;
};

enum { SIGNAL_MERGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CgMergeDialog, cg_merge_dialog, ADW_TYPE_WINDOW)

static void
cg_merge_dialog_dispose (GObject *object)
{
  CgMergeDialog *self = CG_MERGE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_MERGE_DIALOG);
  g_clear_object (&self->results);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (cg_merge_dialog_parent_class)->dispose (object);
}

static void
cg_merge_dialog_finalize (GObject *object)
{
  CgMergeDialog *self = CG_MERGE_DIALOG (object);

  g_free (self->customer_id);
  g_free (self->other_id);
  G_OBJECT_CLASS (cg_merge_dialog_parent_class)->finalize (object);
}

static void
search_changed (CgMergeDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!cg_customer_list_model_set_query (self->results,
                                         gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                         &error))
    g_debug ("Search: %s", error->message);
}

static GtkWidget *
create_result_row (gpointer item,
                   gpointer user_data)
{
  CgMergeDialog *self = user_data;
  CgCustomerSummary *summary = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check;
  const char *phone = cg_customer_summary_get_phone (summary);
  const char *email = cg_customer_summary_get_email (summary);
  g_autofree char *subtitle = NULL;
  gboolean is_this = g_strcmp0 (cg_customer_summary_get_id (summary), self->customer_id) == 0;

  if (is_this)
    subtitle = g_strdup (_("This customer"));
  else if (phone != NULL && *phone != '\0' && email != NULL && *email != '\0')
    subtitle = g_strdup_printf ("%s · %s", phone, email);
  else
    subtitle = g_strdup (phone != NULL && *phone != '\0' ? phone : (email ? email : ""));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cg_customer_summary_get_name (summary) ?: "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), !is_this);
  gtk_widget_set_sensitive (row, !is_this);
  check = gtk_image_new_from_icon_name ("object-select-symbolic");
  gtk_widget_set_visible (check, g_strcmp0 (cg_customer_summary_get_id (summary), self->other_id) == 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data_full (G_OBJECT (row), "customer-id",
                          g_strdup (cg_customer_summary_get_id (summary)), g_free);
  return row;
}

static GtkWidget *
new_card (CgMergeDialog   *self,
          const char      *id,
          const char      *caption,
          GtkCheckButton **keep)
{
  g_autoptr(JsonObject) customer = cg_store_get (self->store, id, FALSE, NULL);
  g_autoptr(GPtrArray) lines = customer != NULL ? cg_profile_lines (customer) : g_ptr_array_new ();
  g_autoptr(GPtrArray) history = cg_timeline_load (self->store, id, 100);
  g_autofree char *count = NULL;
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label;
  GtkWidget *check;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_valign (card, GTK_ALIGN_START);

  label = gtk_label_new (caption);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_box_append (GTK_BOX (card), label);

  label = gtk_label_new (customer != NULL ? cg_json_get_string (customer, "name") : id);
  gtk_widget_add_css_class (label, "title-3");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_box_append (GTK_BOX (card), label);

  for (guint i = 0; i < lines->len; i++)
    {
      const CgProfileLine *line = g_ptr_array_index (lines, i);
      g_autofree char *text = g_strdup_printf ("%s: %s", line->label, line->value);

      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_box_append (GTK_BOX (card), label);
    }

  count = history->len >= 100
    ? g_strdup (_("100 or more history entries"))
    : g_strdup_printf (ngettext ("%u history entry", "%u history entries", history->len), history->len);
  label = gtk_label_new (count);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_box_append (GTK_BOX (card), label);

  check = gtk_check_button_new_with_mnemonic (_("_Keep this record"));
  gtk_widget_set_margin_start (check, 8);
  gtk_widget_set_margin_bottom (check, 10);
  gtk_widget_set_margin_top (check, 6);
  gtk_box_append (GTK_BOX (card), check);
  *keep = GTK_CHECK_BUTTON (check);
  return card;
}

static void
show_comparison (CgMergeDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->compare_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->compare_box), child);
  self->keep_this = self->keep_other = NULL;

  if (self->other_id == NULL)
    {
      gtk_widget_set_visible (self->compare_box, FALSE);
      gtk_widget_set_sensitive (self->merge_button, FALSE);
      return;
    }
  gtk_box_append (GTK_BOX (self->compare_box),
                  new_card (self, self->customer_id, _("This record"), &self->keep_this));
  gtk_box_append (GTK_BOX (self->compare_box),
                  new_card (self, self->other_id, _("Other record"), &self->keep_other));
  gtk_check_button_set_group (self->keep_other, self->keep_this);
  gtk_check_button_set_active (self->keep_this, TRUE);
  gtk_widget_set_visible (self->compare_box, TRUE);
  gtk_widget_set_sensitive (self->merge_button, TRUE);
}

static void
result_activated (CgMergeDialog *self,
                  GtkListBoxRow *row)
{
  g_autoptr(CgCustomerSummary) summary =
    g_list_model_get_item (G_LIST_MODEL (self->results), (guint) gtk_list_box_row_get_index (row));

  if (summary == NULL || g_strcmp0 (cg_customer_summary_get_id (summary), self->customer_id) == 0)
    return;
  g_free (self->other_id);
  self->other_id = g_strdup (cg_customer_summary_get_id (summary));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  /* The check mark moves to the chosen row. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (child), "check");
      if (check != NULL)
        gtk_widget_set_visible (check, g_strcmp0 (g_object_get_data (G_OBJECT (child), "customer-id"),
                                                  self->other_id) == 0);
    }
  show_comparison (self);
}

const char *
cg_merge_dialog_get_survivor_id (CgMergeDialog *self)
{
  g_return_val_if_fail (CG_IS_MERGE_DIALOG (self), NULL);

  if (self->keep_other != NULL && gtk_check_button_get_active (self->keep_other))
    return self->other_id;
  return self->customer_id;
}

static void
merge_clicked (CgMergeDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *survivor = NULL;
  g_autofree char *duplicate = NULL;

  if (self->other_id == NULL)
    return;
  survivor = g_strdup (cg_merge_dialog_get_survivor_id (self));
  duplicate = g_strdup (g_str_equal (survivor, self->customer_id) ? self->other_id : self->customer_id);
  if (!cg_customer_merge (self->store, survivor, duplicate,
                          self->session != NULL ? cg_session_get_staff_id (self->session) : NULL,
                          &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_MERGED], 0, survivor, duplicate);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cg_merge_dialog_class_init (CgMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_merge_dialog_dispose;
  object_class->finalize = cg_merge_dialog_finalize;

  /* (survivor id, duplicate id) */
  signals[SIGNAL_MERGED] =
    g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CgMergeDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CgMergeDialog, results_list);
  gtk_widget_class_bind_template_child (widget_class, CgMergeDialog, compare_box);
  gtk_widget_class_bind_template_child (widget_class, CgMergeDialog, merge_button);
  gtk_widget_class_bind_template_child (widget_class, CgMergeDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, result_activated);
  gtk_widget_class_bind_template_callback (widget_class, merge_clicked);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_destroy);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cg_merge_dialog_init (CgMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CgMergeDialog *
cg_merge_dialog_new (CgStore    *store,
                     CgSession  *session,
                     const char *customer_id)
{
  CgMergeDialog *self;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  self = g_object_new (CG_TYPE_MERGE_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->session = session != NULL ? g_object_ref (session) : NULL;
  self->customer_id = g_strdup (customer_id);
  self->results = cg_customer_list_model_new (store, RESULT_LIMIT);
  gtk_list_box_bind_model (self->results_list, G_LIST_MODEL (self->results),
                           create_result_row, self, NULL);
  return self;
}

void
cg_merge_dialog_set_query (CgMergeDialog *self,
                           const char    *query)
{
  g_return_if_fail (CG_IS_MERGE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query != NULL ? query : "");
  /* Without waiting for the entry's search delay. */
  search_changed (self);
}

guint
cg_merge_dialog_get_n_results (CgMergeDialog *self)
{
  guint n;

  g_return_val_if_fail (CG_IS_MERGE_DIALOG (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgCustomerSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->results), i);
      if (g_strcmp0 (cg_customer_summary_get_id (summary), self->customer_id) == 0)
        return n - 1;
    }
  return n;
}

const char *
cg_merge_dialog_get_other_id (CgMergeDialog *self)
{
  g_return_val_if_fail (CG_IS_MERGE_DIALOG (self), NULL);
  return self->other_id;
}
