/* cg-admin-main.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin: sets up the locale and hands over to a subcommand.
 */
#define G_LOG_DOMAIN "changgu-admin"

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "cg-admin.h"

typedef struct {
  const char *name;
  int       (*run) (int argc, char **argv);
} Command;

static const Command commands[] = {
  { "doc", cg_admin_doc_main },
  { "demo-data", cg_admin_demo_main },
  { "rebuild-index", cg_admin_index_main },
  { "sync", cg_admin_sync_main },
  { "provision", cg_admin_provision_main },
  { "add-device", cg_admin_add_device_main },
  { "import", cg_admin_import_main },
  { "relay", cg_admin_relay_main },
  { "keygen", cg_admin_keygen_main },
  { "config", cg_admin_config_main },
  { "fleet", cg_admin_fleet_main },
};

static void
print_help (void)
{
  g_print ("%s\n  changgu-admin %s\n\n%s\n\n%s\n",
           _("Usage:"), _("COMMAND [OPTION…]"),
           _("Administer Changgu stores from the command line."),
           _("Commands:"));
  g_print ("  %-40s %s\n", "doc get ID --db PATH", _("Print a document as JSON"));
  g_print ("  %-40s %s\n", "doc list --db PATH", _("List documents with their revisions"));
  g_print ("  %-40s %s\n", "doc put FILE|- --db PATH", _("Write a document, validated as the app does"));
  g_print ("  %-40s %s\n", "demo-data --customers N --db PATH", _("Write a realistic demo store"));
  g_print ("  %-40s %s\n", "rebuild-index --db PATH", _("Rebuild the projections and search indexes"));
  g_print ("  %-40s %s\n", "sync --db PATH [--provision FILE] [--once]", _("Replicate with the central service"));
  g_print ("  %-40s %s\n", "provision --server URL --store S", _("Create a store's databases and write rules"));
  g_print ("  %-40s %s\n", "add-device --server URL --store S --role R", _("Add a counter or kiosk; write its provisioning file"));
  g_print ("  %-40s %s\n", "import --db PATH KIND FILE", _("Import customers, orders or articles (CSV, JSON)"));
  g_print ("  %-40s %s\n", "relay --server URL --store S [--once]", _("Join a store's kiosk and store databases"));
  g_print ("  %-40s %s\n", "keygen --key-id ID --out DIR", _("Make a key pair for signing configuration"));
  g_print ("  %-40s %s\n", "config push --server URL --key FILE …", _("Sign and write a configuration"));
  g_print ("  %-40s %s\n", "config show --server URL --scope SCOPE", _("Print a configuration or a store's merge"));
  g_print ("  %-40s %s\n", "fleet --server URL [--store S]", _("Show what every device last reported"));
  g_print ("\n%s\n\n%s\n",
           _("Run “changgu-admin COMMAND --help” for the options of a command."),
           _("Exit status: 0 on success, 1 when the command failed, 2 when the command line is wrong."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* An uninstalled build (build-aux/dev) points at its own catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CHANGGU_LOCALEDIR") ? g_getenv ("CHANGGU_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("changgu-admin");

  if (argc < 2)
    return cg_admin_usage_error (NULL, _("Say which command to run."));

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help") || g_str_equal (argv[1], "-?"))
    {
      print_help ();
      return CG_ADMIN_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("changgu-admin %s\n", PACKAGE_VERSION);
      return CG_ADMIN_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  if (argv[1][0] == '-')
    return cg_admin_usage_error (NULL, _("Unknown option %s: options go after the command."), argv[1]);
  return cg_admin_usage_error (NULL, _("Unknown command “%s”."), argv[1]);
}
