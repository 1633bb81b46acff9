/* test-list-model.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CgCustomerListModel without a display: search results as rowids, items
 * read lazily a page at a time, the 1,000-match limit, refreshes that keep
 * positions, and rows that vanish between the search and the read.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "changgu-core.h"
#include "cg-customer-list-model.h"

typedef struct {
  char    *dir;
  CgStore *store;
  GPtrArray *ids;
} Fixture;

#define N_CUSTOMERS 1100

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("changgu-model-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = cg_store_open (path, &error);
  g_assert_no_error (error);
  fixture->ids = g_ptr_array_new_with_free_func (g_free);

  /* One transaction: 1,100 separate fsyncs would dominate the test. */
  g_assert_true (cg_store_begin (fixture->store, &error));
  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Tester %04u", i);
      g_autofree char *phone = g_strdup_printf ("010-5555-%04u", i);
      char *id = cg_customer_create (fixture->store, name, phone, NULL, "en", &error);

      g_assert_no_error (error);
      g_ptr_array_add (fixture->ids, id);
    }
  /* And two that only one query finds. */
  g_ptr_array_add (fixture->ids,
                   cg_customer_create (fixture->store, "김민준", "010-1234-5678",
                                       "minjun.kim@example.com", "ko", &error));
  g_assert_no_error (error);
  g_ptr_array_add (fixture->ids,
                   cg_customer_create (fixture->store, "Emily Carter", "+44 7700 900123",
                                       "emily.carter@example.com", "en", &error));
  g_assert_no_error (error);
  g_assert_true (cg_store_commit (fixture->store, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "store.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&fixture->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_ptr_array_unref (fixture->ids);
}

typedef struct {
  guint calls;
  guint position, removed, added;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->calls++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
test_search_and_lazy_pages (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CgCustomerListModel) model = cg_customer_list_model_new (fixture->store, 1000);
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CG_TYPE_CUSTOMER_SUMMARY);

  /* 1,100 match; the store stops at the limit. Nothing is read yet. */
  g_assert_true (cg_customer_list_model_set_query (model, "tester", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1000);
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1000);
  g_assert_cmpuint (cg_customer_list_model_get_pages_loaded (model), ==, 0);

  /* Touching the last row reads its page only. */
  {
    g_autoptr(CgCustomerSummary) last = g_list_model_get_item (G_LIST_MODEL (model), 999);
    g_autoptr(CgCustomerSummary) again = g_list_model_get_item (G_LIST_MODEL (model), 950);

    g_assert_nonnull (last);
    g_assert_true (g_str_has_prefix (cg_customer_summary_get_name (last), "Tester "));
    g_assert_true (g_str_has_prefix (cg_customer_summary_get_phone (last), "010-5555-"));
    g_assert_cmpuint (cg_customer_list_model_get_pages_loaded (model), ==, 1);
    /* The same page is cached: the same object. */
    g_assert_nonnull (again);
    {
      g_autoptr(CgCustomerSummary) last_again = g_list_model_get_item (G_LIST_MODEL (model), 999);
      g_assert_true (last_again == last);
    }
    g_assert_cmpuint (cg_customer_list_model_get_pages_loaded (model), ==, 1);
  }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 1000));

  /* Walking every row reads the 20 pages of 50 once each (the last one
   * again: it dropped out of the cache on the way). */
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(CgCustomerSummary) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_nonnull (cg_customer_summary_get_id (item));
    }
  g_assert_cmpuint (cg_customer_list_model_get_pages_loaded (model),
                    ==, 1 + 1000 / CG_CUSTOMER_LIST_PAGE_SIZE);

  /* Only a few pages stay cached: going back to the start reads again. */
  {
    guint before = cg_customer_list_model_get_pages_loaded (model);
    g_autoptr(CgCustomerSummary) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpuint (cg_customer_list_model_get_pages_loaded (model), ==, before + 1);
    g_assert_nonnull (first);
  }

  /* A narrower query. */
  g_assert_true (cg_customer_list_model_set_query (model, "민준", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1000);
  g_assert_cmpuint (changes.added, ==, 1);
  {
    g_autoptr(CgCustomerSummary) item = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (cg_customer_summary_get_name (item), ==, "김민준");
    g_assert_cmpstr (cg_customer_summary_get_phone (item), ==, "010-1234-5678");
    g_assert_cmpstr (cg_customer_summary_get_email (item), ==, "minjun.kim@example.com");
  }

  /* Any four digits of the phone. */
  g_assert_true (cg_customer_list_model_set_query (model, "5678", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  g_assert_true (cg_customer_list_model_set_query (model, "emily", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* Nothing searchable: no results, not everything. */
  g_assert_true (cg_customer_list_model_set_query (model, "  ", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (cg_customer_list_model_set_query (model, "zzzzqqq", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

static void
test_refresh_keeps_positions (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(CgCustomerListModel) model = cg_customer_list_model_new (fixture->store, 1000);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes_doc = json_object_new ();
  Changes changes = { 0 };
  gint64 rowid;

  g_assert_true (cg_customer_list_model_set_query (model, "민준", &error));
  rowid = cg_customer_list_model_get_rowid (model, 0);
  g_assert_cmpint (rowid, >, 0);
  g_assert_cmpuint (cg_customer_list_model_find_rowid (model, rowid), ==, 0);
  g_assert_cmpuint (cg_customer_list_model_find_rowid (model, rowid + 100000), ==, G_MAXUINT);
  g_assert_cmpint (cg_customer_list_model_get_rowid (model, 1), ==, -1);
  {
    g_autoptr(CgCustomerSummary) item = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (cg_customer_summary_get_email (item), ==, "minjun.kim@example.com");
  }

  /* An edit that keeps the match: same rows, so the read page is announced
   * as replaced by itself and read again. */
  json_object_set_array_member (changes_doc, "emails", json_array_new ());
  json_array_add_string_element (json_object_get_array_member (changes_doc, "emails"),
                                 "mj.kim@example.org");
  g_assert_true (cg_customer_update (fixture->store, g_ptr_array_index (fixture->ids, N_CUSTOMERS),
                                     changes_doc, &error));
  g_assert_no_error (error);

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_assert_true (cg_customer_list_model_refresh (model, &error));
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpint (cg_customer_list_model_get_rowid (model, 0), ==, rowid);
  {
    g_autoptr(CgCustomerSummary) item = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (cg_customer_summary_get_email (item), ==, "mj.kim@example.org");
  }

  /* Nothing read, nothing changed: a refresh announces nothing. */
  g_assert_true (cg_customer_list_model_set_query (model, "tester", &error));
  changes.calls = 0;
  g_assert_true (cg_customer_list_model_refresh (model, &error));
  g_assert_cmpuint (changes.calls, ==, 0);
}

static void
test_vanished_rows (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CgCustomerListModel) model = cg_customer_list_model_new (fixture->store, 1000);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *rev = NULL;
  const char *victim = g_ptr_array_index (fixture->ids, 3);
  guint n;

  g_assert_true (cg_customer_list_model_set_query (model, "tester", &error));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, 1000);

  /* Delete a customer after the search, before its page is read. */
  doc = cg_store_get (fixture->store, victim, FALSE, &error);
  g_assert_no_error (error);
  rev = cg_store_delete (fixture->store, victim, cg_json_get_string (doc, "_rev"), &error);
  g_assert_no_error (error);

  /* Every position still has an item; the vanished one is empty, the
   * others keep their places. */
  for (guint i = 0; i < CG_CUSTOMER_LIST_PAGE_SIZE; i++)
    {
      g_autoptr(CgCustomerSummary) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_nonnull (item);
      if (cg_customer_summary_get_id (item) == NULL)
        g_assert_null (cg_customer_summary_get_name (item));
      else
        g_assert_cmpstr (cg_customer_summary_get_id (item), !=, victim);
    }

  /* The refresh that the "changed" signal brings drops it. */
  g_assert_true (cg_customer_list_model_refresh (model, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1000);
  for (guint i = 0; i < CG_CUSTOMER_LIST_PAGE_SIZE; i++)
    {
      g_autoptr(CgCustomerSummary) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_nonnull (cg_customer_summary_get_id (item));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/list-model/search-and-lazy-pages", Fixture, NULL,
              fixture_set_up, test_search_and_lazy_pages, fixture_tear_down);
  g_test_add ("/list-model/refresh-keeps-positions", Fixture, NULL,
              fixture_set_up, test_refresh_keeps_positions, fixture_tear_down);
  g_test_add ("/list-model/vanished-rows", Fixture, NULL,
              fixture_set_up, test_vanished_rows, fixture_tear_down);

  return g_test_run ();
}
