/* test-import.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-import: the CSV and JSON readers (RFC 4180 quoting, embedded newlines,
 * a BOM, line numbers), the row checks (a bad phone refuses its row only,
 * with the line and the column), and importing into a store (re-import
 * updates instead of duplicating, orders find their customer by phone and
 * get a pickup when ready, a row is never half written).
 */
#include "config.h"

#include <string.h>

#include "cg-test-util.h"

typedef struct {
  CgImportCounts counts;
  GPtrArray     *errors;
  GError        *error;
  gboolean       ok;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->errors, g_ptr_array_unref);
  g_clear_error (&o->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static void
run_import (CgStore        *store,
            CgImportKind    kind,
            CgImportFormat  format,
            const char     *text,
            Outcome        *o)
{
  g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));

  o->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_import_row_error_free);
  o->ok = cg_import_run (store, kind, format, data, 2, NULL, NULL, NULL, &o->counts, o->errors, &o->error);
}

static CgImportRowError *
row_error (Outcome *o,
           guint    i)
{
  g_assert_cmpuint (i, <, o->errors->len);
  return g_ptr_array_index (o->errors, i);
}

/* Reads every record of @text; returns them (NULL for refused ones) and
 * their lines. */
static GPtrArray *
read_all (CgImportKind    kind,
          CgImportFormat  format,
          const char     *text,
          GArray         *lines)
{
  g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(CgImportReader) reader = cg_import_reader_new (kind, format, data, &error);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonObject *record;
  guint line;

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  for (;;)
    {
      g_autoptr(GError) bad = NULL;
      if (!cg_import_reader_next (reader, &record, &line, &bad, &error))
        break;
      g_ptr_array_add (records, record ? record : json_object_new ());
      g_array_append_val (lines, line);
      g_assert_true ((record == NULL) == (bad != NULL));
    }
  g_assert_no_error (error);
  return records;
}

static void
test_csv_quoting (void)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  /* A BOM, CRLF, a quoted comma, doubled quotes, a newline inside quotes,
   * an empty field and a blank line at the end. */
  const char *csv =
    "\xef\xbb\xbfName,Phone,notes\r\n"
    "\"Kim, Minjun\",010-1234-5678,\"said \"\"hi\"\"\"\r\n"
    "Jane,,\"two\nlines\"\r\n"
    "Lee,010-2222-3333,\r\n"
    "\r\n";
  g_autoptr(GPtrArray) records = read_all (CG_IMPORT_CUSTOMERS, CG_IMPORT_FORMAT_AUTO, csv, lines);
  JsonObject *r;

  g_assert_cmpuint (records->len, ==, 3);
  r = g_ptr_array_index (records, 0);
  g_assert_cmpstr (cg_json_get_string (r, "name"), ==, "Kim, Minjun");
  g_assert_cmpstr (cg_json_get_string (r, "phone"), ==, "010-1234-5678");
  g_assert_cmpstr (cg_json_get_string (r, "notes"), ==, "said \"hi\"");
  r = g_ptr_array_index (records, 1);
  g_assert_cmpstr (cg_json_get_string (r, "phone"), ==, "");
  g_assert_cmpstr (cg_json_get_string (r, "notes"), ==, "two\nlines");
  r = g_ptr_array_index (records, 2);
  g_assert_cmpstr (cg_json_get_string (r, "name"), ==, "Lee");
  /* Lines: the header is 1; the newline inside quotes moves Lee to 5. */
  g_assert_cmpuint (g_array_index (lines, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (lines, guint, 1), ==, 3);
  g_assert_cmpuint (g_array_index (lines, guint, 2), ==, 5);
}

