/* test-cases-ui.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cases pages on a demo store, under Xvfb: the list with each filter
 * and its empty state; a case page driven through its whole life (start,
 * internal note, customer reply setting the first response, assignment,
 * resolve with the dialog queuing a csat_request, reopen); a suggested
 * article opened in place; the new-case dialog suggesting a category as
 * the subject is typed, then creating the case. Screenshots: cases-list,
 * cases-empty, case-page, case-resolve-dialog, case-article,
 * new-case-dialog.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "changgu-core.h"
#include "cg-application.h"
#include "cg-article-view.h"
#include "cg-case-page.h"
#include "cg-case-row.h"
#include "cg-cases-page.h"
#include "cg-demo.h"
#include "cg-new-case-dialog.h"
#include "cg-ui-test-util.h"

static CgApplication *application;
static char *store_path;

typedef struct {
  CgStore   *store;
  CgSession *session;
  GtkWidget *window;
  GPtrArray *navigations;   /* "action target" */
} Fixture;

static void
on_navigate (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  Fixture *f = user_data;

  g_ptr_array_add (f->navigations, g_strdup_printf ("%s %s", g_action_get_name (G_ACTION (action)),
                                                    g_variant_get_string (parameter, NULL)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  static const GActionEntry entries[] = {
    { "show-case", on_navigate, "s" },
    { "show-customer", on_navigate, "s" },
    { "show-order", on_navigate, "s" },
    { "show-article", on_navigate, "s" },
  };
  GSimpleActionGroup *group = g_simple_action_group_new ();

  f->store = cg_store_open (store_path, &error);
  g_assert_no_error (error);
  /* A supervisor of the demo store: sees the assignee dropdown. */
  staff = cg_staff_list_active (f->store);
  for (guint i = 0; i < staff->len && f->session == NULL; i++)
    if (cg_session_is_supervisor (g_ptr_array_index (staff, i)))
      f->session = g_object_ref (g_ptr_array_index (staff, i));
  g_assert_nonnull (f->session);
  f->navigations = g_ptr_array_new_with_free_func (g_free);

  f->window = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (f->window), GTK_APPLICATION (application));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 760);
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), f);
  gtk_widget_insert_action_group (f->window, "win", G_ACTION_GROUP (group));
  g_object_unref (group);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  g_ptr_array_unref (f->navigations);
}

static void
show (Fixture   *f,
      GtkWidget *page)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_frames (f->window);
}

static void
collect_buttons (GtkWidget *root,
                 GPtrArray *labels)
{
  if (GTK_IS_BUTTON (root) && is_showing (root) && gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    g_ptr_array_add (labels, (gpointer) gtk_button_get_label (GTK_BUTTON (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, labels);
}

/* The status buttons of the case page, joined with "|". */
static char *
action_labels (GtkWidget *page)
{
  GtkWidget *box = find_descendant (page, GTK_TYPE_BOX, "case-actions");
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  g_assert_nonnull (box);
  collect_buttons (box, labels);
  g_ptr_array_add (labels, NULL);
  return g_strjoinv ("|", (char **) labels->pdata);
}

static GtkWidget *
action_button (GtkWidget  *page,
               const char *status)
{
  GtkWidget *box = find_descendant (page, GTK_TYPE_BOX, "case-actions");
  GtkWidget *button = find_descendant (box, GTK_TYPE_BUTTON, status);

  g_assert_nonnull (button);
  return button;
}

static JsonObject *
get (CgStore    *store,
     const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = cg_store_get (store, id, FALSE, &error);

  g_assert_no_error (error);
  return doc;
}

static void
select_filter (CgCasesPage *page,
               const char  *name,
               guint        index)
{
  GtkWidget *dropdown = find_descendant (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, name);

  g_assert_nonnull (dropdown);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), index);
  wait_for_frames (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))));
}

/* ------------------------------------------------------------------ list */

