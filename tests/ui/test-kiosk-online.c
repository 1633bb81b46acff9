/* test-kiosk-online.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk ONLINE, through its real window, in the language of the
 * environment (LANGUAGE=en or ko; meson runs it once for each). A kiosk
 * device is provisioned as a regional admin does it (changgu-admin
 * keygen, provision, add-device --role kiosk) against the real test peer
 * (pouchdb-server), reached through our fault proxy; its store is opened
 * in CgKioskWindow with a real CgSyncManager, as `changgu` does for a
 * kiosk. Buttons are clicked as a customer would, and the server's kiosk
 * database (changgu-kiosk-0421) is read directly:
 *
 *  1. The first sync brings the articles the admin put on the server.
 *  2. Take a Ticket: the number on screen is the ticket of the check-in
 *     that arrives on the server within 15 s (waiting, channel kiosk, the
 *     reason chosen). Rate Your Visit: the feedback arrives. Report a
 *     Problem with a contact phone: the case with the number on screen
 *     arrives, with the phone; once acknowledged, the kiosk's purge
 *     (cg_kiosk_purge_delivered, what the device agent runs on every tick)
 *     removes the case and the feedback locally, keeps the waiting
 *     check-in (the board needs it), and the case does not come back with
 *     the live pull; it stays on the server.
 *  3. "Now serving": a called check-in PUT into the server's kiosk
 *     database (as the relay would bring a counter's call) is shown on the
 *     attract screen within 15 s.
 *  4. Offline mid-visit (the proxy refuses connections): a ticket still
 *     works and shows a number, the sync manager reports the failure and
 *     the server does not have it; back online, it arrives within 15 s,
 *     and when the counter calls it, the attract screen shows it.
 *
 * Screenshots: screenshots/kiosk-online-<lang>/.
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "changgu-core.h"
#include "cg-fault-proxy.h"
#include "cg-test-peer.h"
#include "cg-ui-test-util.h"
#include "kiosk/cg-kiosk-keypad.h"
#include "kiosk/cg-kiosk-language.h"
#include "kiosk/cg-kiosk-problem-flow.h"
#include "kiosk/cg-kiosk-ticket-flow.h"
#include "kiosk/cg-kiosk-window.h"
#include "../admin/cg-admin-test-util.h"

#define ADMIN_NAME     "region-admin"
#define ADMIN_PASSWORD "kiosk-online-secret"
#define KIOSK_DB       "changgu-kiosk-0421"
/* How long anything may take to reach the server or the screen. */
#define ARRIVAL_MS     15000

static CgApplication *application;
static CgTestPeer *peer;
static const char *lang;

/* ------------------------------------------------------------ admin */

static void
run_admin (const char         *dir,
           const char * const *argv)
{
  g_auto(CgAdminResult) result = { 0 };
  const char * const env[] = { "CHANGGU_ADMIN_PASSWORD=" ADMIN_PASSWORD, NULL };

  cg_admin_test_run (&result, dir, NULL, env, argv);
  if (result.status != 0)
    g_error ("changgu-admin %s failed (%d): %s%s", argv[0], result.status, result.out, result.err);
}

#define ADMIN(dir, ...) run_admin ((dir), (const char * const[]) { __VA_ARGS__, NULL })

/* PUT /KIOSK_DB/@id as the peer's admin (what the relay or a counter
 * would have put there). */
static void
server_put (const char *id,
            JsonObject *doc)
{
  g_autofree char *path = g_strdup_printf ("/" KIOSK_DB "/%s", id);
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  json_node_set_object (node, doc);
  body = json_to_string (node, FALSE);
  answer = cg_test_peer_request (peer, "PUT", path, body, &status);
  if (status != 201 && status != 202)
    {
      g_autofree char *text = answer ? json_to_string (answer, FALSE) : g_strdup ("(no body)");
      g_error ("PUT %s: %u %s", path, status, text);
    }
}

/* The server's kiosk database, every document. (transfer full) */
static GPtrArray *
server_docs (void)
{
  g_autoptr(JsonNode) answer = NULL;
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonArray *rows;
  guint status = 0;

  answer = cg_test_peer_request (peer, "GET", "/" KIOSK_DB "/_all_docs?include_docs=true", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  rows = cg_json_get_array (json_node_get_object (answer), "rows");
  g_assert_nonnull (rows);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *doc = cg_json_get_object (json_array_get_object_element (rows, i), "doc");

      if (doc != NULL)
        g_ptr_array_add (docs, json_object_ref (doc));
    }
  return docs;
}

