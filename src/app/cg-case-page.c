/* cg-case-page.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything shown is rebuilt from the case document on load and on every
 * store change that may concern it (coalesced in one idle), so the page
 * never disagrees with the store, whichever device made the change. The
 * status buttons come from cg_validate_next_statuses(): the page cannot
 * offer a move the store would refuse.
 */
#define G_LOG_DOMAIN "cg-case-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-article-view.h"
#include "cg-case-format.h"
#include "cg-case-page.h"
#include "cg-format.h"
#include "cg-store-watch.h"
#include "cg-ui-util.h"

struct _CgCasePage
{
  GtkWidget        parent_instance;

  CgStoreWatch     watch;
  CgSession       *session;
  char            *case_id;
  JsonObject      *doc;
  GPtrArray       *staff;          /* CgSession, for the assignee dropdown */
  GtkWidget       *dialog;         /* weak */
  guint            tick;
  gboolean         updating;       /* filling the dropdown: not a user choice */

  GtkScrolledWindow *scroller;
  GtkLabel        *number_label;
  GtkLabel        *subject_label;
  GtkLabel        *facts_label;
  GtkButton       *customer_button;
  AdwButtonContent *customer_content;
  GtkButton       *order_button;
  AdwButtonContent *order_content;
  GtkBox          *actions_box;
  GtkLabel        *first_response_badge;
  GtkLabel        *resolution_badge;
  AdwActionRow    *first_response_row;
  AdwActionRow    *resolution_row;
  GtkLabel        *assignee_label;
  GtkDropDown     *assignee_dropdown;
  AdwActionRow    *resolution_text_row;
  GtkLabel        *description_label;
  AdwPreferencesGroup *articles_group;
  GtkListBox      *articles_list;
  GtkListBox      *notes_list;
  GtkTextView     *composer_text;
  GtkSwitch       *visibility_switch;
  GtkLabel        *visibility_label;
  GtkButton       *add_note_button;
};

G_DEFINE_FINAL_TYPE (CgCasePage, cg_case_page, GTK_TYPE_WIDGET)

static const char * const badge_classes[] = { "accent", "warning", "error", "dim-label", "success" };

static void show_case (CgCasePage *self);

static gint64
unix_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    {
      if (!GTK_IS_LIST_BOX_ROW (child))
        break;
      gtk_list_box_remove (list, child);
    }
}

static void
set_badge (GtkLabel         *label,
           const CgSlaClock *clock,
           gint64            now)
{
  const char *style = NULL;
  g_autofree char *text = cg_case_format_sla_badge (clock, now, &style);

  for (guint i = 0; i < G_N_ELEMENTS (badge_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), badge_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (label), style);
  gtk_label_set_text (label, text);
}

static void
set_dialog (CgCasePage *self,
            GtkWidget  *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

static const char *
actor (CgCasePage *self)
{
  return self->session != NULL ? cg_session_get_staff_id (self->session) : NULL;
}

static void
report_error (CgCasePage *self,
              GError     *error)
{
  cg_widget_toast_text (GTK_WIDGET (self), error->message);
}

/* -------------------------------------------------------------- actions */

static void
move_to (CgCasePage *self,
         const char *status,
         const char *resolution)
{
  g_autoptr(GError) error = NULL;

  if (!cg_case_set_status (self->watch.store, self->case_id, status, actor (self), resolution, &error))
    {
      report_error (self, error);
      return;
    }
  if (g_str_equal (status, "resolved"))
    cg_widget_toast_text (GTK_WIDGET (self), _("Case resolved; the customer will be asked for a rating"));
  show_case (self);
}

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (g_steal_pointer (&text));
}

static void
on_resolution_changed (GtkTextBuffer   *buffer,
                       AdwMessageDialog *dialog)
{
  gboolean any = gtk_text_buffer_get_char_count (buffer) > 0;

  adw_message_dialog_set_response_enabled (dialog, "resolve", any);
}

