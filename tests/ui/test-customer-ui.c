/* test-customer-ui.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Customer 360 driven through its widgets: edit and save the profile, a
 * typo'd phone refused inline, Cancel, the quick actions and the timeline
 * rows firing the right window actions, and merging a duplicate through
 * the merge dialog, then undoing it from the toast.
 */
#include "config.h"

#include <adwaita.h>

#include "cg-customer-page.h"
#include "cg-merge-dialog.h"
#include "cg-ui-test-util.h"

#define STAFF "staff:0421-02"

typedef struct {
  CgStore        *store;
  CgSession      *session;
  GtkWidget      *window;
  CgCustomerPage *page;
  char           *survivor;
  char           *duplicate;
  char           *case_id;
  GPtrArray      *fired;    /* "action target" strings */
} Fixture;

static void
record_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  Fixture *f = user_data;

  g_ptr_array_add (f->fired, g_strdup_printf ("%s %s", g_action_get_name (G_ACTION (action)),
                                              g_variant_get_string (parameter, NULL)));
}

static void
put_json (CgStore    *store,
          const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_json_from_string (json, &error);
  g_autofree char *rev = NULL;

  g_assert_no_error (error);
  rev = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autofree char *dir = g_dir_make_tmp ("changgu-customer-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *order = NULL;
  g_autofree char *json = NULL;
  GtkWidget *overlay;
  const char *names[] = { "show-case", "show-order", "new-case", "show-customer" };
  CgCaseDraft draft = { .channel = "counter", .category = "repair", .subject = "Broken zipper",
                        .priority = "normal", .created_by = STAFF };

  f->fired = g_ptr_array_new_with_free_func (g_free);
  f->store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cg_device_set_identity (f->store, "0421", "C1", "counter", &error));
  f->session = cg_session_new (STAFF, "이수진", "agent");

  f->survivor = cg_customer_create (f->store, "김민준", "010-1234-5678", "minjun@example.com", "ko", &error);
  g_assert_no_error (error);
  f->duplicate = cg_customer_create (f->store, "김 민준", "010-5555-0001", NULL, "ko", &error);
  g_assert_no_error (error);
  draft.customer_id = f->duplicate;
  f->case_id = cg_case_create (f->store, &draft, &error);
  g_assert_no_error (error);
  json = g_strdup_printf (
    "{\"_id\":\"order:0421:W1\",\"type\":\"order\",\"number\":\"W24001234\",\"store_id\":\"0421\","
    "\"customer_id\":\"%s\",\"channel\":\"online\","
    "\"items\":[{\"sku\":\"J1\",\"name\":\"Down jacket\",\"qty\":1,\"unit_price\":128000}],"
    "\"total\":128000,\"currency\":\"KRW\",\"status\":\"ready_for_pickup\","
    "\"ready_at\":\"2026-11-02T09:00:00Z\",\"created_at\":\"2026-11-01T09:00:00Z\"}", f->survivor);
  put_json (f->store, json);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (names[i], G_VARIANT_TYPE_STRING);
      g_signal_connect (action, "activate", G_CALLBACK (record_action), f);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 860, 860);
  gtk_widget_insert_action_group (f->window, "win", G_ACTION_GROUP (group));
  overlay = adw_toast_overlay_new ();
  f->page = CG_CUSTOMER_PAGE (cg_customer_page_new ());
  cg_customer_page_set_store (f->page, f->store);
  cg_customer_page_set_session (f->page, f->session);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  gtk_window_present (GTK_WINDOW (f->window));

  g_assert_true (cg_customer_page_load (f->page, f->survivor, &error));
  g_assert_no_error (error);
  wait_for_frames (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  g_clear_object (&f->session);
  g_free (f->survivor);
  g_free (f->duplicate);
  g_free (f->case_id);
  g_ptr_array_unref (f->fired);
}

