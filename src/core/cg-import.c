/* cg-import.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV and JSON import of customers, orders and articles; see cg-import.h
 * for the columns and the rules. The reader works on bytes in memory (a
 * file of 100k customers is about 10 MB), which keeps it simple to test and
 * to fuzz, and lets it count the records up front for the progress bar.
 */
#define G_LOG_DOMAIN "cg-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-customer.h"
#include "cg-device.h"
#include "cg-import.h"
#include "cg-json.h"
#include "cg-pickup.h"
#include "cg-search.h"
#include "cg-store.h"
#include "cg-validate.h"

#define DEFAULT_BATCH_SIZE 1000

G_DEFINE_QUARK (cg-import-error-quark, cg_import_error)

static const char * const customer_columns[] = {
  "id", "name", "phone", "email", "language", "preferred_channel", "tier", "notes",
  "consent_marketing", NULL };
static const char * const order_columns[] = {
  "number", "customer_id", "customer_phone", "channel", "status", "items", "total",
  "currency", "created_at", NULL };
static const char * const article_columns[] = {
  "slug", "title", "body", "tags", "locale", "category", "published", NULL };

/* Columns a CSV header must have. */
static const char * const customer_required[] = { "name", NULL };
static const char * const order_required[] = { "number", NULL };   /* items: for new orders, per row */
static const char * const article_required[] = { "slug", NULL };

gboolean
cg_import_kind_from_string (const char   *text,
                            CgImportKind *kind)
{
  if (g_strcmp0 (text, "customers") == 0)
    *kind = CG_IMPORT_CUSTOMERS;
  else if (g_strcmp0 (text, "orders") == 0)
    *kind = CG_IMPORT_ORDERS;
  else if (g_strcmp0 (text, "articles") == 0)
    *kind = CG_IMPORT_ARTICLES;
  else
    return FALSE;
  return TRUE;
}

const char * const *
cg_import_kind_columns (CgImportKind kind)
{
  switch (kind)
    {
    case CG_IMPORT_CUSTOMERS: return customer_columns;
    case CG_IMPORT_ORDERS: return order_columns;
    case CG_IMPORT_ARTICLES: return article_columns;
    default: g_return_val_if_reached (NULL);
    }
}

static const char * const *
kind_required (CgImportKind kind)
{
  switch (kind)
    {
    case CG_IMPORT_CUSTOMERS: return customer_required;
    case CG_IMPORT_ORDERS: return order_required;
    case CG_IMPORT_ARTICLES: return article_required;
    default: g_return_val_if_reached (NULL);
    }
}

/* ================================================================ reader */

struct _CgImportReader
{
  CgImportKind    kind;
  CgImportFormat  format;
  GBytes         *bytes;
  const char     *data;
  gsize           len;
  gsize           pos;
  guint           line;       /* of data[pos], 1-based */
  GPtrArray      *columns;    /* CSV header */
  gboolean        json_array; /* JSON: an array (else JSON lines) */
  gboolean        expect_comma;
  gboolean        finished;
  guint64         estimate;
};

void
cg_import_reader_free (CgImportReader *reader)
{
  if (reader == NULL)
    return;
  g_bytes_unref (reader->bytes);
  g_clear_pointer (&reader->columns, g_ptr_array_unref);
  g_free (reader);
}

CgImportFormat
cg_import_reader_get_format (CgImportReader *reader)
{
  return reader->format;
}

guint64
cg_import_reader_get_estimate (CgImportReader *reader)
{
  return reader->estimate;
}

static void
skip_json_space (CgImportReader *reader)
{
  while (reader->pos < reader->len)
    {
      char c = reader->data[reader->pos];
      if (c == '\n')
        reader->line++;
      else if (c != ' ' && c != '\t' && c != '\r')
        break;
      reader->pos++;
    }
}

/* Reading JSON text character by character outside a parser (to count
 * records for the progress bar, to find where an array element ends, to
 * catch text after an object): only what stands outside strings counts. */
typedef struct {
  gboolean in_string;
  gboolean escaped;
} JsonScan;

