/* cg-idle-monitor.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Notices when nobody has touched a window for a while: the counter locks
 * itself after inactivity (default 5 minutes; a config value), and the
 * kiosk wipes the visit. Key presses, clicks, touches and scrolling count
 * as activity; pointer motion alone does not (a mouse nudged by a passer-by
 * must not keep a counter unlocked).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CG_TYPE_IDLE_MONITOR (cg_idle_monitor_get_type ())
G_DECLARE_FINAL_TYPE (CgIdleMonitor, cg_idle_monitor, CG, IDLE_MONITOR, GObject)

/* Watches @widget (usually a window) with capture-phase controllers; emits
 * "idle" once after @timeout_ms without activity, then again only after
 * new activity and a new timeout. (transfer full) */
CgIdleMonitor *cg_idle_monitor_new          (GtkWidget     *widget,
                                             guint          timeout_ms);
void           cg_idle_monitor_set_timeout  (CgIdleMonitor *self,
                                             guint          timeout_ms);
guint          cg_idle_monitor_get_timeout  (CgIdleMonitor *self);
/* Counts as activity (restarts the timeout). */
void           cg_idle_monitor_poke         (CgIdleMonitor *self);
/* Also counts input in @widget (a dialog of the watched window) as
 * activity, for as long as @widget lives. */
void           cg_idle_monitor_watch        (CgIdleMonitor *self,
                                             GtkWidget     *widget);
/* A disabled monitor never fires (while locked, there is nothing to lock). */
void           cg_idle_monitor_set_enabled  (CgIdleMonitor *self,
                                             gboolean       enabled);

G_END_DECLS