/* The document on the server of @type whose @field is @value, or NULL.
 * (transfer full) */
static JsonObject *
server_find (const char *type,
             const char *field,
             const char *value)
{
  g_autoptr(GPtrArray) docs = server_docs ();
  JsonObject *found = NULL;
  guint n = 0;

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);

      if (g_strcmp0 (cg_json_get_string (doc, "type"), type) == 0 &&
          g_strcmp0 (cg_json_get_string (doc, field), value) == 0)
        {
          n++;
          if (found == NULL)
            found = json_object_ref (doc);
        }
    }
  /* One: a second would be a duplicate push under another id. */
  g_assert_cmpuint (n, <=, 1);
  return found;
}

static void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
}

/* Keeps the kiosk running (its sync is on this main loop) and asks the
 * server every 250 ms, for at most ARRIVAL_MS. Returns the document and
 * how long it took. (transfer full) */
static JsonObject *
wait_on_server (const char *type,
                const char *field,
                const char *value,
                const char *what)
{
  gint64 start = g_get_monotonic_time ();

  for (;;)
    {
      JsonObject *doc = server_find (type, field, value);

      if (doc != NULL)
        {
          g_test_message ("%s reached the server in %.1f s", what,
                          (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
          return doc;
        }
      if (g_get_monotonic_time () - start > (gint64) ARRIVAL_MS * 1000)
        g_error ("%s did not reach the server within %u s", what, ARRIVAL_MS / 1000);
      run_for (250);
    }
}

/* ------------------------------------------------------------ the window */

static GtkWidget *
showing_named (GtkWidget  *root,
               const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0 && is_showing (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = showing_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
need (CgKioskWindow *window,
      const char    *name)
{
  GtkWidget *widget = showing_named (GTK_WIDGET (window), name);

  if (widget == NULL)
    g_error ("no widget named %s showing (screen %s)", name, cg_kiosk_window_get_screen (window));
  return widget;
}

static void
click (CgKioskWindow *window,
       const char    *name)
{
  GtkWidget *button = need (window, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static const char *
label_text (CgKioskWindow *window,
            const char    *name)
{
  return gtk_label_get_text (GTK_LABEL (need (window, name)));
}

/* The step the visit's flow shows. */
static const char *
step (CgKioskWindow *window)
{
  GtkWidget *flow = cg_kiosk_window_get_flow (window);

  g_assert_nonnull (flow);
  return gtk_stack_get_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (flow))));
}

static void
type_keys (CgKioskWindow *window,
           const char    *keys)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();
  GtkWidget *keypad = NULL;

  g_ptr_array_add (todo, cg_kiosk_window_get_flow (window));
  while (todo->len > 0 && keypad == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (todo, todo->len - 1);

      if (CG_IS_KIOSK_KEYPAD (w) && is_showing (w))
        keypad = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (todo, c);
    }
  g_assert_nonnull (keypad);
  cg_kiosk_keypad_press (CG_KIOSK_KEYPAD (keypad), keys);
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && is_showing (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static void
assert_shows (CgKioskWindow *window,
              const char    *text)
{
  if (!shows_text (GTK_WIDGET (window), text))
    g_error ("the kiosk does not show “%s”", text);
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

/* From the attract screen (or the menu) into @feature's flow, in the
 * test's language. */
static void
open_feature (CgKioskWindow *window,
              const char    *feature)
{
  g_autofree char *name = g_strconcat ("feature-", feature, NULL);
  g_autofree char *language_button = g_strconcat ("language-", lang, NULL);

  if (g_str_equal (cg_kiosk_window_get_screen (window), "attract"))
    click (window, language_button);
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "home");
  g_assert_cmpstr (cg_kiosk_get_language (), ==, lang);
  click (window, name);
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "flow");
}

static void
snap (CgKioskWindow *window,
      const char    *name)
{
  g_autofree char *path = g_strdup_printf ("kiosk-online-%s/%s", lang, name);

  save_screenshot (GTK_WIDGET (window), path);
}

/* Takes a ticket for @reason in the open ticket flow; returns the
 * number on screen. (transfer full) */
static char *
take_ticket (CgKioskWindow *window,
             const char    *reason)
{
  g_autofree char *button = g_strconcat ("reason-", reason, NULL);
  const char *shown;

  g_assert_cmpstr (step (window), ==, "reason");
  assert_shows (window, _("What can we help you with today?"));
  click (window, button);
  g_assert_cmpstr (step (window), ==, "ticket");
  shown = label_text (window, "ticket-number");
  g_assert_true (g_str_has_prefix (shown, "K1-"));
  g_assert_cmpstr (shown, ==, cg_kiosk_ticket_flow_get_ticket (CG_KIOSK_TICKET_FLOW (cg_kiosk_window_get_flow (window))));
  assert_shows (window, _("Your number is"));
  return g_strdup (shown);
}

/* The ticket numbers on the attract screen's "now serving" board. */
static gboolean
serving_shows (CgKioskWindow *window,
               const char    *ticket)
{
  GtkWidget *box = find_descendant (GTK_WIDGET (window), GTK_TYPE_FLOW_BOX, "serving-box");

  return box != NULL && is_showing (box) && shows_text (box, ticket);
}

typedef struct {
  CgKioskWindow *window;
  const char    *ticket;
} Serving;

static gboolean
serving_shows_cb (gpointer data)
{
  Serving *s = data;
  return serving_shows (s->window, s->ticket);
}

typedef struct {
  CgSyncManager *sync;
  CgSyncState    a, b;
} StateWait;

static gboolean
state_is (gpointer data)
{
  StateWait *w = data;
  CgSyncState state = cg_sync_manager_get_state (w->sync);

  return state == w->a || state == w->b;
}

/* ------------------------------------------------------------ local store */

typedef struct {
  CgStore    *store;
  const char *field;
  const char *value;
  char       *id;
} LocalFind;

static gboolean
local_find_cb (const char *id,
               const char *rev,
               gint64      seq,
               gpointer    user_data)
{
  LocalFind *f = user_data;
  g_autoptr(JsonObject) doc = cg_store_get (f->store, id, FALSE, NULL);

  if (doc != NULL && g_strcmp0 (cg_json_get_string (doc, f->field), f->value) == 0)
    {
      f->id = g_strdup (id);
      return FALSE;
    }
  return TRUE;
}

/* The id of the local document of @type whose @field is @value, or NULL.
 * (transfer full) */
static char *
local_find (CgStore    *store,
            const char *type,
            const char *field,
            const char *value)
{
  LocalFind f = { store, field, value, NULL };

  cg_store_foreach_document (store, type, local_find_cb, &f);
  return f.id;
}

static gboolean
local_exists (CgStore    *store,
              const char *id)
{
  g_autoptr(JsonObject) doc = cg_store_get (store, id, FALSE, NULL);
  return doc != NULL;
}

/* ------------------------------------------------------------ set-up */

static void
put_article (const char *id,
             const char *locale,
             const char *title,
             const char *body)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = cg_json_timestamp (now);
  g_autoptr(JsonObject) doc = json_object_new ();
  JsonArray *tags = json_array_new ();

  json_array_add_string_element (tags, "refund");
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "article");
  json_object_set_string_member (doc, "title", title);
  json_object_set_string_member (doc, "body", body);
  json_object_set_array_member (doc, "tags", tags);
  json_object_set_string_member (doc, "locale", locale);
  json_object_set_string_member (doc, "category", "returns");
  json_object_set_boolean_member (doc, "published", TRUE);
  json_object_set_string_member (doc, "updated_at", stamp);
  server_put (id, doc);
}

/* A kiosk device of store 0421, provisioned with changgu-admin against
 * the peer; its provisioning names the proxy as the server (the network
 * between the kiosk and the server). Returns the store's path. */
static char *
provision_kiosk (const char *dir,
                 const char *server_url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (dir, "kiosk.json", NULL);
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr(CgProvisioning) provisioning = NULL;
  g_autoptr(CgStore) store = NULL;
  const char *url = cg_test_peer_get_url (peer);

  ADMIN (dir, "keygen", "--key-id", "seoul-2026", "--out", dir);
  ADMIN (dir, "provision", "--server", url, "--user", ADMIN_NAME, "--store", "0421");
  ADMIN (dir, "add-device", "--server", url, "--user", ADMIN_NAME, "--store", "0421",
         "--role", "kiosk", "--trust", "seoul-2026.pub", "--out", "kiosk.json");

  provisioning = cg_provisioning_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (provisioning->role, ==, "kiosk");
  g_assert_cmpstr (provisioning->database, ==, KIOSK_DB);
  g_assert_cmpstr (provisioning->server, ==, url);
  g_free (provisioning->server);
  provisioning->server = g_strdup (server_url);
  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cg_provisioning_apply (provisioning, store, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Whether the display holds a portrait kiosk: GDK keeps a window inside
 * its monitor. */
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

/* ------------------------------------------------------------ the test */

static void
test_online (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *offline_ticket = NULL;
  g_autofree char *case_number = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *feedback_id = NULL;
  g_autofree char *checkin_id = NULL;
  g_autofree char *comment = g_strdup_printf ("Online kiosk %s %d", lang, (int) getpid ());
  g_autofree char *description = g_strdup_printf ("%s (online %s %d)",
                                                  g_str_equal (lang, "ko") ? "환불 금액이 달라요" : "The refund was too small",
                                                  lang, (int) getpid ());
  CgFaultProxy *proxy;
  CgKioskWindow *window;
  CgSyncManager *sync;
  CgStore *store;
  gint64 started = g_get_monotonic_time ();

  if (peer == NULL)
    {
      g_test_skip ("No test peer (node and pouchdb-server; build-aux/dev deps)");
      return;
    }
  /* build-aux/dev runs the suite on a 1920×1920 screen. */
  if (!display_fits (1080, 1920))
    {
      g_test_skip ("the screen is smaller than 1080×1920: run under xvfb-run -s \"-screen 0 1920x1920x24\" (build-aux/dev test does)");
      return;
    }

  dir = g_dir_make_tmp ("changgu-kiosk-online-XXXXXX", &error);
  g_assert_no_error (error);
  proxy = cg_fault_proxy_new (cg_test_peer_get_url (peer), &error);
  g_assert_no_error (error);
  path = provision_kiosk (dir, cg_fault_proxy_get_url (proxy));
  /* What the counter side publishes to kiosks: help articles. */
  put_article ("article:online-refund-en", "en", "Refunds and exchanges",
               "A refund goes back to the card you paid with within 3 to 5 business days.");
  put_article ("article:online-refund-ko", "ko", "환불과 교환",
               "환불 금액은 결제하신 카드로 영업일 기준 3~5일 안에 돌아가요.");
  g_test_message ("provisioned in %.1f s", (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  /* 1. The kiosk as `changgu` opens a provisioned kiosk (open_kiosk in
   * cg-application.c): config applied, the window, a sync manager. */
  {
    g_autoptr(CgStore) opened = cg_store_open (path, &error);
    g_autoptr(CgRemote) remote = NULL;
    g_autoptr(CgSyncManager) manager = NULL;
    g_autofree char *device_id = NULL;
    g_autofree char *role = NULL;

    g_assert_no_error (error);
    role = cg_device_get_role (opened);
    g_assert_cmpstr (role, ==, "kiosk");
    g_assert_true (cg_provisioning_is_set (opened));
    cg_config_apply (opened);
    window = CG_KIOSK_WINDOW (cg_kiosk_window_new (GTK_APPLICATION (application), opened));
    remote = cg_provisioning_open_remote (opened, &error);
    g_assert_no_error (error);
    device_id = cg_device_get_id (opened);
    manager = cg_sync_manager_new (opened, remote, device_id);
    /* Coming back online should not wait for a long backoff. */
    cg_sync_manager_set_backoff (manager, 250, 2000);
    cg_kiosk_window_set_sync_manager (window, manager);
    sync = manager;
  }
  store = cg_kiosk_window_get_store (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1080, 1920);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "attract");

  {
    StateWait w = { sync, CG_SYNC_STATE_UP_TO_DATE, CG_SYNC_STATE_UP_TO_DATE };
    iterate_until (state_is, &w, ARRIVAL_MS, "the kiosk's first sync");
  }
  for (guint tries = 0; tries < 60 && !local_exists (store, "article:online-refund-ko"); tries++)
    run_for (250);
  g_assert_true (local_exists (store, "article:online-refund-en"));
  g_assert_true (local_exists (store, "article:online-refund-ko"));
  g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 0);
  snap (window, "00-attract-online");

  /* 2a. Take a Ticket. */
  open_feature (window, "checkin");
  if (g_str_equal (lang, "ko"))
    g_assert_true (contains_hangul (_("What can we help you with today?")));
  ticket = take_ticket (window, "return");
  snap (window, "01-ticket");
  {
    g_autoptr(JsonObject) checkin = wait_on_server ("checkin", "ticket", ticket, "the check-in");

    g_assert_cmpstr (cg_json_get_string (checkin, "reason"), ==, "return");
    g_assert_cmpstr (cg_json_get_string (checkin, "status"), ==, "waiting");
    g_assert_cmpstr (cg_json_get_string (checkin, "channel"), ==, "kiosk");
    g_assert_cmpstr (cg_json_get_string (checkin, "store_id"), ==, "0421");
    g_assert_false (json_object_has_member (checkin, "customer_id"));
    checkin_id = g_strdup (cg_json_get_string (checkin, "_id"));
  }
  /* The number is still on screen while it travelled. */
  g_assert_cmpstr (label_text (window, "ticket-number"), ==, ticket);
  click (window, "ticket-finish");
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "attract");

  /* 2b. Rate Your Visit. */
  open_feature (window, "feedback");
  g_assert_cmpstr (step (window), ==, "csat");
  assert_shows (window, _("How was your visit today?"));
  click (window, "csat-4");
  g_assert_cmpstr (step (window), ==, "nps");
  click (window, "nps-9");
  g_assert_cmpstr (step (window), ==, "comment");
  gtk_editable_set_text (GTK_EDITABLE (need (window, "feedback-comment")), comment);
  click (window, "feedback-send");
  g_assert_cmpstr (step (window), ==, "thanks");
  assert_shows (window, _("Thank you for your feedback!"));
  snap (window, "02-feedback-thanks");
  {
    g_autoptr(JsonObject) feedback = wait_on_server ("feedback", "comment", comment, "the feedback");

    g_assert_cmpint (json_object_get_int_member (feedback, "csat"), ==, 4);
    g_assert_cmpint (json_object_get_int_member (feedback, "nps"), ==, 9);
    g_assert_cmpstr (cg_json_get_string (feedback, "channel"), ==, "kiosk");
    feedback_id = g_strdup (cg_json_get_string (feedback, "_id"));
  }
  click (window, "feedback-finish");
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "attract");

  /* 2c. Report a Problem, with a phone number to be called back on. */
  open_feature (window, "report_problem");
  g_assert_cmpstr (step (window), ==, "category");
  click (window, "category-refund");
  g_assert_cmpstr (step (window), ==, "describe");
  gtk_editable_set_text (GTK_EDITABLE (need (window, "problem-description")), description);
  click (window, "problem-describe-next");
  /* The answer that came with the sync is offered first, in the visit's
   * language. */
  g_assert_cmpstr (step (window), ==, "suggest");
  assert_shows (window, g_str_equal (lang, "ko") ? "환불과 교환" : "Refunds and exchanges");
  snap (window, "03-problem-suggestions");
  click (window, "problem-not-helped");
  g_assert_cmpstr (step (window), ==, "contact");
  type_keys (window, "01098761234");
  click (window, "problem-send");
  g_assert_cmpstr (step (window), ==, "reference");
  case_number = g_strdup (label_text (window, "problem-number"));
  g_assert_true (g_str_has_prefix (case_number, "0421-K1-"));
  g_assert_cmpstr (case_number, ==,
                   cg_kiosk_problem_flow_get_number (CG_KIOSK_PROBLEM_FLOW (cg_kiosk_window_get_flow (window))));
  snap (window, "04-problem-reference");
  case_id = local_find (store, "case", "number", case_number);
  g_assert_nonnull (case_id);
  {
    g_autoptr(JsonObject) kase = wait_on_server ("case", "number", case_number, "the case");
    JsonArray *offered;

    g_assert_cmpstr (cg_json_get_string (kase, "_id"), ==, case_id);
    g_assert_cmpstr (cg_json_get_string (kase, "description"), ==, description);
    g_assert_cmpstr (cg_json_get_string (kase, "channel"), ==, "kiosk");
    g_assert_cmpstr (cg_json_get_string (kase, "category"), ==, "refund");
    g_assert_cmpstr (cg_json_get_string (kase, "status"), ==, "new");
    g_assert_cmpstr (cg_json_get_string (kase, "language"), ==, lang);
    g_assert_cmpstr (cg_json_get_string (cg_json_get_object (kase, "contact"), "phone"), ==, "+821098761234");
    offered = cg_json_get_array (cg_json_get_object (kase, "self_service"), "offered");
    g_assert_nonnull (offered);
    g_assert_cmpuint (json_array_get_length (offered), ==, 1);
    g_assert_cmpstr (cg_json_array_get_string (offered, 0), ==,
                     g_str_equal (lang, "ko") ? "article:online-refund-ko" : "article:online-refund-en");
  }
  click (window, "problem-finish");
  g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "attract");

  /* 2d. What the customer typed goes from the kiosk once the server
   * acknowledged it (the purge refuses what is still pending, so it is
   * retried until the push's acknowledgement was recorded). */
  {
    gint64 start = g_get_monotonic_time ();
    guint purged = 0;

    while (local_exists (store, case_id) || local_exists (store, feedback_id))
      {
        purged += cg_kiosk_purge_delivered (store, NULL, &error);
        g_assert_no_error (error);
        if (g_get_monotonic_time () - start > (gint64) ARRIVAL_MS * 1000)
          g_error ("the kiosk did not purge the case and the feedback within %u s", ARRIVAL_MS / 1000);
        run_for (250);
      }
    g_test_message ("purged %u documents after %.1f s", purged,
                    (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
    g_assert_cmpuint (purged, >=, 2);
  }
  g_assert_null (local_find (store, "case", "number", case_number));
  g_assert_null (local_find (store, "feedback", "comment", comment));
  /* The waiting check-in stays: the board and the counter still need it. */
  g_assert_true (local_exists (store, checkin_id));
  /* The live pull does not bring the case back (its change was seen
   * before the purge), and the server keeps it. */
  run_for (3000);
  g_assert_false (local_exists (store, case_id));
  g_assert_false (local_exists (store, feedback_id));
  {
    g_autoptr(JsonObject) kase = server_find ("case", "number", case_number);
    g_assert_nonnull (kase);
  }

  /* 3. "Now serving": the counter calls a ticket of its own; the call
   * reaches the kiosk database and the attract screen. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *stamp = cg_json_timestamp (now);
    g_autofree char *uuid = g_uuid_string_random ();
    g_autofree char *id = g_strconcat ("checkin:", uuid, NULL);
    g_autoptr(JsonObject) called = json_object_new ();
    const char *called_ticket = "C1-042";
    Serving s = { window, called_ticket };
    gint64 start;

    json_object_set_string_member (called, "_id", id);
    json_object_set_string_member (called, "type", "checkin");
    json_object_set_string_member (called, "ticket", called_ticket);
    json_object_set_string_member (called, "store_id", "0421");
    json_object_set_string_member (called, "reason", "help");
    json_object_set_string_member (called, "status", "called");
    json_object_set_string_member (called, "created_at", stamp);
    json_object_set_string_member (called, "called_at", stamp);
    json_object_set_string_member (called, "served_by", "staff:0421-01");
    json_object_set_string_member (called, "channel", "counter");
    g_assert_false (serving_shows (window, called_ticket));
    start = g_get_monotonic_time ();
    server_put (id, called);
    iterate_until (serving_shows_cb, &s, ARRIVAL_MS, "the called ticket on the attract screen");
    g_test_message ("the called ticket was on the attract screen after %.1f s",
                    (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
    g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "attract");
    /* Only the called one: the kiosk's own ticket is still waiting. */
    g_assert_false (serving_shows (window, ticket));
    wait_for_frames (GTK_WIDGET (window));
    snap (window, "05-now-serving");
  }

  /* 4. The network goes away in the middle of a visit. */
  {
    g_autoptr(JsonObject) missing = NULL;
    g_autoptr(JsonObject) arrived = NULL;
    StateWait w = { sync, CG_SYNC_STATE_OFFLINE, CG_SYNC_STATE_ERROR };
    g_autofree char *language_button = g_strconcat ("language-", lang, NULL);

    click (window, language_button);
    g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "home");
    cg_fault_proxy_set_fault (proxy, CG_FAULT_REFUSE, 0, NULL);
    open_feature (window, "checkin");
    offline_ticket = take_ticket (window, "help");
    g_assert_cmpstr (offline_ticket, !=, ticket);
    snap (window, "06-ticket-offline");
    /* The push was tried and failed; the ticket waits on the kiosk. */
    iterate_until (state_is, &w, ARRIVAL_MS, "the sync to notice it is offline");
    g_test_message ("offline: %s", cg_sync_manager_get_error_message (sync));
    g_assert_cmpuint (cg_store_count_pending (store), >=, 1);
    {
      g_autofree char *waiting = local_find (store, "checkin", "ticket", offline_ticket);
      g_assert_nonnull (waiting);
    }
    missing = server_find ("checkin", "ticket", offline_ticket);
    g_assert_null (missing);
    /* The screen still works: the number is there, Finish ends the visit. */
    g_assert_cmpstr (label_text (window, "ticket-number"), ==, offline_ticket);

    /* Back online: it arrives by itself (the backoff retries). */
    cg_fault_proxy_set_fault (proxy, CG_FAULT_NONE, 0, NULL);
    arrived = wait_on_server ("checkin", "ticket", offline_ticket, "the check-in taken offline");
    g_assert_cmpstr (cg_json_get_string (arrived, "reason"), ==, "help");
    g_assert_cmpstr (cg_json_get_string (arrived, "status"), ==, "waiting");
    g_assert_cmpstr (cg_json_get_string (arrived, "channel"), ==, "kiosk");
    click (window, "ticket-finish");
    g_assert_cmpstr (cg_kiosk_window_get_screen (window), ==, "attract");
    /* The board survived the outage. */
    g_assert_true (serving_shows (window, "C1-042"));
    g_assert_false (serving_shows (window, offline_ticket));

    /* The live pull is back too: the counter calls the ticket taken
     * offline, and the board shows it. */
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = cg_json_timestamp (now);
      Serving s = { window, offline_ticket };

      json_object_set_string_member (arrived, "status", "called");
      json_object_set_string_member (arrived, "called_at", stamp);
      json_object_set_string_member (arrived, "served_by", "staff:0421-02");
      server_put (cg_json_get_string (arrived, "_id"), arrived);
      iterate_until (serving_shows_cb, &s, ARRIVAL_MS, "the ticket taken offline, called, on the board");
      g_assert_true (serving_shows (window, "C1-042"));
    }
    wait_for_frames (GTK_WIDGET (window));
    snap (window, "07-back-online-called");
  }

  /* Nothing waits on the kiosk, and neither side refused anything the
   * other sent (the server's rules took the kiosk's check-ins, feedback,
   * case and device report; the kiosk took the admin's documents). */
  {
    StateWait w = { sync, CG_SYNC_STATE_UP_TO_DATE, CG_SYNC_STATE_UP_TO_DATE };

    iterate_until (state_is, &w, ARRIVAL_MS, "the kiosk to be up to date");
    for (guint tries = 0; tries < 60 && cg_store_count_pending (store) > 0; tries++)
      run_for (250);
    g_assert_cmpuint (cg_store_count_pending (store), ==, 0);
    if (cg_sync_manager_get_rejected (sync) > 0)
      g_error ("refused: %s", cg_sync_manager_get_last_rejection (sync));
    {
      g_autoptr(JsonObject) device = server_find ("device", "role", "kiosk");
      g_assert_nonnull (device);
    }
  }

  g_test_message ("the whole visit took %.1f s", (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (100);
  cg_fault_proxy_free (proxy);
  cg_test_peer_assert_alive (peer);
  cg_admin_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *language = g_getenv ("LANGUAGE");
  int result;

  setlocale (LC_ALL, "");
  lang = language != NULL && g_str_has_prefix (language, "ko") ? "ko" : "en";
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CHANGGU_LOCALEDIR") ? g_getenv ("CHANGGU_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  cg_kiosk_set_language (lang);

  g_test_init (&argc, &argv, NULL);
  if (!ui_test_open_display ("/kiosk-online/no-display"))
    return g_test_run ();
  application = ui_test_application_new ();

  peer = cg_test_peer_start (&error);
  if (peer == NULL && !g_error_matches (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_UNAVAILABLE))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (peer != NULL)
    {
      cg_test_peer_add_admin (peer, ADMIN_NAME, ADMIN_PASSWORD, &error);
      g_assert_no_error (error);
    }

  g_test_add_func ("/kiosk-online/flows", test_online);
  result = g_test_run ();
  if (peer != NULL)
    cg_test_peer_stop (peer);
  return result;
}
