/* test-device-report.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The device's `device:<id>` report: its content passes validation, it is
 * written once, not again while unchanged, and not more than once a
 * minute when it changes.
 */
#include "config.h"

#include "cg-test-util.h"

#define NOW G_GINT64_CONSTANT (1795305600)

static CgStore *
device_store (char **sec)
{
  g_autofree char *pub = NULL;
  g_autofree char *trusted = NULL;
  CgStore *store = cg_test_open_store (NULL);

  cg_config_keygen (&pub, sec);
  trusted = g_strdup_printf ("[{\"key_id\":\"k1\",\"public_key\":\"%s\"}]", pub);
  g_assert_true (cg_store_set_meta (store, "device_id", "dev-1", NULL));
  g_assert_true (cg_store_set_meta (store, "store_id", "0421", NULL));
  g_assert_true (cg_store_set_meta (store, "role", "counter", NULL));
  g_assert_true (cg_store_set_meta (store, "trusted_keys", trusted, NULL));
  return store;
}

static JsonObject *
config (const char *sec,
        gint64      version,
        const char *settings)
{
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", "config:store:0421");
  json_object_set_string_member (doc, "type", "config");
  json_object_set_string_member (doc, "scope", "store:0421");
  json_object_set_int_member (doc, "version", version);
  json_object_set_string_member (doc, "issued_at", "2026-11-01T00:00:00Z");
  json_object_set_object_member (doc, "settings", cg_test_json (settings));
  g_assert_true (cg_config_sign (doc, "k1", sec, NULL));
  return doc;
}

static void
test_build (void)
{
  g_autofree char *sec = NULL;
  g_autoptr(CgStore) store = device_store (&sec);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) good = config (sec, 3, "{\"sync\": {\"interval_s\": 60}}");
  g_autoptr(JsonObject) bad = config (sec, 4, "{\"sync\": {\"interval_s\": 1}}");
  CgDeviceSyncStatus status = { .last_pull_at = "2026-11-21T23:59:00Z",
                                .last_push_at = "2026-11-21T23:58:00Z",
                                .last_error = "The server did not answer" };
  g_autoptr(JsonObject) report = NULL;
  JsonObject *applied, *rejected;
  gint64 v = -1;

  g_assert_true (cg_config_accept (store, good, NULL));
  g_assert_false (cg_config_accept (store, bad, NULL));

  report = cg_device_report_build (store, &status, "1.2.0", NOW);
  g_assert_true (cg_validate_document (report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cg_json_get_string (report, "_id"), ==, "device:dev-1");
  g_assert_cmpstr (cg_json_get_string (report, "type"), ==, "device");
  g_assert_cmpstr (cg_json_get_string (report, "role"), ==, "counter");
  g_assert_cmpstr (cg_json_get_string (report, "store_id"), ==, "0421");
  g_assert_cmpstr (cg_json_get_string (report, "app_version"), ==, "1.2.0");
  g_assert_cmpstr (cg_json_get_string (report, "last_pull_at"), ==, "2026-11-21T23:59:00Z");
  g_assert_cmpstr (cg_json_get_string (report, "last_push_at"), ==, "2026-11-21T23:58:00Z");
  g_assert_cmpstr (cg_json_get_string (report, "last_error"), ==, "The server did not answer");
  g_assert_cmpstr (cg_json_get_string (report, "updated_at"), ==, "2026-11-22T00:00:00Z");
  applied = cg_json_get_object (report, "config_version_applied");
  g_assert_nonnull (applied);
  g_assert_true (cg_json_get_int (cg_json_get_object (applied, "store:0421"), "version", &v));
  g_assert_cmpint (v, ==, 3);
  rejected = cg_json_get_object (report, "config_rejected");
  g_assert_nonnull (rejected);
  g_assert_true (cg_json_get_int (rejected, "version", &v));
  g_assert_cmpint (v, ==, 4);
  g_assert_cmpstr (cg_json_get_string (rejected, "scope"), ==, "store:0421");
  g_assert_nonnull (g_strstr_len (cg_json_get_string (rejected, "reason"), -1, "sync.interval_s"));
  g_assert_true (cg_json_get_int (report, "pending_changes", &v));
  g_assert_cmpint (v, ==, 0);
  g_assert_true (cg_json_get_int (report, "conflicts", &v));
  g_assert_cmpint (v, ==, 0);
}

