/* test-demo.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo store generator: deterministic for a seed, realistic enough to
 * demo every screen (every status, both languages, today's queue), valid
 * through and through, searchable, cancellable, and appendable without
 * reusing a phone, an e-mail or a number.
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "changgu-core.h"
#include "cg-demo.h"

/* Times are laid out backwards from this instant (cg-demo.c). */
#define DEMO_NOW "2026-11-22T09:00:00Z"

static const char * const demo_types[] = {
  "customer", "order", "pickup", "case", "case_note", "checkin", "feedback", "article",
  "staff", NULL,
};

static char *tmp_root;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static CgStore *
new_store (void)
{
  static guint serial;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("store-%u.db", serial++);
  g_autofree char *path = g_build_filename (tmp_root, name, NULL);
  CgStore *store = cg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static CgStore *
generate (guint         customers,
          guint64       seed,
          gboolean      articles,
          CgDemoCounts *counts)
{
  g_autoptr(GError) error = NULL;
  CgDemoOptions options = { .customers = customers, .seed = seed, .articles = articles };
  CgStore *store = new_store ();

  g_assert_true (cg_demo_generate (store, &options, NULL, NULL, NULL, counts, &error));
  g_assert_no_error (error);
  return store;
}

/* Every live document: id → body without _rev (revision hashes are random
 * by design). */
typedef struct {
  CgStore    *store;
  GHashTable *docs;
} Collect;

static gboolean
collect_one (const char *id,
             const char *rev,
             gint64      seq,
             gpointer    user_data)
{
  Collect *collect = user_data;
  g_autoptr(GError) error = NULL;
  JsonObject *doc = cg_store_get (collect->store, id, FALSE, &error);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_assert_no_error (error);
  json_object_remove_member (doc, "_rev");
  json_node_take_object (node, doc);
  g_hash_table_insert (collect->docs, g_strdup (id), node);
  return TRUE;
}

static GHashTable *
collect_documents (CgStore    *store,
                   const char *type)
{
  Collect collect = { store, g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                    (GDestroyNotify) json_node_unref) };
  cg_store_foreach_document (store, type, collect_one, &collect);
  return collect.docs;
}

static gboolean
is_hangul_name (const char *name)
{
  gunichar c = g_utf8_get_char (name);
  return c >= 0xAC00 && c <= 0xD7A3;
}

/* ------------------------------------------------------------------------ */

static void
test_deterministic (void)
{
  CgDemoCounts counts_a, counts_b, counts_c;
  g_autoptr(CgStore) a = generate (300, 7, TRUE, &counts_a);
  g_autoptr(CgStore) b = generate (300, 7, TRUE, &counts_b);
  g_autoptr(CgStore) c = generate (300, 8, TRUE, &counts_c);
  g_autoptr(GHashTable) docs_a = collect_documents (a, NULL);
  g_autoptr(GHashTable) docs_b = collect_documents (b, NULL);
  g_autoptr(GHashTable) customers_a = collect_documents (a, "customer");
  g_autoptr(GHashTable) customers_c = collect_documents (c, "customer");
  GHashTableIter iter;
  gpointer key, value;
  guint shared = 0, same_name = 0;

  g_assert_cmpmem (&counts_a, sizeof counts_a, &counts_b, sizeof counts_b);
  g_assert_cmpuint (g_hash_table_size (docs_a), ==, g_hash_table_size (docs_b));
  g_assert_cmpuint (g_hash_table_size (docs_a), >, 1000);

  /* Same seed and count: the same ids with the same bodies. */
  g_hash_table_iter_init (&iter, docs_a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonNode *other = g_hash_table_lookup (docs_b, key);
      if (other == NULL || !json_node_equal (value, other))
        {
          g_autofree char *mine = json_to_string (value, FALSE);
          g_autofree char *theirs = other ? json_to_string (other, FALSE) : NULL;
          g_test_message ("%s differs:\n%s\n%s", (char *) key, mine, theirs);
        }
      g_assert_nonnull (other);
      g_assert_true (json_node_equal (value, other));
    }

  /* Another seed: other customers. */
  g_assert_cmpuint (counts_c.customers, ==, 300);
  g_hash_table_iter_init (&iter, customers_a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    shared += g_hash_table_contains (customers_c, key);
  g_assert_cmpuint (shared, ==, 0);
  {
    g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
    g_hash_table_iter_init (&iter, customers_a);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_add (names, (gpointer) cg_json_get_string (json_node_get_object (value), "name"));
    g_hash_table_iter_init (&iter, customers_c);
    while (g_hash_table_iter_next (&iter, &key, &value))
      same_name += g_hash_table_contains (names, cg_json_get_string (json_node_get_object (value), "name"));
  }
  /* Common names repeat (there are many 김민준), but most differ. */
  g_assert_cmpuint (same_name, <, 150);
}

static void
count_member (GHashTable *docs,
              const char *member,
              GHashTable *seen)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, docs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const char *s = cg_json_get_string (json_node_get_object (value), member);
      if (s != NULL)
        g_hash_table_replace (seen, (gpointer) s, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (seen, s)) + 1));
    }
}