static GtkWidget *
named (Fixture    *f,
       GType       type,
       const char *name)
{
  GtkWidget *widget = find_descendant (GTK_WIDGET (f->page), type, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static JsonObject *
get (Fixture    *f,
     const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = cg_store_get (f->store, id, FALSE, &error);

  g_assert_no_error (error);
  return doc;
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_drawable (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (root) && gtk_widget_is_drawable (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static void
test_edit_profile (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) before = get (f, f->survivor);
  g_autoptr(JsonObject) after = NULL;
  GtkWidget *phones, *error_label, *row;
  JsonArray *list;
  JsonObject *consent;

  save_screenshot (f->window, "customer-360");
  g_assert_true (shows_text (GTK_WIDGET (f->page), "010-1234-5678"));

  click (named (f, GTK_TYPE_BUTTON, "edit"));
  g_assert_true (cg_customer_page_is_editing (f->page));
  wait_for_frames (f->window);
  /* The form holds the customer. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (f, ADW_TYPE_ENTRY_ROW, "name"))), ==, "김민준");
  phones = named (f, GTK_TYPE_LIST_BOX, "phones");
  row = gtk_widget_get_first_child (phones);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "010-1234-5678");

  /* A second phone with a digit missing: refused inline, nothing saved. */
  click (named (f, GTK_TYPE_BUTTON, "add-phone"));
  row = gtk_widget_get_last_child (phones);
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "010-2222-333");
  gtk_editable_set_text (GTK_EDITABLE (named (f, ADW_TYPE_ENTRY_ROW, "name")), "김민준 (VIP)");
  click (named (f, GTK_TYPE_BUTTON, "save"));
  g_assert_true (cg_customer_page_is_editing (f->page));
  error_label = named (f, GTK_TYPE_LABEL, "phone-error");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), !=, "");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  after = get (f, f->survivor);
  g_assert_cmpstr (cg_json_get_string (after, "_rev"), ==, cg_json_get_string (before, "_rev"));
  g_clear_pointer (&after, json_object_unref);
  save_screenshot (f->window, "customer-phone-error");

  /* Fixed, with marketing consent and a note: saved, by this person. */
  gtk_editable_set_text (GTK_EDITABLE (row), "010-2222-3333");
  gtk_switch_set_active (GTK_SWITCH (named (f, GTK_TYPE_SWITCH, "marketing")), TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (named (f, GTK_TYPE_TEXT_VIEW, "notes"))),
                            "Prefers calls after 6 pm", -1);
  save_screenshot (f->window, "customer-edit");
  click (named (f, GTK_TYPE_BUTTON, "save"));
  g_assert_false (cg_customer_page_is_editing (f->page));
  g_assert_false (gtk_widget_get_visible (error_label));

  after = get (f, f->survivor);
  g_assert_cmpstr (cg_json_get_string (after, "name"), ==, "김민준 (VIP)");
  list = cg_json_get_array (after, "phones");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (cg_json_array_get_string (list, 1), ==, "+821022223333");
  consent = cg_json_get_object (after, "consent");
  g_assert_true (cg_json_get_bool (consent, "marketing", FALSE));
  g_assert_nonnull (cg_json_get_string (consent, "at"));
  g_assert_cmpstr (cg_json_get_string (after, "notes"), ==, "Prefers calls after 6 pm");
  g_assert_cmpstr (cg_json_get_string (after, "updated_by"), ==, STAFF);
  g_assert_nonnull (cg_json_get_string (after, "updated_device"));
  wait_for_frames (f->window);
  g_assert_true (shows_text (GTK_WIDGET (f->page), "김민준 (VIP)"));
  g_assert_true (shows_text (GTK_WIDGET (f->page), "010-2222-3333"));
  g_assert_true (shows_text (GTK_WIDGET (f->page), "Prefers calls after 6 pm"));
  g_assert_true (shows_text (GTK_WIDGET (f->page), "Notes"));
  g_clear_pointer (&after, json_object_unref);

  /* Cancel restores: nothing written, the form starts from the store. */
  click (named (f, GTK_TYPE_BUTTON, "edit"));
  gtk_editable_set_text (GTK_EDITABLE (named (f, ADW_TYPE_ENTRY_ROW, "name")), "Someone else");
  click (named (f, GTK_TYPE_BUTTON, "cancel"));
  g_assert_false (cg_customer_page_is_editing (f->page));
  after = get (f, f->survivor);
  g_assert_cmpstr (cg_json_get_string (after, "name"), ==, "김민준 (VIP)");
  click (named (f, GTK_TYPE_BUTTON, "edit"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (f, ADW_TYPE_ENTRY_ROW, "name"))), ==, "김민준 (VIP)");
  click (named (f, GTK_TYPE_BUTTON, "cancel"));
}

