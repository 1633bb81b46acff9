/* cg-config-format.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The settings "managed by your region" (CONFIG.md) in words, for the
 * read-only page of the Preferences window: every leaf of the effective
 * settings with a name, a value and where it comes from. Known settings
 * get words ("Sync interval", "1 minute"); settings this version does not
 * know (a newer admin tool may push them) keep their dotted path and a
 * plain rendering of the value, so nothing in force is hidden. No GTK.
 */
#pragma once

#include "changgu-core.h"

G_BEGIN_DECLS

typedef struct {
  char *path;    /* dotted, as cg_config_get_source() takes it: "kiosk.idle_timeout_s" */
  char *group;   /* "sync", "kiosk", "counter", "sla", "business_hours", "categories",
                    "retention", "keys" or "other" */
  char *title;   /* the setting's name in words, or @path when unknown */
  char *value;   /* the value in words */
} CgConfigLeaf;

void cg_config_leaf_free (CgConfigLeaf *leaf);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgConfigLeaf, cg_config_leaf_free)

/* The leaves of @settings (scalars, arrays and empty objects; other
 * objects are descended into), grouped and in reading order: groups in
 * the order listed above, known settings in a fixed order within their
 * group, unknown ones after them by path. Secrets (the kiosk exit PIN
 * hash) are never shown, only whether they are set.
 * (transfer container, element type CgConfigLeaf) */
GPtrArray  *cg_config_format_leaves     (JsonObject *settings);

/* The title of a group of leaves ("Service Levels"), or @group itself. */
const char *cg_config_format_group      (const char *group);

/* The name of the setting at @path in words, or @path when unknown
 * (transfer full). */
char       *cg_config_format_title      (const char *path);
/* The value @node of the setting at @path in words (transfer full). */
char       *cg_config_format_value      (const char *path,
                                         JsonNode   *node);

/* A length of time in at most two units: "45 seconds", "1 minute",
 * "1 hour 30 minutes", "2 days" (transfer full). */
char       *cg_config_format_duration   (gint64      seconds);

/* Where a setting in force comes from (cg_config_get_source()):
 * "From the store's settings, version 7"; @scope NULL: a built-in
 * default (transfer full). */
char       *cg_config_format_source     (const char *scope,
                                         gint64      version);

/* The last refusal (cg_config_dup_rejection()) as a warning: @title
 * names what was refused ("The store's settings, version 8, were
 * refused"), @subtitle gives the reason and when (transfer full). */
void        cg_config_format_rejection  (JsonObject *rejection,
                                         char      **title,
                                         char      **subtitle);

G_END_DECLS
