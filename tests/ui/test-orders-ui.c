/* test-orders-ui.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The orders list, the order page and its hand-over and return dialogs,
 * driven through their actions and signals under Xvfb; each state saved as
 * a screenshot.
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "changgu-core.h"
#include "cg-application.h"
#include "cg-handover-dialog.h"
#include "cg-order-page.h"
#include "cg-orders-page.h"
#include "cg-return-dialog.h"
#include "cg-ui-test-util.h"

#define CUSTOMER_ID "customer:minjun"
#define ORDER_PLACED "order:0421:W24000001"

static CgApplication *application;

typedef struct {
  CgStore   *store;
  CgSession *session;
  GtkWidget *window;
  GPtrArray *navigations;   /* "action target" strings caught on win.* */
} Fixture;

static void
put (CgStore    *store,
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
on_navigate (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  Fixture *f = user_data;
  g_ptr_array_add (f->navigations, g_strdup_printf ("%s %s", g_action_get_name (G_ACTION (action)),
                                                    g_variant_get_string (parameter, NULL)));
}

static void
put_order (CgStore    *store,
           const char *number,
           const char *status,
           const char *ready_at,
           gboolean    customer)
{
  g_autofree char *json = g_strdup_printf (
    "{\"_id\":\"order:0421:%s\",\"type\":\"order\",\"number\":\"%s\",\"store_id\":\"0421\",%s"
    "\"channel\":\"online\",\"items\":[{\"sku\":\"S1\",\"name\":\"Wool scarf\",\"qty\":2,\"unit_price\":19000},"
    "{\"sku\":\"H1\",\"name\":\"Bucket hat\",\"qty\":1,\"unit_price\":25000}],\"total\":63000,"
    "\"currency\":\"KRW\",\"status\":\"%s\",\"created_at\":\"2026-11-20T09:00:00Z\"%s%s%s}",
    number, number, customer ? "\"customer_id\":\"" CUSTOMER_ID "\"," : "", status,
    ready_at ? ",\"ready_at\":\"" : "", ready_at ? ready_at : "", ready_at ? "\"" : "");
  put (store, json);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("changgu-orders-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  static const GActionEntry entries[] = {
    { "show-order", on_navigate, "s" },
    { "show-customer", on_navigate, "s" },
    { "show-case", on_navigate, "s" },
  };
  GSimpleActionGroup *group = g_simple_action_group_new ();

  f->store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cg_device_set_identity (f->store, "0421", "C1", "counter", &error));
  f->session = cg_session_new ("staff:0421-01", "Jiwoo Park", "agent");
  f->navigations = g_ptr_array_new_with_free_func (g_free);

  put (f->store,
       "{\"_id\":\"" CUSTOMER_ID "\",\"type\":\"customer\",\"name\":\"김민준\","
       "\"phones\":[\"+821012345678\"],\"preferred_channel\":\"sms\",\"language\":\"ko\","
       "\"created_at\":\"2026-01-01T09:00:00Z\",\"updated_at\":\"2026-01-01T09:00:00Z\"}");
  put_order (f->store, "W24000001", "placed", NULL, TRUE);
  put_order (f->store, "W24000002", "ready_for_pickup", "2026-11-20T10:00:00Z", TRUE);
  put_order (f->store, "W24000003", "ready_for_pickup", "2026-11-21T10:00:00Z", FALSE);
  put_order (f->store, "W24000004", "picked_up", "2026-11-19T10:00:00Z", TRUE);
  put_order (f->store, "W24000005", "ready_for_pickup", "2026-11-21T15:30:00Z", TRUE);

  f->window = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (f->window), GTK_APPLICATION (application));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 720);
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

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && is_showing (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (root) && is_showing (root) &&
      strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), text) != NULL)
    return TRUE;
  if (ADW_IS_STATUS_PAGE (root) && is_showing (root) &&
      g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
shows_button (GtkWidget  *root,
              const char *label)
{
  if (GTK_IS_BUTTON (root) && is_showing (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (shows_button (child, label))
      return TRUE;
  return FALSE;
}

static const char *
order_number_at (CgOrdersPage *page,
                 guint         i)
{
  g_autoptr(CgOrderSummary) summary = g_list_model_get_item (cg_orders_page_get_orders (page), i);
  static char number[64];

  g_strlcpy (number, cg_order_summary_get_number (summary), sizeof number);
  return number;
}

/* ------------------------------------------------------------- orders list */

static void
test_orders_list (Fixture       *f,
                  gconstpointer  data)
{
  CgOrdersPage *page = CG_ORDERS_PAGE (cg_orders_page_new ());
  GtkWidget *entry, *list;
  GtkListBoxRow *row;

  cg_orders_page_set_session (page, f->session);
  cg_orders_page_set_store (page, f->store);
  show (f, GTK_WIDGET (page));

  /* Ready orders only, longest waiting first, with the customer and total. */
  g_assert_cmpuint (g_list_model_get_n_items (cg_orders_page_get_orders (page)), ==, 3);
  g_assert_cmpstr (order_number_at (page, 0), ==, "W24000002");
  g_assert_cmpstr (order_number_at (page, 2), ==, "W24000005");
  g_assert_true (shows_text (GTK_WIDGET (page), "3 orders ready for pickup"));
  g_assert_true (shows_text (GTK_WIDGET (page), "W24000002 · 김민준"));
  g_assert_true (shows_text (GTK_WIDGET (page), "₩63,000"));
  g_assert_true (shows_text (GTK_WIDGET (page), "Ready since"));
  save_screenshot (f->window, "orders-list");

  /* A row opens its order. */
  list = find_descendant (GTK_WIDGET (page), GTK_TYPE_LIST_BOX, "order-list");
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1);
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpuint (f->navigations->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->navigations, 0), ==, "show-order order:0421:W24000003");

  /* Search by number: any status, lower case typed. */
  entry = find_descendant (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "w2400000");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (cg_orders_page_get_orders (page)), ==, 5);
  g_assert_true (shows_text (GTK_WIDGET (page), "5 orders found"));
  g_assert_true (shows_text (GTK_WIDGET (page), "Picked up"));

  /* Enter on a full number opens it. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "W24000004");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (f->navigations->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->navigations, 1), ==, "show-order order:0421:W24000004");

  gtk_editable_set_text (GTK_EDITABLE (entry), "X9");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_true (shows_text (GTK_WIDGET (page), "No Order With This Number"));
  save_screenshot (f->window, "orders-list-no-match");

  /* A change in the store shows without a reload: W24000001 becomes ready. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_true (cg_order_mark_ready (f->store, ORDER_PLACED, "staff:0421-01", NULL, NULL));
  while (g_list_model_get_n_items (cg_orders_page_get_orders (page)) != 4)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (order_number_at (page, 3), ==, "W24000001");
}

/* ------------------------------------------------------------- order page */

static CgOrderPage *
open_order (Fixture    *f,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  CgOrderPage *page = CG_ORDER_PAGE (cg_order_page_new ());

  cg_order_page_set_store (page, f->store);
  cg_order_page_set_session (page, f->session);
  g_assert_true (cg_order_page_load (page, id, &error));
  g_assert_no_error (error);
  show (f, GTK_WIDGET (page));
  return page;
}

static void
test_order_page (Fixture       *f,
                 gconstpointer  data)
{
  CgOrderPage *page = open_order (f, ORDER_PLACED);
  GtkWidget *customer_row;
  g_autoptr(JsonObject) order = NULL;

  g_assert_true (shows_text (GTK_WIDGET (page), "Order W24000001"));
  g_assert_true (shows_text (GTK_WIDGET (page), "Placed"));
  g_assert_true (shows_text (GTK_WIDGET (page), "Online · 3 items"));
  g_assert_true (shows_text (GTK_WIDGET (page), "Wool scarf"));
  g_assert_true (shows_text (GTK_WIDGET (page), "2 × ₩19,000"));
  g_assert_true (shows_text (GTK_WIDGET (page), "₩38,000"));
  g_assert_true (shows_text (GTK_WIDGET (page), "₩63,000"));
  g_assert_true (shows_text (GTK_WIDGET (page), "김민준"));
  g_assert_true (shows_button (GTK_WIDGET (page), "Mark Ready"));
  g_assert_false (shows_button (GTK_WIDGET (page), "Return…"));

  /* The customer row opens the customer. */
  customer_row = find_descendant (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, NULL);
  while (customer_row && !shows_text (customer_row, "김민준"))
    customer_row = gtk_widget_get_next_sibling (customer_row);
  g_assert_nonnull (customer_row);
  gtk_widget_activate (customer_row);
  g_assert_cmpuint (f->navigations->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->navigations, 0), ==, "show-customer " CUSTOMER_ID);

  /* Mark Ready: the page moves on, the notification is queued. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "order.mark-ready", NULL));
  g_assert_true (shows_text (GTK_WIDGET (page), "Ready for pickup"));
  g_assert_false (shows_button (GTK_WIDGET (page), "Mark Ready"));
  g_assert_true (shows_button (GTK_WIDGET (page), "Hand Over…"));
  g_assert_true (shows_text (GTK_WIDGET (page), "Ready"));
  g_assert_cmpuint (cg_store_count_documents (f->store, "notification"), ==, 1);
  order = cg_store_get (f->store, ORDER_PLACED, FALSE, NULL);
  g_assert_cmpstr (cg_json_get_string (order, "updated_by"), ==, "staff:0421-01");
  save_screenshot (f->window, "order-page");

  /* An order that does not exist: the error state. */
  g_assert_false (cg_order_page_load (page, "order:0421:NOPE", NULL));
  g_assert_true (shows_text (GTK_WIDGET (page), "Order Not Found"));
}