/* Feeds @c; TRUE when it is outside a string (and not a quote). */
static gboolean
json_scan_structural (JsonScan *scan,
                      char      c)
{
  if (scan->in_string)
    {
      if (scan->escaped)
        scan->escaped = FALSE;
      else if (c == '\\')
        scan->escaped = TRUE;
      else if (c == '"')
        scan->in_string = FALSE;
      return FALSE;
    }
  if (c == '"')
    {
      scan->in_string = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* One CSV record into @fields. 1: a record; 0: the end; -1: @error set.
 * A record with a problem of its own (text after a closing quote, not
 * UTF-8) still returns 1, with *@problem set. */
static int
csv_read_record (CgImportReader  *reader,
                 GPtrArray       *fields,
                 guint           *start_line,
                 char           **problem,
                 GError         **error)
{
  const char *d = reader->data;
  gsize n = reader->len;
  g_autoptr(GString) field = g_string_new (NULL);

  /* Blank lines between records (and at the end) are not records. */
  while (reader->pos < n && (d[reader->pos] == '\n' ||
                             (d[reader->pos] == '\r' && reader->pos + 1 < n && d[reader->pos + 1] == '\n')))
    {
      reader->pos += d[reader->pos] == '\r' ? 2 : 1;
      reader->line++;
    }
  if (reader->pos >= n)
    return 0;

  *start_line = reader->line;
  for (;;)
    {
      g_string_truncate (field, 0);
      if (reader->pos < n && d[reader->pos] == '"')
        {
          guint quote_line = reader->line;

          reader->pos++;
          for (;;)
            {
              if (reader->pos >= n)
                {
                  g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_SYNTAX,
                               _("line %u: a quoted field is never closed (a missing \")."), quote_line);
                  return -1;
                }
              if (d[reader->pos] == '"')
                {
                  if (reader->pos + 1 < n && d[reader->pos + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      reader->pos += 2;
                      continue;
                    }
                  reader->pos++;
                  break;
                }
              if (d[reader->pos] == '\n')
                reader->line++;
              g_string_append_c (field, d[reader->pos++]);
            }
          /* RFC 4180 allows nothing between the closing quote and the
           * separator; keep the text but refuse the record. */
          if (reader->pos < n && d[reader->pos] != ',' && d[reader->pos] != '\n' &&
              !(d[reader->pos] == '\r' && reader->pos + 1 < n && d[reader->pos + 1] == '\n') &&
              *problem == NULL)
            *problem = g_strdup_printf (_("field %u has text after its closing quote; put the whole field in quotes and double the quotes inside it"),
                                        fields->len + 1);
        }
      while (reader->pos < n && d[reader->pos] != ',' && d[reader->pos] != '\n' &&
             !(d[reader->pos] == '\r' && reader->pos + 1 < n && d[reader->pos + 1] == '\n'))
        g_string_append_c (field, d[reader->pos++]);

      if (!g_utf8_validate (field->str, field->len, NULL) || memchr (field->str, '\0', field->len) != NULL)
        {
          if (*problem == NULL)
            *problem = g_strdup_printf (_("field %u is not UTF-8 text; save the file as UTF-8"), fields->len + 1);
          g_ptr_array_add (fields, g_strdup (""));
        }
      else
        g_ptr_array_add (fields, g_strndup (field->str, field->len));

      if (reader->pos >= n)
        return 1;
      if (d[reader->pos] == ',')
        {
          reader->pos++;
          continue;
        }
      reader->pos += d[reader->pos] == '\r' ? 2 : 1;
      reader->line++;
      return 1;
    }
}

static guint64
csv_estimate (const char *d,
              gsize       n)
{
  guint64 records = 0;
  gboolean quoted = FALSE, content = FALSE;

  for (gsize i = 0; i < n; i++)
    {
      if (d[i] == '"')
        quoted = !quoted;
      if (d[i] == '\n' && !quoted)
        {
          records += content;
          content = FALSE;
        }
      else if (d[i] != '\r')
        content = TRUE;
    }
  return records + content;
}

static gboolean
csv_read_header (CgImportReader  *reader,
                 GError         **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *problem = NULL;
  const char * const *known = cg_import_kind_columns (reader->kind);
  const char * const *required = kind_required (reader->kind);
  guint line = 0;
  int r = csv_read_record (reader, fields, &line, &problem, error);

  if (r < 0)
    return FALSE;
  if (r == 0)
    {
      g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_SYNTAX,
                   _("The file is empty: it needs a header row naming the columns."));
      return FALSE;
    }
  if (problem != NULL)
    {
      g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_SYNTAX, _("line %u (the header): %s."), line, problem);
      return FALSE;
    }
  reader->columns = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip ((char *) g_ptr_array_index (fields, i)), -1);

      if (!g_strv_contains (known, name))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) known);
          g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_COLUMNS,
                       _("The header names a column “%s” that this import does not know. The columns are: %s."),
                       name, list);
          return FALSE;
        }
      for (guint j = 0; j < reader->columns->len; j++)
        if (g_str_equal (g_ptr_array_index (reader->columns, j), name))
          {
            g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_COLUMNS,
                         _("The header names the column “%s” twice."), name);
            return FALSE;
          }
      g_ptr_array_add (reader->columns, g_steal_pointer (&name));
    }
  for (guint i = 0; required[i] != NULL; i++)
    {
      gboolean found = FALSE;
      for (guint j = 0; j < reader->columns->len; j++)
        found |= g_str_equal (g_ptr_array_index (reader->columns, j), required[i]);
      if (!found)
        {
          g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_COLUMNS,
                       _("The header has no column “%s”, which every row needs."), required[i]);
          return FALSE;
        }
    }
  return TRUE;
}

CgImportReader *
cg_import_reader_new (CgImportKind     kind,
                      CgImportFormat   format,
                      GBytes          *data,
                      GError         **error)
{
  g_autoptr(CgImportReader) reader = g_new0 (CgImportReader, 1);
  gsize first;

  g_return_val_if_fail (data != NULL, NULL);

  reader->kind = kind;
  reader->bytes = g_bytes_ref (data);
  reader->data = g_bytes_get_data (data, &reader->len);
  reader->line = 1;
  if (reader->data == NULL)
    reader->data = "";
  /* A UTF-8 byte order mark, as spreadsheet programs write. */
  if (reader->len >= 3 && memcmp (reader->data, "\xef\xbb\xbf", 3) == 0)
    reader->pos = 3;

  first = reader->pos;
  while (first < reader->len && g_ascii_isspace (reader->data[first]))
    first++;
  if (format == CG_IMPORT_FORMAT_AUTO)
    format = first < reader->len && (reader->data[first] == '[' || reader->data[first] == '{')
             ? CG_IMPORT_FORMAT_JSON : CG_IMPORT_FORMAT_CSV;
  reader->format = format;

  if (format == CG_IMPORT_FORMAT_CSV)
    {
      if (!csv_read_header (reader, error))
        return NULL;
      reader->estimate = csv_estimate (reader->data + reader->pos, reader->len - reader->pos);
      return g_steal_pointer (&reader);
    }

  skip_json_space (reader);
  if (reader->pos >= reader->len)
    {
      g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_SYNTAX, _("The file is empty."));
      return NULL;
    }
  if (reader->data[reader->pos] == '[')
    {
      reader->json_array = TRUE;
      reader->pos++;
    }
  else if (reader->data[reader->pos] != '{')
    {
      g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_SYNTAX,
                   _("line %u: JSON import takes an array of objects or one object per line (JSON lines)."),
                   reader->line);
      return NULL;
    }
  /* Records in an array or in JSON lines: count the objects at the top
   * level (an estimate: strings are skipped, nothing is parsed). */
  {
    JsonScan scan = { FALSE, FALSE };
    guint depth = reader->json_array ? 1 : 0;
    for (gsize i = reader->pos; i < reader->len; i++)
      {
        char c = reader->data[i];
        if (!json_scan_structural (&scan, c))
          continue;
        if (c == '{' || c == '[')
          reader->estimate += depth++ == (reader->json_array ? 1u : 0u);
        else if ((c == '}' || c == ']') && depth > 0)
          depth--;
      }
  }
  return g_steal_pointer (&reader);
}

