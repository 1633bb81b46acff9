/* test-tour.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A day at the counter on a demo store, page by page, in the language of
 * the environment (LANGUAGE=ko for Korean): sign in, the queue, a
 * customer found by part of a phone number, their 360 page, a case, the
 * new-case dialog, an order and its hand-over, knowledge, reports,
 * conflicts and the second screen. Each page is asserted to show what it
 * should and saved as $CHANGGU_BUILD_ROOT/screenshots/tour-<lang>/NN-name.png
 * for people to look at (build-aux/dev screenshots runs it in English and
 * in Korean).
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "changgu-core.h"
#include "cg-demo.h"
#include "cg-application.h"
#include "cg-case-page.h"
#include "cg-cases-page.h"
#include "cg-conflicts-page.h"
#include "cg-customer-page.h"
#include "cg-handover-dialog.h"
#include "cg-knowledge-page.h"
#include "cg-now-serving-window.h"
#include "cg-order-page.h"
#include "cg-orders-page.h"
#include "cg-queue-page.h"
#include "cg-reports-page.h"
#include "cg-window.h"
#include "cg-ui-test-util.h"

static CgApplication *application;
static char *lang;
static guint shot;

typedef struct {
  char     *dir;
  char     *path;
  CgStore  *store;
  CgWindow *window;
} Tour;

/* Whether @widget, or a label inside it, says what it is. */
static gboolean
has_words (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_words (child))
      return TRUE;
  return FALSE;
}

/* Every button a person can see says what it does, in words or in a
 * tooltip, which GTK also gives screen readers as the button's
 * description (UX.md: an accessible name on every control). GTK 4.8 has
 * no getter for accessible properties, so a label set only with
 * gtk_accessible_update_property() is not seen here; buttons are
 * expected to have visible words or a tooltip. */
static void
check_buttons_have_words (GtkWidget  *root,
                          const char *page)
{
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return;
  if (GTK_IS_STACK (gtk_widget_get_parent (root)) &&
      gtk_stack_get_visible_child (GTK_STACK (gtk_widget_get_parent (root))) != root)
    return;
  if ((GTK_IS_BUTTON (root) || GTK_IS_MENU_BUTTON (root)) && !has_words (root))
    {
      GtkWidget *parent = gtk_widget_get_parent (root);
      /* Buttons inside GTK's and libadwaita's own composite widgets
       * (search entry clear icon, spin buttons, window controls) are
       * theirs to name. */
      gboolean internal = parent != NULL &&
        (GTK_IS_WINDOW_CONTROLS (parent) || GTK_IS_SEARCH_ENTRY (parent) || GTK_IS_MENU_BUTTON (parent) ||
         g_str_equal (G_OBJECT_TYPE_NAME (parent), "AdwToastWidget") ||
         (!g_str_has_prefix (G_OBJECT_TYPE_NAME (parent), "Gtk") &&
          !g_str_has_prefix (G_OBJECT_TYPE_NAME (parent), "Cg") &&
          !g_str_has_prefix (G_OBJECT_TYPE_NAME (parent), "Adw")));
      if (!internal)
        g_test_message ("%s: a %s under a %s has neither words nor a tooltip",
                        page, G_OBJECT_TYPE_NAME (root), G_OBJECT_TYPE_NAME (parent));
      g_assert_true (internal);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_buttons_have_words (child, page);
}

/* The words of the English interface (every msgid of the built Korean
 * catalogue, in lower case), to recognise an English string on a Korean
 * screen. */
static GHashTable *english_words;

static void
add_words (GHashTable *words,
           const char *text,
           gsize       length)
{
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      const char *start = p;
      while (p < end && g_ascii_isalpha (*p))
        p++;
      if (p - start >= 4)
        g_hash_table_add (words, g_ascii_strdown (start, p - start));
      if (p == start)
        p++;
    }
}

static guint32
mo_word (const guint8 *data,
         gsize         size,
         gsize         offset,
         gboolean      swap)
{
  guint32 value;

  g_assert_cmpuint (offset + 4, <=, size);
  memcpy (&value, data + offset, 4);
  return swap ? GUINT32_SWAP_LE_BE (value) : value;
}

