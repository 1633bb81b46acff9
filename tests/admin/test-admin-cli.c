/* test-admin-cli.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin as a script sees it: the built binary run as a subprocess,
 * its exit codes (0 ok, 1 failure, 2 usage), what it prints on stdout and
 * the messages on stderr.
 */
#include "config.h"

#include "cg-admin-test-util.h"

#include <locale.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "changgu-core.h"

#define DEMO_NOW "2026-11-22T09:00:00Z"

typedef CgAdminResult Result;
#define result_clear cg_admin_result_clear
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, cg_admin_result_clear)

typedef struct {
  char *dir;
  char *db;
} Fixture;

/* Runs changgu-admin with @argv (NULL-terminated, without the program) in
 * @dir, feeding @input on stdin. */
static char *
admin_path (void)
{
  const char *root = g_getenv ("CHANGGU_BUILD_ROOT");
  return root ? g_build_filename (root, "src", "admin", "changgu-admin", NULL) : NULL;
}

static void
run_admin (Result             *result,
           const char         *dir,
           const char         *input,
           const char * const *argv)
{
  const char * const env[] = { "CHANGGU_DEMO_NOW=" DEMO_NOW, NULL };

  cg_admin_test_run (result, dir, input, env, argv);
}

#define RUN(result, dir, input, ...) \
  run_admin ((result), (dir), (input), (const char * const[]) { __VA_ARGS__, NULL })

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("changgu-admin-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "store.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cg_admin_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
is_revision (const char *text,
             guint       generation)
{
  g_autofree char *prefix = g_strdup_printf ("%u-", generation);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (!g_str_has_prefix (trimmed, prefix) || strlen (trimmed) != strlen (prefix) + 32)
    return FALSE;
  for (const char *p = trimmed + strlen (prefix); *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

static const char customer_json[] =
  "{\n"
  "  \"_id\": \"customer:test-1\",\n"
  "  \"type\": \"customer\",\n"
  "  \"name\": \"김민준\",\n"
  "  \"phones\": [\"+821012345678\"],\n"
  "  \"emails\": [\"minjun.kim@example.kr\"],\n"
  "  \"language\": \"ko\",\n"
  "  \"created_at\": \"2026-11-20T10:00:00Z\",\n"
  "  \"updated_at\": \"2026-11-20T10:00:00Z\",\n"
  "  \"x_loyalty\": {\"stamps\": [1, 2, 3], \"note\": \"kept\"}\n"
  "}\n";

/* ------------------------------------------------------------------------ */

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  static const char * const commands[][3] = {
    { "doc", "get", NULL }, { "doc", "list", NULL }, { "doc", "put", NULL },
    { "demo-data", NULL, NULL }, { "rebuild-index", NULL, NULL },
  };
  g_auto(Result) top = { 0 };
  g_auto(Result) doc = { 0 };

  RUN (&top, f->dir, NULL, "--help");
  g_assert_cmpint (top.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = g_strjoinv (" ", (char **) commands[i]);
      g_auto(Result) sub = { 0 };

      g_assert_nonnull (strstr (top.out, name));
      if (commands[i][1] != NULL)
        RUN (&sub, f->dir, NULL, commands[i][0], commands[i][1], "--help");
      else
        RUN (&sub, f->dir, NULL, commands[i][0], "--help");
      g_assert_cmpint (sub.status, ==, 0);
      /* The usage line names the whole command. */
      g_assert_nonnull (strstr (sub.out, name));
      g_assert_nonnull (strstr (sub.out, "--db"));
    }

  RUN (&doc, f->dir, NULL, "doc", "--help");
  g_assert_cmpint (doc.status, ==, 0);
  g_assert_nonnull (strstr (doc.out, "doc put"));
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  /* Each: the arguments, then a part of the message. */
  static const char * const cases[][8] = {
    { "Say which command", NULL },
    { "frobnicate", "frobnicate", NULL },
    { "--bogus", "--bogus", NULL },
    { "get, list or put", "doc", NULL },
    { "frob", "doc", "frob", NULL },
    { "Say which document", "doc", "get", "--db", "store.db", NULL },
    { "--db", "doc", "get", "customer:1", NULL },
    { "one too many", "doc", "get", "a", "b", "--db", "store.db", NULL },
    { "--db", "doc", "list", NULL },
    { "extra", "doc", "list", "--db", "store.db", "extra", NULL },
    { "--bogus", "doc", "list", "--bogus", "--db", "store.db", NULL },
    { "--type", "doc", "list", "--type", "", "--db", "store.db", NULL },
    { "file", "doc", "put", "--db", "store.db", NULL },
    { "--db", "doc", "put", "doc.json", NULL },
    { "--customers", "demo-data", "--db", "store.db", NULL },
    { "--customers", "demo-data", "--customers", NULL },
    { "“-5”", "demo-data", "--customers", "-5", "--db", "store.db", NULL },
    { "“abc”", "demo-data", "--customers", "abc", "--db", "store.db", NULL },
    { "“99999999999”", "demo-data", "--customers", "99999999999", "--db", "store.db", NULL },
    { "--db", "demo-data", "--customers", "10", NULL },
    { "“x1”", "demo-data", "--customers", "10", "--seed", "x1", "--db", "store.db" },
    { "--db", "rebuild-index", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) result = { 0 };
      const char *argv[8] = { NULL };

      for (guint j = 1; j < G_N_ELEMENTS (cases[i]) && cases[i][j] != NULL; j++)
        argv[j - 1] = cases[i][j];
      run_admin (&result, f->dir, NULL, argv);
      g_test_message ("case %u: %s", i, result.err);
      g_assert_cmpint (result.status, ==, 2);
      g_assert_nonnull (strstr (result.err, cases[i][0]));
      /* Every usage error says where to get help, and nothing else ran. */
      g_assert_nonnull (strstr (result.err, "--help"));
      g_assert_cmpstr (result.out, ==, "");
    }
  /* No usage error created a store. */
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *file = write_file (f, "customer.json", customer_json);
  g_autofree char *rev1 = NULL;
  g_autofree char *rev2 = NULL;
  g_autofree char *line = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *stale_file = NULL;
  g_auto(Result) put = { 0 };
  g_auto(Result) get = { 0 };
  g_auto(Result) list = { 0 };
  g_auto(Result) list_json = { 0 };
  g_auto(Result) list_order = { 0 };
  g_auto(Result) update = { 0 };
  g_auto(Result) get2 = { 0 };
  g_auto(Result) conflict = { 0 };
  g_auto(Result) again = { 0 };
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(JsonNode) doc2 = NULL;
  g_autoptr(JsonNode) array = NULL;
  JsonObject *object, *loyalty;

  /* put creates the store and prints the first revision. */
  RUN (&put, f->dir, NULL, "doc", "put", file, "--db", f->db);
  g_assert_cmpstr (put.err, ==, "");
  g_assert_cmpint (put.status, ==, 0);
  g_assert_true (is_revision (put.out, 1));
  rev1 = g_strstrip (g_strdup (put.out));

  /* get: the document with _id and _rev, unknown fields kept. */
  RUN (&get, f->dir, NULL, "doc", "get", "customer:test-1", "--db", f->db);
  g_assert_cmpint (get.status, ==, 0);
  doc = parse_json (get.out);
  object = json_node_get_object (doc);
  g_assert_cmpstr (cg_json_get_string (object, "_id"), ==, "customer:test-1");
  g_assert_cmpstr (cg_json_get_string (object, "_rev"), ==, rev1);
  g_assert_cmpstr (cg_json_get_string (object, "name"), ==, "김민준");
  loyalty = cg_json_get_object (object, "x_loyalty");
  g_assert_nonnull (loyalty);
  g_assert_cmpstr (cg_json_get_string (loyalty, "note"), ==, "kept");
  g_assert_cmpuint (json_array_get_length (cg_json_get_array (loyalty, "stamps")), ==, 3);
  g_assert_false (json_object_has_member (object, "_conflicts"));
  /* Pretty-printed for people. */
  g_assert_nonnull (strstr (get.out, "\n  \""));

  /* list: "id<TAB>rev" lines, or JSON. */
  RUN (&list, f->dir, NULL, "doc", "list", "--db", f->db);
  g_assert_cmpint (list.status, ==, 0);
  line = g_strdup_printf ("customer:test-1\t%s\n", rev1);
  g_assert_cmpstr (list.out, ==, line);
  RUN (&list_order, f->dir, NULL, "doc", "list", "--type", "order", "--db", f->db);
  g_assert_cmpint (list_order.status, ==, 0);
  g_assert_cmpstr (list_order.out, ==, "");
  RUN (&list_json, f->dir, NULL, "doc", "list", "--json", "--type", "customer", "--db", f->db);
  g_assert_cmpint (list_json.status, ==, 0);
  array = parse_json (list_json.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (array));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (array)), ==, 1);
  object = json_array_get_object_element (json_node_get_array (array), 0);
  g_assert_cmpstr (cg_json_get_string (object, "id"), ==, "customer:test-1");
  g_assert_cmpstr (cg_json_get_string (object, "rev"), ==, rev1);

  /* An edit of what get printed, through stdin: the next revision, and the
   * unknown field survives the read-modify-write. */
  object = json_node_get_object (doc);
  json_object_set_string_member (object, "name", "김민준 (VIP)");
  {
    g_autofree char *text = json_to_string (doc, TRUE);
    RUN (&update, f->dir, text, "doc", "put", "-", "--db", f->db);
  }
  g_assert_cmpstr (update.err, ==, "");
  g_assert_cmpint (update.status, ==, 0);
  g_assert_true (is_revision (update.out, 2));
  rev2 = g_strstrip (g_strdup (update.out));

  RUN (&get2, f->dir, NULL, "doc", "get", "customer:test-1", "--db", f->db);
  g_assert_cmpint (get2.status, ==, 0);
  doc2 = parse_json (get2.out);
  object = json_node_get_object (doc2);
  g_assert_cmpstr (cg_json_get_string (object, "_rev"), ==, rev2);
  g_assert_cmpstr (cg_json_get_string (object, "name"), ==, "김민준 (VIP)");
  g_assert_cmpstr (cg_json_get_string (cg_json_get_object (object, "x_loyalty"), "note"), ==, "kept");

  /* A stale _rev is the conflict message, and nothing changes. */
  stale = g_strdup_printf ("{\"_id\": \"customer:test-1\", \"_rev\": \"%s\", \"type\": \"customer\","
                           " \"name\": \"Old\", \"created_at\": \"2026-11-20T10:00:00Z\","
                           " \"updated_at\": \"2026-11-20T10:00:00Z\"}", rev1);
  stale_file = write_file (f, "stale.json", stale);
  RUN (&conflict, f->dir, NULL, "doc", "put", stale_file, "--db", f->db);
  g_assert_cmpint (conflict.status, ==, 1);
  g_assert_cmpstr (conflict.out, ==, "");
  g_assert_nonnull (strstr (conflict.err, "changed by someone else"));
  g_assert_nonnull (strstr (conflict.err, "doc get"));

  /* Without _rev, an existing document is a conflict too. */
  RUN (&again, f->dir, NULL, "doc", "put", file, "--db", f->db);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already exists"));
}

