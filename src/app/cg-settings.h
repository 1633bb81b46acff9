/* cg-settings.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The device-local settings (data/io.github.changgu.Changgu.gschema.xml):
 * window size, the last section, kiosk display options. Settings a
 * regional admin decides are signed config (cg-config.h), not GSettings.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The app's GSettings, or NULL when the schema is not installed.
 *
 * g_settings_new() aborts the process when its schema is missing, which
 * is the normal case for a build run from its build directory without
 * GSETTINGS_SCHEMA_DIR (build-aux/dev and the tests set it to
 * $BUILD/data, where the build compiles the schema). So the schema is
 * looked up first, and without it the app runs with its built-in
 * defaults and remembers nothing; callers must handle NULL.
 *
 * One instance for the process, created on first use (transfer none). */
GSettings *cg_settings_get (void);

G_END_DECLS
