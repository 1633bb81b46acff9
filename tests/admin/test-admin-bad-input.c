/* test-admin-bad-input.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command-line rows of the bad-input table (docs/RELIABILITY.md):
 * changgu-admin given nonsense exits 2 and says what is wrong, given
 * something that cannot work (missing files, folders for files, garbage,
 * JSON nested to crash a parser) exits 1 and names the problem; never a
 * crash, never a hang, never a half-made store.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cg-admin-test-util.h"

static char *dir;

static void
write_file (const char *name,
            const char *data,
            gssize      len,
            int         mode)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_NONE, mode, &error));
  g_assert_no_error (error);
}

static char *
nested (guint depth)
{
  GString *s = g_string_new ("{\"_id\":\"customer:deep\",\"a\":");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

#define PROVISIONING_FIELDS \
  "\"server\":\"http://127.0.0.1:1\",\"database\":\"changgu-store-0421\",\"store_id\":\"0421\"," \
  "\"role\":\"counter\",\"device_id\":\"d1\",\"device_prefix\":\"C1\",\"username\":\"u\",\"password\":\"p\""

static void
make_files (void)
{
  g_autofree char *deep = nested (200000);
  g_autofree char *deep_import = g_strconcat ("[", deep, "]", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder", NULL);
  guchar garbage[4096];
  GRand *rand = g_rand_new_with_seed (8);

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guchar) g_rand_int_range (rand, 1, 256);
  g_rand_free (rand);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  write_file ("garbage.csv", (const char *) garbage, sizeof garbage, 0600);
  /* 김민지 in EUC-KR. */
  write_file ("euc-kr.csv", "name,phone\n\xb1\xe8\xb9\xce\xc1\xf6,010-1234-5678\n", -1, 0600);
  write_file ("no-header.csv", "김민지,010-1234-5678\n", -1, 0600);
  write_file ("empty.csv", "", 0, 0600);
  write_file ("deep.json", deep, -1, 0600);
  write_file ("deep-import.json", deep_import, -1, 0600);
  write_file ("p-not-json.json", "this is not json", -1, 0600);
  write_file ("p-array.json", "[1, 2]", -1, 0600);
  write_file ("p-missing.json", "{\"server\":\"http://127.0.0.1:1\"}", -1, 0600);
  write_file ("p-type.json", "{" PROVISIONING_FIELDS ",\"store_id\":421}", -1, 0600);
  write_file ("p-keys.json", "{" PROVISIONING_FIELDS ",\"trusted_keys\":\"nope\"}", -1, 0600);
  write_file ("p-ca.json", "{" PROVISIONING_FIELDS ",\"ca_certificate\":\"-----BEGIN CERTIFICATE-----\\nno\\n-----END CERTIFICATE-----\\n\"}", -1, 0600);
  write_file ("p-role.json", "{\"server\":\"http://127.0.0.1:1\",\"database\":\"changgu-store-0421\",\"store_id\":\"0421\","
                             "\"role\":\"boss\",\"device_id\":\"d1\",\"device_prefix\":\"C1\",\"username\":\"u\",\"password\":\"p\"}", -1, 0600);
  write_file ("p-0644.json", "{" PROVISIONING_FIELDS "}", -1, 0644);
  {
    g_autofree char *deep_provisioning = nested (200000);
    write_file ("p-deep.json", deep_provisioning, -1, 0600);
  }
  write_file ("p-binary.json", (const char *) garbage, sizeof garbage, 0600);
}

typedef struct {
  int         status;
  const char *message;      /* a part of what it says on stderr */
  const char *argv[12];
} Case;

static void
run_cases (const Case *cases,
           guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_auto(CgAdminResult) r = { 0 };
      const char * const env[] = { "CHANGGU_ADMIN_PASSWORD", NULL };
      g_autofree char *line = g_strjoinv (" ", (char **) cases[i].argv);
      gint64 start = g_get_monotonic_time ();

      cg_admin_test_run (&r, dir, NULL, env, cases[i].argv);
      g_test_message ("changgu-admin %s → %d: %s", line, r.status, r.err);
      if (r.status != cases[i].status || strstr (r.err, cases[i].message) == NULL)
        g_error ("changgu-admin %s: expected %d and “%s”, got %d: %s%s", line,
                 cases[i].status, cases[i].message, r.status, r.out, r.err);
      if (cases[i].status == 2)
        g_assert_nonnull (strstr (r.err, "--help"));
      /* Each answers at once: nothing waits on a server that is not there. */
      g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
    }
}