static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *invalid = write_file (f, "invalid.json",
    "{\"_id\": \"customer:bad\", \"type\": \"customer\", \"created_at\": \"2026-11-20T10:00:00Z\","
    " \"updated_at\": \"2026-11-20T10:00:00Z\"}");
  g_autofree char *malformed = write_file (f, "malformed.json",
    "{\n  \"_id\": \"customer:x\",\n  \"type\": tru\n}\n");
  g_autofree char *array = write_file (f, "array.json", "[1, 2]");
  g_autofree char *not_a_store = write_file (f, "notes.txt", "These are not the data you are looking for.\n");
  g_autofree char *good = write_file (f, "customer.json", customer_json);
  g_autofree char *missing_db = g_build_filename (f->dir, "missing.db", NULL);
  g_auto(Result) r_invalid = { 0 };
  g_auto(Result) r_malformed = { 0 };
  g_auto(Result) r_array = { 0 };
  g_auto(Result) r_empty = { 0 };
  g_auto(Result) r_nofile = { 0 };
  g_auto(Result) r_notfound = { 0 };
  g_auto(Result) r_notstore = { 0 };
  g_auto(Result) r_missing = { 0 };
  g_auto(Result) r_good = { 0 };
  g_auto(Result) r_list = { 0 };

  /* The validation message, as cg_store_put() words it. */
  RUN (&r_invalid, f->dir, NULL, "doc", "put", invalid, "--db", f->db);
  g_assert_cmpint (r_invalid.status, ==, 1);
  g_assert_cmpstr (r_invalid.out, ==, "");
  g_assert_nonnull (strstr (r_invalid.err, "customer: “name” is required."));

  /* Malformed JSON names the file, the line and the column. */
  RUN (&r_malformed, f->dir, NULL, "doc", "put", malformed, "--db", f->db);
  g_assert_cmpint (r_malformed.status, ==, 1);
  g_assert_nonnull (strstr (r_malformed.err, "malformed.json"));
  g_assert_nonnull (strstr (r_malformed.err, "line 3, column"));

  RUN (&r_array, f->dir, NULL, "doc", "put", array, "--db", f->db);
  g_assert_cmpint (r_array.status, ==, 1);
  g_assert_nonnull (strstr (r_array.err, "holds an array"));

  RUN (&r_empty, f->dir, "", "doc", "put", "-", "--db", f->db);
  g_assert_cmpint (r_empty.status, ==, 1);
  g_assert_nonnull (strstr (r_empty.err, "empty"));

  RUN (&r_nofile, f->dir, NULL, "doc", "put", "no-such-file.json", "--db", f->db);
  g_assert_cmpint (r_nofile.status, ==, 1);
  g_assert_nonnull (strstr (r_nofile.err, "no-such-file.json"));

  /* Nothing was written by the failed puts. */
  RUN (&r_good, f->dir, NULL, "doc", "put", good, "--db", f->db);
  g_assert_cmpint (r_good.status, ==, 0);
  RUN (&r_list, f->dir, NULL, "doc", "list", "--db", f->db);
  g_assert_cmpint (r_list.status, ==, 0);
  g_assert_true (g_str_has_prefix (r_list.out, "customer:test-1\t"));
  g_assert_null (strchr (strchr (r_list.out, '\n') + 1, '\n'));

  RUN (&r_notfound, f->dir, NULL, "doc", "get", "customer:nobody", "--db", f->db);
  g_assert_cmpint (r_notfound.status, ==, 1);
  g_assert_cmpstr (r_notfound.out, ==, "");
  g_assert_nonnull (strstr (r_notfound.err, "There is no document “customer:nobody”"));

  /* A file that is not a store: the store's own message. */
  RUN (&r_notstore, f->dir, NULL, "doc", "list", "--db", not_a_store);
  g_assert_cmpint (r_notstore.status, ==, 1);
  g_assert_nonnull (strstr (r_notstore.err, "not a Changgu data file"));

  /* Reading commands do not create a store at a mistyped path. */
  RUN (&r_missing, f->dir, NULL, "doc", "get", "customer:test-1", "--db", missing_db);
  g_assert_cmpint (r_missing.status, ==, 1);
  g_assert_nonnull (strstr (r_missing.err, "There is no store"));
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
}

