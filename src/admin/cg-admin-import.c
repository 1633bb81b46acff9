/* cg-admin-import.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin import: customers, orders or articles from a CSV or JSON
 * file into a store (cg-import.c does the reading, checking and writing).
 * Each refused row is reported with its line, the column and the reason;
 * the rest is imported. A progress bar on a terminal, a summary at the end,
 * and --json for scripts (with every refused row).
 */
#define G_LOG_DOMAIN "changgu-admin"

#include "config.h"

#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "cg-admin.h"
#include "cg-import.h"

#define COMMAND "import"
/* Rows refused are listed on stderr up to this many; --json lists all. */
#define MAX_SHOWN_ERRORS 100

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  CgAdminProgress *progress = user_data;

  if (progress != NULL)
    cg_admin_progress_update (progress, done, total);
}

static char *
describe_row_error (const CgImportRowError *e)
{
  if (e->field != NULL)
    return g_strdup_printf (_("line %u, %s: %s"), e->line, e->field, e->message);
  return g_strdup_printf (_("line %u: %s"), e->line, e->message);
}

static void
print_json (const char           *kind,
            const char           *file,
            gboolean              ok,
            const GError         *error,
            const CgImportCounts *counts,
            GPtrArray            *row_errors,
            double                seconds)
{
  g_autoptr(GString) out = g_string_new ("{\"ok\": ");

  g_string_append (out, ok && counts->refused == 0 ? "true" : "false");
  g_string_append (out, ", \"kind\": ");
  cg_admin_append_json_string (out, kind);
  g_string_append (out, ", \"file\": ");
  cg_admin_append_json_string (out, file);
  g_string_append_printf (out, ", \"read\": %" G_GUINT64_FORMAT ", \"created\": %" G_GUINT64_FORMAT
                          ", \"updated\": %" G_GUINT64_FORMAT ", \"unchanged\": %" G_GUINT64_FORMAT
                          ", \"refused\": %" G_GUINT64_FORMAT ", \"seconds\": %.3f, \"rows_per_second\": %.0f",
                          counts->read, counts->created, counts->updated, counts->unchanged, counts->refused,
                          seconds, seconds > 0 ? counts->read / seconds : 0.0);
  if (error != NULL)
    {
      g_string_append (out, ", \"error\": ");
      cg_admin_append_json_string (out, error->message);
    }
  g_string_append (out, ", \"errors\": [");
  for (guint i = 0; i < row_errors->len; i++)
    {
      const CgImportRowError *e = g_ptr_array_index (row_errors, i);

      g_string_append_printf (out, "%s\n  {\"line\": %u, \"field\": ", i > 0 ? "," : "", e->line);
      if (e->field != NULL)
        cg_admin_append_json_string (out, e->field);
      else
        g_string_append (out, "null");
      g_string_append (out, ", \"message\": ");
      cg_admin_append_json_string (out, e->message);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}\n");
  g_print ("%s", out->str);
}