/* The original strings of a GNU .mo file (msgid, and msgid_plural after
 * a NUL): the catalogue the test runs with, so it is there in any build,
 * unlike po/changgu.pot, which is generated on demand. */
static GHashTable *
load_english_words (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CHANGGU_LOCALEDIR"), "ko", "LC_MESSAGES",
                                            GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *contents = NULL;
  gsize size = 0;
  const guint8 *data;
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  gboolean swap;
  guint32 n, originals;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  data = (const guint8 *) contents;
  g_assert_cmpuint (size, >=, 28);
  swap = mo_word (data, size, 0, FALSE) != 0x950412de;
  g_assert_cmpuint (mo_word (data, size, 0, swap), ==, 0x950412de);
  n = mo_word (data, size, 8, swap);
  originals = mo_word (data, size, 12, swap);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 length = mo_word (data, size, originals + 8 * i, swap);
      guint32 offset = mo_word (data, size, originals + 8 * i + 4, swap);
      const char *text = contents + offset;
      gsize first;

      g_assert_cmpuint ((gsize) offset + length, <=, size);
      /* msgctxt EOT msgid: the context is not shown. */
      if (memchr (text, '\004', length) != NULL)
        {
          const char *eot = memchr (text, '\004', length);
          length -= (eot + 1) - text;
          text = eot + 1;
        }
      first = strnlen (text, length);
      add_words (words, text, first);
      if (first < length)
        add_words (words, text + first + 1, length - first - 1);
    }
  g_assert_cmpuint (g_hash_table_size (words), >, 500);
  /* Format directives and escapes, not words. */
  g_hash_table_remove (words, "nbsp");
  return words;
}

/* Words that stay in Latin letters in the Korean interface: key names
 * (po/README.md). */
static const char * const same_in_korean[] = { "ctrl", "changgu", NULL };

/* Checks one visible text of a Korean screen.
 *
 * Anything shown exactly as an English source string bypassed gettext:
 * always a failure. Beyond that, an English interface word in a tooltip
 * or a placeholder (the interface's own words, never the store's data) is
 * a failure too; in a label it is only reported, because labels also show
 * the store's data, and the demo store's case subjects and articles are
 * partly English. Document ids ("customer:f8d8…") are data, not words. */
static void
check_korean_text (const char *text,
                   const char *where,
                   const char *page)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) ids = g_regex_new ("[a-z_]+:[0-9A-Za-z-]+", 0, 0, NULL);
  g_autofree char *without_ids = NULL;
  gboolean chrome = !g_str_equal (where, "label");
  GHashTableIter iter;
  gpointer word;

  if (text == NULL || *text == '\0')
    return;
  /* Shown exactly as the English source: something bypassed gettext. */
  if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, text), text) != 0)
    {
      g_test_message ("%s: the %s shows the English “%s”", page, where, text);
      g_test_fail ();
      return;
    }
  without_ids = g_regex_replace_literal (ids, text, -1, 0, "", 0, NULL);
  add_words (found, without_ids, strlen (without_ids));
  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    if (g_hash_table_contains (english_words, word) &&
        !g_strv_contains (same_in_korean, word))
      {
        g_test_message ("%s: the %s “%s” has the English word “%s”%s", page, where, text,
                        (char *) word, chrome ? "" : " (data, or a string to translate?)");
        if (chrome)
          g_test_fail ();
      }
}

/* Every label, button and tooltip a person can see on a Korean screen is
 * Korean. */
static void
check_korean (GtkWidget  *root,
              const char *page)
{
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return;
  if (GTK_IS_STACK (gtk_widget_get_parent (root)) &&
      gtk_stack_get_visible_child (GTK_STACK (gtk_widget_get_parent (root))) != root)
    return;
  if (GTK_IS_LABEL (root))
    check_korean_text (gtk_label_get_text (GTK_LABEL (root)), "label", page);
  else if (g_object_class_find_property (G_OBJECT_GET_CLASS (root), "placeholder-text") != NULL)
    {
      g_autofree char *placeholder = NULL;
      g_object_get (root, "placeholder-text", &placeholder, NULL);
      check_korean_text (placeholder, "placeholder", page);
    }
  check_korean_text (gtk_widget_get_tooltip_text (root), "tooltip", page);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_korean (child, page);
}

