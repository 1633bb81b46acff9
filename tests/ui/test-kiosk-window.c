/* test-kiosk-window.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk window around the flows: the language switch, the attract
 * screen with the "now serving" numbers, the lockdown, the idle warning
 * and wipe, the exit PIN, `changgu --kiosk` and a kiosk device starting in
 * kiosk mode, and the printed ticket (exported to PDF, rendered with
 * pdftoppm). Screenshots at kiosk size in both languages go to
 * screenshots/kiosk-<lang>-<portrait|landscape>/.
 *
 * Needs the built catalogue (CHANGGU_LOCALEDIR, set by meson) for the
 * Korean checks.
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "changgu-core.h"
#include "cg-demo.h"
#include "cg-ui-test-util.h"
#include "kiosk/cg-kiosk-keypad.h"
#include "kiosk/cg-kiosk-language.h"
#include "kiosk/cg-kiosk-step-header.h"
#include "kiosk/cg-kiosk-ticket-print.h"
#include "kiosk/cg-kiosk-window.h"

#define EXIT_PIN "2468"
#define STORE_NAME_KO "창구 강남점"
#define STORE_NAME_EN "Changgu Gangnam"
/* What a customer typed: must be nowhere after the wipe. */
#define MARKER "Zebra4821"

static CgApplication *application;
static char *public_key;
static char *secret_key;

/* ------------------------------------------------------------ fixtures */

typedef struct {
  char    *dir;
  char    *path;
  CgStore *store;
  guint    config_version;
} KioskStore;

static void
put_config (KioskStore *k,
            const char *settings_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(JsonObject) settings = cg_json_from_string (settings_json, &error);
  g_autoptr(JsonObject) previous = cg_store_get (k->store, "config:store:0421", FALSE, NULL);
  g_autofree char *rev = NULL;
  JsonObject *revisions = json_object_new ();
  JsonArray *ids = json_array_new ();
  guint version = ++k->config_version;

  g_assert_no_error (error);
  json_object_set_string_member (doc, "_id", "config:store:0421");
  json_object_set_string_member (doc, "type", "config");
  json_object_set_string_member (doc, "scope", "store:0421");
  json_object_set_int_member (doc, "version", version);
  json_object_set_string_member (doc, "issued_at", "2026-11-22T09:00:00Z");
  json_object_set_object_member (doc, "settings", json_object_ref (settings));
  g_assert_true (cg_config_sign (doc, "seoul-2026", secret_key, &error));
  g_assert_no_error (error);

  /* As replication writes it: a new revision on top of the last. */
  rev = g_strdup_printf ("%u-%032x", version, version);
  json_array_add_string_element (ids, strchr (rev, '-') + 1);
  if (previous != NULL)
    json_array_add_string_element (ids, strchr (cg_json_get_string (previous, "_rev"), '-') + 1);
  json_object_set_int_member (revisions, "start", version);
  json_object_set_array_member (revisions, "ids", ids);
  json_object_set_string_member (doc, "_rev", rev);
  json_object_set_object_member (doc, "_revisions", revisions);
  g_assert_true (cg_store_put_replicated (k->store, doc, &error));
  g_assert_no_error (error);
}

static char *
kiosk_settings (guint idle_s,
                guint warning_s,
                const char *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = cg_staff_hash_pin (EXIT_PIN, &error);

  g_assert_no_error (error);
  return g_strdup_printf ("{\"kiosk\": {\"idle_timeout_s\": %u, \"idle_warning_s\": %u,"
                          " \"exit_pin_hash\": \"%s\","
                          " \"store_name\": {\"ko\": \"" STORE_NAME_KO "\", \"en\": \"" STORE_NAME_EN "\"}%s}}",
                          idle_s, warning_s, hash, extra ? extra : "");
}

/* A kiosk's store (store 0421, prefix K1) with a signed store config;
 * @settings_json NULL: no config at all. */
static KioskStore *
kiosk_store_new (const char *settings_json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keys = g_strdup_printf ("[{\"key_id\":\"seoul-2026\",\"public_key\":\"%s\"}]", public_key);
  KioskStore *k = g_new0 (KioskStore, 1);

  k->dir = g_dir_make_tmp ("changgu-kiosk-ui-XXXXXX", &error);
  g_assert_no_error (error);
  k->path = g_build_filename (k->dir, "store.db", NULL);
  k->store = cg_store_open (k->path, &error);
  g_assert_no_error (error);
  g_assert_true (cg_device_set_identity (k->store, "0421", "K1", "kiosk", &error));
  g_assert_true (cg_store_set_meta (k->store, "trusted_keys", keys, &error));
  g_assert_no_error (error);
  if (settings_json != NULL)
    {
      put_config (k, settings_json);
      g_assert_true (cg_config_refresh (k->store));
    }
  return k;
}

static void
kiosk_store_free (KioskStore *k)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&k->store);
  dir = g_dir_open (k->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (k->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (k->dir);
  g_free (k->dir);
  g_free (k->path);
  g_free (k);
}

static CgKioskWindow *
open_kiosk (KioskStore *k,
            int         width,
            int         height)
{
  GtkWidget *window = cg_kiosk_window_new (GTK_APPLICATION (application), k->store);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window);
  return CG_KIOSK_WINDOW (window);
}