int
cg_admin_import_main (int    argc,
                      char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *batch_text = NULL;
  g_auto(GStrv) remaining = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The store to import into (created if missing)"), N_("PATH") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("csv or json (default: json if the file starts with [ or {, else csv)"), N_("FORMAT") },
    { "batch-size", 0, 0, G_OPTION_ARG_STRING, &batch_text, N_("Rows per transaction (default 1000)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary and every refused row as JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    cg_admin_option_context_new (COMMAND, _("customers|orders|articles FILE"),
                                 _("Imports customers, orders or articles from a CSV or JSON file into a store. "
                                   "Every row is checked as the app checks what staff type; a refused row is "
                                   "reported with its line, the column and the reason, and the other rows are imported."),
                                 _("CSV: a header row naming the columns, then one row per record (RFC 4180:\n"
                                   "fields with commas, quotes or line breaks in double quotes, \"\" for a quote),\n"
                                   "UTF-8 (a byte order mark is fine). JSON: an array of objects, or one object\n"
                                   "per line. Lists (phones, e-mails, tags) are separated by “;” in CSV.\n\n"
                                   "Columns:\n"
                                   "  customers  name, phone, email, language, preferred_channel, tier, notes,\n"
                                   "             consent_marketing (true/false), id (your own id: importing\n"
                                   "             the same id again updates that customer, never duplicates it)\n"
                                   "  orders     number, customer_id or customer_phone, channel, status, items,\n"
                                   "             total (minor units; default the sum of the items), currency\n"
                                   "             (default KRW), created_at. items: a JSON list of\n"
                                   "             {sku, name, qty, unit_price}, or sku:name:qty:unit_price;…\n"
                                   "  articles   slug, title, body, tags, locale, category, published\n\n"
                                   "Orders and articles are identified by their number and slug, so a second\n"
                                   "import updates them. Rows are written in transactions of 1,000: a row is never\n"
                                   "half written, and Ctrl+C loses only the transaction in progress.\n"
                                   "Exit status 1 also when some rows were refused (the others are imported).\n\n"
                                   "Example:\n"
                                   "  changgu-admin import --db store.db customers customers.csv"),
                                 entries);
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) row_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_import_row_error_free);
  g_autoptr(CgAdminProgress) progress = NULL;
  CgImportCounts counts = { 0 };
  CgImportKind kind;
  CgImportFormat format = CG_IMPORT_FORMAT_AUTO;
  guint64 batch_size = 1000;
  const char *file;
  gint64 started;
  double seconds;
  gboolean ok;
  int exit_code;

  if (!cg_admin_parse_options (context, COMMAND, &argc, &argv, &exit_code))
    return exit_code;
  if (remaining == NULL || g_strv_length (remaining) < 2)
    return cg_admin_usage_error (COMMAND, _("Say what to import and from which file: customers, orders or articles, then FILE."));
  if (g_strv_length (remaining) > 2)
    return cg_admin_usage_error (COMMAND, _("Unexpected argument “%s”: import takes one file."), remaining[2]);
  if (!cg_import_kind_from_string (remaining[0], &kind))
    return cg_admin_usage_error (COMMAND, _("“%s” cannot be imported: say customers, orders or articles."), remaining[0]);
  file = remaining[1];
  if (format_text != NULL)
    {
      if (g_str_equal (format_text, "csv"))
        format = CG_IMPORT_FORMAT_CSV;
      else if (g_str_equal (format_text, "json"))
        format = CG_IMPORT_FORMAT_JSON;
      else
        return cg_admin_usage_error (COMMAND, _("--format must be csv or json, not “%s”."), format_text);
    }
  if (batch_text != NULL && !cg_admin_parse_count (batch_text, 1, 100000, &batch_size))
    return cg_admin_usage_error (COMMAND, _("--batch-size takes a whole number from 1 to 100000, not “%s”."), batch_text);
  if (db == NULL || *db == '\0')
    return cg_admin_usage_error (COMMAND, _("Say which store to import into with --db PATH."));

  /* Read the file before opening the store, so that a mistyped file name
   * does not leave a new empty store behind. */
  {
    /* "-" is the standard input (g_file_get_contents reads pipes too). */
    const char *path = g_str_equal (file, "-") ? "/dev/stdin" : file;
    char *contents = NULL;
    gsize length = 0;

    if (!g_file_get_contents (path, &contents, &length, &error))
      return cg_admin_failure (COMMAND, _("Cannot read the file: %s"), error->message);
    data = g_bytes_new_take (contents, length);
  }

  store = cg_admin_open_store (COMMAND, db, FALSE, &exit_code);
  if (store == NULL)
    return exit_code;

  /* The bar only for a person watching: not in a pipe or a log, and not
   * when a script reads JSON. */
  if (!json && isatty (STDOUT_FILENO))
    progress = cg_admin_progress_new (COMMAND, _("rows"));

  started = g_get_monotonic_time ();
  ok = cg_import_run (store, kind, format, data, (guint) batch_size, on_progress, progress, NULL,
                      &counts, row_errors, &error);
  seconds = (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC;
  g_clear_pointer (&progress, cg_admin_progress_free);

  if (json)
    {
      print_json (remaining[0], file, ok, error, &counts, row_errors, seconds);
      return ok && counts.refused == 0 ? CG_ADMIN_EXIT_OK : CG_ADMIN_EXIT_FAILURE;
    }

  for (guint i = 0; i < row_errors->len && i < MAX_SHOWN_ERRORS; i++)
    {
      g_autofree char *text = describe_row_error (g_ptr_array_index (row_errors, i));
      g_printerr ("changgu-admin %s: %s\n", COMMAND, text);
    }
  if (row_errors->len > MAX_SHOWN_ERRORS)
    {
      g_autofree char *more = cg_admin_format_count (row_errors->len - MAX_SHOWN_ERRORS);
      g_printerr (_("changgu-admin %s: … and %s more refused rows (--json lists them all).\n"), COMMAND, more);
    }

  if (!ok && counts.read == 0)
    return cg_admin_failure (COMMAND, "%s", error->message);
  {
    g_autofree char *read = cg_admin_format_count (counts.read);
    g_autofree char *created = cg_admin_format_count (counts.created);
    g_autofree char *updated = cg_admin_format_count (counts.updated);
    g_autofree char *unchanged = cg_admin_format_count (counts.unchanged);
    g_autofree char *refused = cg_admin_format_count (counts.refused);
    g_autofree char *rate = cg_admin_format_count (seconds > 0 ? (guint64) (counts.read / seconds) : counts.read);

    g_print (_("Read %s rows of %s from %s in %.1f s (%s rows/s):\n"), read, remaining[0], file, seconds, rate);
    g_print ("  %-12s %12s\n", _("imported"), created);
    g_print ("  %-12s %12s\n", _("updated"), updated);
    g_print ("  %-12s %12s\n", _("unchanged"), unchanged);
    g_print ("  %-12s %12s\n", _("refused"), refused);
  }
  if (!ok)
    return cg_admin_failure (COMMAND, _("%s (the rows before it were imported)"), error->message);
  return counts.refused == 0 ? CG_ADMIN_EXIT_OK : CG_ADMIN_EXIT_FAILURE;
}
