/* cg-new-case-dialog.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The suggestion follows the text until the agent picks a value
 * themselves; from then on the row keeps their choice and only says what
 * the suggestion would be. The model trains once per store on a worker
 * thread (cg_case_suggester_load_async()), so the dialog opens at once
 * and suggests as soon as it is ready.
 */
#define G_LOG_DOMAIN "cg-new-case-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-case-format.h"
#include "cg-new-case-dialog.h"

/* In the order of the priority row's items. */
static const char * const priorities[] = { "urgent", "high", "normal", "low" };
#define NORMAL_INDEX 2

struct _CgNewCaseDialog
{
  AdwWindow        parent_instance;

  CgStore         *store;
  CgSession       *session;
  char            *customer_id;
  char            *order_id;
  CgCaseSuggester *model;
  GCancellable    *cancellable;
  guint            suggest_timeout;
  gboolean         updating;
  gboolean         category_chosen;   /* by the agent */
  gboolean         priority_chosen;

  GtkButton       *cancel_button;
  GtkButton       *create_button;
  GtkLabel        *customer_label;
  AdwEntryRow     *subject_row;
  GtkTextView     *description_text;
  AdwComboRow     *category_row;
  AdwComboRow     *priority_row;
  GtkLabel        *error_label;
};

enum {
  SIGNAL_CASE_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CgNewCaseDialog, cg_new_case_dialog, ADW_TYPE_WINDOW)

static char *
description_text (CgNewCaseDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_text);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (g_steal_pointer (&text));
}

static char *
subject_text (CgNewCaseDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row))));
}

static int
priority_index (const char *priority)
{
  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    if (g_strcmp0 (priorities[i], priority) == 0)
      return (int) i;
  return -1;
}

/* Shows @suggested on @row: selects it unless the agent chose, and says
 * "Suggested" or "Suggested: X". */
static void
show_suggestion (CgNewCaseDialog *self,
                 AdwComboRow     *row,
                 int              suggested,
                 const char      *label,
                 gboolean         chosen)
{
  g_autofree char *subtitle = NULL;

  if (suggested < 0)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "");
      return;
    }
  if (!chosen)
    {
      self->updating = TRUE;
      adw_combo_row_set_selected (row, (guint) suggested);
      self->updating = FALSE;
    }
  if ((guint) suggested == adw_combo_row_get_selected (row))
    subtitle = g_strdup (_("Suggested"));
  else
    /* Translators: %s is a category or priority, "Refund". */
    subtitle = g_strdup_printf (_("Suggested: %s"), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static void
update_suggestion (CgNewCaseDialog *self)
{
  g_autofree char *subject = subject_text (self);
  g_autofree char *description = description_text (self);
  CgCaseSuggestion suggestion;

  if (self->model == NULL ||
      !cg_case_suggester_suggest (self->model, subject, description, &suggestion))
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->category_row), "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->priority_row), "");
      return;
    }
  show_suggestion (self, self->category_row, cg_categories_find (suggestion.category),
                   cg_category_get_label (suggestion.category), self->category_chosen);
  /* A priority the words do not predict is no suggestion (the self-check
   * of the model found it no better than "normal" for everything). */
  show_suggestion (self, self->priority_row,
                   suggestion.priority_from_words ? priority_index (suggestion.priority) : -1,
                   cg_case_format_priority (suggestion.priority), self->priority_chosen);
}

static gboolean
suggest_timeout (gpointer data)
{
  CgNewCaseDialog *self = data;

  self->suggest_timeout = 0;
  update_suggestion (self);
  return G_SOURCE_REMOVE;
}

static void
on_text_changed (CgNewCaseDialog *self)
{
  g_autofree char *subject = subject_text (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), *subject != '\0');
  /* Every key press would be wasteful; a short pause in typing is not. */
  g_clear_handle_id (&self->suggest_timeout, g_source_remove);
  self->suggest_timeout = g_timeout_add (250, suggest_timeout, self);
}

static void
on_category_selected (CgNewCaseDialog *self)
{
  if (self->updating)
    return;
  self->category_chosen = TRUE;
  update_suggestion (self);
}

static void
on_priority_selected (CgNewCaseDialog *self)
{
  if (self->updating)
    return;
  self->priority_chosen = TRUE;
  update_suggestion (self);
}

static void
on_model_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CgNewCaseDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  CgCaseSuggester *model = cg_case_suggester_load_finish (CG_STORE (source), result, &error);

  if (model == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("No case suggestions: %s", error->message);
      return;
    }
  g_clear_pointer (&self->model, cg_case_suggester_unref);
  self->model = model;
  update_suggestion (self);
}