static void
on_resolve_response (AdwMessageDialog *dialog,
                     const char       *response,
                     CgCasePage       *self)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "resolution-text");
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "resolve"))
    return;
  text = text_view_get_text (view);
  move_to (self, "resolved", text);
}

static void
ask_resolution (CgCasePage *self)
{
  GtkWidget *dialog, *frame, *scroller, *view;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Resolve Case"),
                                   _("Describe how the case was resolved. The customer will be asked to rate the service."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "resolve", _("_Resolve"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "resolve", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "resolve", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  view = gtk_text_view_new ();
  gtk_widget_set_name (view, "resolution-text");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Resolution"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 100);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), scroller);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), frame);
  g_object_set_data (G_OBJECT (dialog), "resolution-text", view);

  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                    G_CALLBACK (on_resolution_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_resolve_response), self, 0);
  set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   CgCasePage       *self)
{
  if (g_str_equal (response, "close"))
    move_to (self, "closed", NULL);
}

static void
confirm_close (CgCasePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Close Case?"),
                                              _("A closed case cannot be reopened. Close it only when the customer needs nothing more."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close", _("C_lose Case"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_status_clicked (GtkButton  *button,
                   CgCasePage *self)
{
  const char *status = g_object_get_data (G_OBJECT (button), "status");

  if (g_str_equal (status, "resolved"))
    ask_resolution (self);
  else if (g_str_equal (status, "closed"))
    confirm_close (self);
  else
    move_to (self, status, NULL);
}

static void
on_customer_clicked (CgCasePage *self)
{
  const char *customer_id = cg_json_get_string (self->doc, "customer_id");

  if (customer_id != NULL)
    cg_widget_navigate (GTK_WIDGET (self), "win.show-customer", customer_id);
}

static void
on_order_clicked (CgCasePage *self)
{
  const char *order_id = cg_json_get_string (self->doc, "order_id");

  if (order_id != NULL)
    cg_widget_navigate (GTK_WIDGET (self), "win.show-order", order_id);
}

static void
on_assignee_selected (CgCasePage *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->assignee_dropdown);
  const char *assignee = NULL;

  if (self->updating || self->doc == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected > 0 && selected - 1 < self->staff->len)
    assignee = cg_session_get_staff_id (g_ptr_array_index (self->staff, selected - 1));
  if (g_strcmp0 (assignee, cg_json_get_string (self->doc, "assignee")) == 0)
    return;
  if (!cg_case_assign (self->watch.store, self->case_id, assignee, actor (self), &error))
    {
      report_error (self, error);
      show_case (self);
      return;
    }
  show_case (self);
}

static void
on_add_note (CgCasePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = text_view_get_text (self->composer_text);
  g_autofree char *note = NULL;
  gboolean to_customer = gtk_switch_get_active (self->visibility_switch);

  if (self->doc == NULL || *text == '\0')
    return;
  note = cg_case_add_note (self->watch.store, self->case_id, actor (self),
                           to_customer ? "customer" : "internal", text, &error);
  if (note == NULL)
    {
      report_error (self, error);
      return;
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->composer_text), "", 0);
  /* Back to internal: the next words go to the customer only when the
   * agent says so again. */
  gtk_switch_set_active (self->visibility_switch, FALSE);
  cg_widget_toast_text (GTK_WIDGET (self), to_customer ? _("Reply sent") : _("Note added"));
  show_case (self);
}

static void
update_composer (CgCasePage *self)
{
  gboolean to_customer = gtk_switch_get_active (self->visibility_switch);
  g_autofree char *text = text_view_get_text (self->composer_text);

  gtk_label_set_text (self->visibility_label,
                      to_customer ? _("Reply to the customer: they will see it")
                                  : _("Internal note: staff only"));
  gtk_button_set_label (self->add_note_button, to_customer ? _("Send Reply") : _("Add Note"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_note_button), *text != '\0');
}

/* ------------------------------------------------------------- articles */

