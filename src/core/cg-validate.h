/* cg-validate.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

/* Checks @doc against DATA-MODEL.md: a known "type", its required fields,
 * the types and ranges of every known field, enum values, and — when
 * @previous (the revision being replaced) is given — the workflow
 * transition of "status" and that "type" does not change. Unknown fields are
 * allowed (a newer version may add them). The first problem found is
 * reported in CG_VALIDATION_ERROR with the field named. */
gboolean     cg_validate_document       (JsonObject  *doc,
                                         JsonObject  *previous,
                                         GError     **error);

/* Whether the workflow of @type allows @from → @to (same status is allowed). */
gboolean     cg_validate_transition     (const char  *type,
                                         const char  *from,
                                         const char  *to);
/* The statuses reachable from @from, NULL-terminated, static. */
const char * const *cg_validate_next_statuses (const char *type,
                                               const char *from);

/* Phone numbers. Accepts what people type (010-1234-5678, 02 123 4567,
 * +82 10 1234 5678, 0082…, (010) 1234.5678) and returns E.164
 * (+821012345678). Numbers without a country code are taken as Korean. */
char        *cg_phone_normalize         (const char  *raw,
                                         GError     **error);
gboolean     cg_phone_is_e164           (const char  *phone);
/* The digits a person in Korea dials (01012345678) for a +82 number, else
 * the digits after "+". (transfer full) */
char        *cg_phone_national_digits   (const char  *e164);
/* 010-1234-5678 / 02-123-4567 for +82 numbers, the E.164 form otherwise. */
char        *cg_phone_format            (const char  *e164);

gboolean     cg_email_check             (const char  *email,
                                         GError     **error);

G_END_DECLS