/* The kiosk refuses to close: destroy is the test's way out. */
static void
close_kiosk (CgKioskWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
named (CgKioskWindow *window,
       GType          type,
       const char    *name)
{
  GtkWidget *widget = find_descendant (GTK_WIDGET (window), type, name);

  if (widget == NULL)
    g_error ("no %s named %s", g_type_name (type), name);
  return widget;
}

static const char *
label_text (CgKioskWindow *window,
            const char    *name)
{
  return gtk_label_get_text (GTK_LABEL (named (window, GTK_TYPE_LABEL, name)));
}

static void
click (GtkWidget *button)
{
  g_assert_true (is_showing (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
contains_hangul (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c >= 0xAC00 && c <= 0xD7A3)
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  CgKioskWindow *window;
  const char    *screen;
} ScreenWait;

static gboolean
screen_is (gpointer data)
{
  ScreenWait *w = data;
  return g_strcmp0 (cg_kiosk_window_get_screen (w->window), w->screen) == 0;
}

static void
wait_for_screen (CgKioskWindow *window,
                 const char    *screen,
                 guint          timeout_ms)
{
  ScreenWait w = { window, screen };
  iterate_until (screen_is, &w, timeout_ms, screen);
}

static gboolean
idle_warning_shown (gpointer data)
{
  return cg_kiosk_window_is_idle_warning_shown (data);
}

static gboolean
exit_shown (gpointer data)
{
  return cg_kiosk_window_is_exit_shown (data);
}

static void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
}

/* The first editable of the flow that is on screen. */
static GtkWidget *
showing_editable (GtkWidget *root)
{
  if (GTK_IS_EDITABLE (root) && !GTK_IS_TEXT (root) && is_showing (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = showing_editable (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every text the widget tree holds (editables, labels, text views,
 * buttons' labels, tooltips) that contains @text. */
static guint
count_text (GtkWidget  *widget,
            const char *text)
{
  guint found = 0;
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_EDITABLE (widget) && strstr (gtk_editable_get_text (GTK_EDITABLE (widget)), text) != NULL)
    found++;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    found++;
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *content = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      content = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      if (strstr (content, text) != NULL)
        found++;
    }
  if (tooltip != NULL && strstr (tooltip, text) != NULL)
    found++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    found += count_text (child, text);
  return found;
}

/* Opens @feature from the menu of a visit in @language. */
static GtkWidget *
open_feature (CgKioskWindow *window,
              const char    *language,
              const char    *feature)
{
  g_autofree char *name = g_strconcat ("feature-", feature, NULL);

  if (g_strcmp0 (cg_kiosk_window_get_screen (window), "attract") == 0)
    click (named (window, GTK_TYPE_BUTTON, g_str_equal (language, "ko") ? "language-ko" : "language-en"));
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "home");
  click (named (window, GTK_TYPE_BUTTON, name));
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "flow");
  g_assert_nonnull (cg_kiosk_window_get_flow (window));
  return cg_kiosk_window_get_flow (window);
}

/* ------------------------------------------------------------ language */

static void
test_language (void)
{
  /* Strings the catalogue has had since the counter app. */
  cg_kiosk_set_language ("ko");
  g_assert_cmpstr (cg_kiosk_get_language (), ==, "ko");
  g_assert_cmpstr (_("Cancel"), ==, "취소");
  g_assert_cmpstr (_("Now Serving"), ==, "지금 응대 중인 번호");

  cg_kiosk_set_language ("en");
  g_assert_cmpstr (cg_kiosk_get_language (), ==, "en");
  g_assert_cmpstr (_("Cancel"), ==, "Cancel");
  g_assert_cmpstr (_("Now Serving"), ==, "Now Serving");

  /* And back again: the cache is not stuck in either. */
  cg_kiosk_set_language ("ko");
  g_assert_cmpstr (_("Cancel"), ==, "취소");
  cg_kiosk_set_language ("en");
  g_assert_cmpstr (_("Cancel"), ==, "Cancel");
}

/* ------------------------------------------------------------ attract */

static void
test_attract (void)
{
  g_autofree char *settings = kiosk_settings (60, 20, NULL);
  KioskStore *k = kiosk_store_new (settings);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL, *third = NULL;
  g_autofree char *called_a = NULL, *called_b = NULL;
  CgKioskWindow *window;
  GtkWidget *serving;
  guint n = 0;
  CgDemoOptions options = { .customers = 50, .seed = 6, .articles = TRUE };

  /* A demo store (customers, articles, the day's queue) plus three
   * tickets of our own, two of them called to a counter. */
  g_assert_true (cg_demo_generate (k->store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_free (cg_checkin_create (k->store, "help", NULL, NULL, &first, &error));
  g_free (cg_checkin_create (k->store, "pickup", NULL, NULL, &second, &error));
  g_free (cg_checkin_create (k->store, "return", NULL, NULL, &third, &error));
  g_assert_no_error (error);

  window = open_kiosk (k, 1080, 1920);
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "attract");
  /* The store's name in both languages, "Touch to start" in both, the
   * languages each in itself. */
  g_assert_cmpstr (label_text (window, "store-name"), ==, STORE_NAME_KO);
  g_assert_cmpstr (label_text (window, "store-name-other"), ==, STORE_NAME_EN);
  g_assert_true (is_showing (named (window, GTK_TYPE_LABEL, "store-name-other")));
  g_assert_true (contains_hangul (label_text (window, "start-primary")));
  g_assert_cmpstr (label_text (window, "start-secondary"), ==, "Touch to start");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (named (window, GTK_TYPE_BUTTON, "language-ko"))), ==, "한국어");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (named (window, GTK_TYPE_BUTTON, "language-en"))), ==, "English");
  g_assert_true (is_showing (named (window, GTK_TYPE_BUTTON, "language-ko")));
  g_assert_true (is_showing (named (window, GTK_TYPE_BUTTON, "language-en")));

  /* Nothing called yet today (the demo queue may have some). */
  g_assert_true (cg_queue_call_next (k->store, "staff:0421-01", now, &called_a, &error));
  g_assert_true (cg_queue_call_next (k->store, "staff:0421-02", now, &called_b, &error));
  g_assert_no_error (error);
  g_assert_nonnull (called_b);
  {
    g_autoptr(GPtrArray) active = cg_queue_now_serving (k->store, now, 4, NULL);
    g_autoptr(GString) expected = g_string_new (NULL);

    g_assert_cmpuint (active->len, >=, 2);
    /* The store said "changed": the attract screen follows. */
    serving = named (window, GTK_TYPE_FLOW_BOX, "serving-box");
    for (guint tries = 0; tries < 200; tries++)
      {
        n = 0;
        for (GtkWidget *c = gtk_widget_get_first_child (serving); c; c = gtk_widget_get_next_sibling (c))
          n++;
        if (n == active->len)
          break;
        run_for (10);
      }
    g_assert_cmpuint (n, ==, active->len);
    for (guint i = 0; i < active->len; i++)
      {
        const char *ticket = cg_queue_ticket_get_ticket (g_ptr_array_index (active, i));
        g_assert_cmpuint (count_text (serving, ticket), ==, 1);
        g_string_append_printf (expected, "%s ", ticket);
      }
    g_test_message ("now serving: %s", expected->str);
  }
  g_assert_true (is_showing (serving));
  save_screenshot (GTK_WIDGET (window), "kiosk-attract");

  /* A config that arrives while the kiosk runs changes it at once. */
  {
    g_autofree char *renamed = g_strdup_printf ("{\"kiosk\": {\"store_name\": {\"ko\": \"창구 역삼점\", \"en\": \"Changgu Yeoksam\"},"
                                                " \"languages\": [\"en\"], \"features\": [\"checkin\", \"faq\"]}}");
    put_config (k, renamed);
    for (guint tries = 0; tries < 300 && g_strcmp0 (label_text (window, "store-name"), "Changgu Yeoksam") != 0; tries++)
      run_for (10);
    g_assert_cmpstr (label_text (window, "store-name"), ==, "Changgu Yeoksam");
    /* English only: no language buttons, no Korean second line. */
    g_assert_false (is_showing (named (window, GTK_TYPE_BUTTON, "language-ko")));
    g_assert_false (is_showing (named (window, GTK_TYPE_LABEL, "store-name-other")));
    click (named (window, GTK_TYPE_BUTTON, "start-button"));
    g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "home");
    g_assert_cmpstr (cg_kiosk_get_language (), ==, "en");
    g_assert_nonnull (find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "feature-checkin"));
    g_assert_nonnull (find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "feature-faq"));
    g_assert_null (find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "feature-pickup"));
    g_assert_null (find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "feature-feedback"));
    g_assert_null (find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "home-language"));
  }

  close_kiosk (window);
  kiosk_store_free (k);
}

