/* cg-ui-test-util.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

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

G_END_DECLS