static gboolean
dialog_gone (gpointer data)
{
  return cg_order_page_get_dialog (data) == NULL;
}

static void
test_hand_over (Fixture       *f,
                gconstpointer  data)
{
  CgOrderPage *page = NULL;
  g_autofree char *code = NULL;
  g_autoptr(JsonObject) order = NULL;
  GtkWindow *dialog;
  GtkWidget *confirm, *error_label;
  char wrong[7];

  g_assert_true (cg_order_mark_ready (f->store, ORDER_PLACED, "staff:0421-01", &code, NULL));
  page = open_order (f, ORDER_PLACED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "order.hand-over", NULL));
  dialog = cg_order_page_get_dialog (page);
  g_assert_true (CG_IS_HANDOVER_DIALOG (dialog));
  /* Phone digits first: the customer has a phone. */
  g_assert_cmpstr (cg_handover_dialog_get_method (CG_HANDOVER_DIALOG (dialog)), ==, "phone_last4");
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Make sure the person collecting is 김민준"));
  save_screenshot (GTK_WIDGET (dialog), "handover-dialog");

  /* A wrong code: inline error, dialog stays, nothing written. */
  cg_handover_dialog_set_method (CG_HANDOVER_DIALOG (dialog), "code");
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Pickup code (6 digits)"));
  g_strlcpy (wrong, code, sizeof wrong);
  wrong[0] = wrong[0] == '9' ? '0' : (char) (wrong[0] + 1);
  cg_handover_dialog_set_value (CG_HANDOVER_DIALOG (dialog), wrong);
  confirm = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "handover-confirm");
  g_signal_emit_by_name (confirm, "clicked");
  error_label = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "handover-error");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "does not match"));
  g_assert_true (cg_order_page_get_dialog (page) == dialog);
  order = cg_store_get (f->store, ORDER_PLACED, FALSE, NULL);
  g_assert_cmpstr (cg_json_get_string (order, "status"), ==, "ready_for_pickup");
  g_clear_pointer (&order, json_object_unref);
  save_screenshot (GTK_WIDGET (dialog), "handover-wrong-code");

  /* Typing again clears the message; the right code hands over and closes. */
  cg_handover_dialog_set_value (CG_HANDOVER_DIALOG (dialog), code);
  g_assert_false (gtk_widget_get_visible (error_label));
  g_signal_emit_by_name (confirm, "clicked");
  iterate_until (dialog_gone, page, 5000, "the dialog to close");
  order = cg_store_get (f->store, ORDER_PLACED, FALSE, NULL);
  g_assert_cmpstr (cg_json_get_string (order, "status"), ==, "picked_up");
  g_assert_cmpstr (cg_json_get_string (order, "pickup_verified_with"), ==, "code");
  g_assert_cmpstr (cg_json_get_string (order, "picked_up_by"), ==, "staff:0421-01");
  g_assert_true (shows_text (GTK_WIDGET (page), "Picked up"));
  /* By name, never the document id; this store has no staff records, so
   * the staff ID as typed at sign-in. */
  g_assert_true (shows_text (GTK_WIDGET (page), "Handed over by 0421-01 · Pickup code"));
  g_assert_true (shows_button (GTK_WIDGET (page), "Return…"));
  g_assert_false (shows_button (GTK_WIDGET (page), "Hand Over…"));
}

