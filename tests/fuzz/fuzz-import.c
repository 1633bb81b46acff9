/* fuzz-import.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV/JSON importer (cg-import.c) end to end: the first byte picks the
 * kind ('c' customers, 'o' orders, 'a' articles; others by value), the
 * second the format ('c' CSV, 'j' JSON, else auto), the rest is the file.
 * The reader is walked record by record, then cg_import_run writes the
 * whole file in small batches inside one transaction that is rolled back,
 * so every input meets the same store (one customer and one order).
 */
#define G_LOG_DOMAIN "fuzz-import"

#include "config.h"

#include "cg-fuzz-fixtures.h"

#define MAX_RECORDS 64

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
  CgImportKind kind;
  CgImportFormat format;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgImportReader) reader = NULL;
  g_autoptr(GPtrArray) row_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_import_row_error_free);
  CgImportCounts counts = { 0 };
  guint records = 0;
  gboolean ok;

  if (size < 2)
    return 0;
  switch (data[0])
    {
    case 'c': kind = CG_IMPORT_CUSTOMERS; break;
    case 'o': kind = CG_IMPORT_ORDERS; break;
    case 'a': kind = CG_IMPORT_ARTICLES; break;
    default: kind = data[0] % 3; break;
    }
  format = data[1] == 'c' ? CG_IMPORT_FORMAT_CSV : data[1] == 'j' ? CG_IMPORT_FORMAT_JSON : CG_IMPORT_FORMAT_AUTO;
  bytes = g_bytes_new (data + 2, size - 2);

  /* The reader alone, with the builder on every record. */
  reader = cg_import_reader_new (kind, format, bytes, &error);
  if (reader != NULL)
    {
      JsonObject *record = NULL;
      guint line = 0, last_line = 0;
      GError *row_error = NULL;

      cg_import_reader_get_estimate (reader);
      while (records < MAX_RECORDS && cg_import_reader_next (reader, &record, &line, &row_error, &error))
        {
          records++;
          cg_fuzz_check ((record == NULL) != (row_error == NULL), "a record or a row error");
          cg_fuzz_check (line >= last_line, "records come in file order");
          last_line = line;
          if (record != NULL)
            {
              g_autoptr(GPtrArray) built = NULL;
              g_autofree char *field = NULL;
              g_autoptr(GError) build_error = NULL;

              built = cg_import_build_row (store, kind, record, "2026-11-22T09:00:00Z", &field, &build_error);
              cg_fuzz_check ((built == NULL) == (build_error != NULL), "documents or a refusal");
              for (guint i = 0; built != NULL && i < built->len; i++)
                cg_fuzz_check (cg_validate_document (g_ptr_array_index (built, i), NULL, NULL),
                               "every built document is valid");
              json_object_unref (record);
              record = NULL;
            }
          g_clear_error (&row_error);
        }
    }
  g_clear_error (&error);
  if (records >= MAX_RECORDS)
    return 0;   /* long files: the reader is what matters, the run is slow */

  if (!cg_store_begin (store, NULL))
    abort ();
  ok = cg_import_run (store, kind, format, bytes, 2, NULL, NULL, NULL, &counts, row_errors, &error);
  cg_fuzz_check (ok == (error == NULL), "success or an error");
  cg_fuzz_note ("read %" G_GUINT64_FORMAT " created %" G_GUINT64_FORMAT " updated %" G_GUINT64_FORMAT
                " unchanged %" G_GUINT64_FORMAT " refused %" G_GUINT64_FORMAT "%s%s\n",
                counts.read, counts.created, counts.updated, counts.unchanged, counts.refused,
                error ? ": " : "", error ? error->message : "");
  for (guint i = 0; i < row_errors->len; i++)
    cg_fuzz_note ("  line %u: %s\n", ((CgImportRowError *) g_ptr_array_index (row_errors, i))->line,
                  ((CgImportRowError *) g_ptr_array_index (row_errors, i))->message);
  cg_fuzz_check (counts.refused == row_errors->len, "every refused row is reported");
  if (ok)
    cg_fuzz_check (counts.read == counts.created + counts.updated + counts.unchanged + counts.refused,
                   "every record read is counted once");
  cg_store_rollback (store);
  return 0;
}
