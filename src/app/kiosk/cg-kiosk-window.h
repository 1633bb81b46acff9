/* cg-kiosk-window.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The self-service kiosk: one fullscreen, undecorated window that cannot
 * be closed, with the attract screen, the feature menu and the flows.
 * A visit starts when a customer touches the attract screen (in the
 * language they pick) and ends when they finish, or when nobody has
 * touched the screen for the configured time: then everything of the
 * visit is wiped and the attract screen returns. Staff leave with the exit
 * PIN after holding the bottom-right corner for 3 seconds.
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_KIOSK_WINDOW (cg_kiosk_window_get_type ())
G_DECLARE_FINAL_TYPE (CgKioskWindow, cg_kiosk_window, CG, KIOSK_WINDOW, AdwWindow)

/* How long the exit corner must be held. */
#define CG_KIOSK_EXIT_HOLD_MS 3000
/* The exit corner: a square of this size at the bottom right. */
#define CG_KIOSK_EXIT_CORNER_PX 120

/* Opens fullscreen on @store, showing the attract screen. @app: the
 * application the window keeps running (nullable in tests). */
GtkWidget  *cg_kiosk_window_new            (GtkApplication *app,
                                            CgStore        *store);
CgStore    *cg_kiosk_window_get_store      (CgKioskWindow  *self);

/* Syncs the store while the kiosk runs (a provisioned kiosk); the window
 * keeps the manager and runs the device upkeep (config, purge, report). */
void        cg_kiosk_window_set_sync_manager (CgKioskWindow *self,
                                              CgSyncManager *manager);

/* "attract", "home" or "flow". */
const char *cg_kiosk_window_get_screen     (CgKioskWindow  *self);
/* The flow of the visit, or NULL. (transfer none) */
GtkWidget  *cg_kiosk_window_get_flow       (CgKioskWindow  *self);
/* Whether the "Still there?" panel / the staff exit panel is up. */
gboolean    cg_kiosk_window_is_idle_warning_shown (CgKioskWindow *self);
gboolean    cg_kiosk_window_is_exit_shown  (CgKioskWindow  *self);

/* What a touch on the attract screen does: starts a visit in @language
 * ("ko" or "en"; NULL: the kiosk's first configured language). */
void        cg_kiosk_window_start_visit    (CgKioskWindow  *self,
                                            const char     *language);
/* Ends the visit as the idle timeout does: wipes it, shows attract. */
void        cg_kiosk_window_end_visit      (CgKioskWindow  *self);

/* Reads the kiosk settings again (the window does so by itself when a
 * configuration arrives). */
void        cg_kiosk_window_reload_settings (CgKioskWindow *self);

/* For tests: the idle timeout and the warning in milliseconds instead of
 * the configured seconds (0, 0: back to the configuration). */
void        cg_kiosk_window_set_idle_for_testing (CgKioskWindow *self,
                                                  guint          idle_ms,
                                                  guint          warning_ms);

G_END_DECLS
