/* test-admin-import.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin import as a script sees it: exit codes (0 all imported,
 * 1 some rows refused or the file unreadable, 2 a bad command line), the
 * per-row report on stderr, the --json summary, and a throughput figure for
 * 100k customers from CSV (printed, not asserted; 10k unless run with
 * -m slow or CHANGGU_IMPORT_BENCH_ROWS).
 */
#include "config.h"

#include "cg-admin-test-util.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "changgu-core.h"

typedef CgAdminResult Result;
#define result_clear cg_admin_result_clear
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, cg_admin_result_clear)

static void
run_admin (Result             *result,
           const char         *dir,
           const char * const *argv)
{
  cg_admin_test_run (result, dir, NULL, NULL, argv);
}

#define RUN(result, dir, ...) \
  run_admin ((result), (dir), (const char * const[]) { __VA_ARGS__, NULL })

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  gint64 value = -1;
  g_assert_true (cg_json_get_int (object, name, &value));
  return value;
}

static void
test_exit_codes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("changgu-import-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "store.db", NULL);
  g_autofree char *good = write_file (dir, "good.csv",
                                      "\xef\xbb\xbfid,name,phone,email\r\n"
                                      "1,김민준,010-1234-5678,minjun@example.com\r\n"
                                      "2,\"Doe, Jane\",+44 20 7946 0958,\r\n");
  g_autofree char *bad = write_file (dir, "bad.csv",
                                     "id,name,phone\n"
                                     "3,Lee,010-2222-3333\n"
                                     "4,Park,010-1234-567\n"
                                     "5,Choi,010-4444-5555\n");
  g_autofree char *columns = write_file (dir, "columns.csv", "id,phone\n6,010-1234-5678\n");
  g_auto(Result) r = { 0 };

  /* 0: every row imported; a second run changes nothing. */
  RUN (&r, dir, "import", "--db", db, "customers", good);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "imported"));
  result_clear (&r);
  RUN (&r, dir, "import", "--db", db, "customers", good, "--json");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonObject) summary = parse_object (r.out);
    g_assert_true (cg_json_get_bool (summary, "ok", FALSE));
    g_assert_cmpint (member_int (summary, "read"), ==, 2);
    g_assert_cmpint (member_int (summary, "created"), ==, 0);
    g_assert_cmpint (member_int (summary, "unchanged"), ==, 2);
  }
  result_clear (&r);

  /* 1: a refused row, reported with line, column and reason; the others
   * imported. */
  RUN (&r, dir, "import", "--db", db, "customers", bad);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "line 3, phone: "));
  g_assert_nonnull (strstr (r.err, "010-1234-567"));
  result_clear (&r);
  RUN (&r, dir, "import", "--db", db, "customers", bad, "--json");
  g_assert_cmpint (r.status, ==, 1);
  {
    g_autoptr(JsonObject) summary = parse_object (r.out);
    JsonArray *errors = cg_json_get_array (summary, "errors");
    JsonObject *first;

    g_assert_false (cg_json_get_bool (summary, "ok", TRUE));
    g_assert_cmpint (member_int (summary, "refused"), ==, 1);
    g_assert_cmpint (member_int (summary, "unchanged"), ==, 2);
    g_assert_cmpuint (json_array_get_length (errors), ==, 1);
    first = json_array_get_object_element (errors, 0);
    g_assert_cmpint (member_int (first, "line"), ==, 3);
    g_assert_cmpstr (cg_json_get_string (first, "field"), ==, "phone");
  }
  result_clear (&r);

  /* 1: the header lacks a column, or the file cannot be read. */
  RUN (&r, dir, "import", "--db", db, "customers", columns);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "“name”"));
  result_clear (&r);
  RUN (&r, dir, "import", "--db", db, "customers", "no-such-file.csv");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no-such-file.csv"));
  result_clear (&r);

  /* 2: the command line. */
  RUN (&r, dir, "import", "--db", db, "staff", good);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  RUN (&r, dir, "import", "--db", db, "customers");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  RUN (&r, dir, "import", "--db", db, "--format", "xml", "customers", good);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  RUN (&r, dir, "import", "customers", good);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  RUN (&r, dir, "import", "--help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "consent_marketing"));
  result_clear (&r);

  /* JSON lines, told by --format. */
  {
    g_autofree char *lines = write_file (dir, "articles.jsonl",
                                         "{\"slug\":\"returns\",\"title\":\"Returns\",\"body\":\"Bring the receipt.\","
                                         "\"locale\":\"en\",\"category\":\"return\",\"tags\":[\"return\"],\"published\":true}\n");
    RUN (&r, dir, "import", "--db", db, "--format", "json", "articles", lines);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_autoptr(CgStore) store = cg_store_open (db, NULL);
    g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 4);
    g_assert_cmpuint (cg_store_count_documents (store, "article"), ==, 1);
  }
  cg_admin_test_remove_tree (dir);
}

