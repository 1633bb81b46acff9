/* cg-admin-doc.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin doc get|list|put: documents of a local store, as JSON, for
 * people and scripts. Writes go through cg_store_put(), so a document put
 * here is validated and revised exactly as one saved in the app.
 */
#define G_LOG_DOMAIN "changgu-admin"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-admin.h"

/* Data goes to stdout as UTF-8 bytes whatever the locale (g_print would
 * convert it to the locale's charset). */
static void
write_stdout (const char *text,
              gsize       len)
{
  fwrite (text, 1, len, stdout);
}

static char **
take_arguments (char ***remaining)
{
  char **args = *remaining;
  *remaining = NULL;
  return args != NULL ? args : g_new0 (char *, 1);
}

/* ---------------------------------------------------------------- doc get */

static int
doc_get (int    argc,
         char **argv)
{
  g_autofree char *db = NULL;
  g_auto(GStrv) remaining = NULL;
  g_auto(GStrv) args = NULL;
  gboolean conflicts = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The store (an SQLite file)"), N_("PATH") },
    { "conflicts", 0, 0, G_OPTION_ARG_NONE, &conflicts,
      N_("Also list the conflicting revisions in “_conflicts”"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    cg_admin_option_context_new ("doc get", _("ID"),
                                 _("Prints the winning revision of a document as JSON, with “_id” and “_rev”."),
                                 _("Example:\n  changgu-admin doc get customer:5f0c… --db ~/changgu.db"),
                                 entries);
  g_autoptr(CgStore) store = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  int exit_code;

  if (!cg_admin_parse_options (context, "doc get", &argc, &argv, &exit_code))
    return exit_code;
  args = take_arguments (&remaining);
  if (args[0] == NULL)
    return cg_admin_usage_error ("doc get", _("Say which document to print: changgu-admin doc get ID --db PATH."));
  if (args[1] != NULL)
    return cg_admin_usage_error ("doc get", _("Give one document ID; “%s” is one too many."), args[1]);

  store = cg_admin_open_store ("doc get", db, TRUE, &exit_code);
  if (store == NULL)
    return exit_code;

  doc = cg_store_get (store, args[0], conflicts, &error);
  if (doc == NULL)
    {
      if (g_error_matches (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND))
        return cg_admin_failure ("doc get", _("There is no document “%s” in %s (list them with “changgu-admin doc list”)."),
                                 args[0], db);
      return cg_admin_failure ("doc get", "%s", error->message);
    }

  root = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (root, doc);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  write_stdout (text, strlen (text));
  write_stdout ("\n", 1);
  return CG_ADMIN_EXIT_OK;
}

/* --------------------------------------------------------------- doc list */

typedef struct {
  gboolean json;
  guint64  n;
  GString *line;
} ListState;

static gboolean
print_document (const char *id,
                const char *rev,
                gint64      seq,
                gpointer    user_data)
{
  ListState *state = user_data;

  g_string_truncate (state->line, 0);
  if (state->json)
    {
      g_string_append (state->line, state->n == 0 ? "\n  {\"id\": " : ",\n  {\"id\": ");
      cg_admin_append_json_string (state->line, id);
      g_string_append (state->line, ", \"rev\": ");
      cg_admin_append_json_string (state->line, rev);
      g_string_append_c (state->line, '}');
    }
  else
    g_string_append_printf (state->line, "%s\t%s\n", id, rev);
  write_stdout (state->line->str, state->line->len);
  state->n++;
  return TRUE;
}

static int
doc_list (int    argc,
          char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *type = NULL;
  g_auto(GStrv) remaining = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The store (an SQLite file)"), N_("PATH") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("Only documents of this type (customer, order, case, …)"), N_("TYPE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array of {\"id\", \"rev\"} objects"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    cg_admin_option_context_new ("doc list", NULL,
                                 _("Lists the live documents of a store by id, one “ID<TAB>REV” line each."),
                                 _("Example:\n  changgu-admin doc list --type case --db ~/changgu.db"),
                                 entries);
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  ListState state = { 0 };
  int exit_code;

  if (!cg_admin_parse_options (context, "doc list", &argc, &argv, &exit_code))
    return exit_code;
  if (remaining != NULL && remaining[0] != NULL)
    return cg_admin_usage_error ("doc list", _("“%s” is not an option of doc list (it takes no arguments)."),
                                 remaining[0]);
  if (type != NULL && *type == '\0')
    return cg_admin_usage_error ("doc list", _("--type needs a document type, such as customer or case."));

  store = cg_admin_open_store ("doc list", db, TRUE, &exit_code);
  if (store == NULL)
    return exit_code;

  state.json = json;
  state.line = line;
  if (json)
    write_stdout ("[", 1);
  cg_store_foreach_document (store, type, print_document, &state);
  if (json)
    write_stdout (state.n > 0 ? "\n]\n" : "]\n", state.n > 0 ? 3 : 2);
  return CG_ADMIN_EXIT_OK;
}

/* ---------------------------------------------------------------- doc put */

static char *
read_all_stdin (gsize   *length,
                GError **error)
{
  GString *data = g_string_new (NULL);
  char buf[65536];
  size_t n;

  while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
    g_string_append_len (data, buf, (gssize) n);
  if (ferror (stdin))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot read the standard input."));
      g_string_free (data, TRUE);
      return NULL;
    }
  *length = data->len;
  return g_string_free (data, FALSE);
}

/* json-glib reports "<data>:LINE:COL: Parse error: …"; say it in terms of
 * the file the user gave. */
static char *
describe_parse_error (const char   *source,
                      const GError *error)
{
  int line = 0, column = 0, consumed = 0;
  const char *rest;

  if (sscanf (error->message, "<data>:%d:%d: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      rest = error->message + consumed;
      if (g_str_has_prefix (rest, "Parse error: "))
        rest += strlen ("Parse error: ");
      return g_strdup_printf (_("%s is not valid JSON: line %d, column %d: %s."),
                              source, line, column, rest);
    }
  return g_strdup_printf (_("%s is not valid JSON: %s"), source, error->message);
}

static int
doc_put (int    argc,
         char **argv)
{
  g_autofree char *db = NULL;
  g_auto(GStrv) remaining = NULL;
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The store (an SQLite file; created if missing)"), N_("PATH") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    cg_admin_option_context_new ("doc put", _("FILE|-"),
                                 _("Writes one JSON document (an object with “_id” and “type”) from FILE, or from the standard input with “-”, and prints its new revision."),
                                 _("The document is validated as the app validates it. To change an existing\n"
                                   "document, give its current revision in “_rev” (as “doc get” prints it).\n"
                                   "Fields that this version of Changgu does not know are stored as they are.\n\n"
                                   "Example:\n"
                                   "  changgu-admin doc get customer:5f0c… --db s.db > c.json\n"
                                   "  (edit c.json)\n"
                                   "  changgu-admin doc put c.json --db s.db"),
                                 entries);
  g_autoptr(CgStore) store = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *source = NULL;
  JsonNode *root;
  gsize length = 0;
  int exit_code;

  if (!cg_admin_parse_options (context, "doc put", &argc, &argv, &exit_code))
    return exit_code;
  args = take_arguments (&remaining);
  if (args[0] == NULL)
    return cg_admin_usage_error ("doc put", _("Say which file holds the document, or “-” to read it from the standard input."));
  if (args[1] != NULL)
    return cg_admin_usage_error ("doc put", _("Give one file; “%s” is one too many."), args[1]);
  if (db == NULL || *db == '\0')
    return cg_admin_usage_error ("doc put", _("Say which store to use with --db PATH."));

  if (g_str_equal (args[0], "-"))
    {
      source = g_strdup (_("The standard input"));
      text = read_all_stdin (&length, &error);
    }
  else
    {
      source = g_strdup (args[0]);
      if (!g_file_get_contents (args[0], &text, &length, &error))
        return cg_admin_failure ("doc put", "%s", error->message);
    }
  if (text == NULL)
    return cg_admin_failure ("doc put", "%s", error->message);

  parser = json_parser_new ();
  if (!cg_json_check_depth (text, (gssize) length, &error) ||
      !json_parser_load_from_data (parser, text, (gssize) length, &error))
    {
      g_autofree char *message = describe_parse_error (source, error);
      return cg_admin_failure ("doc put", "%s", message);
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    return cg_admin_failure ("doc put", _("%s is empty; it should hold one JSON object."), source);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return cg_admin_failure ("doc put", _("%s holds %s; it should hold one JSON object (a document)."),
                             source, JSON_NODE_HOLDS_ARRAY (root) ? _("an array") : _("a single value"));

  /* A write may start a new store, as demo-data does. */
  store = cg_admin_open_store ("doc put", db, FALSE, &exit_code);
  if (store == NULL)
    return exit_code;

  rev = cg_store_put (store, json_node_get_object (root), &error);
  if (rev == NULL)
    {
      if (g_error_matches (error, CG_STORE_ERROR, CG_STORE_ERROR_CONFLICT))
        return cg_admin_failure ("doc put", _("%s Print the current document with “changgu-admin doc get”, put its “_rev” in yours and try again."),
                                 error->message);
      return cg_admin_failure ("doc put", "%s", error->message);
    }
  write_stdout (rev, strlen (rev));
  write_stdout ("\n", 1);
  return CG_ADMIN_EXIT_OK;
}

/* -------------------------------------------------------------------- doc */

int
cg_admin_doc_main (int    argc,
                   char **argv)
{
  if (argc < 2)
    return cg_admin_usage_error ("doc", _("Say what to do: get, list or put."));
  if (g_str_equal (argv[1], "get"))
    return doc_get (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return doc_list (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "put"))
    return doc_put (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      g_print ("%s\n  changgu-admin doc get ID --db PATH [--conflicts]\n"
               "  changgu-admin doc list --db PATH [--type TYPE] [--json]\n"
               "  changgu-admin doc put FILE|- --db PATH\n\n%s\n",
               _("Usage:"),
               _("Run “changgu-admin doc get --help” (or list, put) for details."));
      return CG_ADMIN_EXIT_OK;
    }
  return cg_admin_usage_error ("doc", _("Unknown doc command “%s”: use get, list or put."), argv[1]);
}
