/* cg-import.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing customers, orders and articles from CSV or JSON (CONFIG.md,
 * `changgu-admin import`). Three layers, each usable alone (tests and
 * fuzzers feed the reader bytes; nothing here touches a terminal):
 *
 *   reader   bytes → records (JsonObject of the row's cells) with the line
 *            where each record starts. CSV is RFC 4180 (quoted fields with
 *            commas, "" and newlines; CRLF or LF; a header row naming the
 *            columns; UTF-8 with an optional BOM). JSON is an array of
 *            objects, or JSON lines (one object per line).
 *   builder  record → the document(s) of that row, validated as the app
 *            validates (cg_validate_document), phones normalised with
 *            cg_phone_normalize; a refusal names the column and the reason.
 *   run      all rows into a store: good rows in transactions of
 *            @batch_size, a bad row refused alone and reported, never half
 *            written (all the documents of a row are validated before the
 *            first is written).
 *
 * Columns (CSV header names = JSON member names):
 *
 *   customers  name (required), phone and email (one, or several separated
 *              by “;”; in JSON also a list), language (ko/en), preferred_channel
 *              (sms/email/phone/none), tier, notes, consent_marketing
 *              (true/false, yes/no, 1/0), id (optional external id).
 *              With an id the document is customer:<uuid> where the uuid is
 *              derived from the id (SHA-256, shaped as a version 5 uuid), so
 *              importing the same file again updates those customers instead
 *              of adding duplicates. Without an id every import adds new
 *              customers.
 *   orders     number (required), customer_id or customer_phone (the phone
 *              must belong to exactly one customer), channel (online/in_store,
 *              default online), status (default placed), items (required),
 *              total (whole number in minor units; default: the sum of the
 *              items), currency (default KRW), created_at (RFC 3339 UTC).
 *              items is a JSON array of {sku, name, qty, unit_price} — in a
 *              CSV cell too — or the short form “sku:name:qty:unit_price”
 *              with items separated by “;” (then a name cannot hold “:” or
 *              “;”: use the JSON form). The document is
 *              order:<store>:<number>, so a re-import updates the order
 *              (moving its status only as the workflow allows). An order
 *              imported as ready_for_pickup gets its kiosk-safe pickup
 *              document (cg-pickup.h) in the same batch.
 *   articles   slug (required: lowercase letters, digits, “-”), title, body,
 *              tags (“;”-separated, or a JSON list), locale (ko/en), category,
 *              published (true/false, default false). The document is
 *              article:<slug>.
 *
 * In CSV an empty cell clears that field on re-import; in JSON a missing
 * member leaves it as it is and null clears it. An unknown CSV column
 * refuses the whole file (a misspelt header must not drop a column
 * silently); an unknown JSON member refuses the row. A re-imported row
 * whose fields are all unchanged writes nothing (counted as unchanged).
 */
#pragma once

#include <gio/gio.h>

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_IMPORT_ERROR (cg_import_error_quark ())
GQuark cg_import_error_quark (void);

typedef enum {
  CG_IMPORT_ERROR_SYNTAX,      /* the file cannot be read as CSV/JSON at all */
  CG_IMPORT_ERROR_COLUMNS,     /* the header lacks a required column or has an unknown one */
  CG_IMPORT_ERROR_ROW,         /* one row is refused (the others go on) */
} CgImportError;

typedef enum {
  CG_IMPORT_CUSTOMERS,
  CG_IMPORT_ORDERS,
  CG_IMPORT_ARTICLES,
} CgImportKind;

typedef enum {
  CG_IMPORT_FORMAT_AUTO,   /* JSON if the first character is [ or {, else CSV */
  CG_IMPORT_FORMAT_CSV,
  CG_IMPORT_FORMAT_JSON,
} CgImportFormat;

/* "customers", "orders", "articles". */
gboolean            cg_import_kind_from_string (const char    *text,
                                                CgImportKind  *kind);
/* The columns @kind knows, NULL-terminated. */
const char * const *cg_import_kind_columns     (CgImportKind   kind);