/* Korean and English names, Korean mobiles, some e-mails. */
static char *
make_customers_csv (const char *dir,
                    guint       rows)
{
  static const char * const family[] = { "김", "이", "박", "최", "정", "강", "조", "윤" };
  static const char * const given[] = { "민준", "서연", "도윤", "하은", "시우", "지유", "예준", "수아" };
  static const char * const first[] = { "James", "Olivia", "Liam", "Emma", "Noah", "Ava" };
  static const char * const last[] = { "Smith", "Brown", "Taylor", "Wilson", "Lee", "Martin" };
  g_autoptr(GString) csv = g_string_sized_new (rows * 90);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "customers-bench.csv", NULL);

  g_string_append (csv, "id,name,phone,email,language,tier,consent_marketing\n");
  for (guint i = 0; i < rows; i++)
    {
      gboolean korean = i % 5 != 0;
      if (korean)
        g_string_append_printf (csv, "B%u,%s%s,010-%04u-%04u,,ko,basic,false\n", i,
                                family[i % G_N_ELEMENTS (family)], given[(i / 8) % G_N_ELEMENTS (given)],
                                1000 + (i / 10000), i % 10000);
      else
        g_string_append_printf (csv, "B%u,\"%s %s\",010-%04u-%04u,%s.%u@example.com,en,silver,true\n", i,
                                first[i % G_N_ELEMENTS (first)], last[(i / 6) % G_N_ELEMENTS (last)],
                                1000 + (i / 10000), i % 10000, first[i % G_N_ELEMENTS (first)], i);
    }
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_throughput (void)
{
  g_autofree char *dir = g_dir_make_tmp ("changgu-import-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *rows_text = NULL;
  const char *env = g_getenv ("CHANGGU_IMPORT_BENCH_ROWS");
  guint rows = env ? (guint) g_ascii_strtoull (env, NULL, 10) : g_test_slow () ? 100000 : 10000;
  g_auto(Result) r = { 0 };
  g_autoptr(JsonObject) summary = NULL;

  csv = make_customers_csv (dir, rows);
  rows_text = g_strdup_printf ("%u", rows);
  RUN (&r, dir, "import", "--db", db, "customers", csv, "--json");
  g_assert_cmpint (r.status, ==, 0);
  summary = parse_object (r.out);
  g_assert_cmpint (member_int (summary, "created"), ==, rows);
  {
    JsonNode *seconds = json_object_get_member (summary, "seconds");
    JsonNode *rate = json_object_get_member (summary, "rows_per_second");
    g_autofree char *line = g_strdup_printf ("import of %u customers from CSV: %.2f s, %.0f rows/s",
                                             rows, json_node_get_double (seconds), json_node_get_double (rate));
    /* Printed for the record (TAP comment), not asserted. */
    g_test_message ("%s", line);
    g_printerr ("# %s\n", line);
  }
  cg_admin_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/admin-import/exit-codes", test_exit_codes);
  g_test_add_func ("/admin-import/throughput", test_throughput);
  return g_test_run ();
}