/* ------------------------------------------------------------ language on screen */

static void
test_home_languages (void)
{
  g_autofree char *settings = kiosk_settings (60, 20, NULL);
  KioskStore *k = kiosk_store_new (settings);
  CgKioskWindow *window = open_kiosk (k, 1080, 1920);
  const char *title;
  const char *korean_ticket;

  /* 한국어: the menu is asked from gettext after the switch, in Korean. */
  click (named (window, GTK_TYPE_BUTTON, "language-ko"));
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "home");
  g_assert_cmpstr (cg_kiosk_get_language (), ==, "ko");
  g_assert_cmpstr (label_text (window, "home-store-name"), ==, STORE_NAME_KO);
  title = label_text (window, "home-title");
  g_assert_cmpstr (title, ==, gettext ("How can we help you?"));
  korean_ticket = gettext ("Take a Ticket");
  g_assert_cmpuint (count_text (named (window, GTK_TYPE_BUTTON, "feature-checkin"), korean_ticket), >=, 1);
  if (g_strcmp0 (korean_ticket, "Take a Ticket") != 0)
    {
      g_assert_true (contains_hangul (title));
      g_assert_true (contains_hangul (korean_ticket));
    }
  else
    g_test_message ("po/ko.po has no Korean for the kiosk menu yet: only the store name is checked");
  /* The other language, written in itself. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (named (window, GTK_TYPE_BUTTON, "home-language"))), ==, "English");

  /* Switching on the menu: English at once. */
  click (named (window, GTK_TYPE_BUTTON, "home-language"));
  g_assert_cmpstr (cg_kiosk_get_language (), ==, "en");
  g_assert_cmpstr (label_text (window, "home-title"), ==, "How can we help you?");
  g_assert_cmpstr (label_text (window, "home-store-name"), ==, STORE_NAME_EN);
  g_assert_cmpuint (count_text (named (window, GTK_TYPE_BUTTON, "feature-checkin"), "Take a Ticket"), >=, 1);

  /* Back to the start, then English from the attract screen. */
  click (named (window, GTK_TYPE_BUTTON, "home-finish"));
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "attract");
  click (named (window, GTK_TYPE_BUTTON, "language-en"));
  g_assert_cmpstr (cg_kiosk_get_language (), ==, "en");
  g_assert_cmpstr (label_text (window, "home-title"), ==, "How can we help you?");
  g_assert_cmpuint (count_text (named (window, GTK_TYPE_BUTTON, "feature-report_problem"), "Report a Problem"), >=, 1);
  /* Every feature is offered by default. */
  g_assert_nonnull (find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "feature-pickup"));
  g_assert_nonnull (find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "feature-feedback"));
  g_assert_nonnull (find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "feature-faq"));

  close_kiosk (window);
  kiosk_store_free (k);
}

/* ------------------------------------------------------------ lockdown */

static GtkEventController *
lockdown_controller (CgKioskWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "kiosk-lockdown") == 0)
        {
          g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_CAPTURE);
          return controller;
        }
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
press (GtkEventController *controller,
       guint               keyval,
       GdkModifierType     state)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

