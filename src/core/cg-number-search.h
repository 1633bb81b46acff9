/* cg-number-search.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The orders and cases whose number matches what was typed in the global
 * search: the "Orders" and "Cases" groups above the customers.
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_TYPE_NUMBER_MATCH (cg_number_match_get_type ())
G_DECLARE_FINAL_TYPE (CgNumberMatch, cg_number_match, CG, NUMBER_MATCH, GObject)

/* "order" or "case". */
const char *cg_number_match_get_kind    (CgNumberMatch *self);
const char *cg_number_match_get_id      (CgNumberMatch *self);
const char *cg_number_match_get_number  (CgNumberMatch *self);
/* The case's subject; empty for an order. */
const char *cg_number_match_get_subject (CgNumberMatch *self);
/* The document's status value (ready_for_pickup, open, …). */
const char *cg_number_match_get_status  (CgNumberMatch *self);

/* Orders, then cases, whose number matches @input (any part of it: 000123,
 * C1-000123), at most @limit of each kind. Only input of 4 or more
 * characters with a digit in it is a number: anything else gives an empty
 * array. (element-type
 * CgNumberMatch) (transfer full) */
GPtrArray  *cg_store_search_numbers     (CgStore       *store,
                                         const char    *input,
                                         guint          limit_per_kind,
                                         GError       **error);

G_END_DECLS