static void
on_article_activated (GtkListBox    *list,
                      GtkListBoxRow *row,
                      CgCasePage    *self)
{
  const char *article_id = g_object_get_data (G_OBJECT (row), "article-id");
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window, *box, *header, *scroller, *view;

  view = cg_article_view_new ();
  if (!cg_article_view_load (CG_ARTICLE_VIEW (view), self->watch.store, article_id, &error))
    {
      g_object_ref_sink (view);
      g_object_unref (view);
      report_error (self, error);
      return;
    }

  /* In place: a modal reader over the case, closed with Escape. */
  window = adw_window_new ();
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 560);
  gtk_window_set_title (GTK_WINDOW (window), cg_article_view_get_title (CG_ARTICLE_VIEW (view)));
  gtk_window_set_hide_on_close (GTK_WINDOW (window), FALSE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, shortcuts);
  }
  set_dialog (self, window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
show_articles (CgCasePage *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(JsonObject) customer = NULL;
  const char *customer_id = cg_json_get_string (self->doc, "customer_id");
  const char *locale = NULL;

  clear_list (self->articles_list);
  text = g_strjoin (" ", cg_json_get_string (self->doc, "subject") ?: "",
                    cg_json_get_string (self->doc, "description") ?: "", NULL);
  /* Articles in the customer's language: what the agent may read out or
   * send them. */
  if (customer_id != NULL)
    customer = cg_store_get (self->watch.store, customer_id, FALSE, NULL);
  if (customer != NULL)
    locale = cg_json_get_string (customer, "language");
  articles = cg_article_suggest_for_text (self->watch.store, text, locale, 4);
  if (articles->len == 0 && locale != NULL)
    {
      g_ptr_array_unref (articles);
      articles = cg_article_suggest_for_text (self->watch.store, text, NULL, 4);
    }

  for (guint i = 0; i < articles->len; i++)
    {
      CgArticleSummary *article = g_ptr_array_index (articles, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cg_article_summary_get_title (article));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cg_article_summary_get_snippet (article));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "article-id",
                              g_strdup (cg_article_summary_get_id (article)), g_free);
      gtk_list_box_append (self->articles_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->articles_group), articles->len > 0);
}

/* ---------------------------------------------------------------- notes */

static GtkWidget *
new_note_row (CgCasePage *self,
              JsonObject *note)
{
  const char *visibility = cg_json_get_string (note, "visibility");
  gboolean to_customer = g_strcmp0 (visibility, "customer") == 0;
  g_autofree char *author = cg_staff_dup_name (self->watch.store, cg_json_get_string (note, "author") ?: "");
  g_autofree char *header_text = cg_case_format_note_header (visibility, author,
                                                             cg_json_get_string (note, "created_at"), NULL);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name (to_customer ? "mail-send-symbolic" : "changes-prevent-symbolic");
  GtkWidget *header = gtk_label_new (header_text);
  GtkWidget *body = gtk_label_new (cg_json_get_string (note, "body"));

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  /* Internal notes in the warning colour with a lock, replies in the
   * accent colour with an envelope: never confused at a glance. */
  gtk_widget_add_css_class (header, "caption-heading");
  gtk_widget_add_css_class (header, to_customer ? "accent" : "warning");
  gtk_widget_add_css_class (icon, to_customer ? "accent" : "warning");
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_label_set_wrap (GTK_LABEL (header), TRUE);
  gtk_box_append (GTK_BOX (top), icon);
  gtk_box_append (GTK_BOX (top), header);

  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_widget_set_focusable (body, FALSE);
  if (!to_customer)
    gtk_widget_add_css_class (body, "dim-label");

  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), body);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_name (row, to_customer ? "customer-note" : "internal-note");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, header_text, -1);
  return row;
}

/* ----------------------------------------------------------------- show */