static void
test_conflicts (Fixture       *f,
                gconstpointer  data)
{
  static const char * const hashes[] = { "aaaa", "bbbb" };
  g_auto(Result) plain = { 0 };
  g_auto(Result) with = { 0 };
  g_autoptr(JsonNode) plain_doc = NULL;
  g_autoptr(JsonNode) with_doc = NULL;
  JsonArray *conflicts;

  /* Two replicated revisions on separate branches: a conflict. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CgStore) store = cg_store_open (f->db, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (hashes); i++)
      {
        g_autofree char *json = g_strdup_printf (
          "{\"_id\": \"customer:c\", \"_rev\": \"1-%s\", \"_revisions\": {\"start\": 1, \"ids\": [\"%s\"]},"
          " \"type\": \"customer\", \"name\": \"Branch %u\", \"created_at\": \"2026-11-20T10:00:00Z\","
          " \"updated_at\": \"2026-11-20T10:00:00Z\"}", hashes[i], hashes[i], i);
        g_autoptr(JsonObject) doc = cg_json_from_string (json, &error);
        g_assert_no_error (error);
        g_assert_true (cg_store_put_replicated (store, doc, &error));
        g_assert_no_error (error);
      }
  }

  RUN (&plain, f->dir, NULL, "doc", "get", "customer:c", "--db", f->db);
  g_assert_cmpint (plain.status, ==, 0);
  plain_doc = parse_json (plain.out);
  g_assert_false (json_object_has_member (json_node_get_object (plain_doc), "_conflicts"));
  /* CouchDB's winner: the greater hash. */
  g_assert_cmpstr (cg_json_get_string (json_node_get_object (plain_doc), "_rev"), ==, "1-bbbb");

  RUN (&with, f->dir, NULL, "doc", "get", "--conflicts", "customer:c", "--db", f->db);
  g_assert_cmpint (with.status, ==, 0);
  with_doc = parse_json (with.out);
  conflicts = cg_json_get_array (json_node_get_object (with_doc), "_conflicts");
  g_assert_nonnull (conflicts);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  g_assert_cmpstr (cg_json_array_get_string (conflicts, 0), ==, "1-aaaa");
}

