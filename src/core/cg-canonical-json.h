/* cg-canonical-json.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 8785 (JSON Canonicalization Scheme): the bytes a config signature
 * covers (CONFIG.md). Object members sorted by their names' UTF-16 code
 * units, no insignificant whitespace, strings escaped as the RFC says,
 * numbers in ECMAScript's shortest round-trip form.
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

/* The canonical form of @node (transfer full). NULL with @error
 * (CG_VALIDATION_ERROR_BAD_VALUE) for what JCS cannot represent: NaN,
 * infinities, strings that are not valid UTF-8. */
char *cg_canonical_json_node   (JsonNode    *node,
                                GError     **error);
char *cg_canonical_json_object (JsonObject  *object,
                                GError     **error);
/* Parses @json and canonicalises it; for test vectors and tools. */
char *cg_canonical_json_text   (const char  *json,
                                GError     **error);

G_END_DECLS
