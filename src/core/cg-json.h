/* cg-json.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Type-checked access to JSON members. json-glib's own getters warn (and, in
 * tests, abort) when a member has another type; documents from a server can
 * hold anything, so everything that reads them goes through these.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The member as a string, or NULL when missing or not a string. */
const char *cg_json_get_string  (JsonObject *object,
                                 const char *member);
/* TRUE and *value when the member is an integer (not a float, not a bool). */
gboolean    cg_json_get_int     (JsonObject *object,
                                 const char *member,
                                 gint64     *value);
gboolean    cg_json_get_bool    (JsonObject *object,
                                 const char *member,
                                 gboolean    default_value);
JsonArray  *cg_json_get_array   (JsonObject *object,
                                 const char *member);
JsonObject *cg_json_get_object  (JsonObject *object,
                                 const char *member);
/* The array element as a string, or NULL. */
const char *cg_json_array_get_string (JsonArray *array,
                                      guint      index);

char       *cg_json_to_string   (JsonObject *object);
JsonObject *cg_json_from_string (const char *text,
                                 GError    **error);
JsonObject *cg_json_copy        (JsonObject *object);
/* A copy that shares nothing with @node (json_node_copy() shares objects
 * and arrays) (transfer full). */
JsonNode   *cg_json_node_copy   (JsonNode   *node);

/* Now as an RFC 3339 UTC string with seconds, e.g. 2026-11-22T07:11:34Z. */
char       *cg_json_timestamp_now (void);
char       *cg_json_timestamp     (GDateTime *datetime);

G_END_DECLS
