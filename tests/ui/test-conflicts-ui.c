/* test-conflicts-ui.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The conflicts page: only for supervisors; lists a conflict made the way
 * sync makes one, shows the two versions side by side with the automatic
 * merges preselected, and resolves it with a choice made on the radio
 * buttons. Also the wording of cg-conflict-format.c.
 */
#include "config.h"

#include <adwaita.h>

#include "cg-conflict-format.h"
#include "cg-conflicts-page.h"
#include "cg-ui-test-util.h"

static void
put_replicated (CgStore    *store,
                const char *json,
                const char *rev,
                const char *parent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_json_from_string (json, &error);
  JsonObject *revisions = json_object_new ();
  JsonArray *ids = json_array_new ();

  g_assert_no_error (error);
  json_array_add_string_element (ids, strchr (rev, '-') + 1);
  if (parent != NULL)
    json_array_add_string_element (ids, strchr (parent, '-') + 1);
  json_object_set_int_member (revisions, "start", g_ascii_strtoll (rev, NULL, 10));
  json_object_set_array_member (revisions, "ids", ids);
  json_object_set_string_member (doc, "_rev", rev);
  json_object_set_object_member (doc, "_revisions", revisions);
  g_assert_true (cg_store_put_replicated (store, doc, &error));
  g_assert_no_error (error);
}

static void
put_staff (CgStore    *store,
           const char *id,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"staff\",\"name\":\"%s\",\"role\":\"agent\","
                                           "\"pin_hash\":\"x\",\"active\":true}", id, name);
  g_autoptr(JsonObject) doc = cg_json_from_string (json, &error);
  g_autofree char *rev = cg_store_put (store, doc, &error);

  g_assert_no_error (error);
}

/* A local edit (the winner) against one from another device. */
static CgStore *
make_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("changgu-conflicts-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  CgStore *store = cg_store_open (path, &error);
  g_autoptr(JsonObject) local = NULL;

  g_assert_no_error (error);
  put_staff (store, "staff:0421-02", "이수진");
  put_staff (store, "staff:0777-01", "박민재");
  put_replicated (store,
                  "{\"_id\":\"customer:k\",\"type\":\"customer\",\"name\":\"박지우\",\"phones\":[\"+821012345678\"],"
                  "\"tier\":\"gold\",\"notes\":\"first\",\"language\":\"ko\",\"created_at\":\"2026-01-01T09:00:00Z\","
                  "\"updated_at\":\"2026-01-01T09:00:00Z\"}", "1-a", NULL);
  local = cg_json_from_string ("{\"notes\":\"Prefers e-mail\",\"tier\":\"silver\"}", NULL);
  g_assert_true (cg_customer_update_as (store, "customer:k", local, "staff:0421-02", &error));
  g_assert_no_error (error);
  put_replicated (store,
                  "{\"_id\":\"customer:k\",\"type\":\"customer\",\"name\":\"박지우 (Jiwoo)\",\"phones\":[\"+821012345678\"],"
                  "\"tier\":\"vip\",\"notes\":\"first\",\"language\":\"en\",\"created_at\":\"2026-01-01T09:00:00Z\","
                  "\"updated_at\":\"2026-01-02T09:00:00Z\",\"updated_by\":\"staff:0777-01\","
                  "\"updated_device\":\"b7c1d2e3-0000-4000-8000-000000000001\"}", "2-0", "1-a");
  g_assert_cmpuint (cg_store_count_conflicts (store), ==, 1);
  return store;
}

static GtkWidget *
show_page (CgStore   *store,
           CgSession *session,
           GtkWidget **window_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *page = cg_conflicts_page_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  cg_conflicts_page_set_session (CG_CONFLICTS_PAGE (page), session);
  cg_conflicts_page_set_store (CG_CONFLICTS_PAGE (page), store);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window);
  *window_out = window;
  return page;
}

