/* cg-categories.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The categories a case can have. Documents store the id ("return");
 * people see the label in their language ("Return"). The built-in list is
 * the one the demo store uses; a store's config may replace it (issue 5),
 * so callers always go through these functions rather than a table.
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

typedef struct {
  const char *id;      /* as stored in case.category */
  const char *label;   /* English, untranslated (N_()); see cg_category_get_label() */
} CgCategory;

/* The categories offered for a new case, in the order shown, terminated
 * by an entry with id NULL (transfer none). */
const CgCategory *cg_categories_get          (void);
guint             cg_categories_get_n        (void);
/* Replaces the list (issue 5: from the signed config). @categories is
 * copied; labels given there are shown as they are (already in the
 * store's language). NULL restores the built-in list. */
void              cg_categories_set          (const CgCategory *categories,
                                              guint             n_categories);
/* The label of @id in the current language; an unknown id (a category
 * from a newer config) is shown as it is (transfer none). */
const char       *cg_category_get_label      (const char       *id);
/* The index of @id in cg_categories_get(), or -1. */
int               cg_categories_find         (const char       *id);

G_END_DECLS
