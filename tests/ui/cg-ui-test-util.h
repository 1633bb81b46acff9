/* cg-ui-test-util.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-application.h"

G_BEGIN_DECLS

typedef gboolean (*Predicate) (gpointer data);

/* Runs the main loop until @predicate holds; fails the test after
 * @timeout_ms rather than hanging. */
void iterate_until   (Predicate   predicate,
                      gpointer    data,
                      guint       timeout_ms,
                      const char *what);
/* Waits until the window has painted its current state. */
void wait_for_frames (GtkWidget  *window);
/* Saves the window as $CHANGGU_BUILD_ROOT/screenshots/@name.png. */
void save_screenshot (GtkWidget  *window,
                      const char *name);

/* The first widget under @root (itself included) of @type and, if given,
 * with the widget name @name. */
GtkWidget *find_descendant (GtkWidget  *root,
                            GType       type,
                            const char *name);

/* Whether @widget and all its ancestors are visible and, inside stacks,
 * on the visible page: what a person would see. */
gboolean is_showing (GtkWidget *widget);

/* After g_test_init(): opens the display, or, without one (outside
 * build-aux/dev's xvfb-run), adds a skipped test @no_display_path and
 * returns FALSE: the caller then returns g_test_run (). Animations off, so
 * screenshots show final states, not cross-fades. */
gboolean ui_test_open_display (const char *no_display_path);

/* The real application, registered (startup: libadwaita, style.css,
 * accelerators) but not run: each test drives the main loop itself.
 * (transfer full) */
CgApplication *ui_test_application_new (void);

G_END_DECLS