static void
test_cases_list (Fixture       *f,
                 gconstpointer  data)
{
  CgCasesPage *page = CG_CASES_PAGE (cg_cases_page_new ());
  GListModel *cases;
  GtkWidget *row, *toggle, *list_view;
  const char *me = cg_session_get_staff_id (f->session);
  guint n;

  cg_cases_page_set_session (page, f->session);
  cg_cases_page_set_store (page, f->store);
  show (f, GTK_WIDGET (page));
  cases = cg_cases_page_get_cases (page);

  /* Default: open cases, nearest due first, rows with badges. */
  n = g_list_model_get_n_items (cases);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (cg_cases_page_get_total (page), >=, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgCaseSummary) s = g_list_model_get_item (cases, i);
      g_assert_true (g_strv_contains (cg_case_list_open_statuses (), cg_case_summary_get_status (s)));
    }
  row = find_descendant (GTK_WIDGET (page), CG_TYPE_CASE_ROW, NULL);
  g_assert_nonnull (row);
  g_assert_cmpstr (cg_case_row_get_badge_text (CG_CASE_ROW (row)), !=, "");
  g_assert_cmpstr (cg_case_row_get_subject_text (CG_CASE_ROW (row)), !=, "");
  save_screenshot (f->window, "cases-list");

  /* Activating a row opens the case. */
  list_view = find_descendant (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW, "cases-list");
  g_signal_emit_by_name (list_view, "activate", 0);
  {
    g_autoptr(CgCaseSummary) first = g_list_model_get_item (cases, 0);
    g_autofree char *expected = g_strdup_printf ("show-case %s", cg_case_summary_get_id (first));
    g_assert_cmpuint (f->navigations->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (f->navigations, 0), ==, expected);
  }

  /* Each filter. */
  select_filter (page, "status-filter", 5);   /* resolved */
  n = g_list_model_get_n_items (cases);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgCaseSummary) s = g_list_model_get_item (cases, i);
      g_assert_cmpstr (cg_case_summary_get_status (s), ==, "resolved");
    }
  select_filter (page, "status-filter", 0);

  select_filter (page, "assignee-filter", 2);  /* unassigned */
  n = g_list_model_get_n_items (cases);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgCaseSummary) s = g_list_model_get_item (cases, i);
      g_assert_null (cg_case_summary_get_assignee (s));
    }
  select_filter (page, "assignee-filter", 1);  /* me */
  n = g_list_model_get_n_items (cases);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgCaseSummary) s = g_list_model_get_item (cases, i);
      g_assert_cmpstr (cg_case_summary_get_assignee (s), ==, me);
    }
  select_filter (page, "assignee-filter", 0);

  select_filter (page, "priority-filter", 1);  /* urgent */
  n = g_list_model_get_n_items (cases);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgCaseSummary) s = g_list_model_get_item (cases, i);
      g_assert_cmpstr (cg_case_summary_get_priority (s), ==, "urgent");
    }
  select_filter (page, "priority-filter", 0);

  toggle = find_descendant (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON, "breaching-filter");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  wait_for_frames (f->window);
  n = g_list_model_get_n_items (cases);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgCaseSummary) s = g_list_model_get_item (cases, i);
      CgSlaState a = cg_case_summary_get_sla (s, CG_SLA_FIRST_RESPONSE)->state;
      CgSlaState b = cg_case_summary_get_sla (s, CG_SLA_RESOLUTION)->state;
      g_assert_true (a == CG_SLA_STATE_WARNING || a == CG_SLA_STATE_BREACHED ||
                     b == CG_SLA_STATE_WARNING || b == CG_SLA_STATE_BREACHED);
    }
  save_screenshot (f->window, "cases-breaching");

  /* Closed cases never breach: the empty state. */
  select_filter (page, "status-filter", 6);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 0);
  {
    GtkWidget *empty = find_descendant (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE, NULL);
    g_assert_true (is_showing (empty));
    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty)), ==, "No Cases");
  }
  save_screenshot (f->window, "cases-empty");

  /* A new case appears by itself (store "changed"). */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  select_filter (page, "status-filter", 1);   /* new */
  {
    g_autoptr(GError) error = NULL;
    CgCaseDraft draft = { .channel = "counter", .category = "other", .subject = "Lost umbrella",
                          .priority = "urgent", .created_by = me };
    g_autofree char *id = cg_case_create (f->store, &draft, &error);
    gboolean found = FALSE;

    g_assert_no_error (error);
    wait_for_frames (f->window);
    for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
      {
        g_autoptr(CgCaseSummary) s = g_list_model_get_item (cases, i);
        found |= g_str_equal (cg_case_summary_get_id (s), id);
      }
    g_assert_true (found);
  }
}

/* ------------------------------------------------------------- case page */