/* Whether @text is one object and nothing after it but spaces: json-glib
 * stops at the end of the first value and ignores the rest, so that
 * "{…} {…}" (a missing comma) would lose the second record silently. */
static gboolean
single_object (const char *text,
               gsize       len)
{
  JsonScan scan = { FALSE, FALSE };
  guint depth = 0;
  gsize i = 0;

  while (i < len && g_ascii_isspace (text[i]))
    i++;
  if (i >= len || text[i] != '{')
    return TRUE;   /* not an object: json-glib's message says so */
  for (; i < len; i++)
    {
      char c = text[i];
      if (!json_scan_structural (&scan, c))
        continue;
      if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        break;
    }
  for (i++; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

static JsonObject *
parse_object (const char  *text,
              gsize        len,
              GError     **row_error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!single_object (text, len))
    {
      g_set_error (row_error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_ROW,
                   _("more than one object without a “,” between them"));
      return NULL;
    }
  if (!cg_json_check_depth (text, (gssize) len, &local_error) ||
      !json_parser_load_from_data (parser, text, (gssize) len, &local_error))
    {
      g_set_error (row_error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_ROW,
                   _("not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (row_error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_ROW,
                   _("each record must be a JSON object ({…})"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static gboolean
json_next (CgImportReader  *reader,
           JsonObject     **record,
           guint           *line,
           GError         **row_error,
           GError         **error)
{
  const char *d = reader->data;
  gsize start, end;

  if (reader->finished)
    return FALSE;

  if (!reader->json_array)
    {
      /* JSON lines: one value per line; blank lines are skipped. */
      skip_json_space (reader);
      if (reader->pos >= reader->len)
        return FALSE;
      start = reader->pos;
      *line = reader->line;
      while (reader->pos < reader->len && d[reader->pos] != '\n')
        reader->pos++;
      end = reader->pos;
      *record = parse_object (d + start, end - start, row_error);
      return TRUE;
    }

  skip_json_space (reader);
  if (reader->pos < reader->len && d[reader->pos] == ']')
    {
      reader->finished = TRUE;
      return FALSE;
    }
  if (reader->expect_comma)
    {
      if (reader->pos >= reader->len || d[reader->pos] != ',')
        {
          g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_SYNTAX,
                       reader->pos >= reader->len ? _("line %u: the JSON array is never closed (a missing ])")
                                                  : _("line %u: expected “,” or “]” between the objects of the array"),
                       reader->line);
          return FALSE;
        }
      reader->pos++;
      skip_json_space (reader);
    }
  if (reader->pos >= reader->len)
    {
      g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_SYNTAX,
                   _("line %u: the JSON array is never closed (a missing ])"), reader->line);
      return FALSE;
    }

  /* One element: up to the "," or "]" at the array's own depth. */
  start = reader->pos;
  *line = reader->line;
  {
    JsonScan scan = { FALSE, FALSE };
    guint depth = 0;

    for (; reader->pos < reader->len; reader->pos++)
      {
        char c = d[reader->pos];
        if (c == '\n')
          reader->line++;
        if (!json_scan_structural (&scan, c))
          continue;
        if (c == '{' || c == '[')
          depth++;
        else if (c == '}' || c == ']')
          {
            if (depth == 0)
              break;
            depth--;
          }
        else if (c == ',' && depth == 0)
          break;
      }
    if (reader->pos >= reader->len)
      {
        g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_SYNTAX,
                     _("line %u: the JSON array is never closed (a missing ] or \")"), *line);
        return FALSE;
      }
  }
  end = reader->pos;
  reader->expect_comma = TRUE;
  *record = parse_object (d + start, end - start, row_error);
  return TRUE;
}

gboolean
cg_import_reader_next (CgImportReader  *reader,
                       JsonObject     **record,
                       guint           *line,
                       GError         **row_error,
                       GError         **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *problem = NULL;
  JsonObject *object;
  int r;

  g_return_val_if_fail (reader != NULL && record != NULL && line != NULL, FALSE);
  *record = NULL;

  if (reader->format == CG_IMPORT_FORMAT_JSON)
    return json_next (reader, record, line, row_error, error);

  fields = g_ptr_array_new_with_free_func (g_free);
  r = csv_read_record (reader, fields, line, &problem, error);
  if (r <= 0)
    return FALSE;
  if (problem != NULL)
    {
      g_set_error (row_error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_ROW, "%s", problem);
      return TRUE;
    }
  if (fields->len != reader->columns->len)
    {
      g_set_error (row_error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_ROW,
                   _("the row has %u fields but the header names %u columns"),
                   fields->len, reader->columns->len);
      return TRUE;
    }
  object = json_object_new ();
  for (guint i = 0; i < fields->len; i++)
    json_object_set_string_member (object, g_ptr_array_index (reader->columns, i),
                                   g_ptr_array_index (fields, i));
  *record = object;
  return TRUE;
}

/* =============================================================== builder */

/* Sets *field and the row error. */
static GPtrArray *
refuse (char       **field,
        const char  *column,
        GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (4, 5);

static GPtrArray *
refuse (char       **field,
        const char  *column,
        GError     **error,
        const char  *format,
        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_free (*field);
  *field = g_strdup (column);
  g_set_error_literal (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_ROW, message);
  return NULL;
}

/* A cell's text, trimmed; NULL when absent, null or empty. *@bad is set
 * when the cell holds something other than text. */
static char *
cell_text (JsonObject *record,
           const char *column,
           gboolean   *bad)
{
  JsonNode *node = json_object_get_member (record, column);
  const char *s;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *bad = TRUE;
      return NULL;
    }
  s = json_node_get_string (node);
  while (g_ascii_isspace (*s))
    s++;
  if (*s == '\0')
    return NULL;
  return g_strstrip (g_strdup (s));
}

/* A list: a JSON array of strings, or text separated by ";". NULL with
 * *@bad for anything else; an empty array when the cell is empty. */
static GPtrArray *
cell_list (JsonObject *record,
           const char *column,
           gboolean   *bad)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  JsonNode *node = json_object_get_member (record, column);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *item = cg_json_array_get_string (array, i);
          if (item == NULL)
            {
              *bad = TRUE;
              g_ptr_array_unref (list);
              return NULL;
            }
          if (*item != '\0')
            g_ptr_array_add (list, g_strstrip (g_strdup (item)));
        }
      return list;
    }
  {
    g_autofree char *text = cell_text (record, column, bad);
    g_auto(GStrv) parts = NULL;

    if (*bad)
      {
        g_ptr_array_unref (list);
        return NULL;
      }
    if (text == NULL)
      return list;
    parts = g_strsplit (text, ";", -1);
    for (guint i = 0; parts[i] != NULL; i++)
      {
        g_strstrip (parts[i]);
        if (*parts[i] != '\0')
          g_ptr_array_add (list, g_strdup (parts[i]));
      }
  }
  return list;
}

