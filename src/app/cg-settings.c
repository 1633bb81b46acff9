/* cg-settings.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-settings"

#include "config.h"

#include "cg-settings.h"

GSettings *
cg_settings_get (void)
{
  static GSettings *settings = NULL;
  static gsize looked_up = 0;

  if (g_once_init_enter (&looked_up))
    {
      /* NULL when no schema directory exists at all. */
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_debug ("Schema %s is not installed; device settings are not remembered "
                 "(set GSETTINGS_SCHEMA_DIR to the build's data directory)", APPLICATION_ID);
      g_once_init_leave (&looked_up, 1);
    }
  return settings;
}