static void
test_lockdown (void)
{
  g_autofree char *settings = kiosk_settings (60, 20, NULL);
  KioskStore *k = kiosk_store_new (settings);
  CgKioskWindow *window = open_kiosk (k, 1080, 1920);
  GtkEventController *keys = lockdown_controller (window);
  GtkWidget *flow;

  g_assert_false (gtk_window_get_decorated (GTK_WINDOW (window)));
  g_assert_false (gtk_window_get_deletable (GTK_WINDOW (window)));

  /* Closing (the window manager, Alt+F4) is refused. */
  gtk_window_close (GTK_WINDOW (window));
  run_for (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  /* Keys that leave, close or reach the desktop are swallowed before any
   * widget sees them; typing is not. */
  flow = open_feature (window, "en", "faq");
  g_assert_true (press (keys, GDK_KEY_Escape, 0));
  g_assert_true (press (keys, GDK_KEY_F4, GDK_ALT_MASK));
  g_assert_true (press (keys, GDK_KEY_q, GDK_CONTROL_MASK));
  g_assert_true (press (keys, GDK_KEY_w, GDK_CONTROL_MASK));
  g_assert_true (press (keys, GDK_KEY_v, GDK_CONTROL_MASK));
  g_assert_true (press (keys, GDK_KEY_I, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_true (press (keys, GDK_KEY_F10, 0));
  g_assert_true (press (keys, GDK_KEY_F11, 0));
  g_assert_true (press (keys, GDK_KEY_Tab, GDK_ALT_MASK));
  g_assert_true (press (keys, GDK_KEY_Super_L, 0));
  g_assert_false (press (keys, GDK_KEY_a, 0));
  g_assert_false (press (keys, GDK_KEY_A, GDK_SHIFT_MASK));
  g_assert_false (press (keys, GDK_KEY_5, 0));
  g_assert_false (press (keys, GDK_KEY_BackSpace, 0));
  g_assert_false (press (keys, GDK_KEY_Return, 0));
  g_assert_false (press (keys, GDK_KEY_Tab, 0));
  /* The visit goes on. */
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "flow");
  g_assert_true (cg_kiosk_window_get_flow (window) == flow);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* The window activates no actions of its own that could leave: it has
   * no "window.close" accelerator path (AdwWindow, not an application
   * window with a menu). */
  g_assert_false (GTK_IS_APPLICATION_WINDOW (window));

  close_kiosk (window);
  kiosk_store_free (k);
}

/* ------------------------------------------------------------ idle */

static void
test_idle_wipe (void)
{
  g_autofree char *settings = kiosk_settings (10, 5, NULL);
  KioskStore *k = kiosk_store_new (settings);
  g_autoptr(CgKioskSettings) loaded = cg_kiosk_settings_load (k->store);
  CgKioskWindow *window;
  GtkWidget *flow, *entry;
  GWeakRef flow_ref;

  /* The configured values, as the window reads them. */
  g_assert_cmpuint (loaded->idle_timeout_s, ==, 10);
  g_assert_cmpuint (loaded->idle_warning_s, ==, 5);

  window = open_kiosk (k, 1080, 1920);
  /* The same logic, faster than 10 + 5 seconds. */
  cg_kiosk_window_set_idle_for_testing (window, 400, 1500);

  /* The attract screen never times out. */
  run_for (700);
  g_assert_false (cg_kiosk_window_is_idle_warning_shown (window));

  flow = open_feature (window, "en", "faq");
  g_weak_ref_init (&flow_ref, flow);
  entry = showing_editable (flow);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), MARKER);
  g_assert_cmpuint (count_text (GTK_WIDGET (window), MARKER), >=, 1);

  /* "Still there?" with the countdown, then the wipe. */
  iterate_until (idle_warning_shown, window, 3000, "the idle warning");
  g_assert_cmpstr (label_text (window, "idle-title"), ==, "Still There?");
  g_assert_cmpstr (label_text (window, "idle-countdown"), ==, "2");
  g_assert_true (is_showing (named (window, GTK_TYPE_BUTTON, "idle-continue")));
  wait_for_screen (window, "attract", 5000);
  g_assert_false (cg_kiosk_window_is_idle_warning_shown (window));

  /* Nothing of the visit: no flow, no text anywhere in the window. */
  run_for (50);
  {
    g_autoptr(GtkWidget) alive = g_weak_ref_get (&flow_ref);
    g_assert_null (alive);
  }
  g_weak_ref_clear (&flow_ref);
  g_assert_null (cg_kiosk_window_get_flow (window));
  g_assert_cmpuint (count_text (GTK_WIDGET (window), MARKER), ==, 0);
  g_assert_null (find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "feature-faq"));
  g_assert_cmpstr (cg_kiosk_get_language (), ==, "ko");

  close_kiosk (window);
  kiosk_store_free (k);
}

static void
test_idle_continue (void)
{
  g_autofree char *settings = kiosk_settings (10, 5, NULL);
  KioskStore *k = kiosk_store_new (settings);
  CgKioskWindow *window = open_kiosk (k, 1080, 1920);
  GtkWidget *flow, *entry;

  cg_kiosk_window_set_idle_for_testing (window, 400, 1500);
  flow = open_feature (window, "ko", "faq");
  entry = showing_editable (flow);
  gtk_editable_set_text (GTK_EDITABLE (entry), MARKER);

  iterate_until (idle_warning_shown, window, 3000, "the idle warning");
  click (named (window, GTK_TYPE_BUTTON, "idle-continue"));
  g_assert_false (cg_kiosk_window_is_idle_warning_shown (window));
  /* Past the end of the countdown: the visit is still there. */
  run_for (300);
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "flow");
  g_assert_true (cg_kiosk_window_get_flow (window) == flow);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, MARKER);

  /* Left alone again, it warns again and wipes. */
  iterate_until (idle_warning_shown, window, 3000, "the second idle warning");
  wait_for_screen (window, "attract", 5000);
  g_assert_cmpuint (count_text (GTK_WIDGET (window), MARKER), ==, 0);

  close_kiosk (window);
  kiosk_store_free (k);
}