static void
test_contents (void)
{
  static const char * const case_statuses[] = {
    "new", "open", "pending_customer", "escalated", "resolved", "closed" };
  static const char * const order_statuses[] = {
    "placed", "ready_for_pickup", "picked_up", "cancelled", "returned", "partially_returned" };
  static const char * const checkin_statuses[] = { "waiting", "called", "done", "no_show" };
  CgDemoCounts counts;
  g_autoptr(CgStore) store = generate (300, 11, TRUE, &counts);
  g_autoptr(GHashTable) all = collect_documents (store, NULL);
  g_autoptr(GHashTable) customers = collect_documents (store, "customer");
  g_autoptr(GHashTable) cases = collect_documents (store, "case");
  g_autoptr(GHashTable) orders = collect_documents (store, "order");
  g_autoptr(GHashTable) checkins = collect_documents (store, "checkin");
  g_autoptr(GHashTable) articles = collect_documents (store, "article");
  g_autoptr(GHashTable) case_status = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) order_status = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) checkin_status = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) locales = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) phones = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) emails = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *store_id = cg_store_get_meta (store, "store_id");
  GHashTableIter iter;
  gpointer key, value;
  guint korean = 0, english = 0, today = 0;

  /* What the generator says it wrote is what the store holds. */
  g_assert_cmpuint (counts.customers, ==, 300);
  g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, counts.customers);
  g_assert_cmpuint (cg_store_count_documents (store, "order"), ==, counts.orders);
  g_assert_cmpuint (cg_store_count_documents (store, "case"), ==, counts.cases);
  g_assert_cmpuint (cg_store_count_documents (store, "case_note"), ==, counts.notes);
  g_assert_cmpuint (cg_store_count_documents (store, "checkin"), ==, counts.checkins);
  g_assert_cmpuint (cg_store_count_documents (store, "feedback"), ==, counts.feedback);
  g_assert_cmpuint (cg_store_count_documents (store, "article"), ==, counts.articles);
  /* The proportions of the brief: about one order and half a case per
   * customer, one to three notes per case. */
  g_assert_cmpuint (counts.orders, >=, 240);
  g_assert_cmpuint (counts.orders, <=, 360);
  g_assert_cmpuint (counts.cases, >=, 100);
  g_assert_cmpuint (counts.cases, <=, 200);
  g_assert_cmpuint (counts.notes, >=, counts.cases);
  g_assert_cmpuint (counts.notes, <=, 3 * counts.cases);
  g_assert_cmpuint (counts.checkins, >, 0);
  g_assert_cmpuint (counts.feedback, >, 0);
  g_assert_cmpuint (cg_store_count_documents (store, "pickup"), >, 0);
  g_assert_cmpuint (cg_store_count_documents (store, NULL), ==, g_hash_table_size (all));

  g_assert_cmpstr (store_id, ==, "0421");

  /* Every document validates, and nothing happens after "now". */
  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GError) error = NULL;
      JsonObject *doc = json_node_get_object (value);
      const char *type = cg_json_get_string (doc, "type");
      static const char * const times[] = {
        "created_at", "updated_at", "first_response_at", "resolved_at", "ready_at",
        "picked_up_at", "called_at", "done_at" };

      g_assert_true (cg_validate_document (doc, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_strv_contains (demo_types, type));
      g_assert_true (g_str_has_prefix (key, type));
      for (guint i = 0; i < G_N_ELEMENTS (times); i++)
        {
          const char *t = cg_json_get_string (doc, times[i]);
          if (t != NULL)
            g_assert_cmpstr (t, <=, DEMO_NOW);
        }
    }

  /* Korean and English customers, each in their language; unique phones
   * and e-mails. */
  g_hash_table_iter_init (&iter, customers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *doc = json_node_get_object (value);
      const char *name = cg_json_get_string (doc, "name");
      const char *phone = cg_json_array_get_string (cg_json_get_array (doc, "phones"), 0);
      const char *email = cg_json_array_get_string (cg_json_get_array (doc, "emails"), 0);

      if (is_hangul_name (name))
        {
          korean++;
          g_assert_cmpstr (cg_json_get_string (doc, "language"), ==, "ko");
        }
      else
        {
          english++;
          g_assert_cmpstr (cg_json_get_string (doc, "language"), ==, "en");
          g_assert_nonnull (strchr (name, ' '));
        }
      g_assert_true (g_str_has_prefix (phone, "+8210"));
      g_assert_cmpuint (strlen (phone), ==, 13);
      g_assert_true (g_hash_table_add (phones, (gpointer) phone));
      if (email != NULL)
        g_assert_true (g_hash_table_add (emails, (gpointer) email));
      g_assert_cmpstr (cg_json_get_string (doc, "created_at"), <=, cg_json_get_string (doc, "updated_at"));
    }
  g_assert_cmpuint (korean, >=, 170);
  g_assert_cmpuint (english, >=, 50);
  g_assert_cmpuint (g_hash_table_size (emails), >=, 250);

  /* Every status of every workflow. */
  count_member (cases, "status", case_status);
  count_member (orders, "status", order_status);
  count_member (checkins, "status", checkin_status);
  for (guint i = 0; i < G_N_ELEMENTS (case_statuses); i++)
    g_assert_true (g_hash_table_contains (case_status, case_statuses[i]));
  for (guint i = 0; i < G_N_ELEMENTS (order_statuses); i++)
    g_assert_true (g_hash_table_contains (order_status, order_statuses[i]));
  for (guint i = 0; i < G_N_ELEMENTS (checkin_statuses); i++)
    g_assert_true (g_hash_table_contains (checkin_status, checkin_statuses[i]));

  /* Cases tell a consistent story, with unique numbers of this device. */
  g_hash_table_iter_init (&iter, cases);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *doc = json_node_get_object (value);
      const char *status = cg_json_get_string (doc, "status");
      const char *created = cg_json_get_string (doc, "created_at");
      const char *first = cg_json_get_string (doc, "first_response_at");
      const char *resolved = cg_json_get_string (doc, "resolved_at");
      const char *number = cg_json_get_string (doc, "number");

      g_assert_true (g_str_has_prefix (number, "0421-C1-"));
      g_assert_true (g_hash_table_add (numbers, (gpointer) number));
      g_assert_nonnull (cg_json_get_object (doc, "sla"));
      g_assert_cmpstr (created, <=, cg_json_get_string (doc, "updated_at"));
      if (g_str_equal (status, "new"))
        g_assert_null (first);
      else
        g_assert_cmpstr (created, <=, first);
      if (g_str_equal (status, "resolved") || g_str_equal (status, "closed"))
        {
          g_assert_cmpstr (first, <=, resolved);
          g_assert_nonnull (cg_json_get_string (doc, "resolution"));
        }
      else
        g_assert_null (resolved);
      if (g_str_equal (status, "pending_customer"))
        g_assert_nonnull (cg_json_get_string (cg_json_get_object (doc, "sla"), "paused_at"));
    }
  {
    g_autofree char *counter = cg_store_get_meta (store, "counter:case");
    g_autofree char *expected = g_strdup_printf ("%u", g_hash_table_size (cases));
    /* The next case opened in the app continues the numbering. */
    g_assert_cmpstr (counter, ==, expected);
  }

  /* Today's queue (Korean date of DEMO_NOW). */
  g_hash_table_iter_init (&iter, checkins);
  while (g_hash_table_iter_next (&iter, &key, &value))
    today += g_str_has_prefix (cg_json_get_string (json_node_get_object (value), "created_at"), "2026-11-22");
  g_assert_cmpuint (today, >=, 10);

  /* About a hundred articles per language. */
  count_member (articles, "locale", locales);
  g_assert_cmpuint (g_hash_table_size (articles), >=, 190);
  g_assert_cmpuint (g_hash_table_size (articles), <=, 220);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (locales, "ko")), >=, 90);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (locales, "en")), >=, 90);
  g_hash_table_iter_init (&iter, articles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *doc = json_node_get_object (value);
      const char *body = cg_json_get_string (doc, "body");
      g_assert_true (cg_json_get_bool (doc, "published", FALSE));
      g_assert_cmpuint (json_array_get_length (cg_json_get_array (doc, "tags")), >, 0);
      g_assert_cmpuint (strlen (body), >, 150);
      /* Every placeholder was filled in. */
      g_assert_null (strchr (body, '{'));
      g_assert_null (strchr (cg_json_get_string (doc, "title"), '{'));
    }
}

