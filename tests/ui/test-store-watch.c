/* test-store-watch.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CgStoreWatch without a display: one refresh per burst once the main loop
 * idles, types filtered out, NULL-type changes, filters, a delay, and no
 * refresh after the store is replaced or the watch cleared.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "changgu-core.h"
#include "cg-store-watch.h"

typedef struct {
  char    *dir;
  CgStore *store;
  CgStore *other;
  guint    calls;
  GMainLoop *loop;   /* test_delay's */
} Fixture;

static CgStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  CgStore *store = cg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
remove_store (const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("changgu-watch-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = open_store (fixture->dir, "store.db");
  fixture->other = open_store (fixture->dir, "other.db");
  fixture->calls = 0;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->other);
  remove_store (fixture->dir, "store.db");
  remove_store (fixture->dir, "other.db");
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
counted (gpointer user_data)
{
  Fixture *fixture = user_data;

  fixture->calls++;
}

/* Runs what is ready, as the main loop does before it waits again. */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
add_customer (CgStore    *store,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = cg_customer_create (store, name, NULL, NULL, "en", &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

static void
add_checkin (CgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = cg_checkin_create (store, "help", NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

static const char * const customer_types[] = { "customer", NULL };
static const char * const checkin_types[] = { "checkin", NULL };

static void
test_burst (Fixture       *fixture,
            gconstpointer  data)
{
  CgStoreWatch watch;

  cg_store_watch_init (&watch, customer_types, counted, fixture);
  g_assert_true (cg_store_watch_set_store (&watch, fixture->store));
  g_assert_true (cg_store_watch_get_store (&watch) == fixture->store);
  g_assert_false (cg_store_watch_set_store (&watch, fixture->store));

  add_customer (fixture->store, "Tester One");
  add_customer (fixture->store, "Tester Two");
  add_customer (fixture->store, "Tester Three");
  /* Never from inside the signal. */
  g_assert_cmpuint (fixture->calls, ==, 0);
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 1);

  /* The next burst refreshes again. */
  add_customer (fixture->store, "Tester Four");
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 2);

  cg_store_watch_clear (&watch);
}

static void
test_filtered_type (Fixture       *fixture,
                    gconstpointer  data)
{
  CgStoreWatch watch;

  cg_store_watch_init (&watch, checkin_types, counted, fixture);
  cg_store_watch_set_store (&watch, fixture->store);

  add_customer (fixture->store, "Tester One");
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 0);

  add_checkin (fixture->store);
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 1);

  cg_store_watch_clear (&watch);
}

static void
test_null_type (Fixture       *fixture,
                gconstpointer  data)
{
  CgStoreWatch watch;

  cg_store_watch_init (&watch, checkin_types, counted, fixture);
  cg_store_watch_set_store (&watch, fixture->store);

  /* Another connection wrote: anything may have changed. */
  cg_store_emit_changed (fixture->store);
  cg_store_emit_changed (fixture->store);
  g_assert_cmpuint (fixture->calls, ==, 0);
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 1);

  cg_store_watch_clear (&watch);
}

static gboolean
reject_all (const char *id,
            const char *type,
            gpointer    user_data)
{
  Fixture *fixture = user_data;

  g_assert_nonnull (fixture);
  return FALSE;
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  CgStoreWatch watch;

  cg_store_watch_init (&watch, NULL, counted, fixture);
  cg_store_watch_set_filter (&watch, reject_all);
  cg_store_watch_set_store (&watch, fixture->store);

  add_customer (fixture->store, "Tester One");
  cg_store_emit_changed (fixture->store);
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 0);

  /* Timers share the refresh. */
  cg_store_watch_queue (&watch);
  cg_store_watch_queue (&watch);
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 1);

  cg_store_watch_queue (&watch);
  cg_store_watch_cancel (&watch);
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 1);

  cg_store_watch_clear (&watch);
}

static void
test_replace_and_clear (Fixture       *fixture,
                        gconstpointer  data)
{
  CgStoreWatch watch;
  CgStore *store = fixture->store;

  cg_store_watch_init (&watch, NULL, counted, fixture);
  cg_store_watch_set_store (&watch, fixture->store);

  /* A refresh pending for the old store is dropped. */
  add_customer (fixture->store, "Tester One");
  g_assert_true (cg_store_watch_set_store (&watch, fixture->other));
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 0);

  add_customer (fixture->store, "Tester Two");
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 0);
  add_customer (fixture->other, "Tester Three");
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 1);

  /* No store: nothing is watched. */
  g_assert_true (cg_store_watch_set_store (&watch, NULL));
  g_assert_null (cg_store_watch_get_store (&watch));
  add_customer (fixture->other, "Tester Four");
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 1);

  /* Clearing drops the pending refresh and the reference. */
  cg_store_watch_set_store (&watch, fixture->store);
  add_customer (fixture->store, "Tester Five");
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_clear_object (&fixture->store);
  g_assert_nonnull (store);
  cg_store_watch_clear (&watch);
  g_assert_null (store);
  g_assert_null (cg_store_watch_get_store (&watch));
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 1);

  cg_store_watch_clear (&watch);
  g_assert_null (cg_store_watch_get_store (&watch));

  /* A cleared watch may watch again. */
  cg_store_watch_set_store (&watch, fixture->other);
  cg_store_emit_changed (fixture->other);
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 2);
  cg_store_watch_clear (&watch);
}

static void
quit_counted (gpointer user_data)
{
  Fixture *fixture = user_data;

  fixture->calls++;
  g_main_loop_quit (fixture->loop);
}

static gboolean
fail_cb (gpointer user_data)
{
  g_assert_not_reached ();
  return G_SOURCE_REMOVE;
}

static void
test_delay (Fixture       *fixture,
            gconstpointer  data)
{
  CgStoreWatch watch;
  guint guard;

  fixture->loop = g_main_loop_new (NULL, FALSE);
  cg_store_watch_init (&watch, customer_types, quit_counted, fixture);
  cg_store_watch_set_delay (&watch, 1);
  cg_store_watch_set_store (&watch, fixture->store);

  add_customer (fixture->store, "Tester One");
  drain ();
  g_assert_cmpuint (fixture->calls, ==, 0);
  add_customer (fixture->store, "Tester Two");

  guard = g_timeout_add_seconds (10, fail_cb, NULL);
  g_main_loop_run (fixture->loop);
  g_source_remove (guard);
  g_assert_cmpuint (fixture->calls, ==, 1);

  cg_store_watch_clear (&watch);
  g_clear_pointer (&fixture->loop, g_main_loop_unref);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-watch/burst", Fixture, NULL,
              fixture_set_up, test_burst, fixture_tear_down);
  g_test_add ("/store-watch/filtered-type", Fixture, NULL,
              fixture_set_up, test_filtered_type, fixture_tear_down);
  g_test_add ("/store-watch/null-type", Fixture, NULL,
              fixture_set_up, test_null_type, fixture_tear_down);
  g_test_add ("/store-watch/filter", Fixture, NULL,
              fixture_set_up, test_filter, fixture_tear_down);
  g_test_add ("/store-watch/replace-and-clear", Fixture, NULL,
              fixture_set_up, test_replace_and_clear, fixture_tear_down);
  g_test_add ("/store-watch/delay", Fixture, NULL,
              fixture_set_up, test_delay, fixture_tear_down);

  return g_test_run ();
}