static AdwStatusPage *
visible_status (GtkWidget *root)
{
  if (ADW_IS_STATUS_PAGE (root) && gtk_widget_is_drawable (root))
    return ADW_STATUS_PAGE (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *found = visible_status (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The radio button of version @name ("choice-a"/"choice-b") showing @text. */
static GtkCheckButton *
find_choice (GtkWidget  *root,
             const char *name,
             const char *text)
{
  if (GTK_IS_CHECK_BUTTON (root) && g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    {
      GtkWidget *label = gtk_check_button_get_child (GTK_CHECK_BUTTON (root));
      if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0)
        return GTK_CHECK_BUTTON (root);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_choice (child, name, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_agent_denied (void)
{
  g_autoptr(CgStore) store = make_store ();
  g_autoptr(CgSession) agent = cg_session_new ("staff:0421-03", "박민재", "agent");
  GtkWidget *window = NULL;
  GtkWidget *page = show_page (store, agent, &window);
  AdwStatusPage *status = visible_status (page);

  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Supervisors Only");
  g_assert_cmpuint (cg_conflicts_page_get_n_conflicts (CG_CONFLICTS_PAGE (page)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_resolve (void)
{
  g_autoptr(CgStore) store = make_store ();
  g_autoptr(CgSession) supervisor = cg_session_new ("staff:0421-01", "김지훈", "supervisor");
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) live = NULL;
  GtkWidget *window = NULL;
  GtkWidget *page = show_page (store, supervisor, &window);
  GtkWidget *list;
  GtkCheckButton *check;
  AdwStatusPage *status;

  g_assert_cmpuint (cg_conflicts_page_get_n_conflicts (CG_CONFLICTS_PAGE (page)), ==, 1);
  list = find_descendant (page, GTK_TYPE_LIST_BOX, "conflicts");
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))),
                   ==, "Customer · 박지우");
  /* Who edited each version, by name. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))),
                            "이수진"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))),
                            "박민재"));
  save_screenshot (window, "conflicts-list");

  /* Choose it: side by side. */
  gtk_list_box_select_row (GTK_LIST_BOX (list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_nonnull (cg_conflicts_page_get_selected (CG_CONFLICTS_PAGE (page)));
  wait_for_frames (window);
  /* Auto-merged: the name changed only in B, the notes only in A. */
  check = find_choice (page, "choice-b", "박지우 (Jiwoo)");
  g_assert_nonnull (check);
  g_assert_true (gtk_check_button_get_active (check));
  check = find_choice (page, "choice-a", "Prefers e-mail");
  g_assert_nonnull (check);
  g_assert_true (gtk_check_button_get_active (check));
  /* Changed in both: version A until chosen; choose B's tier. */
  check = find_choice (page, "choice-a", "Silver");
  g_assert_true (gtk_check_button_get_active (check));
  check = find_choice (page, "choice-b", "VIP");
  gtk_check_button_set_active (check, TRUE);
  /* The language changed only in B. */
  check = find_choice (page, "choice-b", "English");
  g_assert_nonnull (check);
  g_assert_true (gtk_check_button_get_active (check));
  save_screenshot (window, "conflict-detail");

  g_signal_emit_by_name (find_descendant (page, GTK_TYPE_BUTTON, "resolve"), "clicked");
  g_assert_cmpuint (cg_store_count_conflicts (store), ==, 0);
  live = cg_store_get_leaves (store, "customer:k", FALSE);
  g_assert_cmpuint (g_strv_length (live), ==, 1);
  doc = cg_store_get (store, "customer:k", FALSE, &error);
  g_assert_cmpstr (cg_json_get_string (doc, "name"), ==, "박지우 (Jiwoo)");
  g_assert_cmpstr (cg_json_get_string (doc, "notes"), ==, "Prefers e-mail");
  g_assert_cmpstr (cg_json_get_string (doc, "tier"), ==, "vip");
  g_assert_cmpstr (cg_json_get_string (doc, "language"), ==, "en");
  g_assert_cmpstr (cg_json_get_string (doc, "updated_by"), ==, "staff:0421-01");

  wait_for_frames (window);
  status = visible_status (page);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Conflicts");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_format (void)
{
  g_autoptr(JsonNode) phones = json_from_string ("[\"+821012345678\",\"+447700900123\"]", NULL);
  g_autoptr(JsonNode) consent = json_from_string ("{\"marketing\":true,\"data_processing\":false}", NULL);
  g_autoptr(JsonNode) empty = json_from_string ("[]", NULL);
  g_autoptr(JsonNode) channel = json_from_string ("\"email\"", NULL);
  g_autoptr(JsonNode) count = json_from_string ("3", NULL);
  g_autoptr(JsonObject) side = cg_json_from_string ("{\"updated_by\":\"staff:x\",\"updated_device\":\"6f1c0a2b-1d2e-4f00-9a8b-0123456789ab\"}", NULL);
  g_autoptr(JsonObject) named = cg_json_from_string ("{\"updated_device\":\"counter-2\"}", NULL);
  g_autoptr(JsonObject) nobody = json_object_new ();
  g_autofree char *v1 = cg_conflict_format_value ("phones", phones);
  g_autofree char *v2 = cg_conflict_format_value ("consent", consent);
  g_autofree char *v3 = cg_conflict_format_value ("emails", empty);
  g_autofree char *v4 = cg_conflict_format_value ("notes", NULL);
  g_autofree char *v5 = cg_conflict_format_value ("preferred_channel", channel);
  g_autofree char *v6 = cg_conflict_format_value ("reopened_count", count);
  g_autofree char *f1 = cg_conflict_format_field ("preferred_channel");
  g_autofree char *f2 = cg_conflict_format_field ("x_future_field");
  g_autofree char *a1 = cg_conflict_format_author (NULL, side);
  g_autofree char *a2 = cg_conflict_format_author (NULL, nobody);
  g_autofree char *a3 = cg_conflict_format_author (NULL, named);

  g_assert_cmpstr (v1, ==, "010-1234-5678, +447700900123");
  g_assert_cmpstr (v2, ==, "Marketing: Yes, Data processing: No");
  g_assert_cmpstr (v3, ==, "None");
  g_assert_cmpstr (v4, ==, "Not set");
  g_assert_cmpstr (v5, ==, "E-mail");
  g_assert_cmpstr (v6, ==, "3");
  g_assert_cmpstr (f1, ==, "Preferred channel");
  g_assert_cmpstr (f2, ==, "X future field");
  g_assert_cmpstr (a1, ==, "staff:x · device 6f1c0a2b");
  g_assert_cmpstr (a2, ==, "Unknown");
  /* A device name is not cut to 8 characters ("counter-"). */
  g_assert_cmpstr (a3, ==, "device counter-2");
  g_assert_cmpstr (cg_conflict_format_type ("case"), ==, "Case");
  g_assert_cmpstr (cg_conflict_format_type ("gizmo"), ==, "gizmo");
  g_assert_cmpstr (cg_conflict_format_state (CG_CONFLICT_BOTH), ==, "Changed in both versions: choose one");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/conflicts-ui/format", test_format);
  if (!gtk_init_check ())
    return g_test_run ();
  adw_init ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_test_add_func ("/conflicts-ui/agent-denied", test_agent_denied);
  g_test_add_func ("/conflicts-ui/resolve", test_resolve);
  return g_test_run ();
}
