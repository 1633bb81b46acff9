/* cg-retention.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Retention (CONFIG.md, settings.retention): a device keeps closed cases
 * and check-ins only as long as its region says. Old ones are purged from
 * this device alone (cg_store_purge_local): the central databases keep
 * them, nothing is pushed, and they are not pulled again.
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

/* Purges, as of @now (Unix seconds), cases closed (last changed) more than
 * retention.closed_case_days ago together with their case notes, and
 * check-ins created more than retention.checkin_days ago, each only when
 * the settings in force (cg_config_dup_effective()) set that key. A case,
 * note or check-in with local changes not yet sent is kept (with its
 * case's notes) and counted in @kept. @purged and @kept may be NULL.
 * FALSE only when the store fails. */
gboolean cg_retention_purge (CgStore  *store,
                             gint64    now,
                             guint    *purged,
                             guint    *kept,
                             GError  **error);

G_END_DECLS