static void
test_csv_header_errors (void)
{
  static const struct {
    const char *csv;
    int         code;
    const char *needle;
  } cases[] = {
    { "phone,email\n010-1234-5678,a@b.co\n", CG_IMPORT_ERROR_COLUMNS, "“name”" },
    { "name,phnoe\nKim,010\n", CG_IMPORT_ERROR_COLUMNS, "“phnoe”" },
    { "name,name\nKim,Lee\n", CG_IMPORT_ERROR_COLUMNS, "twice" },
    { "", CG_IMPORT_ERROR_SYNTAX, "empty" },
    { "\"name,phone\n", CG_IMPORT_ERROR_SYNTAX, "line 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) data = g_bytes_new (cases[i].csv, strlen (cases[i].csv));
      g_autoptr(GError) error = NULL;
      g_autoptr(CgImportReader) reader = cg_import_reader_new (CG_IMPORT_CUSTOMERS, CG_IMPORT_FORMAT_CSV,
                                                               data, &error);
      g_assert_null (reader);
      g_assert_error (error, CG_IMPORT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
    }
}

/* One bad phone: that line is reported with the column and the reason,
 * the lines around it are imported. */
static void
test_bad_phone_refuses_its_row (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_auto(Outcome) o = { 0 };
  const char *csv =
    "name,phone,email\n"
    "김민준,010-1234-5678,minjun@example.com\n"
    "Jane Doe,010-1234-567,jane@example.com\n"
    "Lee,\"010-2222-3333; +82 2 123 4567\",\n"
    "Park,010-3333-4444,not-an-email\n"
    "Choi,010-4444-5555\n";

  run_import (store, CG_IMPORT_CUSTOMERS, CG_IMPORT_FORMAT_CSV, csv, &o);
  g_assert_no_error (o.error);
  g_assert_true (o.ok);
  g_assert_cmpuint (o.counts.read, ==, 5);
  g_assert_cmpuint (o.counts.created, ==, 2);
  g_assert_cmpuint (o.counts.refused, ==, 3);
  g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 2);

  g_assert_cmpuint (row_error (&o, 0)->line, ==, 3);
  g_assert_cmpstr (row_error (&o, 0)->field, ==, "phone");
  g_assert_nonnull (strstr (row_error (&o, 0)->message, "010-1234-567"));
  g_assert_cmpuint (row_error (&o, 1)->line, ==, 5);
  g_assert_cmpstr (row_error (&o, 1)->field, ==, "email");
  /* A short row: the count of fields, no single column. */
  g_assert_cmpuint (row_error (&o, 2)->line, ==, 6);
  g_assert_null (row_error (&o, 2)->field);
  g_assert_nonnull (strstr (row_error (&o, 2)->message, "2 fields"));

  /* Lee's two phones, normalised, and the first as typed. */
  {
    g_autoptr(GArray) hits = cg_store_search_customers (store, "Lee", 5, NULL);
    g_autoptr(GPtrArray) rows = NULL;
    g_autoptr(JsonObject) lee = NULL;
    JsonArray *phones;

    g_assert_cmpuint (hits->len, ==, 1);
    rows = cg_customer_summaries_load (store, (const gint64 *) (gpointer) hits->data, 1);
    lee = cg_store_get (store, cg_customer_summary_get_id (g_ptr_array_index (rows, 0)), FALSE, NULL);
    phones = cg_json_get_array (lee, "phones");
    g_assert_cmpuint (json_array_get_length (phones), ==, 2);
    g_assert_cmpstr (cg_json_array_get_string (phones, 0), ==, "+821022223333");
    g_assert_cmpstr (cg_json_array_get_string (phones, 1), ==, "+8221234567");
    g_assert_cmpstr (cg_json_get_string (lee, "phone_raw"), ==, "010-2222-3333");
    g_assert_cmpstr (cg_json_get_string (lee, "preferred_channel"), ==, "sms");
  }
}

/* An unclosed quote stops the file; the rows before it stay imported. */
static void
test_unclosed_quote (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_auto(Outcome) o = { 0 };

  run_import (store, CG_IMPORT_CUSTOMERS, CG_IMPORT_FORMAT_CSV,
              "name,notes\nKim,ok\nLee,fine\nPark,\"never closed\nChoi,x\n", &o);
  g_assert_false (o.ok);
  g_assert_error (o.error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_SYNTAX);
  g_assert_nonnull (strstr (o.error->message, "line 4"));
  g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 2);
}

static void
test_json_array_and_lines (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_auto(Outcome) array = { 0 };
  g_auto(Outcome) lines = { 0 };
  const char *json =
    "[\n"
    "  {\"name\": \"김서연\", \"phone\": [\"010-5555-6666\"], \"consent_marketing\": true,\n"
    "   \"notes\": \"a ] and a , in a string\"},\n"
    "  {\"name\": \"Bad\", \"phone\": \"010-1\"},\n"
    "  42,\n"
    "  {\"name\": \"Extra\", \"shoe_size\": 270}\n"
    "]\n";
  const char *jsonl =
    "{\"name\": \"Ann\", \"email\": \"ann@example.com\", \"language\": \"en\"}\n"
    "\n"
    "{\"name\": \"Ben\", \"language\": \"fr\"}\n"
    "{\"name\": \"Cut\n";

  run_import (store, CG_IMPORT_CUSTOMERS, CG_IMPORT_FORMAT_AUTO, json, &array);
  g_assert_no_error (array.error);
  g_assert_cmpuint (array.counts.read, ==, 4);
  g_assert_cmpuint (array.counts.created, ==, 1);
  g_assert_cmpuint (array.counts.refused, ==, 3);
  g_assert_cmpuint (row_error (&array, 0)->line, ==, 4);
  g_assert_cmpstr (row_error (&array, 0)->field, ==, "phone");
  g_assert_cmpuint (row_error (&array, 1)->line, ==, 5);
  g_assert_cmpuint (row_error (&array, 2)->line, ==, 6);
  g_assert_cmpstr (row_error (&array, 2)->field, ==, "shoe_size");

  run_import (store, CG_IMPORT_CUSTOMERS, CG_IMPORT_FORMAT_JSON, jsonl, &lines);
  g_assert_no_error (lines.error);
  g_assert_cmpuint (lines.counts.read, ==, 3);
  g_assert_cmpuint (lines.counts.created, ==, 1);
  g_assert_cmpuint (row_error (&lines, 0)->line, ==, 3);
  g_assert_cmpstr (row_error (&lines, 0)->field, ==, "language");
  g_assert_cmpuint (row_error (&lines, 1)->line, ==, 4);
  g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 2);

  /* A missing comma spoils that element only; an array never closed stops
   * the file (after the rows before it). */
  {
    g_auto(Outcome) glued = { 0 };
    g_auto(Outcome) broken = { 0 };
    run_import (store, CG_IMPORT_CUSTOMERS, CG_IMPORT_FORMAT_JSON,
                "[{\"name\": \"Dan\"} {\"name\": \"Eve\"}]", &glued);
    g_assert_no_error (glued.error);
    g_assert_cmpuint (glued.counts.refused, ==, 1);
    run_import (store, CG_IMPORT_CUSTOMERS, CG_IMPORT_FORMAT_JSON,
                "[{\"name\": \"Fay\"},\n {\"name\": \"Gus\"", &broken);
    g_assert_error (broken.error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_SYNTAX);
    g_assert_nonnull (strstr (broken.error->message, "line 2"));
    g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 3);
  }
}

