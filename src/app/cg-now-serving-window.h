/* cg-now-serving-window.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "now serving" screen (`changgu --now-serving`): the tickets called to
 * a counter or being served, newest first, and how many wait. Nothing
 * personal: ticket numbers only, as on the paper ticket.
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_NOW_SERVING_WINDOW (cg_now_serving_window_get_type ())
G_DECLARE_FINAL_TYPE (CgNowServingWindow, cg_now_serving_window, CG, NOW_SERVING_WINDOW, AdwApplicationWindow)

/* How many tickets the screen shows at once. */
#define CG_NOW_SERVING_MAX 4

/* @app may be NULL (tests). */
GtkWidget *cg_now_serving_window_new          (GtkApplication     *app,
                                               CgStore            *store);
void       cg_now_serving_window_refresh      (CgNowServingWindow *self);
/* The ticket numbers shown, newest first (transfer full), for tests. */
GStrv      cg_now_serving_window_dup_tickets  (CgNowServingWindow *self);

G_END_DECLS
