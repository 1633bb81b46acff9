/* cg-bench-prepare.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Untimed preparation for the sync benchmarks, in its own process so that
 * the driver stays small (a child's ru_maxrss starts from its parent's RSS
 * at exec: the driver must hold no data when it measures a client).
 *
 *   cg-bench-prepare generate STORE CUSTOMERS
 *       A demo store (cg_demo_generate, seed 42) at STORE: every document a
 *       local, pending write. Prints {"docs":N,"seconds":S,"customers":C}.
 *   cg-bench-prepare export STORE FILE BATCH
 *       Writes the store's live documents, with "_revisions", as ready-made
 *       _bulk_docs bodies, one line per BATCH documents:
 *       {"docs":[…],"new_edits":false}. Prints {"docs":N,"lines":L,"bytes":B}.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg-demo.h"
#include "cg-json.h"
#include "cg-store.h"

static int
usage (void)
{
  fprintf (stderr, "usage: cg-bench-prepare generate STORE CUSTOMERS\n"
                   "       cg-bench-prepare export STORE FILE BATCH\n");
  return 2;
}

static int
generate (const char *path,
          guint       customers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = cg_store_open (path, &error);
  CgDemoOptions options = { .customers = customers, .seed = 42, .articles = FALSE };
  CgDemoCounts counts;
  gint64 start;
  guint docs;

  if (store == NULL)
    {
      fprintf (stderr, "cg-bench-prepare: %s\n", error->message);
      return 1;
    }
  start = g_get_monotonic_time ();
  if (!cg_demo_generate (store, &options, NULL, NULL, NULL, &counts, &error))
    {
      fprintf (stderr, "cg-bench-prepare: %s\n", error->message);
      return 1;
    }
  docs = cg_store_count_documents (store, NULL);
  printf ("{\"docs\":%u,\"pending\":%u,\"customers\":%" G_GUINT64_FORMAT ",\"orders\":%" G_GUINT64_FORMAT
          ",\"cases\":%" G_GUINT64_FORMAT ",\"notes\":%" G_GUINT64_FORMAT ",\"checkins\":%" G_GUINT64_FORMAT
          ",\"feedback\":%" G_GUINT64_FORMAT ",\"seconds\":%.3f}\n",
          docs, cg_store_count_pending (store), counts.customers, counts.orders, counts.cases,
          counts.notes, counts.checkins, counts.feedback,
          (g_get_monotonic_time () - start) / 1e6);
  return 0;
}

typedef struct {
  GPtrArray *ids;
  GPtrArray *revs;
} Listing;

static gboolean
list_doc (const char *id,
          const char *rev,
          gint64      seq,
          gpointer    data)
{
  Listing *listing = data;

  g_ptr_array_add (listing->ids, g_strdup (id));
  g_ptr_array_add (listing->revs, g_strdup (rev));
  return TRUE;
}

static int
export (const char *path,
        const char *file,
        guint       batch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = cg_store_open (path, &error);
  Listing listing = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GString) line = g_string_new (NULL);
  guint lines = 0, docs = 0;
  guint64 bytes = 0;
  FILE *out;

  if (store == NULL)
    {
      fprintf (stderr, "cg-bench-prepare: %s\n", error->message);
      return 1;
    }
  out = fopen (file, "w");
  if (out == NULL)
    {
      perror (file);
      return 1;
    }
  cg_store_foreach_document (store, NULL, list_doc, &listing);
  for (guint i = 0; i < listing.ids->len; i++)
    {
      const char *id = g_ptr_array_index (listing.ids, i);
      const char *rev = g_ptr_array_index (listing.revs, i);
      g_autoptr(JsonObject) doc = cg_store_get_revision (store, id, rev, &error);
      g_autofree char *text = NULL;

      if (doc == NULL)
        {
          fprintf (stderr, "cg-bench-prepare: %s\n", error->message);
          return 1;
        }
      json_object_set_object_member (doc, "_revisions", cg_store_get_revisions (store, id, rev));
      text = cg_json_to_string (doc);
      if (line->len == 0)
        g_string_append (line, "{\"docs\":[");
      else
        g_string_append_c (line, ',');
      g_string_append (line, text);
      docs++;
      if (docs % batch == 0 || i + 1 == listing.ids->len)
        {
          g_string_append (line, "],\"new_edits\":false}\n");
          fwrite (line->str, 1, line->len, out);
          bytes += line->len;
          g_string_truncate (line, 0);
          lines++;
        }
    }
  if (fclose (out) != 0)
    {
      perror (file);
      return 1;
    }
  printf ("{\"docs\":%u,\"lines\":%u,\"bytes\":%" G_GUINT64_FORMAT "}\n", docs, lines, bytes);
  g_ptr_array_unref (listing.ids);
  g_ptr_array_unref (listing.revs);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "generate"))
    return generate (argv[2], (guint) strtoul (argv[3], NULL, 10));
  if (argc == 5 && g_str_equal (argv[1], "export"))
    return export (argv[2], argv[3], MAX (1, (guint) strtoul (argv[4], NULL, 10)));
  return usage ();
}