static void
snap (GtkWidget  *window,
      const char *name)
{
  g_autofree char *file = g_strdup_printf ("tour-%s/%02u-%s", lang, ++shot, name);

  wait_for_frames (window);
  save_screenshot (window, file);
  check_buttons_have_words (window, name);
  if (english_words != NULL)
    check_korean (window, name);
}

static GtkWidget *
page (Tour  *tour,
      GType  type)
{
  GtkWidget *widget = find_descendant (GTK_WIDGET (tour->window), type, NULL);

  g_assert_nonnull (widget);
  return widget;
}

static void
settle (Tour *tour)
{
  wait_for_frames (GTK_WIDGET (tour->window));
}

/* A record edited on two devices: a local edit of a customer against an
 * edit of the same revision pulled from another counter. */
static void
make_conflict (CgStore    *store,
               const char *customer_id)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) leaves = cg_store_get_leaves (store, customer_id, FALSE);
  g_autoptr(JsonObject) base = cg_store_get (store, customer_id, FALSE, &error);
  g_autoptr(JsonObject) local = json_object_new ();
  g_autoptr(JsonObject) remote = NULL;
  JsonObject *revisions = json_object_new ();
  JsonArray *ids = json_array_new ();
  const char *dash;

  g_assert_no_error (error);
  g_assert_nonnull (leaves[0]);
  json_object_set_string_member (local, "notes", "VIP: prefers the store in Gangnam");
  g_assert_true (cg_customer_update (store, customer_id, local, &error));
  g_assert_no_error (error);

  remote = cg_json_copy (base);
  json_object_set_string_member (remote, "notes", "Asked for delivery instead of pickup");
  json_object_set_string_member (remote, "tier", "vip");
  json_object_set_string_member (remote, "updated_by", "staff:0421-07");
  json_object_set_string_member (remote, "updated_device", "counter-2");
  json_object_set_string_member (remote, "_rev", "2-0");
  dash = strchr (leaves[0], '-');
  json_array_add_string_element (ids, "0");
  json_array_add_string_element (ids, dash + 1);
  json_object_set_int_member (revisions, "start", 2);
  json_object_set_array_member (revisions, "ids", ids);
  json_object_set_object_member (remote, "_revisions", revisions);
  g_assert_true (cg_store_put_replicated (store, remote, &error));
  g_assert_no_error (error);
}

static gboolean
reports_loaded (gpointer data)
{
  return !cg_reports_page_is_loading (data) && cg_reports_page_get_report (data) != NULL;
}

static gboolean
has_knowledge_results (gpointer data)
{
  g_auto(GStrv) ids = cg_knowledge_page_dup_result_ids (data);
  return ids != NULL && ids[0] != NULL;
}

