/* cg-admin-util.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the subcommands: one way to report usage errors and
 * failures, to parse options and numbers, and to open a store.
 */
#define G_LOG_DOMAIN "changgu-admin"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-admin.h"

static void
print_prefixed (const char *command,
                const char *message)
{
  g_printerr ("changgu-admin%s%s: %s\n", command ? " " : "", command ? command : "", message);
}

int
cg_admin_usage_error (const char *command,
                      const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  print_prefixed (command, message);
  if (command != NULL)
    g_printerr (_("Run “changgu-admin %s --help” to see how to use it.\n"), command);
  else
    g_printerr (_("Run “changgu-admin --help” to see the commands.\n"));
  return CG_ADMIN_EXIT_USAGE;
}

int
cg_admin_failure (const char *command,
                  const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  print_prefixed (command, message);
  return CG_ADMIN_EXIT_FAILURE;
}

GOptionContext *
cg_admin_option_context_new (const char         *command,
                             const char         *parameters,
                             const char         *summary,
                             const char         *description,
                             const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);
  g_autofree char *full = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  /* Scripts need the exit codes; say them on every page. */
  full = g_strconcat (description ? description : "", description ? "\n\n" : "",
                      _("Exit status: 0 on success, 1 when the command failed, 2 when the command line is wrong."),
                      NULL);
  g_option_context_set_description (context, full);
  return context;
}

gboolean
cg_admin_parse_options (GOptionContext   *context,
                        const char       *command,
                        int              *argc,
                        char           ***argv,
                        int              *exit_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strconcat ("changgu-admin ", command, NULL);
  gboolean ok;

  /* GOption's "Usage:" line starts with the program name: make it the whole
   * command, so that --help shows what to type. */
  g_set_prgname (prgname);
  ok = g_option_context_parse (context, argc, argv, &error);
  g_set_prgname ("changgu-admin");
  if (!ok)
    {
      *exit_code = cg_admin_usage_error (command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

CgStore *
cg_admin_open_store (const char *command,
                     const char *path,
                     gboolean    must_exist,
                     int        *exit_code)
{
  g_autoptr(GError) error = NULL;
  CgStore *store;

  if (path == NULL || *path == '\0')
    {
      *exit_code = cg_admin_usage_error (command, _("Say which store to use with --db PATH."));
      return NULL;
    }
  /* Opening creates a missing file; for a command that reads a store, a
   * mistyped path should say so rather than show an empty store. */
  if (must_exist && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      *exit_code = cg_admin_failure (command,
                                     _("There is no store at %s. Check the path (demo-data creates a new store)."),
                                     path);
      return NULL;
    }
  store = cg_store_open (path, &error);
  if (store == NULL)
    {
      *exit_code = cg_admin_failure (command, "%s", error->message);
      return NULL;
    }
  return store;
}

gboolean
cg_admin_parse_count (const char *text,
                      guint64     min,
                      guint64     max,
                      guint64    *value)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  guint64 n;

  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if ((*p != ',' && *p != '_') || p == text || p[1] == '\0')
        return FALSE;
    }
  if (digits->len == 0 ||
      !g_ascii_string_to_unsigned (digits->str, 10, min, max, &n, NULL))
    return FALSE;
  *value = n;
  return TRUE;
}

char *
cg_admin_format_count (guint64 value)
{
  char digits[32];
  GString *out = g_string_new (NULL);
  gsize len;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);
  len = strlen (digits);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
cg_admin_format_duration (double seconds)
{
  guint64 s = seconds > 0 ? (guint64) (seconds + 0.5) : 0;

  if (s >= 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u",
                            s / 3600, (guint) (s / 60 % 60), (guint) (s % 60));
  return g_strdup_printf ("%u:%02u", (guint) (s / 60), (guint) (s % 60));
}

void
cg_admin_append_json_string (GString    *out,
                             const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}
