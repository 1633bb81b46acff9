/* main.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "cg-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CgApplication) application = NULL;

  setlocale (LC_ALL, "");
  /* An uninstalled build (build-aux/dev) points at its own catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CHANGGU_LOCALEDIR") ? g_getenv ("CHANGGU_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = cg_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
