/* test-secrets.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets never leak (QUALITY.md, Security): a store and a counter are set
 * up with changgu-admin against the test peer, the device is provisioned
 * from its file and syncs (once as it should, once with a password the
 * server refuses, so that errors are logged), staff sign in with PINs;
 * then everything this process logged (every level, G_MESSAGES_DEBUG=all),
 * every GSettings key, the bytes of the store files (.db, -wal, -shm) and
 * everything changgu-admin printed are scanned for the passwords and for
 * the values of their Basic authorisation headers. PINs must be in the
 * store only as Argon2id hashes.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cg-test-peer.h"
#include "cg-test-util.h"
#include "../admin/cg-admin-test-util.h"

#define ADMIN "region-admin"
#define ADMIN_PASSWORD "Adm1n-Pa55-q7Zx"
#define WRONG_PASSWORD "Wr0ng-Pa55-k3Vb"
#define PIN_GOOD "739146"
#define PIN_OTHER "58203917"
#define NOW 1767225600 /* 2026-01-01T00:00:00Z */

/* Everything logged by this process. */
static GString *logged;
static GMutex logged_lock;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         data)
{
  g_mutex_lock (&logged_lock);
  for (gsize i = 0; i < n_fields; i++)
    {
      /* Every text field: MESSAGE, GLIB_DOMAIN, CODE_FILE… */
      if (fields[i].length < 0)
        g_string_append_printf (logged, "%s=%s\n", fields[i].key, (const char *) fields[i].value);
      else
        {
          g_string_append_printf (logged, "%s=", fields[i].key);
          g_string_append_len (logged, fields[i].value, fields[i].length);
          g_string_append_c (logged, '\n');
        }
    }
  g_mutex_unlock (&logged_lock);
  /* Shown as usual only from warnings up; the rest is kept for the scan. */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, data);
  return G_LOG_WRITER_HANDLED;
}

/* ---------------------------------------------------------------- helpers */

typedef struct {
  const char *what;
  GBytes     *bytes;
} Haystack;

static GPtrArray *haystacks;  /* of Haystack */

static void
haystack_add (const char *what,
              const void *data,
              gsize       len)
{
  Haystack *h = g_new0 (Haystack, 1);

  h->what = g_intern_string (what);
  h->bytes = g_bytes_new (data, len);
  g_ptr_array_add (haystacks, h);
}

static void
haystack_add_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  haystack_add (path, data, len);
}

static void
admin (const char         *dir,
       int                 expected_status,
       const char * const *argv)
{
  g_auto(CgAdminResult) r = { 0 };
  const char * const env[] = { "G_MESSAGES_DEBUG=all", "CHANGGU_ADMIN_PASSWORD", NULL };
  g_autofree char *what = g_strdup_printf ("changgu-admin %s %s", argv[0], argv[1] ? argv[1] : "");

  cg_admin_test_run (&r, dir, NULL, env, argv);
  g_test_message ("%s → %d\n%s%s", what, r.status, r.out, r.err);
  g_assert_cmpint (r.status, ==, expected_status);
  haystack_add (what, r.out, strlen (r.out));
  haystack_add (what, r.err, strlen (r.err));
}

static char *
basic (const char *user,
       const char *password)
{
  g_autofree char *pair = g_strconcat (user, ":", password, NULL);
  return g_base64_encode ((const guchar *) pair, strlen (pair));
}