/* ------------------------------------------------------------ reader */

typedef struct _CgImportReader CgImportReader;

/* A reader over @data (which it keeps a reference to). For CSV the header is
 * read here: NULL with CG_IMPORT_ERROR_COLUMNS when it names an unknown or
 * repeated column or lacks a required one, CG_IMPORT_ERROR_SYNTAX when the
 * file is empty or not UTF-8 text. */
CgImportReader *cg_import_reader_new        (CgImportKind     kind,
                                             CgImportFormat   format,
                                             GBytes          *data,
                                             GError         **error);
void            cg_import_reader_free       (CgImportReader  *reader);
CgImportFormat  cg_import_reader_get_format (CgImportReader  *reader);
/* How many records the file holds, estimated from a quick scan (for the
 * progress bar). */
guint64         cg_import_reader_get_estimate (CgImportReader *reader);

/* The next record. Returns FALSE at the end (no error) or when the rest of
 * the file cannot be read (@error set, CG_IMPORT_ERROR_SYNTAX: an unclosed
 * quote, a broken JSON array). Otherwise TRUE with *@line the line where the
 * record starts and either *@record (transfer full: the cells, as strings
 * for CSV, as they are for JSON) or, for a record that is unusable by
 * itself (a wrong number of cells, a JSON value that is not an object),
 * *@record NULL and *@row_error set. */
gboolean        cg_import_reader_next       (CgImportReader  *reader,
                                             JsonObject     **record,
                                             guint           *line,
                                             GError         **row_error,
                                             GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgImportReader, cg_import_reader_free)

/* ----------------------------------------------------------- builder */

/* The id a customer with external id @external_id gets:
 * "customer:<uuid>" (transfer full). The same input always gives the same id. */
char       *cg_import_customer_id   (const char    *external_id);

/* The documents of one row (transfer full, element-type JsonObject),
 * each with "_id", "type" and, when it exists in @store, the current
 * "_rev" and its fields merged in — already validated. NULL with
 * CG_IMPORT_ERROR_ROW when the row is refused; *@field then names the
 * column at fault (transfer full; NULL when no single column is). The first
 * element is the row's main document. A row identical to what @store
 * holds gives an empty array. @now is an RFC 3339 time for created_at and
 * updated_at (NULL: now). */
GPtrArray  *cg_import_build_row     (CgStore       *store,
                                     CgImportKind   kind,
                                     JsonObject    *record,
                                     const char    *now,
                                     char         **field,
                                     GError       **error);

/* --------------------------------------------------------------- run */

typedef struct {
  guint64 read;        /* records read (good and bad) */
  guint64 created;     /* rows that made new documents */
  guint64 updated;     /* rows that changed existing documents */
  guint64 unchanged;   /* rows identical to what the store holds */
  guint64 refused;     /* rows refused, each with a CgImportRowError */
} CgImportCounts;

typedef struct {
  guint  line;
  char  *field;        /* nullable */
  char  *message;
} CgImportRowError;

void        cg_import_row_error_free (CgImportRowError *row_error);

/* Called after every batch with the records read so far and the estimate. */
typedef void (*CgImportProgressFunc) (guint64  done,
                                      guint64  total,
                                      gpointer user_data);

/* Imports every record of @data into @store, in transactions of
 * @batch_size rows (0: 1000). Refused rows are counted and appended to
 * @row_errors (element-type CgImportRowError; nullable). Returns FALSE only
 * when the import stopped: the file cannot be read (the batches before stay
 * written), the store failed (the current batch is rolled back) or
 * @cancellable was cancelled. */
gboolean    cg_import_run            (CgStore              *store,
                                      CgImportKind          kind,
                                      CgImportFormat        format,
                                      GBytes               *data,
                                      guint                 batch_size,
                                      CgImportProgressFunc  progress,
                                      gpointer              user_data,
                                      GCancellable         *cancellable,
                                      CgImportCounts       *counts,
                                      GPtrArray            *row_errors,
                                      GError              **error);

G_END_DECLS