static guint
count_lines (const char *text)
{
  guint n = 0;
  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_demo_data (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Result) first = { 0 };
  g_auto(Result) refused = { 0 };
  g_auto(Result) appended = { 0 };
  g_auto(Result) rebuilt = { 0 };
  g_auto(Result) customers = { 0 };
  g_auto(Result) articles = { 0 };

  RUN (&first, f->dir, NULL, "demo-data", "--customers", "40", "--seed", "5", "--db", f->db);
  g_test_message ("%s%s", first.out, first.err);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (g_regex_match_simple ("customers +40\n", first.out, 0, 0));
  g_assert_true (g_regex_match_simple ("articles +2[0-9][0-9]\n", first.out, 0, 0));
  g_assert_nonnull (strstr (first.out, "File size:"));
  /* Not a terminal: progress as lines, ending at 100%. */
  g_assert_nonnull (strstr (first.err, "100% (40 of 40 customers"));
  g_assert_null (strchr (first.err, '\r'));

  /* A store with customers is refused without --append. */
  RUN (&refused, f->dir, NULL, "demo-data", "--customers", "40", "--db", f->db);
  g_assert_cmpint (refused.status, ==, 2);
  g_assert_nonnull (strstr (refused.err, "already holds 40 customers"));
  g_assert_nonnull (strstr (refused.err, "--append"));

  RUN (&appended, f->dir, NULL, "demo-data", "--customers", "1,000", "--append", "--no-articles", "--db", f->db);
  g_assert_cmpint (appended.status, ==, 0);
  g_assert_true (g_regex_match_simple ("customers +1,000\n", appended.out, 0, 0));
  g_assert_true (g_regex_match_simple ("articles +0\n", appended.out, 0, 0));

  RUN (&customers, f->dir, NULL, "doc", "list", "--type", "customer", "--db", f->db);
  g_assert_cmpint (customers.status, ==, 0);
  g_assert_cmpuint (count_lines (customers.out), ==, 1040);
  RUN (&articles, f->dir, NULL, "doc", "list", "--type", "article", "--db", f->db);
  g_assert_cmpuint (count_lines (articles.out), >=, 190);

  RUN (&rebuilt, f->dir, NULL, "rebuild-index", "--db", f->db);
  g_assert_cmpint (rebuilt.status, ==, 0);
  g_assert_nonnull (strstr (rebuilt.out, "Rebuilt"));

  /* The rebuilt index still finds the customers. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CgStore) store = cg_store_open (f->db, &error);
    g_autoptr(GArray) found = NULL;
    g_assert_no_error (error);
    found = cg_store_search_customers (store, "010", 2000, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1040);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *program = NULL;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  program = admin_path ();
  if (program == NULL || !g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("changgu-admin not found: run through meson test (CHANGGU_BUILD_ROOT)\n");
      return 77;   /* skipped */
    }

  g_test_add ("/admin/cli/help", Fixture, NULL, fixture_set_up, test_help, fixture_tear_down);
  g_test_add ("/admin/cli/usage-errors", Fixture, NULL, fixture_set_up, test_usage_errors, fixture_tear_down);
  g_test_add ("/admin/cli/doc-round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/admin/cli/doc-failures", Fixture, NULL, fixture_set_up, test_failures, fixture_tear_down);
  g_test_add ("/admin/cli/doc-conflicts", Fixture, NULL, fixture_set_up, test_conflicts, fixture_tear_down);
  g_test_add ("/admin/cli/demo-data", Fixture, NULL, fixture_set_up, test_demo_data, fixture_tear_down);
  return g_test_run ();
}
