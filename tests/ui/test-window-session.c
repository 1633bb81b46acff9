/* test-window-session.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sign-in, lock and roles on the real window, under Xvfb: a wrong PIN
 * keeps the workspace closed; the right one opens it; Ctrl+L and the
 * inactivity timeout lock it again; an agent does not see the supervisor's
 * sections. Also the global search's order and case groups.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "changgu-core.h"
#include "cg-application.h"
#include "cg-reports-page.h"
#include "cg-sign-in-page.h"
#include "cg-window.h"
#include "cg-ui-test-util.h"

static CgApplication *application;

typedef struct {
  char     *dir;
  char     *path;
  CgStore  *store;
  CgWindow *window;
  char     *case_number;
} Fixture;

static void
put_staff (CgStore    *store,
           const char *id,
           const char *name,
           const char *role,
           const char *pin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *hash = cg_staff_hash_pin (pin, &error);
  g_autofree char *rev = NULL;

  g_assert_no_error (error);
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "staff");
  json_object_set_string_member (doc, "name", name);
  json_object_set_string_member (doc, "role", role);
  json_object_set_string_member (doc, "pin_hash", hash);
  json_object_set_boolean_member (doc, "active", TRUE);
  rev = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) order = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *rev = NULL;
  g_autoptr(JsonObject) kase = NULL;
  CgCaseDraft draft = { .channel = "counter", .category = "return",
                        .subject = "Zipper broke", .priority = "normal",
                        .created_by = "staff:0421-02" };

  f->dir = g_dir_make_tmp ("changgu-session-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = cg_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (cg_device_set_identity (f->store, "0421", "C1", "counter", &error));

  put_staff (f->store, "staff:0421-01", "김지현", "supervisor", "2468");
  put_staff (f->store, "staff:0421-02", "박민수", "agent", "1357");
  customer = cg_customer_create (f->store, "김민준", "010-1234-5678", NULL, "ko", &error);
  g_assert_no_error (error);

  order = json_object_new ();
  json_object_set_string_member (order, "_id", "order:0421:W24007788");
  json_object_set_string_member (order, "type", "order");
  json_object_set_string_member (order, "number", "W24007788");
  json_object_set_string_member (order, "customer_id", customer);
  json_object_set_string_member (order, "store_id", "0421");
  json_object_set_string_member (order, "channel", "online");
  json_object_set_array_member (order, "items", json_array_new ());
  json_object_set_int_member (order, "total", 39000);
  json_object_set_string_member (order, "currency", "KRW");
  json_object_set_string_member (order, "status", "placed");
  json_object_set_string_member (order, "created_at", "2026-11-20T10:00:00Z");
  rev = cg_store_put (f->store, order, &error);
  g_assert_no_error (error);

  draft.customer_id = customer;
  case_id = cg_case_create (f->store, &draft, &error);
  g_assert_no_error (error);
  kase = cg_store_get (f->store, case_id, FALSE, &error);
  f->case_number = g_strdup (cg_json_get_string (kase, "number"));

  f->window = cg_window_new (GTK_APPLICATION (application), f->store, f->path, NULL);
  g_object_ref (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_frames (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  g_clear_object (&f->store);
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (f->dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (f->dir);
  }
  g_free (f->dir);
  g_free (f->path);
  g_free (f->case_number);
}

static CgSignInPage *
sign_in_page (Fixture *f)
{
  return CG_SIGN_IN_PAGE (find_descendant (GTK_WIDGET (f->window), CG_TYPE_SIGN_IN_PAGE, NULL));
}

static gboolean
not_busy (gpointer data)
{
  return !cg_sign_in_page_get_busy (data);
}

/* Types an id and a PIN as a person would and presses Sign In. */
static void
sign_in (Fixture    *f,
         const char *staff_id,
         const char *pin)
{
  CgSignInPage *page = sign_in_page (f);
  GtkWidget *id_row = find_descendant (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, "staff-id");
  GtkWidget *pin_row = find_descendant (GTK_WIDGET (page), ADW_TYPE_PASSWORD_ENTRY_ROW, "pin");

  g_assert_nonnull (id_row);
  g_assert_nonnull (pin_row);
  gtk_editable_set_text (GTK_EDITABLE (id_row), staff_id);
  gtk_editable_set_text (GTK_EDITABLE (pin_row), pin);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.submit", NULL));
  iterate_until (not_busy, page, 20000, "the PIN check");
  wait_for_frames (GTK_WIDGET (f->window));
}

