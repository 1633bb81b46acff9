/* test-preferences-ui.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Preferences window: the device page's switches and display choice
 * write GSettings (GSETTINGS_BACKEND=memory, the schema compiled in the
 * build's data dir) and follow it; the managed page lists the settings of
 * configs accepted by cg_config_refresh() with their source, the last
 * refusal as a warning at the top, and an empty state without config.
 */
#include "config.h"

#include <adwaita.h>

#include "cg-preferences-window.h"
#include "cg-settings.h"
#include "cg-ui-test-util.h"

#define STORE_ID  "0421"
#define DEVICE_ID "6f1c0000-0000-4000-8000-000000000001"

static char *public_key;
static char *secret_key;

static CgStore *
device_store (gboolean trusted)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("changgu-prefs-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *keys = g_strdup_printf ("[{\"key_id\":\"seoul-2026\",\"public_key\":\"%s\"}]", public_key);
  CgStore *store = cg_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (cg_store_set_meta (store, "device_id", DEVICE_ID, &error));
  g_assert_true (cg_store_set_meta (store, "store_id", STORE_ID, &error));
  if (trusted)
    g_assert_true (cg_store_set_meta (store, "trusted_keys", keys, &error));
  g_assert_no_error (error);
  return store;
}

/* A signed config for @scope, written as replication writes it. */
static void
put_config (CgStore    *store,
            const char *scope,
            gint64      version,
            const char *settings_json,
            const char *rev,
            const char *parent)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strconcat ("config:", scope, NULL);
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(JsonObject) settings = cg_json_from_string (settings_json, &error);
  JsonObject *revisions = json_object_new ();
  JsonArray *ids = json_array_new ();

  g_assert_no_error (error);
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "config");
  json_object_set_string_member (doc, "scope", scope);
  json_object_set_int_member (doc, "version", version);
  json_object_set_string_member (doc, "issued_at", "2026-11-22T09:00:00Z");
  json_object_set_object_member (doc, "settings", json_object_ref (settings));
  g_assert_true (cg_config_sign (doc, "seoul-2026", secret_key, &error));
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

static AdwPreferencesWindow *
open_window (CgStore *store)
{
  GtkWidget *window = cg_preferences_window_new (NULL, store);

  gtk_window_set_default_size (GTK_WINDOW (window), 680, 860);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window);
  return ADW_PREFERENCES_WINDOW (window);
}

static AdwActionRow *
managed_row (AdwPreferencesWindow *window,
             const char           *path)
{
  GtkWidget *row = find_descendant (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, path);

  g_assert_nonnull (row);
  return ADW_ACTION_ROW (row);
}

static const char *
row_value (AdwActionRow *row)
{
  GtkWidget *label = find_descendant (GTK_WIDGET (row), GTK_TYPE_LABEL, "value");

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
assert_row (AdwPreferencesWindow *window,
            const char           *path,
            const char           *title,
            const char           *value,
            const char           *source)
{
  AdwActionRow *row = managed_row (window, path);

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
  g_assert_cmpstr (row_value (row), ==, value);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, source);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (row)));
  /* Read only: nothing in the row can be activated or edited. */
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_null (adw_action_row_get_activatable_widget (row));
}

static GtkWidget *
visible_status_page (GtkWidget *root)
{
  GtkWidget *status = find_descendant (root, ADW_TYPE_STATUS_PAGE, NULL);

  return status != NULL && gtk_widget_is_visible (status) ? status : NULL;
}