/* true/false, yes/no, 1/0 (or a JSON boolean). -1 when absent, -2 when bad. */
static int
cell_bool (JsonObject *record,
           const char *column)
{
  JsonNode *node = json_object_get_member (record, column);
  g_autofree char *text = NULL;
  g_autofree char *lower = NULL;
  gboolean bad = FALSE;

  if (node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node) ? 1 : 0;
  text = cell_text (record, column, &bad);
  if (bad)
    return -2;
  if (text == NULL)
    return -1;
  lower = g_ascii_strdown (text, -1);
  if (g_str_equal (lower, "true") || g_str_equal (lower, "yes") || g_str_equal (lower, "1"))
    return 1;
  if (g_str_equal (lower, "false") || g_str_equal (lower, "no") || g_str_equal (lower, "0"))
    return 0;
  return -2;
}

/* Sets @member from a text column: removed when the cell is empty. */
static gboolean
apply_text (JsonObject  *doc,
            JsonObject  *record,
            const char  *column,
            const char  *member,
            char       **field,
            GError     **error)
{
  gboolean bad = FALSE;
  g_autofree char *text = NULL;

  if (!json_object_has_member (record, column))
    return TRUE;
  text = cell_text (record, column, &bad);
  if (bad)
    {
      refuse (field, column, error, _("must be text"));
      return FALSE;
    }
  if (text == NULL)
    json_object_remove_member (doc, member);
  else
    json_object_set_string_member (doc, member, text);
  return TRUE;
}

/* The record's members that are not columns of @kind. */
static const char *
unknown_member (CgImportKind  kind,
                JsonObject   *record)
{
  const char * const *known = cg_import_kind_columns (kind);
  g_autoptr(GList) members = json_object_get_members (record);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      return l->data;
  return NULL;
}

char *
cg_import_customer_id (const char *external_id)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_checksum_update (sum, (const guchar *) "changgu-import\ncustomer\n", -1);
  g_checksum_update (sum, (const guchar *) external_id, -1);
  g_checksum_get_digest (sum, digest, &digest_len);
  /* Shaped as a name-based (version 5) uuid, like cg_device_new_doc_id's
   * random ones in form. */
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("customer:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

/* Document members whose column has another name, for naming the column a
 * validation message is about. */
static const struct {
  const char *member;
  const char *column;
} member_columns[] = {
  { "phones", "phone" },
  { "emails", "email" },
  { "consent", "consent_marketing" },
};

/* Validates @doc as cg_store_put will; a refusal names the column whose
 * member the message quotes. */
static gboolean
validate (CgImportKind   kind,
          JsonObject    *doc,
          JsonObject    *previous,
          char         **field,
          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  const char * const *columns = cg_import_kind_columns (kind);
  const char *column = NULL;

  if (cg_validate_document (doc, previous, &local_error))
    return TRUE;
  for (guint i = 0; columns[i] != NULL && column == NULL; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", columns[i]);
      if (strstr (local_error->message, quoted) != NULL)
        column = columns[i];
    }
  for (guint i = 0; i < G_N_ELEMENTS (member_columns) && column == NULL; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", member_columns[i].member);
      if (strstr (local_error->message, quoted) != NULL)
        column = member_columns[i].column;
    }
  if (column == NULL && g_str_has_prefix (local_error->message, "customer: phone"))
    column = "phone";
  if (column == NULL && g_error_matches (local_error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION) &&
      g_strv_contains (columns, "status"))
    column = "status";
  if (column == NULL && strstr (local_error->message, "item ") != NULL)
    column = "items";
  refuse (field, column, error, "%s", local_error->message);
  return FALSE;
}

/* Whether @doc says nothing new over @previous (ignoring who and when). */
static gboolean
same_content (JsonObject *doc,
              JsonObject *previous)
{
  static const char * const ignored[] = { "updated_at", "updated_by", "updated_device", NULL };
  g_autoptr(JsonObject) a = cg_json_copy (doc);
  g_autoptr(JsonObject) b = cg_json_copy (previous);
  g_autoptr(JsonNode) na = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) nb = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; ignored[i] != NULL; i++)
    {
      json_object_remove_member (a, ignored[i]);
      json_object_remove_member (b, ignored[i]);
    }
  json_node_set_object (na, a);
  json_node_set_object (nb, b);
  return json_node_equal (na, nb);
}

