/* cg-preferences-window.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences (CONFIG.md): "This Device", the device-local GSettings
 * (cg-settings.h) that staff may change, and "Managed by Your Region",
 * the signed settings in force, read only, each with the scope and
 * version it comes from, and the last refused config as a warning.
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_PREFERENCES_WINDOW (cg_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CgPreferencesWindow, cg_preferences_window, CG, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @parent may be NULL (tests); @store may be NULL (nothing managed is
 * shown). The window follows the store's config documents by itself. */
GtkWidget *cg_preferences_window_new    (GtkWindow           *parent,
                                         CgStore             *store);
/* Shows the settings in force again: for a caller that has just run
 * cg_config_refresh(), which changes them without a document change. */
void       cg_preferences_window_reload (CgPreferencesWindow *self);

G_END_DECLS