static void
test_tour (void)
{
  g_autoptr(GError) error = NULL;
  Tour t = { 0 };
  CgDemoOptions options = { .customers = 600, .seed = 4, .articles = TRUE };
  g_autoptr(GPtrArray) staff = NULL;
  CgSession *supervisor = NULL;
  GtkWidget *search, *w;
  GListModel *model;
  g_autoptr(GObject) first_case = NULL;
  g_autoptr(GObject) first_order = NULL;
  g_autofree char *customer_id = NULL;

  /* Only this run's pages in the folder. */
  {
    g_autofree char *folder = g_strdup_printf ("%s/screenshots/tour-%s",
                                               g_getenv ("CHANGGU_BUILD_ROOT") ? g_getenv ("CHANGGU_BUILD_ROOT") : ".",
                                               lang);
    g_autoptr(GDir) old = g_dir_open (folder, 0, NULL);
    const char *name;

    while (old != NULL && (name = g_dir_read_name (old)) != NULL)
      if (g_str_has_suffix (name, ".png"))
        {
          g_autofree char *file = g_build_filename (folder, name, NULL);
          g_unlink (file);
        }
  }

  t.dir = g_dir_make_tmp ("changgu-tour-XXXXXX", &error);
  g_assert_no_error (error);
  t.path = g_build_filename (t.dir, "store.db", NULL);
  t.store = cg_store_open (t.path, &error);
  g_assert_no_error (error);
  g_assert_true (cg_demo_generate (t.store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  t.window = cg_window_new (GTK_APPLICATION (application), t.store, t.path, NULL);
  g_object_ref (t.window);
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1280, 800);
  gtk_window_present (GTK_WINDOW (t.window));

  /* 1. Sign in. */
  g_assert_cmpint (cg_window_get_view (t.window), ==, CG_WINDOW_VIEW_SIGN_IN);
  snap (GTK_WIDGET (t.window), "sign-in");

  staff = cg_staff_list_active (t.store);
  for (guint i = 0; i < staff->len; i++)
    if (cg_session_is_supervisor (g_ptr_array_index (staff, i)))
      supervisor = g_ptr_array_index (staff, i);
  g_assert_nonnull (supervisor);
  cg_window_set_session (t.window, supervisor);
  g_assert_cmpint (cg_window_get_view (t.window), ==, CG_WINDOW_VIEW_WORKSPACE);

  /* 2. The walk-in queue; call the next ticket. */
  g_assert_true (cg_window_show_section (t.window, "queue"));
  w = page (&t, CG_TYPE_QUEUE_PAGE);
  g_assert_cmpuint (g_list_model_get_n_items (cg_queue_page_get_waiting (CG_QUEUE_PAGE (w))), >, 0);
  g_assert_true (gtk_widget_activate_action (w, "queue.call-next", NULL));
  settle (&t);
  g_assert_nonnull (cg_queue_page_get_current (CG_QUEUE_PAGE (w)));
  snap (GTK_WIDGET (t.window), "queue");

  /* 3. A customer by part of a phone number. */
  search = find_descendant (GTK_WIDGET (t.window), GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), "010");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpstr (cg_window_get_section (t.window), ==, "customers");
  model = cg_window_get_results (t.window);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  {
    g_autoptr(CgCustomerSummary) first = g_list_model_get_item (model, 0);
    customer_id = g_strdup (cg_customer_summary_get_id (first));
  }
  g_assert_true (cg_window_show_customer (t.window, customer_id));
  snap (GTK_WIDGET (t.window), "customer-360");
  cg_customer_page_edit (CG_CUSTOMER_PAGE (page (&t, CG_TYPE_CUSTOMER_PAGE)));
  snap (GTK_WIDGET (t.window), "customer-edit");
  cg_customer_page_cancel_edit (CG_CUSTOMER_PAGE (page (&t, CG_TYPE_CUSTOMER_PAGE)));
  gtk_editable_set_text (GTK_EDITABLE (search), "");

  /* 4. Cases and one case. */
  g_assert_true (cg_window_show_section (t.window, "cases"));
  w = page (&t, CG_TYPE_CASES_PAGE);
  model = cg_cases_page_get_cases (CG_CASES_PAGE (w));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  first_case = g_list_model_get_item (model, 0);
  snap (GTK_WIDGET (t.window), "cases");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.show-case", "s",
                                             cg_case_summary_get_id (CG_CASE_SUMMARY (first_case))));
  g_assert_cmpstr (cg_case_page_get_case_id (CG_CASE_PAGE (page (&t, CG_TYPE_CASE_PAGE))), ==,
                   cg_case_summary_get_id (CG_CASE_SUMMARY (first_case)));
  snap (GTK_WIDGET (t.window), "case");

  /* Reply to the customer, then resolve with the resolution text. */
  {
    GtkWidget *case_page = page (&t, CG_TYPE_CASE_PAGE);
    GtkWidget *composer = find_descendant (case_page, GTK_TYPE_TEXT_VIEW, "composer-text");
    GtkWidget *visibility = find_descendant (case_page, GTK_TYPE_SWITCH, "visibility-switch");
    GtkWidget *add_note = find_descendant (case_page, GTK_TYPE_BUTTON, "add-note");
    GtkWidget *actions = find_descendant (case_page, GTK_TYPE_BOX, "case-actions");
    GtkWidget *resolve = find_descendant (actions, GTK_TYPE_BUTTON, "resolved");
    GtkWidget *dialog;
    g_autoptr(JsonObject) doc = NULL;
    const char *case_id = cg_case_summary_get_id (CG_CASE_SUMMARY (first_case));

    g_assert_nonnull (composer);
    g_assert_nonnull (resolve);
    gtk_switch_set_active (GTK_SWITCH (visibility), TRUE);
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (composer)),
                              g_str_equal (lang, "ko") ? "반품 접수되었습니다. 환불은 3일 안에 처리됩니다."
                                                       : "Your return is booked; the refund follows within 3 days.", -1);
    g_signal_emit_by_name (add_note, "clicked");
    settle (&t);
    /* The page rebuilt its actions after the note: look the button up again. */
    actions = find_descendant (case_page, GTK_TYPE_BOX, "case-actions");
    resolve = find_descendant (actions, GTK_TYPE_BUTTON, "resolved");
    g_assert_nonnull (resolve);
    g_signal_emit_by_name (resolve, "clicked");
    dialog = cg_case_page_get_dialog (CG_CASE_PAGE (case_page));
    g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_descendant (dialog, GTK_TYPE_TEXT_VIEW, "resolution-text"))),
                              g_str_equal (lang, "ko") ? "반품 접수 후 결제 취소함." : "Return accepted; payment cancelled.", -1);
    snap (dialog, "case-resolve");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "resolve");
    settle (&t);
    doc = cg_store_get (t.store, case_id, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (cg_json_get_string (doc, "status"), ==, "resolved");
    g_assert_nonnull (cg_json_get_string (doc, "first_response_at"));
    snap (GTK_WIDGET (t.window), "case-resolved");
  }

  /* 5. The new-case dialog (Ctrl+N). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.new-case", "s", customer_id));
  settle (&t);
  {
    GList *toplevels = gtk_window_list_toplevels ();
    GtkWidget *dialog = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (l->data != (gpointer) t.window && gtk_widget_get_visible (l->data) &&
          gtk_window_get_transient_for (l->data) == GTK_WINDOW (t.window))
        dialog = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (dialog);
    snap (dialog, "new-case");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* 6. Orders ready for pickup, one order, its hand-over. */
  g_assert_true (cg_window_show_section (t.window, "orders"));
  w = page (&t, CG_TYPE_ORDERS_PAGE);
  model = cg_orders_page_get_orders (CG_ORDERS_PAGE (w));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  first_order = g_list_model_get_item (model, 0);
  snap (GTK_WIDGET (t.window), "orders");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.show-order", "s",
                                             cg_order_summary_get_id (CG_ORDER_SUMMARY (first_order))));
  snap (GTK_WIDGET (t.window), "order");
  w = page (&t, CG_TYPE_ORDER_PAGE);
  g_assert_true (gtk_widget_activate_action (w, "order.hand-over", NULL));
  settle (&t);
  g_assert_nonnull (cg_order_page_get_dialog (CG_ORDER_PAGE (w)));
  snap (GTK_WIDGET (cg_order_page_get_dialog (CG_ORDER_PAGE (w))), "hand-over");
  {
    /* Verified by the last 4 digits of the customer's phone. */
    const char *order_id = cg_order_summary_get_id (CG_ORDER_SUMMARY (first_order));
    g_autoptr(JsonObject) order = cg_store_get (t.store, order_id, FALSE, &error);
    g_autoptr(JsonObject) customer = NULL;
    g_autoptr(JsonObject) after = NULL;
    CgHandoverDialog *dialog = CG_HANDOVER_DIALOG (cg_order_page_get_dialog (CG_ORDER_PAGE (w)));
    const char *phone;

    g_assert_no_error (error);
    customer = cg_store_get (t.store, cg_json_get_string (order, "customer_id"), FALSE, &error);
    g_assert_no_error (error);
    phone = json_array_get_string_element (json_object_get_array_member (customer, "phones"), 0);
    cg_handover_dialog_set_method (dialog, "phone_last4");
    cg_handover_dialog_set_value (dialog, phone + strlen (phone) - 4);
    g_assert_true (cg_handover_dialog_confirm (dialog));
    settle (&t);
    after = cg_store_get (t.store, order_id, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (cg_json_get_string (after, "status"), ==, "picked_up");
    g_assert_cmpstr (cg_json_get_string (after, "pickup_verified_with"), ==, "phone_last4");
    snap (GTK_WIDGET (t.window), "order-handed-over");
  }

  /* 7. Knowledge. */
  g_assert_true (cg_window_show_section (t.window, "knowledge"));
  w = page (&t, CG_TYPE_KNOWLEDGE_PAGE);
  /* The articles shown are in the language the page is shown in. */
  cg_knowledge_page_search (CG_KNOWLEDGE_PAGE (w),
                            g_strcmp0 (cg_knowledge_page_get_locale (CG_KNOWLEDGE_PAGE (w)), "ko") == 0
                            ? "환불" : "refund");
  iterate_until (has_knowledge_results, w, 10000, "knowledge results");
  {
    g_auto(GStrv) ids = cg_knowledge_page_dup_result_ids (CG_KNOWLEDGE_PAGE (w));
    g_assert_true (cg_knowledge_page_show_article (CG_KNOWLEDGE_PAGE (w), ids[0]));
  }
  snap (GTK_WIDGET (t.window), "knowledge");

  /* 8. Reports (supervisor). */
  g_assert_true (cg_window_show_section (t.window, "reports"));
  w = page (&t, CG_TYPE_REPORTS_PAGE);
  cg_reports_page_refresh (CG_REPORTS_PAGE (w));
  iterate_until (reports_loaded, w, 60000, "the report");
  snap (GTK_WIDGET (t.window), "reports");

  /* 9. Conflicts (supervisor). */
  make_conflict (t.store, customer_id);
  g_assert_true (cg_window_show_section (t.window, "conflicts"));
  w = page (&t, CG_TYPE_CONFLICTS_PAGE);
  cg_conflicts_page_refresh (CG_CONFLICTS_PAGE (w));
  g_assert_cmpuint (cg_conflicts_page_get_n_conflicts (CG_CONFLICTS_PAGE (w)), ==, 1);
  g_assert_true (cg_conflicts_page_select (CG_CONFLICTS_PAGE (w), customer_id));
  snap (GTK_WIDGET (t.window), "conflicts");

  /* 10. Locked. */
  cg_window_lock (t.window);
  snap (GTK_WIDGET (t.window), "locked");

  /* 11. The second screen. */
  {
    GtkWidget *now_serving = cg_now_serving_window_new (GTK_APPLICATION (application), t.store);
    g_auto(GStrv) tickets = NULL;

    gtk_window_set_default_size (GTK_WINDOW (now_serving), 1280, 720);
    gtk_window_present (GTK_WINDOW (now_serving));
    tickets = cg_now_serving_window_dup_tickets (CG_NOW_SERVING_WINDOW (now_serving));
    g_assert_nonnull (tickets);
    g_assert_nonnull (tickets[0]);
    snap (now_serving, "now-serving");
    gtk_window_destroy (GTK_WINDOW (now_serving));
  }

  gtk_window_destroy (GTK_WINDOW (t.window));
  g_clear_object (&t.window);
  g_clear_object (&t.store);
  {
    g_autoptr(GDir) dir = g_dir_open (t.dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (t.dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (t.dir);
  }
  g_free (t.dir);
  g_free (t.path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *language = g_getenv ("LANGUAGE");
  gboolean have_locale = setlocale (LC_ALL, "") != NULL;

  /* Without the Korean locale (build-aux/dev deps generates it) messages
   * are still Korean in C.UTF-8; only weekdays would not be, and the
   * Korean check below says so. */
  if (!have_locale)
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CHANGGU_LOCALEDIR") ? g_getenv ("CHANGGU_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  lang = g_strdup (language != NULL && g_str_has_prefix (language, "ko") ? "ko" : "en");

  g_test_init (&argc, &argv, NULL);
  if (!ui_test_open_display ("/tour/no-display"))
    return g_test_run ();

  application = ui_test_application_new ();

  if (g_str_equal (lang, "ko"))
    english_words = load_english_words ();
  g_test_add_func ("/tour/a-day-at-the-counter", test_tour);
  return g_test_run ();
}
