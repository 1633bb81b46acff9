/* cg-ui-util.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small things every page needs and none should own.
 *
 * Navigation between pages goes through window actions, so a page never
 * needs to know the window (and a test can catch the actions with its own
 * "win" action group):
 *
 *   win.show-customer  (s)  customer id
 *   win.show-case      (s)  case id
 *   win.show-order     (s)  order id
 *   win.show-article   (s)  article id
 *   win.new-case       (s)  customer id or ""; opens the new-case dialog
 *   win.show-section   (s)  "queue", "customers", "cases", "orders",
 *                           "knowledge", "reports", "conflicts"
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast (transfer full) in the nearest AdwToastOverlay above
 * @widget; logs it when there is none (a page tested on its own). */
void cg_widget_show_toast   (GtkWidget  *widget,
                             AdwToast   *toast);
/* A plain toast with @text. */
void cg_widget_toast_text   (GtkWidget  *widget,
                             const char *text);
/* Activates one of the navigation actions above with a string target. */
void cg_widget_navigate     (GtkWidget  *widget,
                             const char *action,
                             const char *target);

G_END_DECLS