/* The existing document @id (winning revision, with _rev), or NULL. */
static JsonObject *
existing (CgStore    *store,
          const char *id)
{
  return cg_store_get (store, id, FALSE, NULL);
}

static GPtrArray *
single (JsonObject *doc)
{
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  if (doc != NULL)
    g_ptr_array_add (docs, json_object_ref (doc));
  return docs;
}

static GPtrArray *
build_customer (CgStore     *store,
                JsonObject  *record,
                const char  *now,
                char       **field,
                GError     **error)
{
  g_autoptr(JsonObject) previous = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *external = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  gboolean bad = FALSE;
  int marketing;

  external = cell_text (record, "id", &bad);
  if (bad)
    return refuse (field, "id", error, _("must be text"));
  name = cell_text (record, "name", &bad);
  if (bad)
    return refuse (field, "name", error, _("must be text"));
  if (name == NULL && (json_object_has_member (record, "name") || external == NULL))
    return refuse (field, "name", error, _("a name is required"));

  if (external != NULL)
    {
      id = cg_import_customer_id (external);
      previous = existing (store, id);
    }
  else
    id = cg_device_new_doc_id ("customer");

  if (previous != NULL)
    doc = cg_json_copy (previous);
  else
    {
      doc = json_object_new ();
      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "type", "customer");
      json_object_set_string_member (doc, "created_at", now);
      json_object_set_array_member (doc, "phones", json_array_new ());
      json_object_set_array_member (doc, "emails", json_array_new ());
      json_object_set_string_member (doc, "language", "ko");
    }
  if (external != NULL)
    json_object_set_string_member (doc, "external_id", external);
  if (name != NULL)
    json_object_set_string_member (doc, "name", name);

  if (json_object_has_member (record, "phone"))
    {
      g_autoptr(GPtrArray) raw = cell_list (record, "phone", &bad);
      JsonArray *phones = json_array_new ();

      json_object_set_array_member (doc, "phones", phones);
      json_object_remove_member (doc, "phone_raw");
      if (raw == NULL)
        return refuse (field, "phone", error, _("must be text or a list of text"));
      for (guint i = 0; i < raw->len; i++)
        {
          const char *typed = g_ptr_array_index (raw, i);
          g_autoptr(GError) phone_error = NULL;
          g_autofree char *e164 = cg_phone_normalize (typed, &phone_error);

          if (e164 == NULL)
            return refuse (field, "phone", error, "%s", phone_error->message);
          json_array_add_string_element (phones, e164);
          /* As cg_customer_create: the typed form of the (first) phone. */
          if (i == 0 && !g_str_equal (e164, typed))
            json_object_set_string_member (doc, "phone_raw", typed);
        }
    }
  if (json_object_has_member (record, "email"))
    {
      g_autoptr(GPtrArray) raw = cell_list (record, "email", &bad);
      JsonArray *emails = json_array_new ();

      json_object_set_array_member (doc, "emails", emails);
      if (raw == NULL)
        return refuse (field, "email", error, _("must be text or a list of text"));
      for (guint i = 0; i < raw->len; i++)
        {
          g_autoptr(GError) email_error = NULL;
          if (!cg_email_check (g_ptr_array_index (raw, i), &email_error))
            return refuse (field, "email", error, "%s", email_error->message);
          json_array_add_string_element (emails, g_ptr_array_index (raw, i));
        }
    }
  if (!apply_text (doc, record, "language", "language", field, error) ||
      !apply_text (doc, record, "preferred_channel", "preferred_channel", field, error) ||
      !apply_text (doc, record, "tier", "tier", field, error) ||
      !apply_text (doc, record, "notes", "notes", field, error))
    return NULL;
  if (previous == NULL && !json_object_has_member (doc, "preferred_channel"))
    {
      JsonArray *phones = cg_json_get_array (doc, "phones");
      JsonArray *emails = cg_json_get_array (doc, "emails");
      json_object_set_string_member (doc, "preferred_channel",
                                     phones && json_array_get_length (phones) > 0 ? "sms" :
                                     emails && json_array_get_length (emails) > 0 ? "email" : "none");
    }

  marketing = cell_bool (record, "consent_marketing");
  if (marketing == -2)
    return refuse (field, "consent_marketing", error, _("must be true or false"));
  if (marketing >= 0)
    {
      JsonObject *old = cg_json_get_object (doc, "consent");
      JsonObject *consent = old ? cg_json_copy (old) : json_object_new ();

      if (old == NULL || cg_json_get_bool (old, "marketing", !marketing) != marketing)
        {
          json_object_set_boolean_member (consent, "marketing", marketing);
          json_object_set_string_member (consent, "at", now);
        }
      json_object_set_object_member (doc, "consent", consent);
    }

  if (previous != NULL && same_content (doc, previous))
    return single (NULL);
  cg_device_stamp_change (store, doc, NULL, now);
  if (!validate (CG_IMPORT_CUSTOMERS, doc, previous, field, error))
    return NULL;
  return single (doc);
}

/* The items: a JSON array (in the cell as text, or as a JSON value), or
 * "sku:name:qty:unit_price;…". */
