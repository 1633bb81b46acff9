/* cg-fuzz-replay.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A main() for a fuzz target without libFuzzer: runs every input of a
 * corpus directory once, as TAP (one case per file). The normal suite
 * builds each target with it (gcc, no clang needed), so every seed and
 * every regression input added after a crash is checked by
 * `build-aux/dev test`; a crash or a broken invariant aborts the test.
 */
#define G_LOG_DOMAIN "cg-fuzz-replay"

#include "config.h"

#include <stdio.h>

#include "cg-fuzz-util.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS_DIR [--tap]\n", argv[0]);
      return 2;
    }
  dir = g_dir_open (argv[1], 0, &error);
  if (dir == NULL)
    {
      printf ("Bail out! %s\n", error->message);
      return 1;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  LLVMFuzzerInitialize (&argc, &argv);
  printf ("1..%u\n", names->len);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (argv[1], g_ptr_array_index (names, i), NULL);
      g_autofree char *data = NULL;
      gsize size = 0;

      if (!g_file_get_contents (path, &data, &size, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, (char *) g_ptr_array_index (names, i), error->message);
          g_clear_error (&error);
          continue;
        }
      /* Announced first: when the input crashes, the log names it. */
      printf ("# %s\n", path);
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
      printf ("ok %u - %s\n", i + 1, (char *) g_ptr_array_index (names, i));
    }
  return 0;
}