static void
test_managed (void)
{
  g_autoptr(CgStore) store = device_store (TRUE);
  AdwPreferencesWindow *window;
  GtkWidget *warning;

  put_config (store, "global", 3,
              "{\"retention\": {\"closed_case_days\": 180, \"checkin_days\": 30},"
              " \"sync\": {\"interval_s\": 300, \"live\": true}}", "1-aa", NULL);
  put_config (store, "store:0421", 7,
              "{\"sync\": {\"interval_s\": 60, \"batch_size\": 500},"
              " \"kiosk\": {\"idle_timeout_s\": 90, \"idle_warning_s\": 20,"
              "            \"features\": [\"checkin\", \"pickup\", \"faq\"], \"languages\": [\"ko\", \"en\"],"
              "            \"exit_pin_hash\": \"$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA\"},"
              " \"sla\": {\"urgent\": {\"first_response_min\": 15, \"resolution_min\": 240, \"business_hours\": false}},"
              " \"business_hours\": {\"tz\": \"Asia/Seoul\", \"mon\": [\"10:00\", \"22:00\"], \"sun\": []},"
              " \"categories\": [{\"id\": \"return\", \"label\": {\"ko\": \"반품\", \"en\": \"Return\"}},"
              "                  {\"id\": \"gift_wrap\", \"label\": {\"ko\": \"선물 포장\", \"en\": \"Gift wrap\"}}],"
              " \"loyalty\": {\"points_per_won\": 3}}", "1-bb", NULL);
  g_assert_true (cg_config_refresh (store));
  g_assert_null (cg_config_dup_rejection (store));

  window = open_window (store);
  adw_preferences_window_set_visible_page_name (window, "managed");
  wait_for_frames (GTK_WIDGET (window));

  /* The more specific scope wins key by key; each row says which. */
  assert_row (window, "sync.interval_s", "Sync interval", "1 minute",
              "From the store’s settings, version 7");
  assert_row (window, "sync.live", "Continuous sync", "On",
              "From the global settings, version 3");
  assert_row (window, "sync.batch_size", "Sync batch size", "500 documents at a time",
              "From the store’s settings, version 7");
  assert_row (window, "retention.closed_case_days", "Keep closed cases for", "180 days",
              "From the global settings, version 3");
  assert_row (window, "kiosk.idle_timeout_s", "Kiosk idle timeout", "1 minute 30 seconds",
              "From the store’s settings, version 7");
  assert_row (window, "kiosk.features", "Kiosk features", "Check-in, Order pickup, Questions and answers",
              "From the store’s settings, version 7");
  assert_row (window, "kiosk.exit_pin_hash", "Kiosk exit PIN", "Set",
              "From the store’s settings, version 7");
  assert_row (window, "sla.urgent.resolution_min", "Urgent cases: resolution", "Within 4 hours",
              "From the store’s settings, version 7");
  assert_row (window, "sla.urgent.business_hours", "Urgent cases: clock", "Around the clock",
              "From the store’s settings, version 7");
  assert_row (window, "business_hours.sun", "Sunday", "Closed",
              "From the store’s settings, version 7");
  assert_row (window, "categories", "Case categories", "Return, Gift wrap",
              "From the store’s settings, version 7");
  /* Unknown to this version: the dotted path. */
  assert_row (window, "loyalty.points_per_won", "loyalty.points_per_won", "3",
              "From the store’s settings, version 7");
  g_assert_null (visible_status_page (GTK_WIDGET (window)));
  warning = find_descendant (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "rejection");
  g_assert_nonnull (warning);
  g_assert_false (gtk_widget_is_visible (warning));

  /* A replayed old version arrives: refused, shown at the top, and the
   * settings in force stay. */
  put_config (store, "store:0421", 6, "{\"sync\": {\"interval_s\": 30}}", "2-cc", "1-bb");
  g_assert_false (cg_config_refresh (store));
  {
    g_autoptr(JsonObject) rejection = cg_config_dup_rejection (store);
    g_assert_nonnull (rejection);
  }
  cg_preferences_window_reload (CG_PREFERENCES_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_visible (warning));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (warning)), ==,
                   "Refused: the store’s settings, version 6");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (warning)),
                                   "Config store:0421 version 6 is not newer than version 7"));
  assert_row (window, "sync.interval_s", "Sync interval", "1 minute",
              "From the store’s settings, version 7");
  save_screenshot (GTK_WIDGET (window), "preferences-managed");
  {
    /* The end of the page: service levels, hours, categories, unknown keys. */
    GtkWidget *row = GTK_WIDGET (managed_row (window, "categories"));
    GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    save_screenshot (GTK_WIDGET (window), "preferences-managed-end");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A new config document is shown without reopening the window (the
 * replicated write signals "changed" for type "config"). */
static void
test_follows_store (void)
{
  g_autoptr(CgStore) store = device_store (TRUE);
  AdwPreferencesWindow *window = open_window (store);

  adw_preferences_window_set_visible_page_name (window, "managed");
  g_assert_nonnull (visible_status_page (GTK_WIDGET (window)));
  g_assert_null (find_descendant (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "sync.interval_s"));

  put_config (store, "store:0421", 1, "{\"sync\": {\"interval_s\": 120}}", "1-dd", NULL);
  g_assert_true (cg_config_refresh (store));
  wait_for_frames (GTK_WIDGET (window));
  for (int i = 0; i < 50 && find_descendant (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "sync.interval_s") == NULL; i++)
    g_main_context_iteration (NULL, FALSE);
  assert_row (window, "sync.interval_s", "Sync interval", "2 minutes",
              "From the store’s settings, version 1");
  g_assert_null (visible_status_page (GTK_WIDGET (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_empty (void)
{
  g_autoptr(CgStore) store = device_store (TRUE);
  AdwPreferencesWindow *window = open_window (store);
  GtkWidget *status;

  adw_preferences_window_set_visible_page_name (window, "managed");
  wait_for_frames (GTK_WIDGET (window));
  status = visible_status_page (GTK_WIDGET (window));
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "Nothing Managed Yet");
  g_assert_null (find_descendant (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "sync.interval_s"));
  save_screenshot (GTK_WIDGET (window), "preferences-empty");
  gtk_window_destroy (GTK_WINDOW (window));

  /* No store at all: the same. */
  window = ADW_PREFERENCES_WINDOW (cg_preferences_window_new (NULL, NULL));
  adw_preferences_window_set_visible_page_name (window, "managed");
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window));
  g_assert_nonnull (visible_status_page (GTK_WIDGET (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_device (void)
{
  GSettings *settings = cg_settings_get ();
  g_autoptr(CgStore) store = device_store (TRUE);
  AdwPreferencesWindow *window;
  GtkWidget *large_text, *high_contrast, *fullscreen;
  AdwComboRow *display;
  GtkStringList *model;
  guint n;
  g_autofree char *saved = NULL;

  /* The tests point GSETTINGS_SCHEMA_DIR at the build's data dir. */
  g_assert_nonnull (settings);
  g_assert_true (settings == cg_settings_get ());
  g_settings_set_boolean (settings, "kiosk-large-text", FALSE);
  g_settings_set_boolean (settings, "kiosk-high-contrast", FALSE);
  g_settings_set_boolean (settings, "now-serving-fullscreen", FALSE);
  /* A monitor chosen earlier and unplugged now. */
  g_settings_set_string (settings, "kiosk-display", "HDMI-9");

  window = open_window (store);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (window), ==, "device");
  large_text = find_descendant (GTK_WIDGET (window), GTK_TYPE_SWITCH, "large-text");
  high_contrast = find_descendant (GTK_WIDGET (window), GTK_TYPE_SWITCH, "high-contrast");
  fullscreen = find_descendant (GTK_WIDGET (window), GTK_TYPE_SWITCH, "now-serving-fullscreen");
  display = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW, NULL));
  g_assert_nonnull (large_text);
  g_assert_nonnull (high_contrast);
  g_assert_nonnull (fullscreen);
  g_assert_true (gtk_widget_is_sensitive (large_text));

  /* A switch writes the setting… */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (large_text)));
  gtk_switch_set_active (GTK_SWITCH (large_text), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "kiosk-large-text"));
  gtk_widget_activate (fullscreen);
  g_assert_true (g_settings_get_boolean (settings, "now-serving-fullscreen"));
  /* …and follows it. */
  g_settings_set_boolean (settings, "kiosk-high-contrast", TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (high_contrast)));

  /* The display: the primary monitor first, the saved one kept. */
  model = GTK_STRING_LIST (adw_combo_row_get_model (display));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (gtk_string_list_get_string (model, 0), ==, "Primary monitor");
  g_assert_cmpstr (gtk_string_list_get_string (model, n - 1), ==, "HDMI-9 (not connected)");
  g_assert_cmpuint (adw_combo_row_get_selected (display), ==, n - 1);
  save_screenshot (GTK_WIDGET (window), "preferences-device");

  adw_combo_row_set_selected (display, 0);
  saved = g_settings_get_string (settings, "kiosk-display");
  g_assert_cmpstr (saved, ==, "");
  gtk_window_destroy (GTK_WINDOW (window));

  /* Reopened: what was saved is shown. */
  window = open_window (store);
  large_text = find_descendant (GTK_WIDGET (window), GTK_TYPE_SWITCH, "large-text");
  display = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW, NULL));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (large_text)));
  g_assert_cmpuint (adw_combo_row_get_selected (display), ==, 0);
  /* The unplugged monitor is no longer offered once another is chosen. */
  model = GTK_STRING_LIST (adw_combo_row_get_model (display));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpstr (gtk_string_list_get_string (model, n - 1), !=, "HDMI-9 (not connected)");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    return g_test_run ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  cg_config_keygen (&public_key, &secret_key);

  g_test_add_func ("/preferences-ui/managed", test_managed);
  g_test_add_func ("/preferences-ui/follows-store", test_follows_store);
  g_test_add_func ("/preferences-ui/empty", test_empty);
  g_test_add_func ("/preferences-ui/device", test_device);
  return g_test_run ();
}