static void
test_write_if_changed (void)
{
  g_autofree char *sec = NULL;
  g_autoptr(CgStore) store = device_store (&sec);
  g_autoptr(GError) error = NULL;
  CgDeviceSyncStatus status = { .last_pull_at = "2026-11-21T23:59:00Z" };
  g_autoptr(JsonObject) stored = NULL;
  gboolean written = FALSE;
  gint64 v = -1;
  g_auto(GStrv) leaves = NULL;

  g_assert_true (cg_device_report_write_if_changed (store, &status, "1.2.0", NOW, &written, &error));
  g_assert_no_error (error);
  g_assert_true (written);
  stored = cg_store_get (store, "device:dev-1", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cg_json_get_string (stored, "updated_at"), ==, "2026-11-22T00:00:00Z");
  g_assert_cmpstr (cg_json_get_string (stored, "updated_device"), ==, "dev-1");
  /* The report does not count itself as a pending change. */
  g_assert_true (cg_json_get_int (stored, "pending_changes", &v));
  g_assert_cmpint (v, ==, 0);
  g_assert_cmpuint (cg_store_count_pending (store), ==, 1);

  /* Unchanged, a minute and more later: not written again. */
  g_assert_true (cg_device_report_write_if_changed (store, &status, "1.2.0", NOW + 120, &written, &error));
  g_assert_false (written);

  /* Changed within a minute of the last write: waits. */
  status.last_pull_at = "2026-11-22T00:02:30Z";
  g_assert_true (cg_store_set_meta (store, "device_report.written_at", "1795305700", NULL));
  g_assert_true (cg_device_report_write_if_changed (store, &status, "1.2.0", NOW + 130, &written, &error));
  g_assert_false (written);
  g_assert_true (cg_device_report_write_if_changed (store, &status, "1.2.0", NOW + 159, &written, &error));
  g_assert_false (written);
  leaves = cg_store_get_leaves (store, "device:dev-1", FALSE);
  g_assert_true (g_str_has_prefix (leaves[0], "1-"));
  g_clear_pointer (&leaves, g_strfreev);

  /* A minute after the last write: written. */
  g_assert_true (cg_device_report_write_if_changed (store, &status, "1.2.0", NOW + 160, &written, &error));
  g_assert_no_error (error);
  g_assert_true (written);
  leaves = cg_store_get_leaves (store, "device:dev-1", FALSE);
  g_assert_true (g_str_has_prefix (leaves[0], "2-"));
  g_clear_pointer (&stored, json_object_unref);
  stored = cg_store_get (store, "device:dev-1", FALSE, NULL);
  g_assert_cmpstr (cg_json_get_string (stored, "last_pull_at"), ==, "2026-11-22T00:02:30Z");

  /* Its own unsent revision does not make it differ next time; a newly
   * applied config does. */
  g_assert_true (cg_device_report_write_if_changed (store, &status, "1.2.0", NOW + 300, &written, &error));
  g_assert_false (written);
  {
    g_autoptr(JsonObject) doc = config (sec, 1, "{}");
    g_assert_true (cg_config_accept (store, doc, NULL));
  }
  g_assert_true (cg_device_report_write_if_changed (store, &status, "1.2.0", NOW + 300, &written, &error));
  g_assert_true (written);
  g_clear_pointer (&stored, json_object_unref);
  stored = cg_store_get (store, "device:dev-1", FALSE, NULL);
  g_assert_true (cg_json_get_int (cg_json_get_object (cg_json_get_object (stored, "config_version_applied"),
                                                      "store:0421"), "version", &v));
  g_assert_cmpint (v, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/device-report/build", test_build);
  g_test_add_func ("/device-report/write-if-changed", test_write_if_changed);

  return g_test_run ();
}
