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
/* Parses an object; text nested deeper than CG_JSON_MAX_DEPTH is refused
 * before json-glib sees it (see cg_json_check_depth()). */
JsonObject *cg_json_from_string (const char *text,
                                 GError    **error);

/* json-glib's parser recurses once per level of nesting and overflows an
 * 8 MB stack somewhere between 50,000 and 100,000 levels: a crash for the
 * whole process. Text from outside (server responses, files people give)
 * is checked with this first. Deep enough for any real document, and for
 * hostile ones to reach validation and be refused there one by one. */
#define CG_JSON_MAX_DEPTH 4096
/* FALSE with JSON_PARSER_ERROR_INVALID_DATA when @text (@length bytes, -1:
 * NUL-terminated) nests arrays and objects deeper than CG_JSON_MAX_DEPTH.
 * Does not check anything else: strings are skipped, escapes respected. */
gboolean    cg_json_check_depth (const char *text,
                                 gssize      length,
                                 GError    **error);
/* json-glib cannot take a \u escape of a lone UTF-16 surrogate (it fails
 * the whole text, or eats the next character), and cuts a string at \u0000.
 * Both are valid JSON that a hostile or broken server may send (the test
 * peer keeps lone surrogates and sends them back as escapes). Returns a
 * copy of @text (@length bytes, same length) with each such escape replaced
 * by \ufffe, a noncharacter that document validation refuses, so that only
 * the document holding it is refused; or NULL when there is none.
 * *@count (nullable) gets how many were replaced. */
#define CG_JSON_BAD_ESCAPE_CHAR 0xFFFE
char       *cg_json_neutralise_escapes (const char *text,
                                        gsize       length,
                                        guint      *count);
/* @text made safe to quote in a message: valid UTF-8, cut at a character
 * boundary to at most @max_bytes ("%.40s" alone can cut a character in
 * half, and a message that is not UTF-8 breaks the label showing it). */
char       *cg_json_shorten     (const char *text,
                                 gsize       max_bytes);
JsonObject *cg_json_copy        (JsonObject *object);
/* A copy that shares nothing with @node (json_node_copy() shares objects
 * and arrays) (transfer full). */
JsonNode   *cg_json_node_copy   (JsonNode   *node);

/* Now as an RFC 3339 UTC string with seconds, e.g. 2026-11-22T07:11:34Z. */
char       *cg_json_timestamp_now (void);
char       *cg_json_timestamp     (GDateTime *datetime);

G_END_DECLS