/* With an id, importing again changes nothing; a changed row updates its
 * customer, never adds another. */
static void
test_reimport_updates (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_auto(Outcome) first = { 0 };
  g_auto(Outcome) again = { 0 };
  g_auto(Outcome) changed = { 0 };
  g_autofree char *id = cg_import_customer_id ("CRM-1");
  g_autoptr(JsonObject) doc = NULL;
  const char *v1 = "id,name,phone,tier,consent_marketing\nCRM-1,Kim,010-1234-5678,gold,false\nCRM-2,Lee,010-2222-3333,,true\n";
  const char *v2 = "id,name,phone,tier,consent_marketing\nCRM-1,Kim,010-1234-9999,vip,false\nCRM-2,Lee,010-2222-3333,,true\n";

  g_assert_true (g_str_has_prefix (id, "customer:"));
  g_assert_cmpuint (strlen (id), ==, strlen ("customer:") + 36);
  {
    g_autofree char *same = cg_import_customer_id ("CRM-1");
    g_autofree char *other = cg_import_customer_id ("CRM-2");
    g_assert_cmpstr (same, ==, id);
    g_assert_cmpstr (other, !=, id);
  }

  run_import (store, CG_IMPORT_CUSTOMERS, CG_IMPORT_FORMAT_CSV, v1, &first);
  g_assert_cmpuint (first.counts.created, ==, 2);
  run_import (store, CG_IMPORT_CUSTOMERS, CG_IMPORT_FORMAT_CSV, v1, &again);
  g_assert_cmpuint (again.counts.created, ==, 0);
  g_assert_cmpuint (again.counts.unchanged, ==, 2);
  run_import (store, CG_IMPORT_CUSTOMERS, CG_IMPORT_FORMAT_CSV, v2, &changed);
  g_assert_cmpuint (changed.counts.updated, ==, 1);
  g_assert_cmpuint (changed.counts.unchanged, ==, 1);
  g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 2);

  doc = cg_store_get (store, id, FALSE, NULL);
  g_assert_nonnull (doc);
  g_assert_true (g_str_has_prefix (cg_json_get_string (doc, "_rev"), "2-"));
  g_assert_cmpstr (cg_json_get_string (doc, "tier"), ==, "vip");
  g_assert_cmpstr (cg_json_array_get_string (cg_json_get_array (doc, "phones"), 0), ==, "+821012349999");
  g_assert_false (cg_json_get_bool (cg_json_get_object (doc, "consent"), "marketing", TRUE));
}

/* Orders: the customer by phone, both item forms, the pickup of a ready
 * order in the same batch, and the workflow on re-import. */
