/* cg-fuzz-util.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-fuzz"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "cg-fuzz-util.h"
#include "cg-test-util.h"

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return G_LOG_WRITER_HANDLED;
  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  /* Untrusted input must never reach a warning or a failed precondition:
   * in the app it would be logged and the code would go on with bad state. */
  abort ();
}

void
cg_fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "");
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

gboolean
cg_fuzz_verbose (void)
{
  static int verbose = -1;

  if (verbose < 0)
    verbose = g_strcmp0 (g_getenv ("CG_FUZZ_VERBOSE"), "1") == 0;
  return verbose;
}

CgStore *
cg_fuzz_open_store (void)
{
  g_autoptr(GError) error = NULL;
  CgStore *store = cg_test_open_store (NULL);

  if (!cg_store_set_meta (store, "device_id", CG_FUZZ_DEVICE_ID, &error) ||
      !cg_store_set_meta (store, "store_id", CG_FUZZ_STORE_ID, &error))
    g_error ("cannot provision the fuzz store: %s", error->message);
  return store;
}

JsonNode *
cg_fuzz_parse (const uint8_t *data,
               size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *neutralised = NULL;
  const char *text = (const char *) data;
  JsonNode *root;

  /* The same steps as on_send_and_read() in cg-remote.c: the nesting
   * check, lone surrogate and NUL escapes neutralised, then json-glib. */
  if (size == 0 || !cg_json_check_depth (text, (gssize) size, NULL))
    return NULL;
  neutralised = cg_json_neutralise_escapes (text, size, NULL);
  if (neutralised != NULL)
    text = neutralised;
  if (!json_parser_load_from_data (parser, text, (gssize) size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL ? json_node_copy (root) : NULL;
}

void
cg_fuzz_put_fixture (CgStore    *store,
                     const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_json_from_string (json, &error);

  if (doc == NULL || !cg_store_put_replicated (store, doc, &error))
    g_error ("fixture refused: %s", error ? error->message : "(no error)");
}
