/* cg-search.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

/* Bumped whenever the terms below change: a store indexed with other terms is
 * re-indexed on open (the contentless indexes delete by recomputed terms). */
#define CG_SEARCH_TERMS_VERSION "1"

/* The words indexed for a customer. FTS5 matches by token prefix; to find
 * "any part" the suffixes that a person may start typing from are indexed
 * too: every suffix of a Hangul word (김민준 → 김민준 민준 준, so 민준 and 김
 * both find it), every suffix of 4+ digits of each phone's national and
 * international digits (any run of 4+ digits finds it), the e-mail's words,
 * and the name without spaces. (transfer full) */
char      *cg_search_customer_terms (const char         *name,
                                     const char * const *phones,
                                     const char * const *emails);
/* Terms for an order or case number: its parts, and the suffixes of its digit
 * runs, so 000123, 0123 and C1-000123 all find 0421-C1-000123. */
char      *cg_search_number_terms   (const char         *number);

/* Turns what a person typed into a safe FTS5 expression: every word becomes
 * a quoted prefix term, so quotes, *, -, OR, NEAR( and column filters typed
 * by a user are plain text. A phone-like input (digits, spaces, dashes, +) is
 * one run of digits, +82 read as 0. NULL when nothing is searchable.
 * (transfer full) */
char      *cg_search_build_query    (const char         *input);
/* The same with whole-word terms: cheap where a short prefix is not (FTS5
 * merges a prefix term's whole doclist before the first row). */
char      *cg_search_build_exact_query (const char      *input);
/* Whether @match finds at least @bound entries of the order and case
 * number index: whole words that already fill a bounded scan make the
 * prefix scan pointless (and it is the slow one). */
gboolean   cg_search_number_scan_is_full (CgStore       *store,
                                          const char    *match,
                                          guint          bound);

/* Customers matching @input by name, phone digits, e-mail, or the number of
 * one of their orders or cases: projection rowids (gint64), at most @limit.
 * A merged customer is never listed: its hits give its survivor. */
GArray    *cg_store_search_customers (CgStore           *store,
                                      const char        *input,
                                      guint              limit,
                                      GError           **error);

G_END_DECLS