/* ------------------------------------------------------------ flows */

static gboolean
weak_ref_cleared (gpointer data)
{
  g_autoptr(GObject) object = g_weak_ref_get (data);
  return object == NULL;
}

static GtkWidget *
showing_header_button (GtkWidget  *flow,
                       gboolean    back)
{
  GtkWidget *header = NULL;
  GPtrArray *pending = g_ptr_array_new ();

  g_ptr_array_add (pending, flow);
  while (pending->len > 0 && header == NULL)
    {
      GtkWidget *widget = g_ptr_array_steal_index (pending, 0);

      if (CG_IS_KIOSK_STEP_HEADER (widget) && is_showing (widget))
        header = widget;
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (pending, c);
    }
  g_ptr_array_unref (pending);
  g_assert_nonnull (header);
  return back ? cg_kiosk_step_header_get_back_button (CG_KIOSK_STEP_HEADER (header))
              : cg_kiosk_step_header_get_home_button (CG_KIOSK_STEP_HEADER (header));
}

/* A flow's "done": Back on its first step returns to the menu; finishing
 * its end screen ends the visit. Either way the flow is destroyed. */
static void
test_flow_done (void)
{
  g_autofree char *settings = kiosk_settings (60, 20, NULL);
  KioskStore *k = kiosk_store_new (settings);
  CgKioskWindow *window = open_kiosk (k, 1080, 1920);
  GtkWidget *flow;
  GWeakRef ref;

  flow = open_feature (window, "en", "faq");
  g_weak_ref_init (&ref, flow);
  click (showing_header_button (flow, TRUE));
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "home");
  g_assert_null (cg_kiosk_window_get_flow (window));
  iterate_until (weak_ref_cleared, &ref, 2000, "the FAQ flow finalized");
  g_weak_ref_clear (&ref);

  /* A ticket: the end screen's Finish ends the visit. */
  flow = open_feature (window, "en", "checkin");
  g_weak_ref_init (&ref, flow);
  click (named (window, GTK_TYPE_BUTTON, "reason-help"));
  g_assert_true (is_showing (named (window, GTK_TYPE_LABEL, "ticket-number")));
  g_assert_true (g_str_has_prefix (label_text (window, "ticket-number"), "K1-"));
  click (named (window, GTK_TYPE_BUTTON, "ticket-finish"));
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "attract");
  iterate_until (weak_ref_cleared, &ref, 2000, "the ticket flow finalized");
  g_weak_ref_clear (&ref);
  g_assert_null (find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "feature-checkin"));

  close_kiosk (window);
  kiosk_store_free (k);
}

/* ------------------------------------------------------------ exit */

static void
hold_exit_corner (CgKioskWindow *window,
                  double         x,
                  double         y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "kiosk-exit-hold") == 0)
        {
          g_assert_true (GTK_IS_GESTURE_LONG_PRESS (controller));
          g_signal_emit_by_name (controller, "pressed", x, y);
          return;
        }
    }
  g_assert_not_reached ();
}

/* In the bottom-right corner of the window as it is. */
static void
hold_exit_corner_of (CgKioskWindow *window)
{
  hold_exit_corner (window, gtk_widget_get_width (GTK_WIDGET (window)) - 20,
                    gtk_widget_get_height (GTK_WIDGET (window)) - 20);
}

static gboolean
status_changed (gpointer data)
{
  CgKioskWindow *window = data;
  const char *text = label_text (window, "exit-status");
  return g_strcmp0 (text, _("Checking…")) != 0;
}

static void
enter_pin (CgKioskWindow *window,
           const char    *pin)
{
  CgKioskKeypad *keypad = CG_KIOSK_KEYPAD (named (window, CG_TYPE_KIOSK_KEYPAD, "exit-keypad"));
  GtkWidget *entry = named (window, GTK_TYPE_ENTRY, "exit-entry");

  cg_kiosk_keypad_press (keypad, pin);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, pin);
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (entry)));
  click (named (window, GTK_TYPE_BUTTON, "exit-confirm"));
  iterate_until (status_changed, window, 20000, "the PIN checked");
}

static void
on_quit_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gboolean      *quit)
{
  *quit = TRUE;
}