static void
show_assignee (CgCasePage *self)
{
  const char *assignee = cg_json_get_string (self->doc, "assignee");
  gboolean supervisor = self->session != NULL && cg_session_is_supervisor (self->session);
  g_autofree char *name = assignee != NULL ? cg_staff_dup_name (self->watch.store, assignee) : NULL;

  gtk_label_set_text (self->assignee_label, name != NULL ? name : _("Unassigned"));
  gtk_widget_set_visible (GTK_WIDGET (self->assignee_label), !supervisor);
  gtk_widget_set_visible (GTK_WIDGET (self->assignee_dropdown), supervisor);
  if (!supervisor)
    return;

  self->updating = TRUE;
  if (self->staff == NULL)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      self->staff = cg_staff_list_active (self->watch.store);
      gtk_string_list_append (names, _("Unassigned"));
      for (guint i = 0; i < self->staff->len; i++)
        gtk_string_list_append (names, cg_session_get_name (g_ptr_array_index (self->staff, i)));
      gtk_drop_down_set_model (self->assignee_dropdown, G_LIST_MODEL (names));
    }
  gtk_drop_down_set_selected (self->assignee_dropdown, 0);
  for (guint i = 0; assignee != NULL && i < self->staff->len; i++)
    if (g_strcmp0 (cg_session_get_staff_id (g_ptr_array_index (self->staff, i)), assignee) == 0)
      gtk_drop_down_set_selected (self->assignee_dropdown, i + 1);
  self->updating = FALSE;
}

static void
show_actions (CgCasePage *self)
{
  const char *status = cg_json_get_string (self->doc, "status");
  const char * const *next = cg_validate_next_statuses ("case", status);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box))) != NULL)
    gtk_box_remove (self->actions_box, child);
  for (; *next != NULL; next++)
    {
      GtkWidget *button = gtk_button_new_with_label (cg_case_format_status_action (status, *next));

      g_object_set_data_full (G_OBJECT (button), "status", g_strdup (*next), g_free);
      gtk_widget_set_name (button, *next);
      if (g_str_equal (*next, "resolved") || (g_str_equal (*next, "open") && g_str_equal (status, "new")))
        gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect (button, "clicked", G_CALLBACK (on_status_clicked), self);
      gtk_box_append (self->actions_box, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->actions_box), cg_validate_next_statuses ("case", status)[0] != NULL);
}

