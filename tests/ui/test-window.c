/* test-window.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window on real stores, under Xvfb: search as a person types,
 * select a result, read the customer page; the empty, error, prompt and
 * no-results states; demo data loaded on a worker. Each state is saved as
 * a PNG in $CHANGGU_BUILD_ROOT/screenshots/ for people to look at.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "changgu-core.h"
#include "cg-application.h"
#include "cg-customer-list-model.h"
#include "cg-customer-page.h"
#include "cg-customer-row.h"
#include "cg-window.h"
#include "cg-ui-test-util.h"

static CgApplication *application;

/* ------------------------------------------------------------ widget tree */


/* Whether @widget and all its ancestors are visible and, inside stacks,
 * on the visible page: what a person would see. */
/* The showing status page, or NULL. */
static AdwStatusPage *
showing_status_page (GtkWidget  *root,
                     const char *title)
{
  if (ADW_IS_STATUS_PAGE (root) && is_showing (root) &&
      g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (root)), title) == 0)
    return ADW_STATUS_PAGE (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *found = showing_status_page (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_labels (GtkWidget *root,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (root) && is_showing (root))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_labels (root, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

static void
collect_customer_rows (GtkWidget *root,
                       GPtrArray *names)
{
  if (CG_IS_CUSTOMER_ROW (root) && gtk_widget_get_mapped (root))
    g_ptr_array_add (names, (gpointer) cg_customer_row_get_name_text (CG_CUSTOMER_ROW (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_customer_rows (child, names);
}

/* The titles of the timeline rows, top to bottom. */
static GPtrArray *
timeline_titles (GtkWidget *window)
{
  GtkWidget *list = find_descendant (window, GTK_TYPE_LIST_BOX, "timeline");
  GPtrArray *titles = g_ptr_array_new ();

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) && gtk_widget_get_visible (row))
      g_ptr_array_add (titles, (gpointer) adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return titles;
}

/* ---------------------------------------------------------------- stores */

typedef struct {
  char     *dir;
  char     *path;
  CgStore  *store;
  CgWindow *window;
  /* The customer the search should find, and what their page shows. */
  char     *minjun_id;
  char     *case_number;
  char     *ticket;
} Fixture;

static void
fixture_open (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("changgu-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = cg_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
set_created_at (CgStore    *store,
                const char *id,
                const char *at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_store_get (store, id, FALSE, &error);
  g_autofree char *rev = NULL;

  g_assert_no_error (error);
  json_object_set_string_member (doc, "created_at", at);
  rev = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rev);
}

static void
put_feedback (CgStore    *store,
              const char *customer_id,
              gint64      csat,
              gint64      nps,
              const char *comment,
              const char *at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *id = cg_device_new_doc_id ("feedback");
  g_autofree char *rev = NULL;

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "feedback");
  json_object_set_string_member (doc, "customer_id", customer_id);
  json_object_set_string_member (doc, "channel", "kiosk");
  json_object_set_int_member (doc, "csat", csat);
  json_object_set_int_member (doc, "nps", nps);
  json_object_set_string_member (doc, "comment", comment);
  json_object_set_string_member (doc, "created_at", at);
  rev = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rev);
}

/* Customers in Korean and English, and for 김민준 one of everything, each
 * at a known time so that the order of the timeline is known. */
static void
populate (Fixture *fixture)
{
  CgStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) update = json_object_new ();
  g_autoptr(JsonObject) consent = json_object_new ();
  g_autoptr(JsonObject) order = json_object_new ();
  g_autoptr(JsonObject) case_doc = NULL;
  JsonArray *items = json_array_new ();
  JsonObject *item = json_object_new ();
  g_autofree char *emily = NULL;
  g_autofree char *seoyeon = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *note_id = NULL;
  g_autofree char *checkin_id = NULL;
  g_autofree char *rev = NULL;
  CgCaseDraft draft = {
    .channel = "counter",
    .category = "product",
    .subject = "Broken zipper",
    .description = "The zipper of the jacket came off after two days.",
    .priority = "normal",
    .created_by = "staff:agent1",
  };

  fixture->minjun_id = cg_customer_create (store, "김민준", "010-1234-5678",
                                           "minjun.kim@example.com", "ko", &error);
  g_assert_no_error (error);
  emily = cg_customer_create (store, "Emily Carter", "+44 7700 900123",
                              "emily.carter@example.com", "en", &error);
  g_assert_no_error (error);
  seoyeon = cg_customer_create (store, "이서연", "010-9876-5432", NULL, "ko", &error);
  g_assert_no_error (error);

  json_object_set_string_member (update, "tier", "gold");
  json_object_set_string_member (update, "preferred_channel", "sms");
  json_object_set_boolean_member (consent, "marketing", FALSE);
  json_object_set_boolean_member (consent, "data_processing", TRUE);
  json_object_set_string_member (consent, "at", "2025-03-04T09:00:00Z");
  json_object_set_object_member (update, "consent", json_object_ref (consent));
  g_assert_true (cg_customer_update (store, fixture->minjun_id, update, &error));
  g_assert_no_error (error);

  /* An online order, as the central side writes it. */
  json_object_set_string_member (item, "sku", "JKT-0042");
  json_object_set_string_member (item, "name", "Down jacket");
  json_object_set_int_member (item, "qty", 1);
  json_object_set_int_member (item, "unit_price", 128000);
  json_array_add_object_element (items, item);
  json_object_set_string_member (order, "_id", "order:0421:W24001234");
  json_object_set_string_member (order, "type", "order");
  json_object_set_string_member (order, "number", "W24001234");
  json_object_set_string_member (order, "customer_id", fixture->minjun_id);
  json_object_set_string_member (order, "store_id", "0421");
  json_object_set_string_member (order, "channel", "online");
  json_object_set_array_member (order, "items", items);
  json_object_set_int_member (order, "total", 128000);
  json_object_set_string_member (order, "currency", "KRW");
  json_object_set_string_member (order, "status", "ready_for_pickup");
  json_object_set_string_member (order, "ready_at", "2026-11-02T08:00:00Z");
  json_object_set_string_member (order, "created_at", "2026-11-01T10:00:00Z");
  rev = cg_store_put (store, order, &error);
  g_assert_no_error (error);

  draft.customer_id = fixture->minjun_id;
  draft.order_id = "order:0421:W24001234";
  case_id = cg_case_create (store, &draft, &error);
  g_assert_no_error (error);
  g_assert_true (cg_case_set_status (store, case_id, "open", "staff:agent1", NULL, &error));
  g_assert_no_error (error);
  set_created_at (store, case_id, "2026-11-05T09:00:00Z");
  case_doc = cg_store_get (store, case_id, FALSE, &error);
  g_assert_no_error (error);
  fixture->case_number = g_strdup (cg_json_get_string (case_doc, "number"));
  g_assert_nonnull (fixture->case_number);

  note_id = cg_case_add_note (store, case_id, "staff:agent1", "internal",
                              "Customer will come back on Friday", &error);
  g_assert_no_error (error);
  set_created_at (store, note_id, "2026-11-06T11:30:00Z");

  checkin_id = cg_checkin_create (store, "pickup", fixture->minjun_id, "민준",
                                  &fixture->ticket, &error);
  g_assert_no_error (error);
  g_assert_true (cg_checkin_set_status (store, checkin_id, "done", "staff:agent1", &error));
  g_assert_no_error (error);
  set_created_at (store, checkin_id, "2026-11-10T14:05:00Z");

  put_feedback (store, fixture->minjun_id, 4, 9, "Friendly staff", "2026-11-12T15:00:00Z");
}

static void
fixture_show_window (Fixture *fixture)
{
  fixture->window = cg_window_new (GTK_APPLICATION (application), fixture->store,
                                   fixture->path, NULL);
  /* Keep our reference past gtk_window_destroy() for the assertions. */
  g_object_ref (fixture->window);
  /* Signed in as an agent: sign-in itself is tested in test-window-session. */
  {
    g_autoptr(CgSession) session = cg_session_new ("staff:agent1", "Agent One", "agent");
    cg_window_set_session (fixture->window, session);
  }
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_frames (GTK_WIDGET (fixture->window));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture_open (fixture);
  if (GPOINTER_TO_INT (data))
    populate (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_clear_object (&fixture->window);
    }
  g_clear_object (&fixture->store);
  if (fixture->dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = g_build_filename (fixture->dir, name, NULL);
          g_unlink (file);
        }
      g_rmdir (fixture->dir);
    }
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->minjun_id);
  g_free (fixture->case_number);
  g_free (fixture->ticket);
}

/* ------------------------------------------------------------------ tests */

typedef struct {
  GListModel *model;
  const char *query;
  guint       n;
  const char *first_name;
} ResultsWait;

static gboolean
results_ready (gpointer data)
{
  ResultsWait *wait = data;
  g_autoptr(CgCustomerSummary) first = NULL;

  /* The entry's text passes through "" on its way to the new text. */
  if (g_strcmp0 (cg_customer_list_model_get_query (CG_CUSTOMER_LIST_MODEL (wait->model)), wait->query) != 0)
    return FALSE;
  if (g_list_model_get_n_items (wait->model) != wait->n)
    return FALSE;
  if (wait->first_name == NULL)
    return TRUE;
  first = g_list_model_get_item (wait->model, 0);
  return g_strcmp0 (cg_customer_summary_get_name (first), wait->first_name) == 0;
}

/* Types @text as a person would and waits out the entry's search delay. */
static void
type_search (Fixture    *fixture,
             const char *text,
             guint       expected,
             const char *first_name)
{
  GtkWidget *entry = find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY, NULL);
  ResultsWait wait = { cg_window_get_results (fixture->window), text, expected, first_name };

  g_assert_nonnull (entry);
  g_assert_true (is_showing (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  iterate_until (results_ready, &wait, 5000, text);
  wait_for_frames (GTK_WIDGET (fixture->window));
}

typedef struct {
  GListModel *model;
  guint       n;
} ItemsWait;

static gboolean
items_at_least (gpointer data)
{
  ItemsWait *wait = data;
  return g_list_model_get_n_items (wait->model) >= wait->n;
}

static void
test_search_and_customer_page (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *window;
  GtkWidget *list_view;
  GtkWidget *sidebar_list;
  GtkWidget *focus;
  GtkSelectionModel *selection;
  CgCustomerPage *page;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) titles = NULL;
  g_autofree char *case_title = NULL;
  g_autofree char *visit_title = NULL;

  fixture_show_window (fixture);
  window = GTK_WIDGET (fixture->window);
  g_assert_cmpint (cg_window_get_view (fixture->window), ==, CG_WINDOW_VIEW_WORKSPACE);

  /* Before any search: the prompt, across the whole width. */
  g_assert_nonnull (showing_status_page (window, "Find a Customer"));
  g_assert_null (showing_status_page (window, "No Customer Selected"));
  g_assert_false (is_showing (find_descendant (window, GTK_TYPE_LIST_VIEW, NULL)));
  save_screenshot (window, "workspace-prompt");

  /* Ctrl+K's action puts the focus in the search box. */
  g_assert_true (gtk_widget_activate_action (window, "win.focus-search", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == find_descendant (window, GTK_TYPE_SEARCH_ENTRY, NULL) ||
                 gtk_widget_is_ancestor (focus, find_descendant (window, GTK_TYPE_SEARCH_ENTRY, NULL)));

  /* Part of a Korean name. */
  type_search (fixture, "민준", 1, "김민준");
  list_view = find_descendant (window, GTK_TYPE_LIST_VIEW, NULL);
  g_assert_true (is_showing (list_view));
  collect_customer_rows (list_view, names);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "김민준");
  g_assert_true (shows_label (list_view, "010-1234-5678"));
  g_assert_true (shows_label (list_view, "minjun.kim@example.com"));
  g_assert_true (shows_label (window, "1 match"));
  g_assert_nonnull (showing_status_page (window, "No Customer Selected"));
  save_screenshot (window, "workspace-results");

  /* Any four digits of the phone number. */
  type_search (fixture, "5678", 1, "김민준");
  g_ptr_array_set_size (names, 0);
  collect_customer_rows (list_view, names);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "김민준");

  /* English names and e-mail addresses. */
  type_search (fixture, "emily", 1, "Emily Carter");
  type_search (fixture, "carter@example", 1, "Emily Carter");
  /* The order number leads to its customer. */
  type_search (fixture, "W24001234", 1, "김민준");

  /* Select the result: the customer page shows them. */
  type_search (fixture, "민준", 1, "김민준");
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  gtk_selection_model_select_item (selection, 0, TRUE);
  wait_for_frames (window);

  page = CG_CUSTOMER_PAGE (find_descendant (window, CG_TYPE_CUSTOMER_PAGE, NULL));
  g_assert_true (is_showing (GTK_WIDGET (page)));
  g_assert_cmpstr (cg_customer_page_get_customer_id (page), ==, fixture->minjun_id);
  g_assert_true (shows_label (GTK_WIDGET (page), "김민준"));
  g_assert_true (shows_label (GTK_WIDGET (page), "010-1234-5678"));
  g_assert_true (shows_label (GTK_WIDGET (page), "minjun.kim@example.com"));
  g_assert_true (shows_label (GTK_WIDGET (page), "Korean"));
  g_assert_true (shows_label (GTK_WIDGET (page), "Gold"));
  g_assert_true (shows_label (GTK_WIDGET (page), "Text message (SMS)"));
  g_assert_true (shows_label (GTK_WIDGET (page), "Data processing only, no marketing (since Mar 2025)"));

  /* The timeline, newest first. */
  case_title = g_strdup_printf ("Case %s: Broken zipper · Open", fixture->case_number);
  visit_title = g_strdup_printf ("Visit %s · Pickup · Done", fixture->ticket);
  titles = timeline_titles (window);
  g_assert_cmpuint (titles->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Feedback: CSAT 4/5 · NPS 9 · Friendly staff");
  g_assert_cmpstr (g_ptr_array_index (titles, 1), ==, visit_title);
  g_assert_cmpstr (g_ptr_array_index (titles, 2), ==, "Note (internal): Customer will come back on Friday");
  g_assert_cmpstr (g_ptr_array_index (titles, 3), ==, case_title);
  g_assert_cmpstr (g_ptr_array_index (titles, 4), ==, "Order W24001234 · ₩128,000 · Ready for pickup");
  g_assert_true (shows_label (GTK_WIDGET (page), "Down jacket"));
  g_assert_true (shows_label (GTK_WIDGET (page), "Nov 12, 15:00") ||
                 shows_label (GTK_WIDGET (page), "Nov 12 2026, 15:00") ||
                 shows_label (GTK_WIDGET (page), "Today, 15:00") ||
                 shows_label (GTK_WIDGET (page), "Yesterday, 15:00"));
  save_screenshot (window, "customer-page");
  {
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (find_descendant (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW, NULL));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    save_screenshot (window, "customer-page-history");
  }

  /* A write elsewhere (a sync, another agent) shows up without a click:
   * the store's "changed" signal refreshes the page, newest first. */
  put_feedback (fixture->store, fixture->minjun_id, 5, 10, "Quick pickup", "2026-11-20T10:00:00Z");
  {
    ItemsWait wait = { cg_customer_page_get_timeline (page), 6 };
    iterate_until (items_at_least, &wait, 5000, "timeline refreshed after a write");
    wait_for_frames (window);
  }
  g_ptr_array_unref (g_steal_pointer (&titles));
  titles = timeline_titles (window);
  g_assert_cmpuint (titles->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Feedback: CSAT 5/5 · NPS 10 · Quick pickup");
  /* The selection survived the refresh of the results. */
  sidebar_list = list_view;
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (sidebar_list)))), ==, 0);

  /* Nothing found. */
  type_search (fixture, "zzzqqq", 0, NULL);
  g_assert_nonnull (showing_status_page (window, "No Customers Found"));
  /* The customer stays on the right until another is chosen. */
  g_assert_true (is_showing (GTK_WIDGET (page)));
  save_screenshot (window, "workspace-no-results");
}