static gboolean
has_fired (Fixture    *f,
           const char *what)
{
  for (guint i = 0; i < f->fired->len; i++)
    if (g_str_equal (g_ptr_array_index (f->fired, i), what))
      return TRUE;
  return FALSE;
}

static GtkListBoxRow *
timeline_row (Fixture    *f,
              const char *kind)
{
  GListModel *timeline = cg_customer_page_get_timeline (f->page);
  GtkWidget *list = named (f, GTK_TYPE_LIST_BOX, "timeline");

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(CgTimelineEntry) entry = g_list_model_get_item (timeline, i);
      if (g_str_equal (cg_timeline_entry_get_kind (entry), kind))
        return gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) i);
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
timeline_has_visit (gpointer data)
{
  Fixture *f = data;
  GListModel *timeline = cg_customer_page_get_timeline (f->page);

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(CgTimelineEntry) entry = g_list_model_get_item (timeline, i);
      if (g_str_equal (cg_timeline_entry_get_kind (entry), "visit"))
        return TRUE;
    }
  return FALSE;
}

static void
test_quick_actions (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *new_case = g_strdup_printf ("new-case %s", f->survivor);
  g_autofree char *sql = NULL;
  GtkListBoxRow *row;

  click (named (f, GTK_TYPE_BUTTON, "new-case"));
  g_assert_true (has_fired (f, new_case));

  click (named (f, GTK_TYPE_BUTTON, "hand-over"));
  g_assert_true (has_fired (f, "show-order order:0421:W1"));

  /* Check in: a ticket for this customer, with the given name only. */
  click (named (f, GTK_TYPE_BUTTON, "check-in"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) timeline = cg_timeline_load (f->store, f->survivor, 10);
    CgTimelineEntry *visit = NULL;
    for (guint i = 0; i < timeline->len; i++)
      if (g_str_equal (cg_timeline_entry_get_kind (g_ptr_array_index (timeline, i)), "visit"))
        visit = g_ptr_array_index (timeline, i);
    g_assert_nonnull (visit);
    {
      g_autoptr(JsonObject) checkin = cg_store_get (f->store, cg_timeline_entry_get_doc_id (visit), FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (cg_json_get_string (checkin, "reason"), ==, "help");
      g_assert_cmpstr (cg_json_get_string (checkin, "display_name"), ==, "민준");
      g_assert_cmpstr (cg_json_get_string (checkin, "customer_id"), ==, f->survivor);
    }
  }

  /* The page refreshes itself after the write. */
  iterate_until (timeline_has_visit, f, 5000, "the visit in the timeline");

  /* Timeline rows open their order (and, below, their case). */
  wait_for_frames (f->window);
  row = timeline_row (f, "order");
  g_assert_true (gtk_list_box_row_get_activatable (row));
  g_signal_emit_by_name (named (f, GTK_TYPE_LIST_BOX, "timeline"), "row-activated", row);
  g_assert_true (has_fired (f, "show-order order:0421:W1"));
  row = timeline_row (f, "visit");
  g_assert_false (gtk_list_box_row_get_activatable (row));

  /* Another customer without a ready order: Hand Over is off. */
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (cg_customer_page_load (f->page, f->duplicate, &error));
    g_assert_false (gtk_widget_is_sensitive (named (f, GTK_TYPE_BUTTON, "hand-over")));
    row = timeline_row (f, "case");
    g_signal_emit_by_name (named (f, GTK_TYPE_LIST_BOX, "timeline"), "row-activated", row);
    sql = g_strdup_printf ("show-case %s", f->case_id);
    g_assert_true (has_fired (f, sql));
  }
}