static void
on_create (CgNewCaseDialog *self)
{
  g_autofree char *subject = subject_text (self);
  g_autofree char *description = description_text (self);
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  CgCaseDraft draft = { 0 };

  if (*subject == '\0')
    return;
  draft.customer_id = self->customer_id;
  draft.order_id = self->order_id;
  draft.channel = "counter";
  draft.category = cg_new_case_dialog_get_category (self);
  draft.subject = subject;
  draft.description = *description != '\0' ? description : NULL;
  draft.priority = cg_new_case_dialog_get_priority (self);
  draft.created_by = self->session != NULL ? cg_session_get_staff_id (self->session) : "";

  id = cg_case_create (self->store, &draft, &error);
  if (id == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_CASE_CREATED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
cg_new_case_dialog_dispose (GObject *object)
{
  CgNewCaseDialog *self = CG_NEW_CASE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->suggest_timeout, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_pointer (&self->model, cg_case_suggester_unref);
  G_OBJECT_CLASS (cg_new_case_dialog_parent_class)->dispose (object);
}

static void
cg_new_case_dialog_finalize (GObject *object)
{
  CgNewCaseDialog *self = CG_NEW_CASE_DIALOG (object);

  g_free (self->customer_id);
  g_free (self->order_id);
  G_OBJECT_CLASS (cg_new_case_dialog_parent_class)->finalize (object);
}

static void
cg_new_case_dialog_class_init (CgNewCaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_new_case_dialog_dispose;
  object_class->finalize = cg_new_case_dialog_finalize;

  /**
   * CgNewCaseDialog::case-created:
   * @case_id: the new case's id
   */
  signals[SIGNAL_CASE_CREATED] =
    g_signal_new ("case-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-new-case-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CgNewCaseDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CgNewCaseDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, CgNewCaseDialog, customer_label);
  gtk_widget_class_bind_template_child (widget_class, CgNewCaseDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CgNewCaseDialog, description_text);
  gtk_widget_class_bind_template_child (widget_class, CgNewCaseDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, CgNewCaseDialog, priority_row);
  gtk_widget_class_bind_template_child (widget_class, CgNewCaseDialog, error_label);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
cg_new_case_dialog_init (CgNewCaseDialog *self)
{
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  const CgCategory *list = cg_categories_get ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; list[i].id != NULL; i++)
    gtk_string_list_append (categories, cg_category_get_label (list[i].id));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));
  self->updating = TRUE;
  adw_combo_row_set_selected (self->category_row, (guint) MAX (cg_categories_find ("other"), 0));
  adw_combo_row_set_selected (self->priority_row, NORMAL_INDEX);
  self->updating = FALSE;

  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (gtk_window_close), self);
  g_signal_connect_swapped (self->create_button, "clicked", G_CALLBACK (on_create), self);
  g_signal_connect_swapped (self->subject_row, "changed", G_CALLBACK (on_text_changed), self);
  g_signal_connect_swapped (self->subject_row, "entry-activated", G_CALLBACK (on_create), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_text), "changed",
                            G_CALLBACK (on_text_changed), self);
  g_signal_connect_swapped (self->category_row, "notify::selected", G_CALLBACK (on_category_selected), self);
  g_signal_connect_swapped (self->priority_row, "notify::selected", G_CALLBACK (on_priority_selected), self);
}

GtkWidget *
cg_new_case_dialog_new (GtkWindow  *parent,
                        CgStore    *store,
                        CgSession  *session,
                        const char *customer_id,
                        const char *order_id)
{
  CgNewCaseDialog *self;
  CgCaseSuggester *model;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  self = g_object_new (CG_TYPE_NEW_CASE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->session = session != NULL ? g_object_ref (session) : NULL;
  self->customer_id = g_strdup (customer_id && *customer_id ? customer_id : NULL);
  self->order_id = g_strdup (order_id && *order_id ? order_id : NULL);

  if (self->customer_id != NULL)
    {
      g_autoptr(JsonObject) customer = cg_store_get (store, self->customer_id, FALSE, NULL);
      const char *name = customer != NULL ? cg_json_get_string (customer, "name") : NULL;

      if (name != NULL)
        {
          /* Translators: %s is the customer's name. */
          g_autofree char *text = g_strdup_printf (_("For %s"), name);
          gtk_label_set_text (self->customer_label, text);
          gtk_widget_set_visible (GTK_WIDGET (self->customer_label), TRUE);
        }
    }

  model = cg_case_suggester_get_for_store (store);
  if (model != NULL)
    self->model = cg_case_suggester_ref (model);
  else
    cg_case_suggester_load_async (store, self->cancellable, on_model_loaded, g_object_ref (self));
  return GTK_WIDGET (self);
}

const char *
cg_new_case_dialog_get_category (CgNewCaseDialog *self)
{
  guint selected;

  g_return_val_if_fail (CG_IS_NEW_CASE_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->category_row);
  if (selected >= cg_categories_get_n ())
    return "other";
  return cg_categories_get ()[selected].id;
}

const char *
cg_new_case_dialog_get_priority (CgNewCaseDialog *self)
{
  guint selected;

  g_return_val_if_fail (CG_IS_NEW_CASE_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->priority_row);
  return selected < G_N_ELEMENTS (priorities) ? priorities[selected] : "normal";
}

gboolean
cg_new_case_dialog_is_ready (CgNewCaseDialog *self)
{
  g_return_val_if_fail (CG_IS_NEW_CASE_DIALOG (self), FALSE);
  return self->model != NULL;
}
