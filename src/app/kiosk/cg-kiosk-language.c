/* cg-kiosk-language.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How gettext is switched while the process runs (glibc):
 * - LANGUAGE takes precedence over the locale for messages, except when
 *   LC_MESSAGES is the plain "C" locale, which ignores it; then messages
 *   move to C.UTF-8, which does not.
 * - glibc caches translations it has looked up; calling textdomain() again
 *   bumps its catalogue counter (_nl_msg_cat_cntr), which drops that cache,
 *   so the next gettext() reads LANGUAGE anew.
 * - GLib's g_dgettext() (the core library's and GTK's _()) decides once per
 *   process whether to translate at all: a kiosk started in a locale with
 *   a catalogue (ko_KR) or in English (en_*) translates core and GTK text
 *   in both languages; one started in C.UTF-8 without LANGUAGE translates
 *   only the app's own text.
 * setenv is not thread-safe against a concurrent getenv; the switch happens
 * on the main thread when a visit starts, while no worker is running.
 */
#define G_LOG_DOMAIN "cg-kiosk"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <libintl.h>

#include "cg-kiosk-language.h"

static const char *current;
static const char *startup;

static const char *
language_from_environment (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "ko"))
        return "ko";
      if (g_str_has_prefix (names[i], "en"))
        return "en";
    }
  return "en";
}

const char *
cg_kiosk_get_startup_language (void)
{
  if (startup == NULL)
    startup = language_from_environment ();
  return startup;
}

void
cg_kiosk_set_language (const char *language)
{
  const char *messages;

  g_return_if_fail (g_strcmp0 (language, "ko") == 0 || g_strcmp0 (language, "en") == 0);

  /* Already speaking it: nothing to change. Settings reloads call this on
   * every pull, while sync threads run, and setenv() is not thread-safe. */
  if (current != NULL && g_str_equal (current, language) &&
      g_strcmp0 (g_getenv ("LANGUAGE"), current) == 0)
    return;

  /* Remember where the process started before changing it. */
  cg_kiosk_get_startup_language ();

  messages = setlocale (LC_MESSAGES, NULL);
  if (messages != NULL && (strcmp (messages, "C") == 0 || strcmp (messages, "POSIX") == 0))
    setlocale (LC_MESSAGES, "C.UTF-8");

  current = g_str_equal (language, "ko") ? "ko" : "en";
  g_setenv ("LANGUAGE", current, TRUE);
  textdomain (GETTEXT_PACKAGE);
}

const char *
cg_kiosk_get_language (void)
{
  if (current == NULL)
    return cg_kiosk_get_startup_language ();
  return current;
}