/* Nonsense on the command line: exit 2. */
static void
test_usage (void)
{
  static const Case cases[] = {
    { 2, "--customers must be a whole number", { "demo-data", "--customers", "-1", "--db", "x.db", NULL } },
    { 2, "--customers must be a whole number", { "demo-data", "--customers", "1e9", "--db", "x.db", NULL } },
    { 2, "--batch-size takes a whole number", { "sync", "--db", "x.db", "--batch-size", "0", "--once", NULL } },
    { 2, "--batch-size takes a whole number", { "sync", "--db", "x.db", "--batch-size", "-3", "--once", NULL } },
    { 2, "--batch-size takes a whole number", { "import", "--db", "x.db", "customers", "empty.csv", "--batch-size", "0", NULL } },
    { 2, "--batch-size takes a whole number", { "relay", "--server", "http://127.0.0.1:1", "--store", "0421", "--batch-size", "0", NULL } },
    { 2, "cannot be imported", { "import", "--db", "x.db", "frogs", "empty.csv", NULL } },
    { 2, "the server URL is not valid", { "provision", "--server", "not-a-url", "--store", "0421", NULL } },
    { 2, "the server URL is not valid", { "provision", "--server", "ftp://example.com", "--store", "0421", NULL } },
    { 2, "the server URL is not valid", { "fleet", "--server", "http://127.0.0.1:99999", NULL } },
    { 2, "the server URL is not valid", { "relay", "--server", "http://[::1", "--store", "0421", "--once", NULL } },
    { 2, "cannot be a store id", { "provision", "--server", "http://127.0.0.1:1", "--store", "../etc", NULL } },
    { 2, "--role counter or --role kiosk", { "add-device", "--server", "http://127.0.0.1:1", "--store", "0421",
                                             "--role", "boss", "--out", "a.json", NULL } },
    { 2, "is not valid", { "keygen", "--key-id", "../../x", "--out", "keys", NULL } },
    { 2, "is not valid", { "keygen", "--key-id", "", "--out", "keys", NULL } },
    { 2, "The scope “nonsense” is not valid", { "config", "push", "--server", "http://127.0.0.1:1", "--key", "k",
                                                "--scope", "nonsense", "s.json", NULL } },
    { 2, "Say which server", { "fleet", NULL } },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

/* Things that cannot work: exit 1, the problem named. */
static void
test_failures (void)
{
  static const Case cases[] = {
    /* Folders where files belong. */
    { 1, "folder is a folder, not a data file", { "demo-data", "--customers", "5", "--db", "folder", NULL } },
    { 1, "folder is a folder, not a data file", { "doc", "list", "--db", "folder", NULL } },
    { 1, "Is a directory", { "doc", "put", "folder", "--db", "x.db", NULL } },
    { 1, "Is a directory", { "import", "--db", "x.db", "customers", "folder", NULL } },
    { 1, "folder is not a provisioning file", { "sync", "--db", "x.db", "--provision", "folder", "--once", NULL } },
    { 1, "cannot read the public key folder", { "add-device", "--server", "http://127.0.0.1:1", "--store", "0421",
                                                "--role", "counter", "--trust", "folder", "--out", "a.json", NULL } },
    /* Missing files. */
    { 1, "missing.csv", { "import", "--db", "x.db", "customers", "missing.csv", NULL } },
    { 1, "Cannot read the provisioning file missing.json", { "sync", "--db", "x.db", "--provision", "missing.json", "--once", NULL } },
    { 1, "Cannot read the key file missing.key", { "config", "push", "--server", "http://127.0.0.1:1", "--key", "missing.key",
                                                   "--scope", "store:0421", "missing.json", NULL } },
    /* Import files. */
    { 1, "is not UTF-8 text; save the file as UTF-8", { "import", "--db", "x.db", "customers", "garbage.csv", NULL } },
    { 1, "is not UTF-8 text; save the file as UTF-8", { "import", "--db", "x.db", "customers", "euc-kr.csv", NULL } },
    { 1, "The header names a column “김민지”", { "import", "--db", "x.db", "customers", "no-header.csv", NULL } },
    { 1, "The file is empty", { "import", "--db", "x.db", "customers", "empty.csv", NULL } },
    /* JSON nested 200,000 deep: json-glib's parser crashed (SIGSEGV). */
    { 1, "nested more than 4096 levels deep", { "doc", "put", "deep.json", "--db", "x.db", NULL } },
    { 1, "nested more than 4096 levels deep", { "import", "--db", "x.db", "customers", "deep-import.json", NULL } },
    { 1, "nested more than 4096 levels deep", { "sync", "--db", "x.db", "--provision", "p-deep.json", "--once", NULL } },
    /* Provisioning files. */
    { 1, "is not valid JSON", { "sync", "--db", "x.db", "--provision", "p-not-json.json", "--once", NULL } },
    { 1, "is not valid JSON", { "sync", "--db", "x.db", "--provision", "p-binary.json", "--once", NULL } },
    { 1, "Expected a JSON object", { "sync", "--db", "x.db", "--provision", "p-array.json", "--once", NULL } },
    { 1, "has no “database”", { "sync", "--db", "x.db", "--provision", "p-missing.json", "--once", NULL } },
    { 1, "“store_id” must be text", { "sync", "--db", "x.db", "--provision", "p-type.json", "--once", NULL } },
    { 1, "“trusted_keys” must be a list", { "sync", "--db", "x.db", "--provision", "p-keys.json", "--once", NULL } },
    { 1, "“ca_certificate” that is not a PEM certificate", { "sync", "--db", "x.db", "--provision", "p-ca.json", "--once", NULL } },
    { 1, "names the role “boss”", { "sync", "--db", "x.db", "--provision", "p-role.json", "--once", NULL } },
    { 1, "other users can read it. Run “chmod 600 p-0644.json”", { "sync", "--db", "x.db", "--provision", "p-0644.json", "--once", NULL } },
    /* A server that is not there. */
    { 1, "cannot connect to http://127.0.0.1:1", { "provision", "--server", "http://127.0.0.1:1", "--store", "0421", NULL } },
  };
  g_autofree char *x_db = g_build_filename (dir, "x.db", NULL);

  run_cases (cases, G_N_ELEMENTS (cases));
  /* None of them wrote a document: the store, if one was opened, is empty. */
  if (g_file_test (x_db, G_FILE_TEST_EXISTS))
    {
      g_auto(CgAdminResult) r = { 0 };
      cg_admin_test_run (&r, dir, NULL, NULL, (const char *[]) { "doc", "list", "--db", "x.db", NULL });
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.out, ==, "");
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("changgu-bad-input-XXXXXX", &error);
  g_assert_no_error (error);
  make_files ();
  g_test_add_func ("/admin/bad-input/usage", test_usage);
  g_test_add_func ("/admin/bad-input/failures", test_failures);
  status = g_test_run ();
  cg_admin_test_remove_tree (dir);
  g_free (dir);
  return status;
}