static void
test_exit_pin (void)
{
  g_autofree char *settings = kiosk_settings (60, 20, NULL);
  KioskStore *k = kiosk_store_new (settings);
  /* Made in English; the panel opens between visits, in the kiosk's
   * first language (Korean). */
  cg_kiosk_set_language ("en");
  CgKioskWindow *window = open_kiosk (k, 1080, 1920);
  GAction *quit = g_action_map_lookup_action (G_ACTION_MAP (application), "quit");
  gboolean quit_requested = FALSE;
  gulong id;

  g_assert_nonnull (quit);
  id = g_signal_connect (quit, "activate", G_CALLBACK (on_quit_activated), &quit_requested);

  /* A long press elsewhere opens nothing. */
  hold_exit_corner (window, 20, 20);
  run_for (2500);
  g_assert_false (cg_kiosk_window_is_exit_shown (window));

  /* Held in the corner for the rest of the 3 seconds: the exit panel. */
  hold_exit_corner_of (window);
  run_for (500);
  g_assert_false (cg_kiosk_window_is_exit_shown (window));
  iterate_until (exit_shown, window, 4000, "the exit panel");
  /* Between visits the kiosk speaks its first configured language: the
   * panel's words are compared through the catalogue. */
  g_assert_cmpstr (label_text (window, "exit-status"), ==, _("Enter the exit PIN."));
  /* The keypad speaks the panel's language too ("Clear" stayed English
   * on a Korean panel when the keypad was made with the window). */
  g_assert_cmpstr (cg_kiosk_get_language (), ==, "ko");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cg_kiosk_keypad_get_key (CG_KIOSK_KEYPAD (named (window, CG_TYPE_KIOSK_KEYPAD, "exit-keypad")), "clear"))),
                   ==, C_("keypad", "Clear"));
  g_assert_cmpstr (C_("keypad", "Clear"), ==, "전체 지우기");
  save_screenshot (GTK_WIDGET (window), "kiosk-en-portrait/81-exit");

  /* Cancel closes it; the kiosk stays. */
  click (named (window, GTK_TYPE_BUTTON, "exit-cancel"));
  g_assert_false (cg_kiosk_window_is_exit_shown (window));

  hold_exit_corner_of (window);
  iterate_until (exit_shown, window, 4000, "the exit panel again");
  enter_pin (window, "1357");
  g_assert_cmpstr (label_text (window, "exit-status"), ==, _("Wrong PIN. Try again."));
  g_assert_false (quit_requested);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (window, GTK_TYPE_ENTRY, "exit-entry"))), ==, "");

  enter_pin (window, EXIT_PIN);
  g_assert_true (quit_requested);

  g_signal_handler_disconnect (quit, id);
  close_kiosk (window);
  kiosk_store_free (k);
}

static void
test_exit_rate_limited (void)
{
  g_autofree char *settings = kiosk_settings (60, 20, NULL);
  KioskStore *k = kiosk_store_new (settings);
  CgKioskWindow *window = open_kiosk (k, 1080, 1920);
  GAction *quit = g_action_map_lookup_action (G_ACTION_MAP (application), "quit");
  gboolean quit_requested = FALSE;
  gulong id = g_signal_connect (quit, "activate", G_CALLBACK (on_quit_activated), &quit_requested);
  guint wrong = 0;

  hold_exit_corner_of (window);
  iterate_until (exit_shown, window, 4000, "the exit panel");
  /* Wrong PINs until the kiosk makes staff wait (3 free failures). */
  for (guint i = 0; i < 6; i++)
    {
      enter_pin (window, "0000");
      if (g_strcmp0 (label_text (window, "exit-status"), _("Wrong PIN. Try again.")) != 0)
        break;
      g_assert_cmpstr (label_text (window, "exit-status"), ==, _("Wrong PIN. Try again."));
      wrong++;
    }
  g_test_message ("rate limited after %u wrong PINs: %s", wrong, label_text (window, "exit-status"));
  g_assert_cmpuint (wrong, >=, 1);
  g_assert_cmpuint (wrong, <=, 4);
  {
    g_autofree char *expected = g_strdup_printf (ngettext ("Too many wrong PINs. Try again in %d second.",
                                                           "Too many wrong PINs. Try again in %d seconds.", 30), 30);
    g_assert_cmpstr (label_text (window, "exit-status"), ==, expected);
  }
  /* While waiting, nothing can be tried, not even the right PIN. */
  g_assert_false (gtk_widget_is_sensitive (named (window, GTK_TYPE_BUTTON, "exit-confirm")));
  g_assert_false (gtk_widget_is_sensitive (named (window, CG_TYPE_KIOSK_KEYPAD, "exit-keypad")));
  save_screenshot (GTK_WIDGET (window), "kiosk-en-portrait/82-exit-rate-limited");
  g_signal_emit_by_name (named (window, GTK_TYPE_ENTRY, "exit-entry"), "activate");
  run_for (200);
  g_assert_false (quit_requested);
  /* The wait is kept in the store: the core refuses even the right PIN. */
  {
    g_autoptr(GError) error = NULL;
    gint64 retry = 0;
    g_assert_false (cg_kiosk_check_exit_pin (k->store, EXIT_PIN, &retry, &error));
    g_assert_error (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_RATE_LIMITED);
    g_assert_cmpint (retry, >, 0);
  }

  g_signal_handler_disconnect (quit, id);
  close_kiosk (window);
  kiosk_store_free (k);
}

static void
test_exit_no_pin (void)
{
  KioskStore *k = kiosk_store_new ("{\"kiosk\": {\"idle_timeout_s\": 60}}");
  CgKioskWindow *window = open_kiosk (k, 1080, 1920);

  hold_exit_corner_of (window);
  iterate_until (exit_shown, window, 4000, "the exit panel");
  /* No way out by design: it says so, and offers only Cancel. */
  g_assert_cmpstr (label_text (window, "exit-status"), ==,
                   _("No exit PIN is set for this kiosk, so it cannot be left here. "
                     "Your regional admin sets one in the kiosk settings."));
  g_assert_false (is_showing (named (window, GTK_TYPE_BUTTON, "exit-confirm")));
  g_assert_false (is_showing (named (window, GTK_TYPE_ENTRY, "exit-entry")));
  g_assert_true (is_showing (named (window, GTK_TYPE_BUTTON, "exit-cancel")));
  save_screenshot (GTK_WIDGET (window), "kiosk-en-portrait/83-exit-no-pin");
  click (named (window, GTK_TYPE_BUTTON, "exit-cancel"));
  g_assert_false (cg_kiosk_window_is_exit_shown (window));

  close_kiosk (window);
  kiosk_store_free (k);
}

/* ------------------------------------------------------------ application */

