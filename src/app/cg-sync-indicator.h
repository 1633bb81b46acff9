/* cg-sync-indicator.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_SYNC_INDICATOR (cg_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (CgSyncIndicator, cg_sync_indicator, CG, SYNC_INDICATOR, AdwBin)

/* The header bar's sync button: an icon for the state, the number of local
 * changes waiting, and a popover with the details and "Sync Now". With no
 * manager it shows the device as local only, or @problem (e.g. missing
 * credentials) as a stopped sync. */
void        cg_sync_indicator_set_manager (CgSyncIndicator *self,
                                           CgSyncManager   *manager,
                                           const char      *problem);
/* What it shows now, for tests. */
const char *cg_sync_indicator_get_icon_name (CgSyncIndicator *self);
const char *cg_sync_indicator_get_headline  (CgSyncIndicator *self);
const char *cg_sync_indicator_get_badge     (CgSyncIndicator *self);
const char *cg_sync_indicator_get_details   (CgSyncIndicator *self);

G_END_DECLS