static void
show_case (CgCasePage *self)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *facts = NULL;
  g_autofree char *number = NULL;
  CgSlaClock clocks[CG_SLA_N_TARGETS];
  const char *customer_id, *order_id, *resolution, *description;
  gint64 now = unix_now ();

  cg_store_watch_cancel (&self->watch);
  if (self->watch.store == NULL || self->case_id == NULL)
    return;
  doc = cg_store_get (self->watch.store, self->case_id, FALSE, NULL);
  if (doc == NULL)
    return;   /* deleted meanwhile: keep what is shown */
  g_clear_pointer (&self->doc, json_object_unref);
  self->doc = g_steal_pointer (&doc);

  /* Translators: %s is a case number, "0421-C1-000123". */
  number = g_strdup_printf (_("Case %s"), cg_json_get_string (self->doc, "number") ?: "");
  gtk_label_set_text (self->number_label, number);
  gtk_label_set_text (self->subject_label, cg_json_get_string (self->doc, "subject") ?: "");
  facts = cg_case_format_facts (cg_json_get_string (self->doc, "status"),
                                cg_json_get_string (self->doc, "priority"),
                                cg_json_get_string (self->doc, "category"),
                                cg_json_get_string (self->doc, "channel"));
  gtk_label_set_text (self->facts_label, facts);

  customer_id = cg_json_get_string (self->doc, "customer_id");
  gtk_widget_set_visible (GTK_WIDGET (self->customer_button), customer_id != NULL);
  if (customer_id != NULL)
    {
      g_autoptr(JsonObject) customer = cg_store_get (self->watch.store, customer_id, FALSE, NULL);
      const char *name = customer != NULL ? cg_json_get_string (customer, "name") : NULL;
      adw_button_content_set_label (self->customer_content, name != NULL ? name : _("Customer"));
    }
  order_id = cg_json_get_string (self->doc, "order_id");
  gtk_widget_set_visible (GTK_WIDGET (self->order_button), order_id != NULL);
  if (order_id != NULL)
    {
      g_autoptr(JsonObject) order = cg_store_get (self->watch.store, order_id, FALSE, NULL);
      const char *order_number = order != NULL ? cg_json_get_string (order, "number") : NULL;
      /* Translators: %s is an order number. */
      g_autofree char *label = g_strdup_printf (_("Order %s"), order_number ? order_number : "");
      adw_button_content_set_label (self->order_content, order_number != NULL ? label : _("Linked order"));
    }

  cg_sla_evaluate (self->doc, cg_case_get_sla_policies (self->watch.store), now, clocks);
  set_badge (self->first_response_badge, &clocks[CG_SLA_FIRST_RESPONSE], now);
  set_badge (self->resolution_badge, &clocks[CG_SLA_RESOLUTION], now);
  {
    g_autofree char *due = NULL;
    const char *first_at = cg_json_get_string (self->doc, "first_response_at");
    if (first_at != NULL)
      {
        g_autofree char *when = cg_format_time (first_at, NULL);
        /* Translators: %s is when the first reply was sent. */
        due = g_strdup_printf (_("Answered %s"), when ? when : first_at);
      }
    adw_action_row_set_subtitle (self->first_response_row, due ? due : "");
  }

  resolution = cg_json_get_string (self->doc, "resolution");
  gtk_widget_set_visible (GTK_WIDGET (self->resolution_text_row),
                          resolution != NULL && g_strv_contains ((const char *[]) { "resolved", "closed", NULL },
                                                                 cg_json_get_string (self->doc, "status") ?: ""));
  adw_action_row_set_subtitle (self->resolution_text_row, resolution ? resolution : "");

  description = cg_json_get_string (self->doc, "description");
  gtk_label_set_text (self->description_label, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL && *description != '\0');

  show_actions (self);
  show_assignee (self);

  clear_list (self->notes_list);
  notes = cg_case_list_notes (self->watch.store, self->case_id);
  for (guint i = 0; i < notes->len; i++)
    gtk_list_box_append (self->notes_list, new_note_row (self, g_ptr_array_index (notes, i)));

  /* A closed case takes no more notes. */
  gtk_widget_set_visible (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (self->add_note_button))),
                          g_strcmp0 (cg_json_get_string (self->doc, "status"), "closed") != 0);
}

static void
on_store_changed (gpointer data)
{
  show_case (data);
}

static gboolean
store_change_matters (const char *id,
                      const char *type,
                      gpointer    user_data)
{
  CgCasePage *self = user_data;

  if (self->case_id == NULL)
    return FALSE;
  if (id == NULL || g_strcmp0 (id, self->case_id) == 0 || g_strcmp0 (type, "case_note") == 0 ||
      g_strcmp0 (type, "staff") == 0)
    {
      if (g_strcmp0 (type, "staff") == 0)
        g_clear_pointer (&self->staff, g_ptr_array_unref);
      return TRUE;
    }
  return FALSE;
}