static void
test_sign_in (Fixture       *f,
              gconstpointer  data)
{
  CgSignInPage *page = sign_in_page (f);

  /* Customers' data is behind the sign-in page. */
  g_assert_cmpint (cg_window_get_view (f->window), ==, CG_WINDOW_VIEW_SIGN_IN);
  /* Typing goes to the staff id at once (it went to the hidden search box
   * before: found by running the app and typing). */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
    GtkWidget *id_row = find_descendant (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, "staff-id");

    g_assert_nonnull (focus);
    g_assert_true (focus == id_row || gtk_widget_is_ancestor (focus, id_row));
    g_assert_null (gtk_search_entry_get_key_capture_widget (
      GTK_SEARCH_ENTRY (find_descendant (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY, NULL))));
  }
  save_screenshot (GTK_WIDGET (f->window), "sign-in");

  sign_in (f, "0421-02", "0000");
  g_assert_cmpint (cg_window_get_view (f->window), ==, CG_WINDOW_VIEW_SIGN_IN);
  g_assert_nonnull (cg_sign_in_page_get_message (page));
  g_assert_null (cg_window_get_session (f->window));
  save_screenshot (GTK_WIDGET (f->window), "sign-in-wrong-pin");

  sign_in (f, " staff:0421-02 ", "1357");
  g_assert_cmpint (cg_window_get_view (f->window), ==, CG_WINDOW_VIEW_WORKSPACE);
  g_assert_nonnull (cg_window_get_session (f->window));
  g_assert_cmpstr (cg_session_get_staff_id (cg_window_get_session (f->window)), ==, "staff:0421-02");
  g_assert_null (cg_sign_in_page_get_message (page));
}

/* A window open over the workspace, or NULL. */
static GtkWindow *
open_dialog (Fixture *f)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer) f->window && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (f->window))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Runs the main loop for @ms. A timer of its own wakes the loop at the
 * end: checking the clock between iterations could sleep past the
 * deadline until the next event (the lock timer itself). */
static void
iterate_for (Fixture *f,
             guint    ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  iterate_until (flag_is_set, &done, ms + 5000, "the time to pass");
}

static gboolean
is_locked (gpointer data)
{
  return cg_window_is_locked (data);
}

