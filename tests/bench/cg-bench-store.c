/* cg-bench-store.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "changgu-core.h"
#include "cg-bench-store.h"
#include "cg-demo.h"

void
cg_bench_store_open (CgBenchStore *store,
                     const char   *given,
                     const char   *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) demo = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  CgDemoOptions options = { .customers = 20000, .seed = 42, .articles = TRUE };

  store->tmpdir = NULL;
  if (given != NULL && *given != '\0')
    {
      store->path = g_strdup (given);
      return;
    }
  store->tmpdir = g_dir_make_tmp (template, &error);
  if (store->tmpdir == NULL)
    {
      fprintf (stderr, "%s: cannot make a temporary folder: %s\n", prefix, error->message);
      exit (1);
    }
  store->path = g_build_filename (store->tmpdir, "store.db", NULL);
  printf ("Generating a %u-customer demo store…\n", options.customers);
  demo = cg_store_open (store->path, &error);
  if (demo == NULL || !cg_demo_generate (demo, &options, NULL, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "%s: cannot make the demo store: %s\n", prefix, error->message);
      exit (1);
    }
}

void
cg_bench_store_clear (CgBenchStore *store)
{
  if (store->tmpdir != NULL)
    {
      g_autofree char *wal = g_strconcat (store->path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (store->path, "-shm", NULL);

      g_unlink (store->path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (store->tmpdir);
    }
  g_clear_pointer (&store->path, g_free);
  g_clear_pointer (&store->tmpdir, g_free);
}