static JsonArray *
parse_items (JsonObject  *record,
             char       **field,
             GError     **error)
{
  JsonNode *node = json_object_get_member (record, "items");
  g_autofree char *text = NULL;
  g_auto(GStrv) entries = NULL;
  g_autoptr(JsonArray) items = NULL;
  gboolean bad = FALSE;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_array_ref (json_node_get_array (node));
  text = cell_text (record, "items", &bad);
  if (bad || text == NULL)
    {
      refuse (field, "items", error, _("the order needs its items"));
      return NULL;
    }
  if (text[0] == '[')
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) parse_error = NULL;
      JsonNode *root;

      if (!cg_json_check_depth (text, -1, &parse_error) ||
          !json_parser_load_from_data (parser, text, -1, &parse_error) ||
          (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
        {
          refuse (field, "items", error, _("not a JSON list of items: %s"),
                  parse_error ? parse_error->message : _("not a list"));
          return NULL;
        }
      return json_array_ref (json_node_get_array (root));
    }

  items = json_array_new ();
  entries = g_strsplit (text, ";", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      guint64 qty, price;
      JsonObject *item;

      if (*g_strstrip (entries[i]) == '\0')
        continue;
      parts = g_strsplit (entries[i], ":", -1);
      if (g_strv_length (parts) != 4 ||
          !g_ascii_string_to_unsigned (g_strstrip (parts[2]), 10, 1, G_MAXINT32, &qty, NULL) ||
          !g_ascii_string_to_unsigned (g_strstrip (parts[3]), 10, 0, G_MAXINT64, &price, NULL) ||
          *g_strstrip (parts[0]) == '\0' || *g_strstrip (parts[1]) == '\0')
        {
          refuse (field, "items", error,
                  _("item %u must read sku:name:qty:unit_price (a quantity of at least 1, a price in whole minor units), not “%s”"),
                  i + 1, entries[i]);
          return NULL;
        }
      item = json_object_new ();
      json_object_set_string_member (item, "sku", parts[0]);
      json_object_set_string_member (item, "name", parts[1]);
      json_object_set_int_member (item, "qty", (gint64) qty);
      json_object_set_int_member (item, "unit_price", (gint64) price);
      json_array_add_object_element (items, item);
    }
  if (json_array_get_length (items) == 0)
    {
      refuse (field, "items", error, _("the order needs its items"));
      return NULL;
    }
  return g_steal_pointer (&items);
}

/* The one customer with phone @e164, or NULL with a row error. */
static char *
customer_by_phone (CgStore     *store,
                   const char  *typed,
                   const char  *e164,
                   char       **field,
                   GError     **error)
{
  g_autofree char *national = cg_phone_national_digits (e164);
  g_autoptr(GArray) rowids = cg_store_search_customers (store, national ? national : e164, 50, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) summaries = NULL;

  if (rowids != NULL && rowids->len > 0)
    summaries = cg_customer_summaries_load (store, (const gint64 *) (gpointer) rowids->data, rowids->len);
  for (guint i = 0; summaries != NULL && i < summaries->len; i++)
    {
      const char *id = cg_customer_summary_get_id (g_ptr_array_index (summaries, i));
      g_autoptr(JsonObject) customer = existing (store, id);
      JsonArray *phones = cg_json_get_array (customer, "phones");

      for (guint j = 0; phones != NULL && j < json_array_get_length (phones); j++)
        if (g_strcmp0 (cg_json_array_get_string (phones, j), e164) == 0)
          {
            g_ptr_array_add (found, g_strdup (id));
            break;
          }
    }
  if (found->len == 1)
    return g_strdup (g_ptr_array_index (found, 0));
  if (found->len == 0)
    refuse (field, "customer_phone", error, _("no customer has the phone %s; import the customers first"), typed);
  else
    refuse (field, "customer_phone", error, _("%u customers have the phone %s; give customer_id instead"),
            found->len, typed);
  return NULL;
}

