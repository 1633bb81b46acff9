/* cg-device-agent.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a device does on its own between and after syncs (issue 5): take up
 * the signed configuration that arrived, purge what the retention settings
 * say is old enough, and report itself in its `device` document. The app
 * calls it from a timer and after the store changed; `changgu-admin sync
 * --once` calls it between the pull and the push, so the report it writes
 * goes out in the same run.
 */
#pragma once

#include "cg-device-report.h"
#include "cg-types.h"

G_BEGIN_DECLS

/* How often the retention purge runs at most (it reads every old case). */
#define CG_DEVICE_AGENT_PURGE_INTERVAL_S (6 * 60 * 60)

typedef struct {
  gboolean settings_changed;   /* a new config was applied: re-read what depends on it */
  gboolean new_rejection;      /* a config was refused since the last tick */
  gboolean report_written;
  guint    purged;
} CgDeviceTick;

/* One round at @now (Unix seconds). @status describes the last sync
 * (NULL: not syncing). Never fails for a refused config (that is recorded
 * and reported); FALSE with @error only when the store fails. */
gboolean cg_device_agent_tick (CgStore                  *store,
                               const CgDeviceSyncStatus *status,
                               const char               *app_version,
                               gint64                    now,
                               CgDeviceTick             *tick,
                               GError                  **error);

G_END_DECLS