static CgMergeDialog *
find_merge_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (CG_IS_MERGE_DIALOG (window))
        return CG_MERGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
no_merge_dialog (gpointer data)
{
  return find_merge_dialog () == NULL;
}

static void
test_merge_and_undo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) duplicate = NULL;
  g_autoptr(JsonObject) survivor = NULL;
  CgMergeDialog *dialog;
  GtkWidget *results, *merge_button;
  AdwToast *toast;
  int dup_row = -1;

  click (named (f, GTK_TYPE_BUTTON, "merge"));
  dialog = find_merge_dialog ();
  g_assert_nonnull (dialog);
  merge_button = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "merge-button");
  g_assert_false (gtk_widget_is_sensitive (merge_button));

  /* Both records are found; this one cannot be picked. */
  cg_merge_dialog_set_query (dialog, "민준");
  g_assert_cmpuint (cg_merge_dialog_get_n_results (dialog), ==, 1);
  results = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, "results");
  for (int i = 0; gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), i);
      if (gtk_list_box_row_get_activatable (row))
        dup_row = i;
    }
  g_assert_cmpint (dup_row, >=, 0);
  g_signal_emit_by_name (results, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), dup_row));
  g_assert_cmpstr (cg_merge_dialog_get_other_id (dialog), ==, f->duplicate);
  g_assert_cmpstr (cg_merge_dialog_get_survivor_id (dialog), ==, f->survivor);
  g_assert_true (gtk_widget_is_sensitive (merge_button));
  g_assert_true (gtk_widget_has_css_class (merge_button, "destructive-action"));
  save_screenshot (GTK_WIDGET (dialog), "merge-dialog");

  click (merge_button);
  iterate_until (no_merge_dialog, NULL, 5000, "the merge dialog closes");

  duplicate = get (f, f->duplicate);
  g_assert_cmpstr (cg_json_get_string (duplicate, "merged_into"), ==, f->survivor);
  g_assert_cmpstr (cg_json_get_string (duplicate, "updated_by"), ==, STAFF);
  g_assert_cmpstr (cg_customer_page_get_customer_id (f->page), ==, f->survivor);
  /* The duplicate's case is in the survivor's history now; its phone too. */
  wait_for_frames (f->window);
  g_assert_nonnull (timeline_row (f, "case"));
  g_assert_true (shows_text (GTK_WIDGET (f->page), "010-5555-0001"));

  /* Opening the duplicate shows the survivor. */
  g_assert_true (cg_customer_page_load (f->page, f->duplicate, NULL));
  g_assert_cmpstr (cg_customer_page_get_customer_id (f->page), ==, f->survivor);

  /* Undo from the toast. */
  toast = cg_customer_page_get_merge_toast (f->page);
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  g_clear_pointer (&duplicate, json_object_unref);
  duplicate = get (f, f->duplicate);
  g_assert_null (cg_json_get_string (duplicate, "merged_into"));
  survivor = get (f, f->survivor);
  g_assert_cmpuint (json_array_get_length (cg_json_get_array (survivor, "phones")), ==, 1);
  wait_for_frames (f->window);
  g_assert_false (shows_text (GTK_WIDGET (f->page), "010-5555-0001"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 77;
    }
  adw_init ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add ("/customer-ui/edit-profile", Fixture, NULL, fixture_set_up, test_edit_profile, fixture_tear_down);
  g_test_add ("/customer-ui/quick-actions", Fixture, NULL, fixture_set_up, test_quick_actions, fixture_tear_down);
  g_test_add ("/customer-ui/merge-and-undo", Fixture, NULL, fixture_set_up, test_merge_and_undo, fixture_tear_down);
  return g_test_run ();
}
