/* fuzz-changes.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pull side's reading of a server's _changes page (cg-replicator.c,
 * through cg-replicator-private.h): the bytes are the response body, parsed
 * as CgRemote parses it; then the rows and the checkpoint seq are read, the
 * next since= value is made from the seq, and the rows are diffed against
 * a store holding a few known revisions — exactly what a pull does before
 * it asks _bulk_get.
 */
#define G_LOG_DOMAIN "fuzz-changes"

#include "config.h"

#include <string.h>

#include "cg-fuzz-fixtures.h"
#include "cg-replicator-private.h"

static CgStore *store;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cg_fuzz_init ();
  store = cg_fuzz_open_store ();
  cg_fuzz_put_replicator_fixtures (store);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) reply = cg_fuzz_parse (data, size);
  g_autoptr(JsonNode) last_seq = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autofree char *since = NULL;
  JsonArray *rows;

  if (reply == NULL)
    return 0;
  rows = cg_replicator_changes_rows (reply, &last_seq, &error);
  if (rows == NULL)
    {
      cg_fuzz_check (error != NULL && last_seq == NULL, "no rows: an error and no seq");
      return 0;
    }
  cg_fuzz_check (error == NULL, "rows and no error");
  since = cg_replicator_since_param (last_seq);
  cg_fuzz_check (since != NULL, "a since= value");
  for (const char *p = since; *p; p++)
    cg_fuzz_check (g_ascii_isalnum (*p) || strchr ("-._~%!$&'()*+,;=:@/?", *p) != NULL,
                   "since= is URI-escaped");

  missing = cg_replicator_changes_missing (store, reply);
  for (guint i = 0; i < missing->len; i++)
    {
      CgMissingDoc *m = g_ptr_array_index (missing, i);

      cg_fuzz_check (m->id != NULL && !g_str_has_prefix (m->id, "_design/"), "a missing document has an id");
      cg_fuzz_check (m->revs != NULL && m->revs[0] != NULL, "a missing document lacks a revision");
      for (guint j = 0; m->revs[j] != NULL; j++)
        cg_fuzz_check (!cg_store_has_revision (store, m->id, m->revs[j]), "only revisions the store lacks");
    }
  return 0;
}
