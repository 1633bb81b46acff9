/* cg-admin-sync.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin sync: pull and push without a display, for scripts,
 * device-image preparation and tests. With --provision the store is first
 * made the device the file describes (as `changgu --provision` does).
 */
#define G_LOG_DOMAIN "cg-admin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <signal.h>
#include <glib-unix.h>

#include "cg-admin.h"

#define COMMAND "sync"

typedef struct {
  GMainLoop    *loop;
  GError       *error;
  gboolean      ok;
} Run;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Run *run = data;

  run->ok = cg_replicator_run_finish (CG_REPLICATOR (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

typedef struct {
  CgAdminProgress *progress;
  gboolean         pull;
} ProgressView;

static void
on_progress (CgReplicator *rep,
             ProgressView *view)
{
  guint64 done = cg_replicator_get_docs_written (rep);
  guint64 total = cg_replicator_get_total (rep);

  if (view->progress != NULL)
    cg_admin_progress_update (view->progress, done, MAX (total, done));
}

/* One direction, to the end. Returns the replicator for its counters. */
static CgReplicator *
run_once (CgStore                *store,
          CgRemote               *remote,
          CgReplicationDirection  direction,
          const char             *device_id,
          guint                   batch_size,
          gboolean                quiet,
          GError                **error)
{
  CgReplicator *rep = cg_replicator_new (cg_store_get_path (store), remote, direction, device_id);
  Run run = { g_main_loop_new (NULL, FALSE), NULL, FALSE };
  ProgressView view = { NULL, direction == CG_REPLICATION_PULL };

  if (batch_size > 0)
    cg_replicator_set_batch_size (rep, batch_size);
  if (!quiet)
    view.progress = cg_admin_progress_new (direction == CG_REPLICATION_PULL ? "sync (pull)" : "sync (push)",
                                           _("documents"));
  g_signal_connect (rep, "progress", G_CALLBACK (on_progress), &view);
  cg_replicator_run_async (rep, FALSE, NULL, on_done, &run);
  g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);
  g_signal_handlers_disconnect_by_data (rep, &view);
  /* Caught up: every change was looked at, even those the other side
   * already had (not counted as written), so the bar ends full. */
  if (run.ok && view.progress != NULL)
    {
      guint64 total = MAX (cg_replicator_get_total (rep), cg_replicator_get_docs_written (rep));
      cg_admin_progress_update (view.progress, total, total);
    }
  g_clear_pointer (&view.progress, cg_admin_progress_free);
  if (run.error != NULL)
    g_propagate_error (error, run.error);
  return rep;
}

static gboolean
on_signal (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static const char *
state_words (CgSyncState state)
{
  switch (state)
    {
    case CG_SYNC_STATE_DISABLED: return _("not syncing");
    case CG_SYNC_STATE_OFFLINE: return _("offline");
    case CG_SYNC_STATE_CONNECTING: return _("connecting");
    case CG_SYNC_STATE_PULLING: return _("pulling");
    case CG_SYNC_STATE_PUSHING: return _("pushing");
    case CG_SYNC_STATE_UP_TO_DATE: return _("up to date");
    case CG_SYNC_STATE_ERROR: return _("error");
    case CG_SYNC_STATE_NEEDS_SETUP: return _("needs provisioning");
    default: return "?";
    }
}

static void
on_state_changed (CgSyncManager *manager,
                  GParamSpec    *pspec,
                  gpointer       data)
{
  CgSyncState state = cg_sync_manager_get_state (manager);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%H:%M:%S");

  if (state == CG_SYNC_STATE_ERROR || state == CG_SYNC_STATE_OFFLINE || state == CG_SYNC_STATE_NEEDS_SETUP)
    g_printerr ("%s %s: %s\n", stamp, state_words (state),
                cg_sync_manager_get_error_message (manager) ? cg_sync_manager_get_error_message (manager) : "");
  else
    g_printerr (_("%s %s, %u local changes waiting\n"), stamp, state_words (state),
                cg_sync_manager_get_pending (manager));
}

/* When `sync --once` last pushed everything, for the next run's report. */
#define LAST_PUSH_META "sync.last_push_at"

int
cg_admin_sync_main (int    argc,
                    char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *provision = NULL;
  g_autofree char *batch_text = NULL;
  gboolean once = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The store file"), N_("PATH") },
    { "provision", 0, 0, G_OPTION_ARG_FILENAME, &provision, N_("First make the store the device this provisioning file describes"), N_("FILE") },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, N_("Catch up in both directions, then exit"), NULL },
    { "batch-size", 0, 0, G_OPTION_ARG_STRING, &batch_text, N_("Documents per batch (default 500)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as JSON (with --once)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgRemote) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *device_id = NULL;
  guint64 batch_size = 0;
  int exit_code = CG_ADMIN_EXIT_OK;

  context = cg_admin_option_context_new (COMMAND, "",
                                         _("Replicate the store with the central service."),
                                         _("Without --once, keeps syncing live until interrupted (Ctrl+C)."),
                                         entries);
  if (!cg_admin_parse_options (context, COMMAND, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return cg_admin_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);
  if (batch_text != NULL && !cg_admin_parse_count (batch_text, 1, 10000, &batch_size))
    return cg_admin_usage_error (COMMAND, _("--batch-size takes a whole number from 1 to 10000, not “%s”"), batch_text);
  if (json && !once)
    return cg_admin_usage_error (COMMAND, _("--json goes with --once"));

  store = cg_admin_open_store (COMMAND, db_path, FALSE, &exit_code);
  if (store == NULL)
    return exit_code;

  if (provision != NULL)
    {
      g_autoptr(CgProvisioning) p = cg_provisioning_load (provision, &error);
      if (p == NULL || !cg_provisioning_apply (p, store, &error))
        return cg_admin_failure (COMMAND, "%s", error->message);
    }
  remote = cg_provisioning_open_remote (store, &error);
  if (remote == NULL)
    return cg_admin_failure (COMMAND, "%s", error->message);
  device_id = cg_device_get_id (store);

  if (once)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(CgReplicator) pull = NULL;
      g_autoptr(CgReplicator) push = NULL;
      double seconds;

      pull = run_once (store, remote, CG_REPLICATION_PULL, device_id, (guint) batch_size, json, &error);
      /* Between the two: take up a configuration that just arrived and
       * write the device report, so this run's push delivers it. */
      if (error == NULL)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          g_autofree char *pulled_at = cg_json_timestamp (now);
          /* This run's push comes after the report: it carries the last
           * run's push time, which the store remembers across runs. */
          g_autofree char *pushed_at = cg_store_get_meta (store, LAST_PUSH_META);
          CgDeviceSyncStatus status = { .last_pull_at = pulled_at, .last_push_at = pushed_at };
          CgDeviceTick tick = { 0 };
          g_autoptr(GError) tick_error = NULL;

          if (!cg_device_agent_tick (store, &status, PACKAGE_VERSION, g_date_time_to_unix (now),
                                     &tick, &tick_error))
            g_printerr ("changgu-admin sync: %s\n", tick_error->message);
          else if (!json && tick.settings_changed)
            g_print (_("New settings from the region are in effect.\n"));
          else if (!json && tick.new_rejection)
            g_print (_("Settings from the region were refused; see the device report.\n"));
        }
      if (error == NULL)
        push = run_once (store, remote, CG_REPLICATION_PUSH, device_id, (guint) batch_size, json, &error);
      if (error == NULL)
        {
          g_autofree char *pushed_at = cg_json_timestamp_now ();
          cg_store_set_meta (store, LAST_PUSH_META, pushed_at, NULL);
        }
      seconds = (g_get_monotonic_time () - start) / 1e6;

      if (json)
        {
          g_autoptr(GString) out = g_string_new ("{");
          g_string_append_printf (out, "\"ok\": %s, \"pulled\": %" G_GUINT64_FORMAT ", \"pushed\": %" G_GUINT64_FORMAT
                                  ", \"refused\": %" G_GUINT64_FORMAT ", \"pending\": %u, \"conflicts\": %u, \"seconds\": %.3f",
                                  error ? "false" : "true",
                                  cg_replicator_get_docs_written (pull),
                                  push ? cg_replicator_get_docs_written (push) : 0,
                                  cg_replicator_get_docs_failed (pull) + (push ? cg_replicator_get_docs_failed (push) : 0),
                                  cg_store_count_pending (store), cg_store_count_conflicts (store), seconds);
          if (error != NULL)
            {
              g_string_append (out, ", \"error\": ");
              cg_admin_append_json_string (out, error->message);
            }
          g_string_append (out, "}\n");
          g_print ("%s", out->str);
        }
      else
        {
          g_autofree char *pulled = cg_admin_format_count (cg_replicator_get_docs_written (pull));
          g_autofree char *pushed = cg_admin_format_count (push ? cg_replicator_get_docs_written (push) : 0);
          g_print (_("Pulled %s documents, pushed %s, in %.1f s.\n"), pulled, pushed, seconds);
          g_autofree char *refused = cg_admin_format_count (cg_replicator_get_docs_failed (pull) +
                                                            (push ? cg_replicator_get_docs_failed (push) : 0));
          g_print (_("Refused: %s   Waiting to be pushed: %u   Conflicts: %u\n"),
                   refused, cg_store_count_pending (store), cg_store_count_conflicts (store));
          if (cg_replicator_get_last_rejection (pull) != NULL)
            g_print (_("Last refused on arrival: %s\n"), cg_replicator_get_last_rejection (pull));
          if (push != NULL && cg_replicator_get_last_rejection (push) != NULL)
            g_print (_("Last refused by the server: %s\n"), cg_replicator_get_last_rejection (push));
        }
      if (error != NULL)
        return json ? CG_ADMIN_EXIT_FAILURE : cg_admin_failure (COMMAND, "%s", error->message);
      return CG_ADMIN_EXIT_OK;
    }

  /* Live until interrupted. */
  {
    g_autoptr(CgSyncManager) manager = cg_sync_manager_new (store, remote, device_id);
    g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

    if (batch_size > 0)
      cg_sync_manager_set_batch_size (manager, (guint) batch_size);
    g_signal_connect (manager, "notify::state", G_CALLBACK (on_state_changed), NULL);
    g_unix_signal_add (SIGINT, on_signal, loop);
    g_unix_signal_add (SIGTERM, on_signal, loop);
    cg_sync_manager_start (manager);
    g_main_loop_run (loop);
    cg_sync_manager_stop (manager);
  }
  return CG_ADMIN_EXIT_OK;
}