static char *
demo_customer_with_phone (CgStore *store)
{
  CgCaseQuery query = { .limit = 50 };
  g_autoptr(GPtrArray) results = cg_case_list_query (store, &query, NULL, NULL);

  /* A customer of an open case who can be sent a text message. */
  for (guint i = 0; i < results->len; i++)
    {
      const char *customer_id = cg_case_summary_get_customer_id (g_ptr_array_index (results, i));
      g_autoptr(JsonObject) customer = customer_id ? cg_store_get (store, customer_id, FALSE, NULL) : NULL;
      JsonArray *phones = customer ? cg_json_get_array (customer, "phones") : NULL;
      const char *preferred = customer ? cg_json_get_string (customer, "preferred_channel") : NULL;

      if (phones != NULL && json_array_get_length (phones) > 0 && g_strcmp0 (preferred, "none") != 0 &&
          g_strcmp0 (preferred, "email") != 0)
        return g_strdup (customer_id);
    }
  g_assert_not_reached ();
}

typedef struct {
  CgStore    *store;
  const char *number;
  guint       n;
} Csat;

static gboolean
count_csat (const char *id,
            const char *rev,
            gint64      seq,
            gpointer    user_data)
{
  Csat *csat = user_data;
  g_autoptr(JsonObject) doc = cg_store_get (csat->store, id, FALSE, NULL);

  if (doc != NULL && g_strcmp0 (cg_json_get_string (doc, "template"), "csat_request") == 0 &&
      g_strcmp0 (cg_json_get_string (cg_json_get_object (doc, "params"), "case_number"), csat->number) == 0)
    csat->n++;
  return TRUE;
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  GtkWidget *label = find_descendant (root, GTK_TYPE_LABEL, name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static guint
count_rows_named (GtkWidget  *list,
                  const char *name)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      n++;
  return n;
}

static void
test_case_page (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer_id = demo_customer_with_phone (f->store);
  CgCaseDraft draft = { .customer_id = customer_id, .channel = "counter", .category = "refund",
                        .subject = "Refund not received for the wireless earbuds",
                        .description = "I returned them a week ago and the refund has not reached my card yet.",
                        .priority = "high", .created_by = cg_session_get_staff_id (f->session) };
  g_autofree char *case_id = cg_case_create (f->store, &draft, &error);
  g_autofree char *labels = NULL;
  g_autoptr(JsonObject) doc = NULL;
  CgCasePage *page = CG_CASE_PAGE (cg_case_page_new ());
  GtkWidget *composer, *visibility, *add_note, *notes, *dialog, *assignee, *articles;
  Csat csat = { f->store, NULL, 0 };

  g_assert_no_error (error);
  cg_case_page_set_store (page, f->store);
  cg_case_page_set_session (page, f->session);
  g_assert_true (cg_case_page_load (page, case_id, &error));
  g_assert_no_error (error);
  show (f, GTK_WIDGET (page));

  /* New: only Start. */
  labels = action_labels (GTK_WIDGET (page));
  g_assert_cmpstr (labels, ==, "Start");
  g_assert_true (g_str_has_suffix (label_text (GTK_WIDGET (page), "first-response-badge"), "left"));
  g_signal_emit_by_name (action_button (GTK_WIDGET (page), "open"), "clicked");
  g_free (labels);
  labels = action_labels (GTK_WIDGET (page));
  g_assert_cmpstr (labels, ==, "Wait for Customer|Escalate|Resolve");

  /* Internal note: not a first response. */
  composer = find_descendant (GTK_WIDGET (page), GTK_TYPE_TEXT_VIEW, "composer-text");
  visibility = find_descendant (GTK_WIDGET (page), GTK_TYPE_SWITCH, "visibility-switch");
  add_note = find_descendant (GTK_WIDGET (page), GTK_TYPE_BUTTON, "add-note");
  notes = find_descendant (GTK_WIDGET (page), GTK_TYPE_LIST_BOX, "notes");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (add_note)), ==, "Add Note");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (composer)), "Card company says 3 more days", -1);
  g_signal_emit_by_name (add_note, "clicked");
  wait_for_frames (f->window);
  g_assert_cmpuint (count_rows_named (notes, "internal-note"), ==, 1);
  doc = get (f->store, case_id);
  g_assert_null (cg_json_get_string (doc, "first_response_at"));
  g_clear_pointer (&doc, json_object_unref);
  g_assert_true (g_str_has_suffix (label_text (GTK_WIDGET (page), "first-response-badge"), "left"));

  /* Assign (supervisor). */
  assignee = find_descendant (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, "assignee-dropdown");
  g_assert_true (is_showing (assignee));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (assignee), 1);
  doc = get (f->store, case_id);
  g_assert_nonnull (cg_json_get_string (doc, "assignee"));
  g_clear_pointer (&doc, json_object_unref);

  /* Customer reply: the first response; the badge turns to Met. */
  gtk_switch_set_active (GTK_SWITCH (visibility), TRUE);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (add_note)), ==, "Send Reply");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (composer)),
                            "We have asked the card company; the refund will arrive within three days.", -1);
  save_screenshot (f->window, "case-page-composing");
  g_signal_emit_by_name (add_note, "clicked");
  wait_for_frames (f->window);
  g_assert_cmpuint (count_rows_named (notes, "customer-note"), ==, 1);
  doc = get (f->store, case_id);
  g_assert_nonnull (cg_json_get_string (doc, "first_response_at"));
  csat.number = g_strdup (cg_json_get_string (doc, "number"));
  g_clear_pointer (&doc, json_object_unref);
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "first-response-badge"), ==, "Met");
  save_screenshot (f->window, "case-page");
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (find_descendant (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW, NULL)));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    wait_for_frames (f->window);
    save_screenshot (f->window, "case-page-notes");
    gtk_adjustment_set_value (adjustment, 0);
  }

  /* Suggested articles, opened in place. */
  articles = find_descendant (GTK_WIDGET (page), GTK_TYPE_LIST_BOX, "articles");
  if (articles != NULL && is_showing (articles) && gtk_widget_get_first_child (articles) != NULL)
    {
      GtkWidget *row = gtk_widget_get_first_child (articles);
      g_signal_emit_by_name (articles, "row-activated", row);
      dialog = cg_case_page_get_dialog (page);
      g_assert_nonnull (dialog);
      g_assert_nonnull (find_descendant (dialog, CG_TYPE_ARTICLE_VIEW, NULL));
      g_assert_cmpstr (cg_article_view_get_title (CG_ARTICLE_VIEW (find_descendant (dialog, CG_TYPE_ARTICLE_VIEW, NULL))), !=, "");
      wait_for_frames (dialog);
      save_screenshot (dialog, "case-article");
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  else
    g_test_message ("no suggested article for this case");

  /* Resolve: the dialog asks how. */
  g_signal_emit_by_name (action_button (GTK_WIDGET (page), "resolved"), "clicked");
  dialog = cg_case_page_get_dialog (page);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "resolve"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_descendant (dialog, GTK_TYPE_TEXT_VIEW, "resolution-text"))),
                            "Confirmed the cancellation with the card company and gave the reference.", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "resolve"));
  wait_for_frames (dialog);
  save_screenshot (dialog, "case-resolve-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "resolve");
  wait_for_frames (f->window);
  doc = get (f->store, case_id);
  g_assert_cmpstr (cg_json_get_string (doc, "status"), ==, "resolved");
  g_clear_pointer (&doc, json_object_unref);
  cg_store_foreach_document (f->store, "notification", count_csat, &csat);
  g_assert_cmpuint (csat.n, ==, 1);
  g_free (labels);
  labels = action_labels (GTK_WIDGET (page));
  g_assert_cmpstr (labels, ==, "Reopen|Close");
  save_screenshot (f->window, "case-page-resolved");

  /* Reopen. */
  g_signal_emit_by_name (action_button (GTK_WIDGET (page), "open"), "clicked");
  doc = get (f->store, case_id);
  g_assert_cmpstr (cg_json_get_string (doc, "status"), ==, "open");
  g_assert_cmpint (json_object_get_int_member (doc, "reopened_count"), ==, 1);
  g_clear_pointer (&doc, json_object_unref);

  /* Linked customer. */
  {
    GtkWidget *button = NULL;
    g_autofree char *expected = g_strdup_printf ("show-customer %s", customer_id);
    for (GtkWidget *w = find_descendant (GTK_WIDGET (page), ADW_TYPE_BUTTON_CONTENT, NULL);
         w != NULL && button == NULL; w = gtk_widget_get_parent (w))
      if (GTK_IS_BUTTON (w))
        button = w;
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    g_assert_cmpstr (g_ptr_array_index (f->navigations, f->navigations->len - 1), ==, expected);
  }
  g_free ((char *) csat.number);
}