static void
test_empty_store (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window;
  AdwStatusPage *status;
  GtkWidget *button;

  fixture_show_window (fixture);
  window = GTK_WIDGET (fixture->window);
  g_assert_cmpint (cg_window_get_view (fixture->window), ==, CG_WINDOW_VIEW_EMPTY);
  status = showing_status_page (window, "No Customers Yet");
  g_assert_nonnull (status);
  button = find_descendant (GTK_WIDGET (status), GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (button);
  g_assert_true (is_showing (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Load Demo Data");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.load-demo");
  g_assert_true (gtk_widget_is_sensitive (button));
  /* No search box while there is nothing to search. */
  g_assert_false (is_showing (find_descendant (window, GTK_TYPE_SEARCH_ENTRY, NULL)));
  save_screenshot (window, "empty-store");
}

static void
test_unopenable_store (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = NULL;
  g_autofree char *path = NULL;
  GtkWidget *window;
  AdwStatusPage *status;
  const char *description;

  fixture->dir = g_dir_make_tmp ("changgu-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "not-a-store.db", NULL);
  g_assert_true (g_file_set_contents (path, "This is a shopping list, not a database.\n"
                                      "Eggs & <milk>\n", -1, &error));
  store = cg_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);

  /* As the application does it: the store's message, in a window. */
  {
    GtkWindow *opened = cg_application_open_store (application, path);
    g_assert_true (CG_IS_WINDOW (opened));
    fixture->window = g_object_ref (CG_WINDOW (opened));
  }
  window = GTK_WIDGET (fixture->window);
  wait_for_frames (window);
  g_assert_cmpint (cg_window_get_view (fixture->window), ==, CG_WINDOW_VIEW_ERROR);
  g_assert_null (cg_window_get_store (fixture->window));
  status = showing_status_page (window, "Cannot Open the Customer Store");
  g_assert_nonnull (status);
  description = adw_status_page_get_description (status);
  g_assert_nonnull (description);
  /* Markup-escaped: a path with & or < must not break the page. */
  {
    g_autofree char *escaped = g_markup_escape_text (error->message, -1);
    g_assert_cmpstr (description, ==, escaped);
  }
  save_screenshot (window, "store-error");
}

static void
on_demo_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error_out = user_data;

  if (cg_window_load_demo_finish (CG_WINDOW (source), result, error_out))
    /* A non-NULL error marks "done" for the waiting loop. */
    *error_out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static gboolean
not_loading (gpointer data)
{
  return cg_window_get_view (CG_WINDOW (data)) != CG_WINDOW_VIEW_LOADING;
}

/* The "Load Demo Data" button, as a person presses it: 1,000 customers
 * written on a worker with its own connection, then the workspace. */
static void
test_load_demo_button (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *window;
  GtkWidget *button;
  AdwStatusPage *status;

  fixture_show_window (fixture);
  window = GTK_WIDGET (fixture->window);
  status = showing_status_page (window, "No Customers Yet");
  g_assert_nonnull (status);
  button = find_descendant (GTK_WIDGET (status), GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (button);

  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (cg_window_get_view (fixture->window), ==, CG_WINDOW_VIEW_LOADING);
  g_assert_nonnull (showing_status_page (window, "Loading Demo Data"));
  /* Only cancelling makes sense now. */
  g_assert_false (gtk_widget_is_sensitive (button));
  save_screenshot (window, "demo-loading");

  iterate_until (not_loading, window, 110000, "demo data written");
  g_assert_cmpint (cg_window_get_view (fixture->window), ==, CG_WINDOW_VIEW_WORKSPACE);
  g_assert_cmpuint (cg_store_count_documents (fixture->store, "customer"), ==, 1000);
  g_assert_nonnull (showing_status_page (window, "Find a Customer"));
  save_screenshot (window, "demo-loaded");

  /* The new customers can be found at once. */
  type_search (fixture, "010", 1000, NULL);
  g_assert_true (shows_label (window, "Showing the first 1,000 matches — type more to narrow down"));
  save_screenshot (window, "workspace-1000-matches");
}

/* The same through the async API, cancelled at once: the window leaves
 * the loading page and reports no error for the cancel. */
static void
test_load_demo_cancelled (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  fixture_show_window (fixture);
  cg_window_load_demo_async (fixture->window, 1000, 1, cancellable, on_demo_loaded, &result);
  g_assert_cmpint (cg_window_get_view (fixture->window), ==, CG_WINDOW_VIEW_LOADING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel-demo", NULL));
  g_assert_true (g_cancellable_is_cancelled (cancellable));

  iterate_until (error_set, &result, 60000, "demo data cancelled");
  g_assert_true (g_error_matches (result, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                 g_error_matches (result, G_IO_ERROR, G_IO_ERROR_EXISTS));
  g_assert_cmpint (cg_window_get_view (fixture->window), !=, CG_WINDOW_VIEW_LOADING);
  /* A second load is refused while one is running, not here: the window
   * accepts a new one once the first has ended. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (fixture->window)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!ui_test_open_display ("/window/no-display"))
    return g_test_run ();

  application = ui_test_application_new ();

  g_test_add ("/window/search-and-customer-page", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_search_and_customer_page, fixture_tear_down);
  g_test_add ("/window/empty-store", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_empty_store, fixture_tear_down);
  g_test_add ("/window/unopenable-store", Fixture, NULL,
              NULL, test_unopenable_store, fixture_tear_down);
  g_test_add ("/window/load-demo-button", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_load_demo_button, fixture_tear_down);
  g_test_add ("/window/load-demo-cancelled", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_load_demo_cancelled, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