static gboolean
find_customer (CgStore    *store,
               const char *query,
               const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rowids = cg_store_search_customers (store, query, 10000, &error);
  g_autoptr(GPtrArray) found = NULL;

  g_assert_no_error (error);
  found = cg_customer_summaries_load (store, (const gint64 *) (gpointer) rowids->data, rowids->len);
  for (guint i = 0; i < found->len; i++)
    if (g_str_equal (cg_customer_summary_get_id (g_ptr_array_index (found, i)), id))
      return TRUE;
  return FALSE;
}

static void
test_search (void)
{
  g_autoptr(CgStore) store = generate (300, 3, FALSE, NULL);
  g_autoptr(GHashTable) customers = collect_documents (store, "customer");
  GHashTableIter iter;
  gpointer key, value;
  guint tried = 0;

  g_hash_table_iter_init (&iter, customers);
  while (g_hash_table_iter_next (&iter, &key, &value) && tried < 20)
    {
      JsonObject *doc = json_node_get_object (value);
      const char *name = cg_json_get_string (doc, "name");
      const char *phone = cg_json_array_get_string (cg_json_get_array (doc, "phones"), 0);
      g_autofree char *middle = NULL;
      g_autofree char *given = NULL;

      /* Korean names of a one-syllable family name and a two-syllable
       * given name, the common case. */
      if (!is_hangul_name (name) || g_utf8_strlen (name, -1) != 3)
        continue;
      tried++;
      given = g_utf8_substring (name, 1, 3);
      middle = g_strndup (phone + 5, 4);   /* +8210 [XXXX] YYYY */
      g_assert_true (find_customer (store, given, key));
      g_assert_true (find_customer (store, middle, key));
      g_assert_true (find_customer (store, name, key));
    }
  g_assert_cmpuint (tried, ==, 20);
}