static gboolean
on_tick (gpointer data)
{
  CgCasePage *self = data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    cg_store_watch_queue (&self->watch);
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------ lifecycle */

static void
cg_case_page_dispose (GObject *object)
{
  CgCasePage *self = CG_CASE_PAGE (object);

  g_clear_handle_id (&self->tick, g_source_remove);
  /* A dialog of this page must not answer into a disposed page. */
  if (self->dialog != NULL)
    {
      GtkWidget *dialog = self->dialog;

      set_dialog (self, NULL);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_CASE_PAGE);
  cg_store_watch_clear (&self->watch);
  g_clear_object (&self->session);
  g_clear_pointer (&self->doc, json_object_unref);
  g_clear_pointer (&self->staff, g_ptr_array_unref);
  G_OBJECT_CLASS (cg_case_page_parent_class)->dispose (object);
}

static void
cg_case_page_finalize (GObject *object)
{
  CgCasePage *self = CG_CASE_PAGE (object);

  g_free (self->case_id);
  G_OBJECT_CLASS (cg_case_page_parent_class)->finalize (object);
}

static void
cg_case_page_class_init (CgCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_case_page_dispose;
  object_class->finalize = cg_case_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, number_label);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, subject_label);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, facts_label);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, customer_button);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, customer_content);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, order_button);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, order_content);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, first_response_badge);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, resolution_badge);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, first_response_row);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, resolution_row);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, assignee_label);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, assignee_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, resolution_text_row);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, description_label);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, articles_group);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, articles_list);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, notes_list);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, composer_text);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, visibility_switch);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, visibility_label);
  gtk_widget_class_bind_template_child (widget_class, CgCasePage, add_note_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cg-case-page");
}

static void
cg_case_page_init (CgCasePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cg_store_watch_init (&self->watch, NULL, on_store_changed, self);
  cg_store_watch_set_filter (&self->watch, store_change_matters);

  g_signal_connect_swapped (self->customer_button, "clicked", G_CALLBACK (on_customer_clicked), self);
  g_signal_connect_swapped (self->order_button, "clicked", G_CALLBACK (on_order_clicked), self);
  g_signal_connect_swapped (self->assignee_dropdown, "notify::selected", G_CALLBACK (on_assignee_selected), self);
  g_signal_connect_swapped (self->add_note_button, "clicked", G_CALLBACK (on_add_note), self);
  g_signal_connect_swapped (self->visibility_switch, "notify::active", G_CALLBACK (update_composer), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->composer_text), "changed",
                            G_CALLBACK (update_composer), self);
  g_signal_connect (self->articles_list, "row-activated", G_CALLBACK (on_article_activated), self);
  update_composer (self);

  self->tick = g_timeout_add_seconds (60, on_tick, self);
}

GtkWidget *
cg_case_page_new (void)
{
  return g_object_new (CG_TYPE_CASE_PAGE, NULL);
}

void
cg_case_page_set_store (CgCasePage *self,
                        CgStore    *store)
{
  g_return_if_fail (CG_IS_CASE_PAGE (self));
  g_return_if_fail (store == NULL || CG_IS_STORE (store));

  if (!cg_store_watch_set_store (&self->watch, store))
    return;
  g_clear_pointer (&self->staff, g_ptr_array_unref);
}

void
cg_case_page_set_session (CgCasePage *self,
                          CgSession  *session)
{
  g_return_if_fail (CG_IS_CASE_PAGE (self));

  if (g_set_object (&self->session, session) && self->doc != NULL)
    show_case (self);
}

gboolean
cg_case_page_load (CgCasePage  *self,
                   const char  *case_id,
                   GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  GtkAdjustment *adjustment;

  g_return_val_if_fail (CG_IS_CASE_PAGE (self), FALSE);
  g_return_val_if_fail (CG_IS_STORE (self->watch.store), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  doc = cg_store_get (self->watch.store, case_id, FALSE, error);
  if (doc == NULL)
    return FALSE;
  if (g_strcmp0 (cg_json_get_string (doc, "type"), "case") != 0)
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND, _("“%s” is not a case."), case_id);
      return FALSE;
    }
  g_free (self->case_id);
  self->case_id = g_strdup (case_id);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->composer_text), "", 0);
  gtk_switch_set_active (self->visibility_switch, FALSE);
  show_case (self);
  show_articles (self);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  return TRUE;
}

const char *
cg_case_page_get_case_id (CgCasePage *self)
{
  g_return_val_if_fail (CG_IS_CASE_PAGE (self), NULL);
  return self->case_id;
}

GtkWidget *
cg_case_page_get_dialog (CgCasePage *self)
{
  g_return_val_if_fail (CG_IS_CASE_PAGE (self), NULL);
  return self->dialog;
}