static void
test_lock (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *search;

  sign_in (f, "0421-02", "1357");
  search = find_descendant (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), "김민준");

  /* Ctrl+L: the workspace is covered and what was typed is gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL));
  g_assert_true (cg_window_is_locked (f->window));
  g_assert_cmpint (cg_window_get_view (f->window), ==, CG_WINDOW_VIEW_SIGN_IN);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  wait_for_frames (GTK_WIDGET (f->window));
  save_screenshot (GTK_WIDGET (f->window), "locked");

  /* A colleague takes over: another person, another role. */
  sign_in (f, "0421-01", "2468");
  g_assert_false (cg_window_is_locked (f->window));
  g_assert_cmpstr (cg_session_get_role (cg_window_get_session (f->window)), ==, "supervisor");

  /* Locking closes a dialog open over the workspace: nothing of a
   * customer stays on top of the lock screen. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-case", "s", ""));
  g_assert_nonnull (open_dialog (f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL));
  g_assert_null (open_dialog (f));
  sign_in (f, "0421-01", "2468");
  g_assert_false (cg_window_is_locked (f->window));

  /* Typing in a dialog counts as activity: the first timeout finds the
   * dialog and waits one more period before locking. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-case", "s", ""));
  /* 2 s, checked at 2.6 s: the second period ends at 4 s, with room for a
   * busy machine. */
  cg_window_set_lock_timeout (f->window, 2000);
  iterate_for (f, 2600);
  g_assert_false (cg_window_is_locked (f->window));
  g_assert_nonnull (open_dialog (f));

  /* Inactivity locks by itself. */
  cg_window_set_lock_timeout (f->window, 200);
  iterate_until (is_locked, f->window, 5000, "the inactivity lock");
  g_assert_cmpint (cg_window_get_view (f->window), ==, CG_WINDOW_VIEW_SIGN_IN);

  /* Signing out forgets who it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  g_assert_null (cg_window_get_session (f->window));
  g_assert_cmpint (cg_window_get_view (f->window), ==, CG_WINDOW_VIEW_SIGN_IN);
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CgSession) agent = cg_session_new ("staff:0421-02", "박민수", "agent");
  g_autoptr(CgSession) supervisor = cg_session_new ("staff:0421-01", "김지현", "supervisor");

  cg_window_set_session (f->window, agent);
  g_assert_false (cg_window_show_section (f->window, "reports"));
  g_assert_false (cg_window_show_section (f->window, "conflicts"));
  g_assert_true (cg_window_show_section (f->window, "cases"));
  g_assert_cmpstr (cg_window_get_section (f->window), ==, "cases");
  /* Alt+5 is Knowledge for everyone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-section", "s", "knowledge"));
  g_assert_cmpstr (cg_window_get_section (f->window), ==, "knowledge");

  cg_window_set_session (f->window, supervisor);
  g_assert_true (cg_window_show_section (f->window, "reports"));
  g_assert_cmpstr (cg_window_get_section (f->window), ==, "reports");

  /* An agent signing in after a supervisor does not inherit Reports, nor
   * its figures kept in the hidden page. */
  cg_window_set_session (f->window, agent);
  g_assert_cmpstr (cg_window_get_section (f->window), ==, "customers");
  g_assert_null (cg_reports_page_get_report (CG_REPORTS_PAGE (find_descendant (GTK_WIDGET (f->window),
                                                                                 CG_TYPE_REPORTS_PAGE, NULL))));
}

static void
test_search_groups (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CgSession) agent = cg_session_new ("staff:0421-02", "박민수", "agent");
  GtkWidget *search;
  GtkListBox *numbers;
  GtkListBoxRow *row;

  cg_window_set_session (f->window, agent);
  cg_window_show_section (f->window, "queue");
  search = find_descendant (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY, NULL);

  /* An order number: the order in its group, and the customer below. */
  gtk_editable_set_text (GTK_EDITABLE (search), "W2400778");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpstr (cg_window_get_section (f->window), ==, "customers");
  numbers = GTK_LIST_BOX (find_descendant (GTK_WIDGET (f->window), GTK_TYPE_LIST_BOX, "number-list"));
  g_assert_nonnull (numbers);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (numbers)));
  row = gtk_list_box_get_row_at_index (numbers, 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (numbers, 1));
  g_assert_cmpuint (g_list_model_get_n_items (cg_window_get_results (f->window)), ==, 1);
  wait_for_frames (GTK_WIDGET (f->window));
  save_screenshot (GTK_WIDGET (f->window), "search-order-number");

  /* Activating it opens the order's section. (The main loop ran: the
   * entry's own delayed search may have rebuilt the rows.) */
  row = gtk_list_box_get_row_at_index (numbers, 0);
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpstr (cg_window_get_section (f->window), ==, "orders");

  /* A case number finds the case. */
  gtk_editable_set_text (GTK_EDITABLE (search), f->case_number);
  g_signal_emit_by_name (search, "search-changed");
  row = gtk_list_box_get_row_at_index (numbers, 0);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpstr (cg_window_get_section (f->window), ==, "cases");

  /* A name is no number: the group hides. */
  gtk_editable_set_text (GTK_EDITABLE (search), "김민준");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (numbers)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  if (!ui_test_open_display ("/window-session/no-display"))
    return g_test_run ();

  application = ui_test_application_new ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window-session/sign-in", test_sign_in);
  ADD ("/window-session/lock", test_lock);
  ADD ("/window-session/roles", test_roles);
  ADD ("/window-session/search-groups", test_search_groups);
  return g_test_run ();
}
