/* cg-admin-index.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin rebuild-index: recomputes every projection and search index
 * of a store from its documents, and says how long it took.
 */
#define G_LOG_DOMAIN "changgu-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cg-admin.h"

int
cg_admin_index_main (int    argc,
                     char **argv)
{
  g_autofree char *db = NULL;
  g_auto(GStrv) remaining = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The store (an SQLite file)"), N_("PATH") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    cg_admin_option_context_new ("rebuild-index", NULL,
                                 _("Drops and rebuilds the typed projections and the search indexes of a store from its documents."),
                                 _("Documents are not changed. The store is locked for writing meanwhile;\n"
                                   "the app can keep reading.\n\n"
                                   "Example:\n  changgu-admin rebuild-index --db ~/changgu.db"),
                                 entries);
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *n = NULL;
  gint64 started;
  int exit_code;

  if (!cg_admin_parse_options (context, "rebuild-index", &argc, &argv, &exit_code))
    return exit_code;
  if (remaining != NULL && remaining[0] != NULL)
    return cg_admin_usage_error ("rebuild-index", _("“%s” is not an option of rebuild-index (it takes no arguments)."),
                                 remaining[0]);

  store = cg_admin_open_store ("rebuild-index", db, TRUE, &exit_code);
  if (store == NULL)
    return exit_code;

  started = g_get_monotonic_time ();
  if (!cg_store_rebuild_projections (store, NULL, &error))
    return cg_admin_failure ("rebuild-index", "%s", error->message);
  n = cg_admin_format_count (cg_store_count_documents (store, NULL));
  g_print (_("Rebuilt the projections and search indexes of %s documents in %.2f s.\n"),
           n, (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC);
  return CG_ADMIN_EXIT_OK;
}
