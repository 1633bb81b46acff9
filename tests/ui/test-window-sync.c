/* test-window-sync.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The staff window syncing with the real test peer: a provisioned, empty
 * device shows its first sync and then its customers; when the server
 * cannot be reached the indicator goes offline and counts the local change
 * waiting; when it can again, "Sync now" (F5) drains the queue.
 * The server is cut off by our fault proxy (refusing connections), so the
 * test does not depend on backoff timing.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cg-application.h"
#include "cg-demo.h"
#include "cg-fault-proxy.h"
#include "cg-sync-indicator.h"
#include "cg-test-peer.h"
#include "cg-ui-test-util.h"
#include "cg-window.h"

#define DB "changgu-store-0421"

static CgApplication *application;

static gboolean
view_is (gpointer data)
{
  gpointer *pair = data;
  return (int) cg_window_get_view (pair[0]) == GPOINTER_TO_INT (pair[1]);
}

static gboolean
headline_is (gpointer data)
{
  gpointer *pair = data;
  return g_strcmp0 (cg_sync_indicator_get_headline (pair[0]), pair[1]) == 0;
}

/* Up to date with nothing waiting: the device's own status report, which
 * the one-minute upkeep may write at any time (it does under ASan's
 * slowdown), has gone too. */
static gboolean
drained (gpointer data)
{
  gpointer *pair = data;
  return headline_is (data) && cg_sync_indicator_get_badge (pair[0]) == NULL;
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  gboolean *done = data;
  g_autoptr(GError) error = NULL;
  g_assert_true (cg_replicator_run_finish (CG_REPLICATOR (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Puts @customers demo customers with their history on the server. */
static void
seed_server (CgTestPeer *peer,
             guint       customers)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("changgu-seed-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "seed.db", NULL);
  g_autoptr(CgStore) store = cg_store_open (path, &error);
  g_autoptr(CgRemote) remote = cg_remote_new (cg_test_peer_get_url (peer), DB, NULL, NULL, &error);
  g_autoptr(CgReplicator) push = NULL;
  CgDemoOptions options = { .customers = customers, .seed = 7, .articles = FALSE };
  gboolean done = FALSE;

  g_assert_no_error (error);
  g_assert_true (cg_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  push = cg_replicator_new (path, remote, CG_REPLICATION_PUSH, "seed");
  cg_replicator_set_batch_size (push, 1000);
  cg_replicator_run_async (push, FALSE, NULL, on_done, &done);
  iterate_until (flag_set, &done, 60000, "seeding the server");
}

static char *
write_provisioning (const char *dir,
                    const char *server)
{
  g_autofree char *text = g_strdup_printf (
    "{\"server\": \"%s\", \"database\": \"" DB "\", \"store_id\": \"0421\", \"role\": \"counter\","
    " \"device_id\": \"6f1c0a52-0000-4000-8000-000000000001\", \"device_prefix\": \"C1\","
    " \"username\": \"device-0421-c1\", \"password\": \"s3cret-device-pw\", \"trusted_keys\": []}", server);
  char *path = g_build_filename (dir, "device.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_first_sync_offline_and_drain (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTestPeer) peer = cg_test_peer_start (&error);
  g_autoptr(CgFaultProxy) proxy = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *provision = NULL;
  g_autofree char *id = NULL;
  const char *members[] = { "device-0421-c1", NULL };
  CgWindow *window;
  CgSyncIndicator *indicator;
  CgStore *store;
  gpointer pair[2];

  if (peer == NULL)
    {
      g_test_skip (error->message);
      return;
    }
  g_assert_true (cg_test_peer_create_db (peer, DB, &error));
  g_assert_true (cg_test_peer_add_user (peer, "device-0421-c1", "s3cret-device-pw", NULL, &error));
  g_assert_true (cg_test_peer_set_members (peer, DB, members, NULL, &error));
  g_assert_no_error (error);
  seed_server (peer, 1500);
  proxy = cg_fault_proxy_new (cg_test_peer_get_url (peer), &error);
  g_assert_no_error (error);

  /* A new counter, provisioned as `changgu --provision` does. */
  dir = g_dir_make_tmp ("changgu-device-XXXXXX", &error);
  store_path = g_build_filename (dir, "store.db", NULL);
  provision = write_provisioning (dir, cg_fault_proxy_get_url (proxy));
  {
    g_autoptr(CgProvisioning) p = cg_provisioning_load (provision, &error);
    g_autoptr(CgStore) fresh = cg_store_open (store_path, &error);
    g_assert_no_error (error);
    g_assert_true (cg_provisioning_apply (p, fresh, &error));
    g_assert_no_error (error);
  }

  window = CG_WINDOW (cg_application_open_store (application, store_path));
  {
    g_autoptr(CgSession) session = cg_session_new ("staff:agent1", "Agent One", "agent");
    cg_window_set_session (window, session);
  }
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  indicator = CG_SYNC_INDICATOR (find_descendant (GTK_WIDGET (window), CG_TYPE_SYNC_INDICATOR, NULL));
  store = cg_window_get_store (window);
  g_assert_nonnull (indicator);
  g_assert_nonnull (cg_window_get_sync_manager (window));

  /* The first sync: a progress page, not "load demo data". */
  g_assert_cmpint (cg_window_get_view (window), ==, CG_WINDOW_VIEW_FIRST_SYNC);
  save_screenshot (GTK_WIDGET (window), "sync-first-sync");

  pair[0] = window;
  pair[1] = GINT_TO_POINTER (CG_WINDOW_VIEW_WORKSPACE);
  iterate_until (view_is, pair, 60000, "the customers to arrive");
  pair[0] = indicator;
  pair[1] = (gpointer) "Up to date";
  iterate_until (headline_is, pair, 60000, "up to date");
  g_assert_null (cg_sync_indicator_get_badge (indicator));
  g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 1500);
  save_screenshot (GTK_WIDGET (window), "sync-up-to-date");

  /* The server goes away; the counter keeps working. */
  cg_fault_proxy_set_fault (proxy, CG_FAULT_REFUSE, 0, NULL);
  id = cg_customer_create (store, "오프라인 고객", "010-5555-0101", NULL, "ko", &error);
  g_assert_no_error (error);
  pair[1] = (gpointer) "Offline";
  iterate_until (headline_is, pair, 30000, "the indicator to go offline");
  /* The new customer waits; so may the device's own status report, when
   * the one-minute upkeep ran meanwhile (it does under ASan's slowdown). */
  {
    guint pending = cg_store_count_pending (store);
    g_autofree char *badge = g_strdup_printf ("%u", pending);
    g_autofree char *waiting = g_strdup_printf (pending == 1 ? "%u change waiting to be sent"
                                                             : "%u changes waiting to be sent", pending);

    g_assert_cmpuint (pending, >=, 1);
    g_assert_cmpuint (pending, <=, 2);
    g_assert_cmpstr (cg_sync_indicator_get_badge (indicator), ==, badge);
    g_assert_nonnull (strstr (cg_sync_indicator_get_details (indicator), waiting));
  }
  g_assert_cmpstr (cg_sync_indicator_get_icon_name (indicator), ==, "network-offline-symbolic");
  save_screenshot (GTK_WIDGET (window), "sync-offline");

  /* It is back: F5 drains the queue without waiting for the backoff. */
  cg_fault_proxy_set_fault (proxy, CG_FAULT_NONE, 0, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-now", NULL));
  pair[1] = (gpointer) "Up to date";
  iterate_until (drained, pair, 30000, "the queue to drain");
  g_assert_cmpuint (cg_store_count_pending (store), ==, 0);
  {
    g_autofree char *path = g_strdup_printf ("/" DB "/%s", id);
    guint status = 0;
    g_autoptr(JsonNode) doc = cg_test_peer_request (peer, "GET", path, NULL, &status);
    g_assert_cmpuint (status, ==, 200);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_message ("no display");
      return 77;
    }
  application = cg_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/window-sync/first-sync-offline-and-drain", test_first_sync_offline_and_drain);
  return g_test_run ();
}