static GPtrArray *
build_order (CgStore     *store,
             JsonObject  *record,
             const char  *now,
             char       **field,
             GError     **error)
{
  g_autoptr(JsonObject) previous = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) customer = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *number = NULL;
  g_autofree char *store_id = cg_device_get_store_id (store);
  g_autofree char *id = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *typed = NULL;
  gboolean bad = FALSE;
  const char *status, *old_status;

  number = cell_text (record, "number", &bad);
  if (bad || number == NULL)
    return refuse (field, "number", error, _("an order number is required"));
  id = g_strdup_printf ("order:%s:%s", store_id, number);
  previous = existing (store, id);
  if (previous != NULL)
    doc = cg_json_copy (previous);
  else
    {
      doc = json_object_new ();
      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "type", "order");
      json_object_set_string_member (doc, "number", number);
      json_object_set_string_member (doc, "store_id", store_id);
      json_object_set_string_member (doc, "channel", "online");
      json_object_set_string_member (doc, "status", "placed");
      json_object_set_string_member (doc, "currency", "KRW");
      json_object_set_string_member (doc, "created_at", now);
    }

  customer_id = cell_text (record, "customer_id", &bad);
  typed = cell_text (record, "customer_phone", &bad);
  if (bad)
    return refuse (field, customer_id ? "customer_phone" : "customer_id", error, _("must be text"));
  if (customer_id != NULL)
    {
      customer = existing (store, customer_id);
      if (customer == NULL || g_strcmp0 (cg_json_get_string (customer, "type"), "customer") != 0)
        return refuse (field, "customer_id", error, _("no customer has the id %s; import the customers first"),
                       customer_id);
    }
  else if (typed != NULL)
    {
      g_autoptr(GError) phone_error = NULL;
      g_autofree char *e164 = cg_phone_normalize (typed, &phone_error);

      if (e164 == NULL)
        return refuse (field, "customer_phone", error, "%s", phone_error->message);
      customer_id = customer_by_phone (store, typed, e164, field, error);
      if (customer_id == NULL)
        return NULL;
      customer = existing (store, customer_id);
    }
  if (customer_id != NULL)
    json_object_set_string_member (doc, "customer_id", customer_id);
  else if (customer == NULL && previous != NULL && cg_json_get_string (previous, "customer_id") != NULL)
    customer = existing (store, cg_json_get_string (previous, "customer_id"));

  if (!apply_text (doc, record, "channel", "channel", field, error) ||
      !apply_text (doc, record, "status", "status", field, error) ||
      !apply_text (doc, record, "currency", "currency", field, error) ||
      !apply_text (doc, record, "created_at", "created_at", field, error))
    return NULL;

  if (json_object_has_member (record, "items") || previous == NULL)
    {
      JsonArray *items = parse_items (record, field, error);
      if (items == NULL)
        return NULL;
      json_object_set_array_member (doc, "items", items);
    }
  if (json_object_has_member (record, "total") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (record, "total")) &&
      json_node_get_value_type (json_object_get_member (record, "total")) == G_TYPE_INT64)
    json_object_set_int_member (doc, "total", json_object_get_int_member (record, "total"));
  else
    {
      g_autofree char *total = cell_text (record, "total", &bad);
      guint64 value;

      if (bad)
        return refuse (field, "total", error, _("must be a whole number in minor units (12000 for ₩12,000)"));
      if (total != NULL)
        {
          if (!g_ascii_string_to_unsigned (total, 10, 0, G_MAXINT64, &value, NULL))
            return refuse (field, "total", error,
                           _("“%s” is not a whole number in minor units (12000 for ₩12,000)"), total);
          json_object_set_int_member (doc, "total", (gint64) value);
        }
      else if (json_object_has_member (record, "items") || previous == NULL)
        {
          JsonArray *items = cg_json_get_array (doc, "items");
          gint64 sum = 0, qty = 0, price = 0;

          for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
            {
              JsonObject *item = json_array_get_object_element (items, i);
              if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, i)) &&
                  cg_json_get_int (item, "qty", &qty) && cg_json_get_int (item, "unit_price", &price))
                sum += qty * price;
            }
          json_object_set_int_member (doc, "total", sum);
        }
    }

  status = cg_json_get_string (doc, "status");
  old_status = previous ? cg_json_get_string (previous, "status") : NULL;
  if (g_strcmp0 (status, "ready_for_pickup") == 0 && cg_json_get_string (doc, "ready_at") == NULL)
    json_object_set_string_member (doc, "ready_at", now);

  if (previous != NULL && same_content (doc, previous))
    return single (NULL);
  cg_device_stamp_change (store, doc, NULL, now);
  if (!validate (CG_IMPORT_ORDERS, doc, previous, field, error))
    return NULL;
  docs = single (doc);

  /* The kiosk-safe pickup of an order that is (or was) ready, in the same
   * batch as the order. */
  if (status != NULL && g_strcmp0 (status, old_status) != 0)
    {
      g_autofree char *pickup_id = cg_pickup_doc_id (store_id, number);
      g_autoptr(JsonObject) old_pickup = existing (store, pickup_id);
      g_autoptr(JsonObject) pickup = NULL;

      if (old_pickup != NULL)
        {
          pickup = cg_json_copy (old_pickup);
          json_object_set_string_member (pickup, "status", status);
        }
      else if (g_str_equal (status, "ready_for_pickup"))
        {
          g_autofree char *salt = cg_pickup_new_salt ();
          JsonArray *phones = cg_json_get_array (customer, "phones");
          const char *phone = phones ? cg_json_array_get_string (phones, 0) : NULL;
          char last4[5];

          pickup = cg_pickup_build (store_id, number, status, cg_json_get_string (doc, "ready_at"), salt,
                                    phone && cg_pickup_phone_last4 (phone, last4) ? last4 : NULL);
        }
      if (pickup != NULL)
        {
          cg_device_stamp_change (store, pickup, NULL, now);
          if (!validate (CG_IMPORT_ORDERS, pickup, old_pickup, field, error))
            return NULL;
          g_ptr_array_add (docs, g_steal_pointer (&pickup));
        }
    }
  return g_steal_pointer (&docs);
}

static GPtrArray *
build_article (CgStore     *store,
               JsonObject  *record,
               const char  *now,
               char       **field,
               GError     **error)
{
  g_autoptr(JsonObject) previous = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *id = NULL;
  gboolean bad = FALSE;
  int published;

  slug = cell_text (record, "slug", &bad);
  if (bad || slug == NULL)
    return refuse (field, "slug", error, _("a slug is required (lowercase letters, digits and -)"));
  for (const char *p = slug; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-') || strlen (slug) > 100)
      return refuse (field, "slug", error,
                     _("“%s” may hold only lowercase letters, digits and - (at most 100)"), slug);
  id = g_strconcat ("article:", slug, NULL);
  previous = existing (store, id);
  if (previous != NULL)
    doc = cg_json_copy (previous);
  else
    {
      doc = json_object_new ();
      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "type", "article");
      json_object_set_boolean_member (doc, "published", FALSE);
      json_object_set_array_member (doc, "tags", json_array_new ());
    }
  if (!apply_text (doc, record, "title", "title", field, error) ||
      !apply_text (doc, record, "body", "body", field, error) ||
      !apply_text (doc, record, "locale", "locale", field, error) ||
      !apply_text (doc, record, "category", "category", field, error))
    return NULL;
  if (json_object_has_member (record, "tags"))
    {
      g_autoptr(GPtrArray) tags = cell_list (record, "tags", &bad);
      JsonArray *array = json_array_new ();

      json_object_set_array_member (doc, "tags", array);
      if (tags == NULL)
        return refuse (field, "tags", error, _("must be text or a list of text"));
      for (guint i = 0; i < tags->len; i++)
        json_array_add_string_element (array, g_ptr_array_index (tags, i));
    }
  published = cell_bool (record, "published");
  if (published == -2)
    return refuse (field, "published", error, _("must be true or false"));
  if (published >= 0)
    json_object_set_boolean_member (doc, "published", published);

  if (previous != NULL && same_content (doc, previous))
    return single (NULL);
  cg_device_stamp_change (store, doc, NULL, now);
  if (!validate (CG_IMPORT_ARTICLES, doc, previous, field, error))
    return NULL;
  return single (doc);
}

