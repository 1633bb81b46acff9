/* test-queue-ui.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queue page and the "now serving" screen under Xvfb: call next,
 * serve, done, no-show (with its confirmation), the empty state, and the
 * second screen following the store.
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "changgu-core.h"
#include "cg-application.h"
#include "cg-now-serving-window.h"
#include "cg-queue-page.h"
#include "cg-ui-test-util.h"

static CgApplication *application;

typedef struct {
  CgStore   *store;
  CgSession *session;
  GtkWidget *window;
  char      *ids[3];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("changgu-queue-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  static const char * const names[] = { "Minjun K.", "S. L.", NULL };
  static const char * const reasons[] = { "pickup", "return", "help" };

  f->store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cg_device_set_identity (f->store, "0421", "K1", "counter", &error));
  f->session = cg_session_new ("staff:0421-01", "Jiwoo Park", "agent");
  if (GPOINTER_TO_INT (data))
    for (guint i = 0; i < 3; i++)
      {
        f->ids[i] = cg_checkin_create (f->store, reasons[i], NULL, names[i], NULL, &error);
        g_assert_no_error (error);
      }

  f->window = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (f->window), GTK_APPLICATION (application));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 720);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  for (guint i = 0; i < 3; i++)
    g_free (f->ids[i]);
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  GtkWidget *label = find_descendant (root, GTK_TYPE_LABEL, name);

  g_assert_nonnull (label);
  return is_showing (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static gboolean
shows_status_page (GtkWidget  *root,
                   const char *title)
{
  if (ADW_IS_STATUS_PAGE (root) && is_showing (root) &&
      g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (root)), title) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (shows_status_page (child, title))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static CgQueuePage *
open_queue (Fixture *f)
{
  CgQueuePage *page = CG_QUEUE_PAGE (cg_queue_page_new ());
  GtkWidget *overlay = adw_toast_overlay_new ();

  cg_queue_page_set_session (page, f->session);
  cg_queue_page_set_store (page, f->store);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (page));
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_frames (f->window);
  return page;
}

static const char *
status_of (CgStore    *store,
           const char *id)
{
  g_autoptr(JsonObject) doc = cg_store_get (store, id, FALSE, NULL);
  static char status[32];

  g_strlcpy (status, cg_json_get_string (doc, "status"), sizeof status);
  return status;
}

/* What a click on a response button does: respond, then close. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  return cg_queue_page_get_dialog (data) == NULL;
}

static void
test_queue_page (Fixture       *f,
                 gconstpointer  data)
{
  CgQueuePage *page = open_queue (f);
  GtkWidget *list = find_descendant (GTK_WIDGET (page), GTK_TYPE_LIST_BOX, "queue-waiting-list");
  AdwMessageDialog *dialog;
  CgQueueTicket *current;

  g_assert_cmpuint (g_list_model_get_n_items (cg_queue_page_get_waiting (page)), ==, 3);
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "queue-waiting"), ==, "3 waiting");
  g_assert_null (cg_queue_page_get_current (page));
  g_assert_true (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))) != NULL);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))),
                   ==, "K1-001");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))),
                   ==, "Pickup · Minjun K.");
  /* Call Next is offered; nothing to serve yet. */
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (page), "Call Next")));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (page), "Done")));

  /* Call next: the oldest ticket comes to this counter. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.call-next", NULL));
  current = cg_queue_page_get_current (page);
  g_assert_nonnull (current);
  g_assert_cmpstr (cg_queue_ticket_get_id (current), ==, f->ids[0]);
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "queue-current-ticket"), ==, "K1-001");
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "queue-waiting"), ==, "2 waiting");
  g_assert_cmpstr (status_of (f->store, f->ids[0]), ==, "called");
  save_screenshot (f->window, "queue-page");

  /* Serve, then done. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.serve", NULL));
  g_assert_cmpstr (status_of (f->store, f->ids[0]), ==, "serving");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.done", NULL));
  g_assert_cmpstr (status_of (f->store, f->ids[0]), ==, "done");
  g_assert_null (cg_queue_page_get_current (page));
  g_assert_nonnull (strstr (label_text (GTK_WIDGET (page), "queue-summary"), "1 served"));

  /* The next one does not come: No-show asks first; Cancel keeps it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.call-next", NULL));
  g_assert_cmpstr (cg_queue_ticket_get_id (cg_queue_page_get_current (page)), ==, f->ids[1]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.no-show", NULL));
  dialog = cg_queue_page_get_dialog (page);
  g_assert_nonnull (dialog);
  save_screenshot (GTK_WIDGET (dialog), "queue-no-show-confirm");
  respond (dialog, "cancel");
  iterate_until (dialog_gone, page, 5000, "the dialog to close");
  g_assert_cmpstr (status_of (f->store, f->ids[1]), ==, "called");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.no-show", NULL));
  respond (cg_queue_page_get_dialog (page), "no-show");
  iterate_until (dialog_gone, page, 5000, "the dialog to close");
  g_assert_cmpstr (status_of (f->store, f->ids[1]), ==, "no_show");
  g_assert_nonnull (strstr (label_text (GTK_WIDGET (page), "queue-summary"), "1 no-show"));

  /* The last one, then nobody: the empty state. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.call-next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.done", NULL));
  g_assert_true (shows_status_page (GTK_WIDGET (page), "Nobody Waiting"));
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "queue-waiting"), ==, "Walk-in Queue");
  save_screenshot (f->window, "queue-page-empty");
}

/* A ticket taken at the kiosk (another writer) shows without a reload. */
static void
test_queue_follows_store (Fixture       *f,
                          gconstpointer  data)
{
  CgQueuePage *page = open_queue (f);
  g_autofree char *id = NULL;

  g_assert_true (shows_status_page (GTK_WIDGET (page), "Nobody Waiting"));
  id = cg_checkin_create (f->store, "help", NULL, NULL, NULL, NULL);
  while (g_list_model_get_n_items (cg_queue_page_get_waiting (page)) != 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (shows_status_page (GTK_WIDGET (page), "Nobody Waiting"));
}

static gboolean
shows_tickets (gpointer data)
{
  gpointer *args = data;
  g_auto(GStrv) tickets = cg_now_serving_window_dup_tickets (args[0]);
  g_autofree char *joined = g_strjoinv (",", tickets);
  return g_strcmp0 (joined, args[1]) == 0;
}

static void
test_now_serving (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *window = cg_now_serving_window_new (NULL, f->store);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *a = NULL, *b = NULL;
  gpointer args[2] = { window, "" };
  GtkWidget *waiting;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 640);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (shows_tickets, args, 5000, "an empty screen");
  waiting = find_descendant (window, GTK_TYPE_LABEL, "now-serving-waiting");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (waiting)), ==, "3 waiting");

  g_assert_true (cg_queue_call_next (f->store, "staff:0421-01", now, &a, NULL));
  g_assert_true (cg_queue_call_next (f->store, "staff:0421-02", now, &b, NULL));
  g_assert_true (cg_checkin_set_status (f->store, a, "serving", "staff:0421-01", NULL));
  /* Newest call first. */
  args[1] = "K1-002,K1-001";
  iterate_until (shows_tickets, args, 5000, "the called tickets");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (waiting)), ==, "1 waiting");
  save_screenshot (window, "now-serving");

  g_assert_true (cg_checkin_set_status (f->store, a, "done", "staff:0421-01", NULL));
  args[1] = "K1-002";
  iterate_until (shows_tickets, args, 5000, "the done ticket to leave");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  if (!ui_test_open_display ("/queue-ui/no-display"))
    return g_test_run ();

  application = ui_test_application_new ();

#define ADD(path, func, with_tickets) \
  g_test_add (path, Fixture, GINT_TO_POINTER (with_tickets), fixture_set_up, func, fixture_tear_down)
  ADD ("/queue-ui/page", test_queue_page, TRUE);
  ADD ("/queue-ui/follows-store", test_queue_follows_store, FALSE);
  ADD ("/queue-ui/now-serving", test_now_serving, TRUE);
  return g_test_run ();
}