static gboolean
check_and_close_kiosk (gpointer data)
{
  GApplication *app = data;
  CgKioskWindow *kiosk = NULL;
  guint windows = 0;

  /* Activation (as D-Bus activation does) opens no workspace over it. */
  g_application_activate (app);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next, windows++)
    if (CG_IS_KIOSK_WINDOW (l->data))
      kiosk = l->data;
  g_assert_cmpuint (windows, ==, 1);
  g_assert_nonnull (kiosk);
  g_object_set_data (G_OBJECT (app), "kiosk-seen", GINT_TO_POINTER (1));
  /* No application accelerator survives in kiosk mode. */
  {
    g_auto(GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
    g_auto(GStrv) close = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "window.close");
    g_assert_cmpuint (g_strv_length (quit), ==, 0);
    g_assert_cmpuint (g_strv_length (close), ==, 0);
  }
  g_assert_cmpstr (cg_kiosk_window_get_screen (kiosk), ==, "attract");
  gtk_window_destroy (GTK_WINDOW (kiosk));
  return G_SOURCE_REMOVE;
}

/* `changgu [--kiosk] --db PATH` as a person would start it. */
static void
run_application (const char *path,
                 gboolean    kiosk_option)
{
  g_autoptr(CgApplication) app = cg_application_new ();
  const char *argv_kiosk[] = { "changgu", "--kiosk", "--db", path, NULL };
  const char *argv_plain[] = { "changgu", "--db", path, NULL };
  const char **argv = kiosk_option ? argv_kiosk : argv_plain;
  int status;

  static guint runs;
  g_autofree char *app_id = g_strdup_printf ("%s.KioskTest%u", APPLICATION_ID, ++runs);

  /* Its own id: the test's application already holds the bus path. */
  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_timeout_add (1500, check_and_close_kiosk, app);
  status = g_application_run (G_APPLICATION (app), g_strv_length ((char **) argv), (char **) argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (g_object_get_data (G_OBJECT (app), "kiosk-seen"));
}

static void
test_application (void)
{
  g_autofree char *settings = kiosk_settings (60, 20, NULL);
  KioskStore *k = kiosk_store_new (settings);
  KioskStore *counter;

  /* --kiosk on a store of any role. */
  g_assert_true (cg_device_set_identity (k->store, "0421", "K1", "counter", NULL));
  run_application (k->path, TRUE);

  /* A device provisioned as a kiosk starts as one without asking. */
  g_assert_true (cg_device_set_identity (k->store, "0421", "K1", "kiosk", NULL));
  run_application (k->path, FALSE);
  kiosk_store_free (k);

  /* A counter does not. */
  counter = kiosk_store_new (NULL);
  g_assert_true (cg_device_set_identity (counter->store, "0421", "C1", "counter", NULL));
  {
    g_autofree char *role = cg_device_get_role (counter->store);
    g_assert_cmpstr (role, ==, "counter");
  }
  kiosk_store_free (counter);
}

/* ------------------------------------------------------------ printing */

static char *
find_tool (const char *name)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    g_test_skip_printf ("%s is missing (apt-get install poppler-utils; build-aux/dev deps does)", name);
  return path;
}

static void
check_pdf (const char *pdf,
           const char *png_prefix,
           const char *expected_text)
{
  g_autofree char *pdftoppm = find_tool ("pdftoppm");
  g_autofree char *pdftotext = find_tool ("pdftotext");
  g_autofree char *png = g_strconcat (png_prefix, ".png", NULL);
  g_autofree char *text_out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int status = 0;
  int width, height;
  guint64 white = 0, dark = 0, total;

  if (pdftoppm == NULL || pdftotext == NULL)
    return;
  {
    const char *argv[] = { pdftoppm, "-png", "-r", "100", "-singlefile", pdf, png_prefix, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
  }
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));

  /* 80 × 120 mm at 100 dpi. */
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  g_assert_cmpint (ABS (width - 315), <=, 2);
  g_assert_cmpint (ABS (height - 472), <=, 2);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (int i = 0; i < width * height; i++)
    {
      /* Cairo ARGB32 in memory order: B G R A on little-endian. */
      guint b = pixels[i * 4], g = pixels[i * 4 + 1], r = pixels[i * 4 + 2];
      if (r > 240 && g > 240 && b > 240)
        white++;
      else if (r < 80 && g < 80 && b < 80)
        dark++;
    }
  total = (guint64) width * height;
  g_test_message ("%s: %dx%d, %.1f%% white, %.1f%% dark", png, width, height,
                  100.0 * white / total, 100.0 * dark / total);
  g_assert_cmpfloat ((double) white / total, >, 0.75);
  g_assert_cmpfloat ((double) dark / total, >, 0.02);
  /* The margins are blank: the top-left 4 mm corner (15 px) is white. */
  for (int y = 0; y < 12; y++)
    for (int x = 0; x < 12; x++)
      g_assert_cmpuint (pixels[(y * width + x) * 4 + 1], >, 240);

  {
    const char *argv[] = { pdftotext, "-enc", "UTF-8", pdf, "-", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &text_out, NULL, &status, &error));
    g_assert_no_error (error);
  }
  g_test_message ("pdftotext: %s", text_out);
  g_assert_nonnull (strstr (text_out, expected_text));
}