typedef struct {
  guint64 last_done;
  guint   calls;
} Progress;

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >=, progress->last_done);
  g_assert_cmpuint (done, <=, total);
  progress->last_done = done;
  progress->calls++;
}

/* The articles are committed before the first batch of customers: cancel
 * then, so that the cancellation lands inside a batch whatever its size. */
static void
on_changed_cancel (CgStore    *store,
                   const char *id,
                   const char *type,
                   gpointer    user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_progress_and_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CgStore) store = new_store ();
  g_autoptr(CgStore) partial = NULL;
  CgDemoOptions options = { .customers = 500, .seed = 1, .articles = TRUE };
  CgDemoOptions small = { .customers = 50, .seed = 1, .articles = FALSE };
  Progress progress = { 0 };
  CgDemoCounts counts, first;
  gulong handler;

  /* Cancelled before it starts: nothing written. */
  g_cancellable_cancel (cancelled);
  g_assert_false (cg_demo_generate (store, &options, NULL, NULL, cancelled, &counts, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (counts.customers, ==, 0);
  g_assert_cmpuint (cg_store_count_documents (store, NULL), ==, 0);

  /* A first run commits 50 customers, with progress from 0 to the total. */
  partial = generate (0, 1, FALSE, NULL);
  g_assert_true (cg_demo_generate (partial, &small, on_progress, &progress, NULL, &first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, >=, 2);
  g_assert_cmpuint (progress.last_done, ==, 50);

  /* A second run cancelled in the middle of its batch: the batch is rolled
   * back whole, what was committed before stays, and the counts say what
   * this run wrote (the articles). */
  handler = g_signal_connect (partial, "changed", G_CALLBACK (on_changed_cancel), cancellable);
  g_assert_false (cg_demo_generate (partial, &options, NULL, NULL, cancellable, &counts, &error));
  g_signal_handler_disconnect (partial, handler);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (counts.customers, ==, 0);
  g_assert_cmpuint (counts.orders, ==, 0);
  g_assert_cmpuint (counts.articles, >=, 190);
  g_assert_cmpuint (cg_store_count_documents (partial, "customer"), ==, 50);
  g_assert_cmpuint (cg_store_count_documents (partial, "order"), ==, first.orders);
  g_assert_cmpuint (cg_store_count_documents (partial, "case"), ==, first.cases);
  g_assert_cmpuint (cg_store_count_documents (partial, "article"), ==, counts.articles);
  {
    /* The numbering did not advance past what was committed. */
    g_autofree char *next = cg_store_get_meta (partial, "demo:next_customer");
    g_autofree char *cases = cg_store_get_meta (partial, "counter:case");
    g_autofree char *expected = g_strdup_printf ("%" G_GUINT64_FORMAT, first.cases);
    g_assert_cmpstr (next, ==, "50");
    g_assert_cmpstr (cases, ==, expected);
  }
}

/* A write that fails in the middle of a batch (here an order number that
 * is already taken) rolls the whole batch back and says which document. */
static void
test_failure_rolls_back (void)
{
  g_autoptr(GError) error = NULL;
  CgDemoCounts first, counts;
  g_autoptr(CgStore) store = generate (40, 4, FALSE, &first);
  CgDemoOptions options = { .customers = 100, .seed = 4, .articles = FALSE };
  g_autofree char *next = cg_store_get_meta (store, "demo:next_order");
  g_autofree char *id = g_strdup_printf ("order:0421:%s", next);
  g_autofree char *json = g_strdup_printf (
    "{\"_id\": \"%s\", \"type\": \"order\", \"number\": \"%s\", \"store_id\": \"0421\","
    " \"channel\": \"in_store\", \"items\": [{\"sku\": \"X\", \"name\": \"X\", \"qty\": 1, \"unit_price\": 1}],"
    " \"total\": 1, \"currency\": \"KRW\", \"status\": \"picked_up\"}", id, next);
  g_autoptr(JsonObject) taken = cg_json_from_string (json, &error);
  g_autofree char *rev = NULL;
  guint64 documents;

  g_assert_no_error (error);
  rev = cg_store_put (store, taken, &error);
  g_assert_no_error (error);
  documents = cg_store_count_documents (store, NULL);

  g_assert_false (cg_demo_generate (store, &options, NULL, NULL, NULL, &counts, &error));
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, id));
  g_assert_cmpuint (counts.customers, ==, 0);
  g_assert_cmpuint (counts.orders, ==, 0);
  /* Customers were written in that batch before the failure; none stays. */
  g_assert_cmpuint (cg_store_count_documents (store, NULL), ==, documents);
  g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, first.customers);
}

