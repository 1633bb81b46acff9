/* fuzz-bulk-get.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pull side's reading of a server's _bulk_get answer (or, when the
 * body is a list, an open_revs answer) and the write of the documents it
 * holds, as the replicator's worker does it: every {"ok": doc} goes through
 * cg_store_put_replicated in one transaction, here rolled back afterwards
 * so every input meets the same store (a few known revisions and a
 * conflict, cg-fuzz-fixtures.h).
 */
#define G_LOG_DOMAIN "fuzz-bulk-get"

#include "config.h"

#include "cg-fuzz-fixtures.h"
#include "cg-replicator-private.h"

static CgStore *store;
static guint rejections;

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

static void
count_rejection (const char *id,
                 const char *reason,
                 gpointer    user_data)
{
  /* As note_rejection() formats it; either may be missing. */
  g_autofree char *text = g_strdup_printf ("%s: %s", id ? id : "?", reason ? reason : "?");

  rejections += text[0] != '\0';
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) reply = cg_fuzz_parse (data, size);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;

  if (reply == NULL)
    return 0;
  if (JSON_NODE_HOLDS_ARRAY (reply))
    {
      JsonArray *items = json_node_get_array (reply);
      for (guint i = 0; i < json_array_get_length (items); i++)
        cg_replicator_take_revision_result (json_array_get_element (items, i), docs, count_rejection, NULL);
    }
  else if (!cg_replicator_read_bulk_get (reply, docs, count_rejection, NULL, &error))
    {
      cg_fuzz_check (error != NULL && docs->len == 0, "a refused answer gives an error and no documents");
      return 0;
    }

  if (!cg_store_begin (store, NULL))
    abort ();
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autoptr(GError) doc_error = NULL;
      const char *id = cg_json_get_string (doc, "_id");
      const char *rev = cg_json_get_string (doc, "_rev");

      if (cg_store_put_replicated (store, doc, &doc_error))
        {
          g_autoptr(JsonObject) winner = cg_store_get (store, id, TRUE, NULL);
          g_auto(GStrv) live = cg_store_get_leaves (store, id, FALSE);

          cg_fuzz_check (cg_store_has_revision (store, id, rev), "a written revision is in the tree");
          cg_fuzz_check ((winner == NULL) == (live == NULL || live[0] == NULL),
                         "a document can be read exactly when a leaf is live");
        }
      else if (doc_error != NULL)
        cg_fuzz_check (doc_error->domain != CG_STORE_ERROR ||
                       (doc_error->code != CG_STORE_ERROR_IO && doc_error->code != CG_STORE_ERROR_BUSY),
                       "a bad document is refused as such, not as a failure of the disk");
    }
  cg_store_rollback (store);
  return 0;
}