static void
test_print_ticket (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("changgu-kiosk-print-XXXXXX", &error);
  g_autofree char *pdf_en = g_build_filename (dir, "ticket-en.pdf", NULL);
  g_autofree char *pdf_ko = g_build_filename (dir, "ticket-ko.pdf", NULL);
  g_autofree char *png_en = g_build_filename (dir, "ticket-en", NULL);
  g_autofree char *png_ko = g_build_filename (dir, "ticket-ko", NULL);
  g_autoptr(GDateTime) at = g_date_time_new_utc (2026, 11, 23, 10, 5, 0);
  const char *build_root = g_getenv ("CHANGGU_BUILD_ROOT");

  cg_kiosk_set_language ("en");
  g_assert_true (cg_kiosk_print_ticket (NULL, "K1-042", STORE_NAME_EN, "Help", at, pdf_en, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf_en, G_FILE_TEST_IS_REGULAR));
  check_pdf (pdf_en, png_en, "K1-042");

  /* In Korean: the store name in Hangul needs the CJK font embedded. */
  cg_kiosk_set_language ("ko");
  g_assert_true (cg_kiosk_print_ticket (NULL, "K1-043", STORE_NAME_KO, "도움 요청", at, pdf_ko, &error));
  g_assert_no_error (error);
  check_pdf (pdf_ko, png_ko, STORE_NAME_KO);
  cg_kiosk_set_language ("en");

  /* For people: the rendered slips beside the screenshots. */
  for (guint i = 0; build_root != NULL && i < 2; i++)
      {
        g_autofree char *from = g_strconcat (i == 0 ? png_en : png_ko, ".png", NULL);
        g_autofree char *to_dir = g_build_filename (build_root, "screenshots", i == 0 ? "kiosk-en-portrait" : "kiosk-ko-portrait", NULL);
        g_autofree char *to = g_build_filename (to_dir, "70-printed-ticket.png", NULL);
        g_autofree char *contents = NULL;
        gsize length = 0;

        if (!g_file_test (from, G_FILE_TEST_EXISTS))
          continue;
        g_mkdir_with_parents (to_dir, 0755);
        g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
        g_assert_true (g_file_set_contents (to, contents, length, NULL));
      }
}

/* ------------------------------------------------------------ screenshots */

static void
screenshots_for (const char *language,
                 const char *orientation,
                 int         width,
                 int         height)
{
  g_autofree char *settings = kiosk_settings (60, 20, NULL);
  KioskStore *k = kiosk_store_new (settings);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *a = NULL, *b = NULL, *called = NULL;
  g_autofree char *folder = g_strdup_printf ("kiosk-%s-%s", language, orientation);
  g_autofree char *attract = g_build_filename (folder, "00-attract", NULL);
  g_autofree char *home = g_build_filename (folder, "01-home", NULL);
  g_autofree char *idle = g_build_filename (folder, "80-idle", NULL);
  g_autofree char *exit = g_build_filename (folder, "81-exit", NULL);
  CgKioskWindow *window;

  g_free (cg_checkin_create (k->store, "help", NULL, NULL, &a, NULL));
  g_free (cg_checkin_create (k->store, "pickup", NULL, NULL, &b, NULL));
  g_assert_true (cg_queue_call_next (k->store, "staff:0421-01", now, &called, NULL));

  window = open_kiosk (k, width, height);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, height);
  save_screenshot (GTK_WIDGET (window), attract);

  click (named (window, GTK_TYPE_BUTTON, g_str_equal (language, "ko") ? "language-ko" : "language-en"));
  save_screenshot (GTK_WIDGET (window), home);

  open_feature (window, language, "faq");
  cg_kiosk_window_set_idle_for_testing (window, 100, 30000);
  iterate_until (idle_warning_shown, window, 3000, "the idle warning");
  save_screenshot (GTK_WIDGET (window), idle);
  click (named (window, GTK_TYPE_BUTTON, "idle-continue"));
  cg_kiosk_window_set_idle_for_testing (window, 0, 0);

  hold_exit_corner (window, width - 10, height - 10);
  iterate_until (exit_shown, window, 4000, "the exit panel");
  save_screenshot (GTK_WIDGET (window), exit);

  close_kiosk (window);
  kiosk_store_free (k);
}

/* Whether the display can hold a window of @width × @height: GDK keeps a
 * window inside its monitor. */
static gboolean
display_fits (int width,
              int height)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  return geometry.width >= width && geometry.height >= height;
}

static void
test_screenshots (void)
{
  /* build-aux/dev runs the suite on a 1920×1920 screen. */
  if (!display_fits (1920, 1920))
    {
      g_test_skip ("the screen is smaller than 1920×1920: run under xvfb-run -s \"-screen 0 1920x1920x24\" (build-aux/dev test does)");
      return;
    }
  screenshots_for ("ko", "portrait", 1080, 1920);
  screenshots_for ("ko", "landscape", 1920, 1080);
  screenshots_for ("en", "portrait", 1080, 1920);
  screenshots_for ("en", "landscape", 1920, 1080);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* GLib decides once whether g_dgettext translates: start in Korean, as
   * a kiosk in Korea does, so that it keeps translating in both. */
  g_setenv ("LANGUAGE", "ko", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CHANGGU_LOCALEDIR") ? g_getenv ("CHANGGU_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  if (!ui_test_open_display ("/kiosk-window/no-display"))
    return g_test_run ();

  cg_config_keygen (&public_key, &secret_key);
  application = ui_test_application_new ();

  g_test_add_func ("/kiosk-window/language", test_language);
  g_test_add_func ("/kiosk-window/attract", test_attract);
  g_test_add_func ("/kiosk-window/home-languages", test_home_languages);
  g_test_add_func ("/kiosk-window/lockdown", test_lockdown);
  g_test_add_func ("/kiosk-window/idle-wipe", test_idle_wipe);
  g_test_add_func ("/kiosk-window/idle-continue", test_idle_continue);
  g_test_add_func ("/kiosk-window/flow-done", test_flow_done);
  g_test_add_func ("/kiosk-window/exit-pin", test_exit_pin);
  g_test_add_func ("/kiosk-window/exit-rate-limited", test_exit_rate_limited);
  g_test_add_func ("/kiosk-window/exit-no-pin", test_exit_no_pin);
  g_test_add_func ("/kiosk-window/print-ticket", test_print_ticket);
  g_test_add_func ("/kiosk-window/screenshots", test_screenshots);
  g_test_add_func ("/kiosk-window/application", test_application);
  return g_test_run ();
}