static void
test_return (Fixture       *f,
             gconstpointer  data)
{
  CgOrderPage *page = open_order (f, "order:0421:W24000004");
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(JsonObject) kase = NULL;
  g_autofree char *case_id = NULL;
  GtkWindow *dialog;
  GtkWidget *confirm, *error_label;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "order.return", NULL));
  dialog = cg_order_page_get_dialog (page);
  g_assert_true (CG_IS_RETURN_DIALOG (dialog));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Wool scarf"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Bucket hat"));
  confirm = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "return-confirm");
  error_label = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "return-error");

  /* Nothing chosen: an inline message. */
  g_signal_emit_by_name (confirm, "clicked");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (cg_order_page_get_dialog (page) == dialog);

  /* More than bought is clamped by the spin button; 1 scarf with a reason. */
  cg_return_dialog_set_quantity (CG_RETURN_DIALOG (dialog), "S1", 5);
  cg_return_dialog_set_quantity (CG_RETURN_DIALOG (dialog), "S1", 1);
  cg_return_dialog_set_reason (CG_RETURN_DIALOG (dialog), "Too small");
  g_assert_false (gtk_widget_get_visible (error_label));
  save_screenshot (GTK_WIDGET (dialog), "return-dialog");
  g_object_ref (dialog);
  g_signal_emit_by_name (confirm, "clicked");
  case_id = g_strdup (cg_return_dialog_get_case_id (CG_RETURN_DIALOG (dialog)));
  g_object_unref (dialog);
  iterate_until (dialog_gone, page, 5000, "the dialog to close");
  g_assert_nonnull (case_id);

  order = cg_store_get (f->store, "order:0421:W24000004", FALSE, NULL);
  g_assert_cmpstr (cg_json_get_string (order, "status"), ==, "partially_returned");
  kase = cg_store_get (f->store, case_id, FALSE, NULL);
  g_assert_cmpstr (cg_json_get_string (kase, "category"), ==, "return");
  g_assert_cmpstr (cg_json_get_string (kase, "order_id"), ==, "order:0421:W24000004");
  g_assert_true (shows_text (GTK_WIDGET (page), "Partially returned"));
  g_assert_true (shows_text (GTK_WIDGET (page), "Returned 1 of 2"));
  save_screenshot (f->window, "order-page-returned");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  if (!ui_test_open_display ("/orders-ui/no-display"))
    return g_test_run ();

  application = ui_test_application_new ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/orders-ui/list", test_orders_list);
  ADD ("/orders-ui/order-page", test_order_page);
  ADD ("/orders-ui/hand-over", test_hand_over);
  ADD ("/orders-ui/return", test_return);
  return g_test_run ();
}