static void
test_orders (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_auto(Outcome) customers = { 0 };
  g_auto(Outcome) orders = { 0 };
  g_auto(Outcome) back = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(JsonObject) pickup = NULL;
  g_autofree char *kim = cg_import_customer_id ("k");
  const char *csv =
    "number,customer_phone,items,status,total\n"
    "W1,010-1234-5678,\"[{\"\"sku\"\":\"\"S1\"\",\"\"name\"\":\"\"Scarf\"\",\"\"qty\"\":2,\"\"unit_price\"\":19000}]\",ready_for_pickup,\n"
    "W2,010-1234-5678,S1:Scarf:1:19000;H1:Hat:1:25000,placed,44000\n"
    "W3,010-0000-0000,S1:Scarf:1:19000,placed,\n"
    "W4,010-1234-5678,S1:Scarf:zero:19000,placed,\n"
    "W5,010-1234-5678,S1:Scarf:1:19000,shipped,\n";

  g_assert_true (cg_device_set_identity (store, "0421", "C1", "counter", &error));
  run_import (store, CG_IMPORT_CUSTOMERS, CG_IMPORT_FORMAT_CSV, "id,name,phone\nk,Kim,010-1234-5678\n", &customers);
  g_assert_cmpuint (customers.counts.created, ==, 1);

  run_import (store, CG_IMPORT_ORDERS, CG_IMPORT_FORMAT_CSV, csv, &orders);
  g_assert_no_error (orders.error);
  g_assert_cmpuint (orders.counts.created, ==, 2);
  g_assert_cmpuint (orders.counts.refused, ==, 3);
  g_assert_cmpstr (row_error (&orders, 0)->field, ==, "customer_phone");
  g_assert_cmpuint (row_error (&orders, 0)->line, ==, 4);
  g_assert_cmpstr (row_error (&orders, 1)->field, ==, "items");
  g_assert_cmpstr (row_error (&orders, 2)->field, ==, "status");

  order = cg_store_get (store, "order:0421:W1", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cg_json_get_string (order, "customer_id"), ==, kim);
  {
    gint64 total = 0;
    g_assert_true (cg_json_get_int (order, "total", &total));
    g_assert_cmpint (total, ==, 38000);   /* the sum of the items */
  }
  g_assert_nonnull (cg_json_get_string (order, "ready_at"));
  pickup = cg_store_get (store, "pickup:0421:W1", FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (cg_pickup_verify (pickup, "W1", "5678"));
  g_assert_false (cg_pickup_verify (pickup, "W1", "0000"));

  /* Re-import: W1 picked up (allowed), W2 back from placed to… placed is
   * unchanged; W1 then back to placed is refused by the workflow. */
  run_import (store, CG_IMPORT_ORDERS, CG_IMPORT_FORMAT_CSV,
              "number,status\nW1,picked_up\nW2,placed\n", &back);
  g_assert_cmpuint (back.counts.updated, ==, 1);
  g_assert_cmpuint (back.counts.unchanged, ==, 1);
  {
    g_autoptr(JsonObject) p = cg_store_get (store, "pickup:0421:W1", FALSE, NULL);
    g_auto(Outcome) refused = { 0 };
    g_assert_cmpstr (cg_json_get_string (p, "status"), ==, "picked_up");
    run_import (store, CG_IMPORT_ORDERS, CG_IMPORT_FORMAT_CSV, "number,status\nW1,placed\n", &refused);
    g_assert_cmpuint (refused.counts.refused, ==, 1);
    g_assert_cmpstr (row_error (&refused, 0)->field, ==, "status");
  }
  g_assert_cmpuint (cg_store_count_documents (store, "order"), ==, 2);
}

static void
test_articles (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_auto(Outcome) o = { 0 };
  g_autoptr(JsonObject) doc = NULL;
  JsonArray *tags;

  run_import (store, CG_IMPORT_ARTICLES, CG_IMPORT_FORMAT_CSV,
              "slug,title,body,tags,locale,category,published\n"
              "returns-ko,반품 안내,\"영수증을 가져오세요.\n14일 이내.\",반품;환불,ko,return,true\n"
              "Bad Slug,T,B,,en,x,false\n"
              "no-title,,B,,en,x,maybe\n", &o);
  g_assert_cmpuint (o.counts.created, ==, 1);
  g_assert_cmpuint (o.counts.refused, ==, 2);
  g_assert_cmpstr (row_error (&o, 0)->field, ==, "slug");
  g_assert_cmpstr (row_error (&o, 1)->field, ==, "published");

  doc = cg_store_get (store, "article:returns-ko", FALSE, NULL);
  g_assert_nonnull (doc);
  g_assert_true (cg_json_get_bool (doc, "published", FALSE));
  tags = cg_json_get_array (doc, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 2);
  g_assert_cmpstr (cg_json_array_get_string (tags, 1), ==, "환불");
  g_assert_nonnull (strchr (cg_json_get_string (doc, "body"), '\n'));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/csv-quoting", test_csv_quoting);
  g_test_add_func ("/import/csv-header-errors", test_csv_header_errors);
  g_test_add_func ("/import/bad-phone-refuses-its-row", test_bad_phone_refuses_its_row);
  g_test_add_func ("/import/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/import/json-array-and-lines", test_json_array_and_lines);
  g_test_add_func ("/import/reimport-updates", test_reimport_updates);
  g_test_add_func ("/import/orders", test_orders);
  g_test_add_func ("/import/articles", test_articles);
  return g_test_run ();
}