static void
test_append (void)
{
  g_autoptr(GError) error = NULL;
  CgDemoCounts first, second;
  g_autoptr(CgStore) store = generate (150, 9, TRUE, &first);
  CgDemoOptions options = { .customers = 150, .seed = 9, .articles = TRUE };
  g_autoptr(GHashTable) customers = NULL;
  g_autoptr(GHashTable) phones = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) emails = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;

  /* The same seed again, appended: new customers, new numbers, and the
   * articles already there are kept. */
  g_assert_true (cg_demo_generate (store, &options, NULL, NULL, NULL, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second.articles, ==, 0);
  g_assert_cmpuint (cg_store_count_documents (store, "customer"), ==, 300);
  g_assert_cmpuint (cg_store_count_documents (store, "order"), ==, first.orders + second.orders);
  g_assert_cmpuint (cg_store_count_documents (store, "case"), ==, first.cases + second.cases);
  g_assert_cmpuint (cg_store_count_documents (store, "article"), ==, first.articles);

  customers = collect_documents (store, "customer");
  g_hash_table_iter_init (&iter, customers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      JsonObject *doc = json_node_get_object (value);
      const char *email = cg_json_array_get_string (cg_json_get_array (doc, "emails"), 0);
      g_assert_true (g_hash_table_add (phones, (gpointer) cg_json_array_get_string (cg_json_get_array (doc, "phones"), 0)));
      if (email != NULL)
        g_assert_true (g_hash_table_add (emails, (gpointer) email));
    }

  /* A case opened in the app after the demo gets the next number. */
  {
    CgCaseDraft draft = { .channel = "counter", .category = "other", .subject = "After the demo",
                          .priority = "normal", .created_by = "staff:0421-01" };
    g_autofree char *id = cg_case_create (store, &draft, &error);
    g_autoptr(JsonObject) kase = NULL;
    g_autofree char *expected = g_strdup_printf ("0421-C1-%06" G_GUINT64_FORMAT,
                                                 first.cases + second.cases + 1);
    g_assert_no_error (error);
    kase = cg_store_get (store, id, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (cg_json_get_string (kase, "number"), ==, expected);
  }
}

static void
test_existing_identity (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = new_store ();
  CgDemoOptions options = { .customers = 20, .seed = 2, .articles = FALSE };
  g_autoptr(GHashTable) cases = NULL;
  g_autoptr(GHashTable) orders = NULL;
  GHashTableIter iter;
  gpointer key, value;

  /* A provisioned device keeps its identity; documents follow it. */
  g_assert_true (cg_device_set_identity (store, "0777", "C3", "counter", &error));
  g_assert_true (cg_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *store_id = cg_store_get_meta (store, "store_id");
    g_assert_cmpstr (store_id, ==, "0777");
  }
  orders = collect_documents (store, "order");
  g_hash_table_iter_init (&iter, orders);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_assert_true (g_str_has_prefix (key, "order:0777:"));
      g_assert_cmpstr (cg_json_get_string (json_node_get_object (value), "store_id"), ==, "0777");
    }
  cases = collect_documents (store, "case");
  g_hash_table_iter_init (&iter, cases);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_true (g_str_has_prefix (cg_json_get_string (json_node_get_object (value), "number"), "0777-C3-"));
  g_assert_cmpuint (g_hash_table_size (orders) + g_hash_table_size (cases), >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* Pin "now" so that two runs are comparable whenever the test runs. */
  g_setenv ("CHANGGU_DEMO_NOW", DEMO_NOW, TRUE);
  tmp_root = g_dir_make_tmp ("changgu-demo-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/contents", test_contents);
  g_test_add_func ("/demo/search", test_search);
  g_test_add_func ("/demo/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/demo/failure-rolls-back", test_failure_rolls_back);
  g_test_add_func ("/demo/append", test_append);
  g_test_add_func ("/demo/existing-identity", test_existing_identity);
  status = g_test_run ();

  remove_tree (tmp_root);
  g_free (tmp_root);
  return status;
}