GPtrArray *
cg_import_build_row (CgStore       *store,
                     CgImportKind   kind,
                     JsonObject    *record,
                     const char    *now,
                     char         **field,
                     GError       **error)
{
  g_autofree char *now_owned = NULL;
  const char *unknown;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (record != NULL && field != NULL, NULL);

  *field = NULL;
  if (now == NULL)
    now = now_owned = cg_json_timestamp_now ();
  unknown = unknown_member (kind, record);
  if (unknown != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) cg_import_kind_columns (kind));
      return refuse (field, unknown, error, _("is not a field this import knows (%s)"), list);
    }
  switch (kind)
    {
    case CG_IMPORT_CUSTOMERS: return build_customer (store, record, now, field, error);
    case CG_IMPORT_ORDERS: return build_order (store, record, now, field, error);
    case CG_IMPORT_ARTICLES: return build_article (store, record, now, field, error);
    default: g_return_val_if_reached (NULL);
    }
}

/* =================================================================== run */

void
cg_import_row_error_free (CgImportRowError *row_error)
{
  if (row_error == NULL)
    return;
  g_free (row_error->field);
  g_free (row_error->message);
  g_free (row_error);
}

static void
add_row_error (CgImportCounts *counts,
               GPtrArray      *row_errors,
               guint           line,
               const char     *field,
               const char     *message)
{
  counts->refused++;
  if (row_errors != NULL)
    {
      CgImportRowError *e = g_new0 (CgImportRowError, 1);
      e->line = line;
      e->field = g_strdup (field);
      e->message = g_strdup (message);
      g_ptr_array_add (row_errors, e);
    }
}

gboolean
cg_import_run (CgStore              *store,
               CgImportKind          kind,
               CgImportFormat        format,
               GBytes               *data,
               guint                 batch_size,
               CgImportProgressFunc  progress,
               gpointer              user_data,
               GCancellable         *cancellable,
               CgImportCounts       *counts,
               GPtrArray            *row_errors,
               GError              **error)
{
  g_autoptr(CgImportReader) reader = NULL;
  CgImportCounts batch = { 0 };
  guint in_batch = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);
  if (batch_size == 0)
    batch_size = DEFAULT_BATCH_SIZE;
  reader = cg_import_reader_new (kind, format, data, error);
  if (reader == NULL)
    return FALSE;
  if (progress != NULL)
    progress (0, cg_import_reader_get_estimate (reader), user_data);
  if (!cg_store_begin (store, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(JsonObject) record = NULL;
      g_autoptr(GError) row_error = NULL;
      g_autoptr(GError) read_error = NULL;
      g_autoptr(GPtrArray) docs = NULL;
      g_autofree char *field = NULL;
      g_autofree char *now = NULL;
      guint line = 0;
      gboolean more;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      more = cg_import_reader_next (reader, &record, &line, &row_error, &read_error);
      if (!more)
        {
          if (read_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&read_error));
              ok = FALSE;
            }
          break;
        }
      batch.read++;
      if (record == NULL)
        {
          add_row_error (&batch, row_errors, line, NULL, row_error->message);
          goto next;
        }

      now = cg_json_timestamp_now ();
      docs = cg_import_build_row (store, kind, record, now, &field, &row_error);
      if (docs == NULL)
        {
          add_row_error (&batch, row_errors, line, field, row_error->message);
          goto next;
        }
      if (docs->len == 0)
        {
          batch.unchanged++;
          goto next;
        }
      {
        gboolean update = json_object_has_member (g_ptr_array_index (docs, 0), "_rev");

        for (guint i = 0; i < docs->len; i++)
          {
            g_autofree char *rev = cg_store_put (store, g_ptr_array_index (docs, i), &row_error);

            if (rev != NULL)
              continue;
            /* Every document of the row was validated before the first was
             * written, so only the first can still be refused alone (a
             * check cg_store_put makes beyond validation). A later failure
             * would leave the row half written: stop, rolling the batch
             * back. */
            if (i == 0 && !g_error_matches (row_error, CG_STORE_ERROR, CG_STORE_ERROR_IO) &&
                !g_error_matches (row_error, CG_STORE_ERROR, CG_STORE_ERROR_BUSY))
              {
                add_row_error (&batch, row_errors, line, field, row_error->message);
                goto next;
              }
            g_propagate_prefixed_error (error, g_steal_pointer (&row_error), _("line %u: "), line);
            cg_store_rollback (store);
            return FALSE;
          }
        if (update)
          batch.updated++;
        else
          batch.created++;
      }

    next:
      if (++in_batch >= batch_size)
        {
          if (!cg_store_commit (store, error))
            return FALSE;
          counts->read += batch.read;
          counts->created += batch.created;
          counts->updated += batch.updated;
          counts->unchanged += batch.unchanged;
          counts->refused += batch.refused;
          memset (&batch, 0, sizeof batch);
          in_batch = 0;
          if (progress != NULL)
            progress (counts->read, MAX (counts->read, cg_import_reader_get_estimate (reader)), user_data);
          if (!cg_store_begin (store, error))
            return FALSE;
        }
    }

  /* The rows before a syntax error that stops the file are good rows:
   * keep them, as the batches before. A cancelled batch is rolled back. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      cg_store_rollback (store);
      return FALSE;
    }
  if (!cg_store_commit (store, ok ? error : NULL))
    return FALSE;
  counts->read += batch.read;
  counts->created += batch.created;
  counts->updated += batch.updated;
  counts->unchanged += batch.unchanged;
  counts->refused += batch.refused;
  if (progress != NULL)
    progress (counts->read, counts->read, user_data);
  return ok;
}
