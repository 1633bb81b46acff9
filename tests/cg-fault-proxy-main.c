/* cg-fault-proxy-main.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `cg-fault-proxy UPSTREAM [--fault NAME] [--times N] [--path TEXT]
 * [--delay-ms MS] [--verbose]`: the tests' fault-injecting proxy, for
 * trying a client against it by hand. Runs until Ctrl-C.
 */
#define G_LOG_DOMAIN "cg-fault-proxy"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <signal.h>
#include <glib-unix.h>

#include "cg-fault-proxy.h"

static gboolean
quit (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *fault_name = NULL;
  g_autofree char *path = NULL;
  int times = 0;
  int delay_ms = -1;
  gboolean verbose = FALSE;
  GOptionEntry entries[] = {
    { "fault", 'f', 0, G_OPTION_ARG_STRING, &fault_name,
      "none, reset-mid-body, truncate-json, malformed-json, 500, 503, 401, 413, slow or refuse", "NAME" },
    { "times", 'n', 0, G_OPTION_ARG_INT, &times, "Inject into this many requests (default 0: all)", "N" },
    { "path", 'p', 0, G_OPTION_ARG_STRING, &path, "Only requests whose path contains TEXT", "TEXT" },
    { "delay-ms", 'd', 0, G_OPTION_ARG_INT, &delay_ms, "The delay of the slow fault (default 2000)", "MS" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Log every request", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("UPSTREAM - a fault-injecting HTTP proxy");
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFaultProxy) proxy = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  CgFault fault = CG_FAULT_NONE;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Forwards HTTP/1.1 on a free 127.0.0.1 port to UPSTREAM (a loopback URL such as\n"
    "http://127.0.0.1:5984) and prints its own URL.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("cg-fault-proxy: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (argc != 2)
    {
      g_printerr ("usage: cg-fault-proxy UPSTREAM [--fault NAME] (see --help)\n");
      return EXIT_FAILURE;
    }
  if (fault_name != NULL && !cg_fault_from_string (fault_name, &fault))
    {
      g_printerr ("cg-fault-proxy: unknown fault '%s' (see --help)\n", fault_name);
      return EXIT_FAILURE;
    }
  if (times < 0)
    {
      g_printerr ("cg-fault-proxy: --times must not be negative\n");
      return EXIT_FAILURE;
    }

  /* Injected faults are always shown; --verbose adds every request. */
  g_setenv ("G_MESSAGES_DEBUG", G_LOG_DOMAIN, FALSE);
  if (verbose)
    g_setenv ("CG_FAULT_PROXY_VERBOSE", "1", TRUE);

  proxy = cg_fault_proxy_new (argv[1], &error);
  if (proxy == NULL)
    {
      g_printerr ("cg-fault-proxy: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (delay_ms >= 0)
    cg_fault_proxy_set_delay_ms (proxy, delay_ms);
  cg_fault_proxy_set_fault (proxy, fault, times, path);

  g_print ("%s -> %s (fault: %s)\n", cg_fault_proxy_get_url (proxy), argv[1],
           cg_fault_to_string (fault));

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit, loop);
  g_unix_signal_add (SIGTERM, quit, loop);
  g_main_loop_run (loop);

  g_print ("%u requests, %u faults injected\n",
           cg_fault_proxy_get_requests (proxy), cg_fault_proxy_get_injected (proxy));
  return EXIT_SUCCESS;
}
