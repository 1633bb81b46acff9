/* fuzz-document.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Document validation and ingestion: the input is a JSON document, or an
 * array of up to 8 written in order (revisions of one document, conflicts,
 * tombstones). Each is validated alone and against the one before (as the
 * replacing revision), then written with cg_store_put_replicated (what a
 * pull does with a server's document) and, on a copy, with cg_store_put
 * (a local write). Everything runs in one transaction that is rolled back,
 * so every input meets the same store.
 */
#define G_LOG_DOMAIN "fuzz-document"

#include "config.h"

#include "cg-fuzz-util.h"

#define MAX_DOCS 8

static CgStore *store;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cg_fuzz_init ();
  store = cg_fuzz_open_store ();
  return 0;
}

/* After a successful write, what the store says about the document must
 * hold together. */
static void
check_written (const char *id,
               const char *rev)
{
  g_auto(GStrv) leaves = cg_store_get_leaves (store, id, TRUE);
  g_auto(GStrv) live = cg_store_get_leaves (store, id, FALSE);
  g_autoptr(JsonObject) current = cg_store_get (store, id, TRUE, NULL);

  cg_fuzz_check (cg_store_has_revision (store, id, rev), "a written revision is in the tree");
  cg_fuzz_check (leaves != NULL && leaves[0] != NULL, "a written document has a leaf");
  /* Deleted (every leaf a tombstone): not found; else the winner. */
  cg_fuzz_check ((current == NULL) == (live == NULL || live[0] == NULL),
                 "a document can be read exactly when a leaf is live");
  if (current != NULL)
    cg_fuzz_check (g_strcmp0 (cg_json_get_string (current, "_rev"), leaves[0]) == 0,
                   "the winner read is the first leaf");
  {
    /* What a push would send: the stored body spliced into JSON text. */
    g_autofree char *text = cg_store_get_revision_json (store, id, leaves[0], NULL);
    g_autoptr(JsonObject) parsed = text != NULL ? cg_json_from_string (text, NULL) : NULL;
    g_autoptr(JsonObject) revisions = cg_store_get_revisions (store, id, leaves[0]);

    cg_fuzz_check (text != NULL && parsed != NULL, "the revision to push is a JSON object");
    cg_fuzz_check (g_strcmp0 (cg_json_get_string (parsed, "_id"), id) == 0, "the revision to push has its _id");
    cg_fuzz_check (revisions != NULL, "the winner has an ancestry");
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = cg_fuzz_parse (data, size);
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();
  JsonObject *previous = NULL;

  if (root == NULL)
    return 0;
  if (JSON_NODE_HOLDS_OBJECT (root))
    g_ptr_array_add (docs, json_node_get_object (root));
  else if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);
      for (guint i = 0; i < json_array_get_length (array) && docs->len < MAX_DOCS; i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
          g_ptr_array_add (docs, json_array_get_object_element (array, i));
    }
  if (docs->len == 0)
    return 0;

  if (!cg_store_begin (store, NULL))
    abort ();
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autoptr(JsonObject) replicated = cg_json_copy (doc);
      g_autoptr(JsonObject) local = cg_json_copy (doc);
      g_autoptr(GError) error = NULL;
      g_autofree char *rev = NULL;

      cg_validate_document (doc, NULL, NULL);
      if (previous != NULL)
        cg_validate_document (doc, previous, NULL);
      previous = doc;

      if (cg_store_put_replicated (store, replicated, &error))
        check_written (cg_json_get_string (replicated, "_id"), cg_json_get_string (replicated, "_rev"));
      cg_fuzz_note ("replicated: %s\n", error ? error->message : "ok");
      g_clear_error (&error);

      /* A local write: on top of whatever winner the tree has now. */
      if (cg_json_get_string (local, "_id") != NULL)
        {
          g_autoptr(JsonObject) current = cg_store_get (store, cg_json_get_string (local, "_id"), FALSE, NULL);
          if (current != NULL)
            json_object_set_string_member (local, "_rev", cg_json_get_string (current, "_rev"));
          json_object_remove_member (local, "_revisions");
        }
      rev = cg_store_put (store, local, &error);
      cg_fuzz_note ("local: %s\n", error ? error->message : rev);
      if (rev != NULL)
        check_written (cg_json_get_string (local, "_id"), rev);
    }
  cg_store_rollback (store);
  return 0;
}