/* ----------------------------------------------------------- new case */

static void
on_case_created (CgNewCaseDialog *dialog,
                 const char      *case_id,
                 char           **out)
{
  *out = g_strdup (case_id);
}

static gboolean
is_ready (gpointer dialog)
{
  return cg_new_case_dialog_is_ready (dialog);
}

static gboolean
category_suggested (gpointer dialog)
{
  GtkWidget *row = find_descendant (dialog, ADW_TYPE_COMBO_ROW, "category");

  return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Suggested") == 0 &&
         g_strcmp0 (cg_new_case_dialog_get_category (dialog), "refund") == 0;
}

static gboolean
is_null (gpointer pointer)
{
  return *(gpointer *) pointer == NULL;
}

static void
test_new_case_dialog (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *customer_id = demo_customer_with_phone (f->store);
  g_autofree char *created = NULL;
  g_autoptr(JsonObject) doc = NULL;
  GtkWidget *dialog, *subject, *description, *category_row;

  gtk_window_present (GTK_WINDOW (f->window));
  dialog = cg_new_case_dialog_new (GTK_WINDOW (f->window), f->store, f->session, customer_id, NULL);
  g_signal_connect (dialog, "case-created", G_CALLBACK (on_case_created), &created);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate_until (is_ready, dialog, 20000, "the suggestion model");

  subject = find_descendant (dialog, ADW_TYPE_ENTRY_ROW, "subject");
  description = find_descendant (dialog, GTK_TYPE_TEXT_VIEW, "description");
  category_row = find_descendant (dialog, ADW_TYPE_COMBO_ROW, "category");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (category_row)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (subject), "환불 지연 문의");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (description)),
                            "반품한 지 일주일이 지났는데 아직 환불이 들어오지 않았습니다.", -1);
  iterate_until (category_suggested, dialog, 5000, "category suggested");
  wait_for_frames (dialog);
  save_screenshot (dialog, "new-case-dialog");

  /* The agent overrides the priority; the suggestion follows no more. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_descendant (dialog, ADW_TYPE_COMBO_ROW, "priority")), 0);
  g_assert_cmpstr (cg_new_case_dialog_get_priority (CG_NEW_CASE_DIALOG (dialog)), ==, "urgent");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (find_descendant (dialog, GTK_TYPE_BUTTON, "create"), "clicked");
  g_assert_nonnull (created);
  iterate_until (is_null, &dialog, 5000, "dialog closed");

  doc = get (f->store, created);
  g_assert_cmpstr (cg_json_get_string (doc, "category"), ==, "refund");
  g_assert_cmpstr (cg_json_get_string (doc, "priority"), ==, "urgent");
  g_assert_cmpstr (cg_json_get_string (doc, "customer_id"), ==, customer_id);
  g_assert_cmpstr (cg_json_get_string (doc, "subject"), ==, "환불 지연 문의");
  g_assert_cmpstr (cg_json_get_string (doc, "created_by"), ==, cg_session_get_staff_id (f->session));

  /* Escape (dialog.cancel) closes without a case. */
  g_clear_pointer (&created, g_free);
  dialog = cg_new_case_dialog_new (GTK_WINDOW (f->window), f->store, f->session, NULL, NULL);
  g_signal_connect (dialog, "case-created", G_CALLBACK (on_case_created), &created);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_editable_set_text (GTK_EDITABLE (find_descendant (dialog, ADW_TYPE_ENTRY_ROW, "subject")), "Never mind");
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.cancel", NULL));
  iterate_until (is_null, &dialog, 5000, "dialog cancelled");
  g_assert_null (created);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = NULL;
  g_autofree char *dir = NULL;
  CgDemoOptions options = { .customers = 400, .seed = 11, .articles = TRUE };
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!ui_test_open_display ("/cases-ui/no-display"))
    return g_test_run ();

  /* One demo store for all tests. */
  dir = g_dir_make_tmp ("changgu-cases-XXXXXX", &error);
  g_assert_no_error (error);
  store_path = g_build_filename (dir, "store.db", NULL);
  store = cg_store_open (store_path, &error);
  g_assert_no_error (error);
  g_assert_true (cg_device_set_identity (store, "0421", "C1", "counter", &error));
  g_assert_true (cg_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  application = ui_test_application_new ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cases-ui/list", test_cases_list);
  ADD ("/cases-ui/case-page", test_case_page);
  ADD ("/cases-ui/new-case", test_new_case_dialog);

  status = g_test_run ();
  g_unlink (store_path);
  return status;
}