static gboolean
contains (const char *data,
          gsize       len,
          const char *needle,
          gsize       n)
{
  for (gsize i = 0; i + n <= len; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Fails, naming the place, if @needle is in any haystack. */
static void
assert_nowhere (const char *name,
                const char *needle)
{
  gsize n = strlen (needle);

  g_assert_cmpuint (n, >=, 4);
  for (guint i = 0; i < haystacks->len; i++)
    {
      Haystack *h = g_ptr_array_index (haystacks, i);
      gsize len = 0;
      const char *data = g_bytes_get_data (h->bytes, &len);

      if (contains (data, len, needle, n))
        g_error ("%s (%s) found in %s", name, needle, h->what);
    }
}

/* The positive control: @needle is in the haystack named @what. */
static void
assert_in (const char *what,
           const char *needle)
{
  for (guint i = 0; i < haystacks->len; i++)
    {
      Haystack *h = g_ptr_array_index (haystacks, i);
      gsize len = 0;
      const char *data = g_bytes_get_data (h->bytes, &len);

      if (strstr (h->what, what) != NULL && contains (data, len, needle, strlen (needle)))
        return;
    }
  g_error ("“%s” is not in %s: the scan does not see what it should", needle, what);
}

static void
put_staff (CgStore    *store,
           const char *id,
           const char *pin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *hash = cg_staff_hash_pin (pin, &error);
  g_autofree char *rev = NULL;

  g_assert_no_error (error);
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "staff");
  json_object_set_string_member (doc, "name", "김민준");
  json_object_set_string_member (doc, "role", "agent");
  json_object_set_string_member (doc, "pin_hash", hash);
  json_object_set_boolean_member (doc, "active", TRUE);
  rev = cg_store_put (store, doc, &error);
  g_assert_no_error (error);
}

static gboolean
on_deadline (gpointer data)
{
  g_error ("the sync manager did not settle within 60 s");
  return G_SOURCE_REMOVE;
}

/* Runs a sync manager on @store until it settles in @until. */
static void
sync_until (CgStore     *store,
            CgSyncState  until)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgRemote) remote = cg_provisioning_open_remote (store, &error);
  g_autofree char *device_id = cg_device_get_id (store);
  g_autoptr(CgSyncManager) manager = NULL;
  guint deadline;

  g_assert_no_error (error);
  manager = cg_sync_manager_new (store, remote, device_id);
  cg_sync_manager_set_live (manager, FALSE);
  deadline = g_timeout_add_seconds (60, on_deadline, NULL);
  cg_sync_manager_start (manager);
  while (cg_sync_manager_get_state (manager) != until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (deadline);
  if (cg_sync_manager_get_error_message (manager) != NULL)
    {
      const char *message = cg_sync_manager_get_error_message (manager);
      /* What the sync status shows is scanned too. */
      haystack_add ("the sync status", message, strlen (message));
    }
  cg_sync_manager_stop (manager);
}

/* A provisioned store in @dir/@name from @file. */
static CgStore *
device_store (const char *dir,
              const char *name,
              const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgProvisioning) p = cg_provisioning_load (file, &error);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  CgStore *store;

  g_assert_no_error (error);
  store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cg_provisioning_apply (p, store, &error));
  g_assert_no_error (error);
  return store;
}

static void
add_store_files (CgStore *store)
{
  const char *path = cg_store_get_path (store);
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      haystack_add_file (file);
    }
}

/* Every key of every installed schema, as this process sees it (the
 * memory backend in tests holds what the process wrote). */
static void
add_gsettings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_auto(GStrv) schemas = NULL;
  g_autoptr(GString) dump = g_string_new (NULL);

  if (source == NULL)
    return;
  g_settings_schema_source_list_schemas (source, TRUE, &schemas, NULL);
  for (guint i = 0; schemas[i] != NULL; i++)
    {
      g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, schemas[i], TRUE);
      g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);
      g_auto(GStrv) keys = g_settings_schema_list_keys (schema);

      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autoptr(GVariant) value = g_settings_get_value (settings, keys[k]);
          g_autofree char *text = g_variant_print (value, FALSE);
          g_string_append_printf (dump, "%s %s %s\n", schemas[i], keys[k], text);
        }
    }
  /* Only ours are shown; all are scanned. */
  {
    g_auto(GStrv) lines = g_strsplit (dump->str, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "io.github.changgu"))
        g_test_message ("GSettings: %s", lines[i]);
  }
  g_assert_nonnull (strstr (dump->str, "io.github.changgu.Changgu"));
  haystack_add ("GSettings", dump->str, dump->len);
}

/* ------------------------------------------------------------------ tests */

