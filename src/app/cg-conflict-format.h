/* cg-conflict-format.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Words for the conflicts page: document types, field names, field values
 * as a person reads them, which side made a change. Pure functions (no
 * GTK), tested without a display. Results are owned by the caller unless
 * they say static.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "changgu-core.h"

G_BEGIN_DECLS

/* "Customer", "Order", "Case", … or @type itself. (transfer none) */
const char *cg_conflict_format_type     (const char      *type);
/* "Name", "Phones", "Preferred channel", …; an unknown member is shown
 * as it is named, with spaces for underscores. (transfer full) */
char       *cg_conflict_format_field    (const char      *name);
/* A member's value for reading: phones formatted, enums in words, times
 * in local time, lists joined with ", ", yes/no, objects as "key: value"
 * pairs; "Not set" when @value is NULL or null. (transfer full) */
char       *cg_conflict_format_value    (const char      *name,
                                         JsonNode        *value);
/* Who made one side's change and where: "이수진 · device 3f2a1c0d · Nov
 * 12, 15:00", from updated_by (a name through @store when it knows the
 * staff member), updated_device and updated_at; "Unknown" when the
 * revision has none of them. (transfer full) */
char       *cg_conflict_format_author   (CgStore         *store,
                                         JsonObject      *side);
/* What happens to a field: "Same on both", "Changed here only: kept",
 * … (transfer none, static) */
const char *cg_conflict_format_state    (CgConflictState  state);

G_END_DECLS