static void
test_secrets_never_leak (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTestPeer) peer = cg_test_peer_start (&error);
  g_autofree char *dir = NULL;
  g_autofree char *admin_url = NULL;
  g_autofree char *wrong_admin_url = NULL;
  g_autofree char *dead_url = NULL;
  g_autofree char *c1 = NULL;
  g_autofree char *c1_bad = NULL;
  g_autofree char *device_user = NULL;
  g_autofree char *device_password = NULL;
  g_autoptr(CgStore) good = NULL;
  g_autoptr(CgStore) bad = NULL;

  if (peer == NULL)
    {
      g_assert_error (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_UNAVAILABLE);
      return;
    }
  g_assert_true (cg_test_peer_add_admin (peer, ADMIN, ADMIN_PASSWORD, &error));
  g_assert_no_error (error);
  dir = cg_test_make_tmpdir ();
  admin_url = g_strdup_printf ("http://%s:%s@127.0.0.1:%u", ADMIN, ADMIN_PASSWORD, cg_test_peer_get_port (peer));
  wrong_admin_url = g_strdup_printf ("http://%s:%s@127.0.0.1:%u", ADMIN, WRONG_PASSWORD, cg_test_peer_get_port (peer));
  /* A port nothing listens on (the peer's, once stopped, is not ours). */
  dead_url = g_strdup_printf ("http://%s:%s@127.0.0.1:1", ADMIN, ADMIN_PASSWORD);

  /* The regional admin's part, with the admin's password in the URL as
   * CONFIG.md allows; failures too: a wrong password, no server. */
  admin (dir, 0, (const char *[]) { "keygen", "--key-id", "seoul-2026", "--out", "keys", NULL });
  admin (dir, 0, (const char *[]) { "provision", "--server", admin_url, "--store", "0421", NULL });
  admin (dir, 1, (const char *[]) { "provision", "--server", wrong_admin_url, "--store", "0421", NULL });
  admin (dir, 1, (const char *[]) { "provision", "--server", dead_url, "--store", "0421", NULL });
  admin (dir, 0, (const char *[]) { "add-device", "--server", admin_url, "--store", "0421", "--role", "counter",
                                    "--trust", "keys/seoul-2026.pub", "--out", "c1.json", NULL });
  admin (dir, 0, (const char *[]) { "add-device", "--server", admin_url, "--store", "0421", "--role", "kiosk",
                                    "--trust", "keys/seoul-2026.pub", "--out", "k1.json", "--json", NULL });
  admin (dir, 0, (const char *[]) { "fleet", "--server", admin_url, "--store", "0421", NULL });
  admin (dir, 1, (const char *[]) { "fleet", "--server", wrong_admin_url, NULL });
  admin (dir, 1, (const char *[]) { "config", "show", "--server", admin_url, "--scope", "store:0421", NULL });

  /* The device's own credentials, from its provisioning file. */
  c1 = g_build_filename (dir, "c1.json", NULL);
  {
    g_autofree char *text = NULL;
    g_autoptr(JsonObject) file = NULL;

    g_assert_true (g_file_get_contents (c1, &text, NULL, NULL));
    file = cg_json_from_string (text, &error);
    g_assert_no_error (error);
    device_user = g_strdup (cg_json_get_string (file, "username"));
    device_password = g_strdup (cg_json_get_string (file, "password"));
    g_assert_nonnull (device_password);
    g_assert_cmpuint (strlen (device_password), >=, 16);
    /* The same device with a password the server refuses (401). */
    json_object_set_string_member (file, "password", WRONG_PASSWORD);
    json_object_set_string_member (file, "device_id", "6f1c0000-0000-4000-8000-0000000000bd");
    g_clear_pointer (&text, g_free);
    text = cg_json_to_string (file);
    c1_bad = g_build_filename (dir, "c1-bad.json", NULL);
    g_assert_true (g_file_set_contents_full (c1_bad, text, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error));
    g_assert_no_error (error);
  }

  /* The device: local work, staff signing in, a sync that works. */
  good = device_store (dir, "device.db", c1);
  put_staff (good, "staff:0421-01", PIN_GOOD);
  put_staff (good, "staff:0421-02", PIN_OTHER);
  {
    g_autoptr(JsonObject) customer = cg_test_customer_doc ("customer:secret-scan", "이서연");
    g_autofree char *rev = cg_store_put (good, customer, &error);
    g_autoptr(CgSession) session = NULL;
    g_autoptr(GError) wrong = NULL;

    g_assert_no_error (error);
    session = cg_staff_sign_in (good, "0421-01", PIN_GOOD, NOW, &error);
    g_assert_no_error (error);
    g_assert_null (cg_staff_sign_in (good, "0421-02", PIN_GOOD, NOW, &wrong));
    haystack_add ("the sign-in error", wrong->message, strlen (wrong->message));
  }
  sync_until (good, CG_SYNC_STATE_UP_TO_DATE);
  /* The server refuses staff documents from a device: rejections logged. */
  admin (dir, 0, (const char *[]) { "sync", "--db", "device.db", "--once", NULL });

  /* And the same device with a refused password. */
  bad = device_store (dir, "bad.db", c1_bad);
  sync_until (bad, CG_SYNC_STATE_NEEDS_SETUP);
  admin (dir, 1, (const char *[]) { "sync", "--db", "bad.db", "--once", NULL });

  /* The scan is not vacuous: the failures were logged. */
  g_mutex_lock (&logged_lock);
  g_assert_nonnull (strstr (logged->str, "Sync stopped: The server refused this device"));
  haystack_add ("this process's log", logged->str, logged->len);
  g_mutex_unlock (&logged_lock);
  add_gsettings ();
  add_store_files (good);
  add_store_files (bad);

  {
    g_autofree char *admin_basic = basic (ADMIN, ADMIN_PASSWORD);
    g_autofree char *wrong_admin_basic = basic (ADMIN, WRONG_PASSWORD);
    g_autofree char *device_basic = basic (device_user, device_password);
    g_autofree char *wrong_device_basic = basic (device_user, WRONG_PASSWORD);
    g_autofree char *kiosk_password = NULL;

    /* The kiosk's password from its file, too. */
    {
      g_autofree char *k1 = g_build_filename (dir, "k1.json", NULL);
      g_autofree char *text = NULL;
      g_autoptr(JsonObject) file = NULL;

      g_assert_true (g_file_get_contents (k1, &text, NULL, NULL));
      file = cg_json_from_string (text, &error);
      g_assert_no_error (error);
      kiosk_password = g_strdup (cg_json_get_string (file, "password"));
    }

    g_test_message ("%u places scanned", haystacks->len);
    /* The scan sees what is really there: the device's user name in its
     * store's metadata and in what changgu-admin printed, the PIN hashes
     * in the store, the refusal in the log and the sync status. */
    assert_in ("device.db", device_user);
    assert_in ("device.db", "$argon2id$");
    assert_in ("changgu-admin add-device", device_user);
    assert_in ("this process's log", "refused this device");
    assert_in ("the sync status", "refused this device");
    assert_in ("GSettings", "io.github.changgu.Changgu");
    assert_nowhere ("the admin password", ADMIN_PASSWORD);
    assert_nowhere ("a wrong password", WRONG_PASSWORD);
    assert_nowhere ("the counter's password", device_password);
    assert_nowhere ("the kiosk's password", kiosk_password);
    assert_nowhere ("the admin's Basic value", admin_basic);
    assert_nowhere ("a wrong Basic value", wrong_admin_basic);
    assert_nowhere ("the device's Basic value", device_basic);
    assert_nowhere ("the refused device's Basic value", wrong_device_basic);
    assert_nowhere ("an Authorization header", "Authorization: Basic");
    assert_nowhere ("a PIN", PIN_GOOD);
    assert_nowhere ("a PIN", PIN_OTHER);
  }

  /* PINs only as Argon2id hashes. */
  {
    g_autoptr(JsonObject) staff = cg_store_get (good, "staff:0421-01", FALSE, &error);
    const char *hash;

    g_assert_no_error (error);
    hash = cg_json_get_string (staff, "pin_hash");
    g_assert_true (g_str_has_prefix (hash, "$argon2id$v=19$"));
    g_assert_false (json_object_has_member (staff, "pin"));
    /* Every stored revision of every staff document. */
    g_assert_cmpint (cg_test_query_int (good, "SELECT count(*) FROM revs JOIN docs USING (doc_id) "
                                              "WHERE docs.type = 'staff' AND revs.body IS NOT NULL"), ==, 2);
    g_assert_cmpint (cg_test_query_int (good, "SELECT count(*) FROM revs JOIN docs USING (doc_id) "
                                              "WHERE docs.type = 'staff' AND revs.body IS NOT NULL AND "
                                              "(json_extract(revs.body, '$.pin_hash') NOT LIKE '$argon2id$v=19$%' "
                                              "OR json_extract(revs.body, '$.pin') IS NOT NULL)"), ==, 0);
  }
  cg_test_peer_assert_alive (peer);
}

int
main (int    argc,
      char **argv)
{
  /* Before anything can log. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  logged = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  haystacks = g_ptr_array_new ();

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/secrets/never-leak", test_secrets_never_leak);
  return g_test_run ();
}
