/* cg-merge-dialog.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Merging a duplicate customer: search for the other record, compare the
 * two side by side, choose which one stays, merge (cg_customer_merge).
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_MERGE_DIALOG (cg_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CgMergeDialog, cg_merge_dialog, CG, MERGE_DIALOG, AdwWindow)

/* A dialog for merging @customer_id with another customer. @session gives
 * the actor (may be NULL). Emits "merged" (survivor id, duplicate id)
 * after a successful merge, then closes. */
CgMergeDialog *cg_merge_dialog_new             (CgStore       *store,
                                                CgSession     *session,
                                                const char    *customer_id);
/* Searches for the other customer, as typing in the search entry does. */
void           cg_merge_dialog_set_query       (CgMergeDialog *self,
                                                const char    *query);
/* How many customers the search found (this one excluded). */
guint          cg_merge_dialog_get_n_results   (CgMergeDialog *self);
/* The other customer chosen, or NULL. */
const char    *cg_merge_dialog_get_other_id    (CgMergeDialog *self);
/* Which of the two stays (the dialog's customer unless changed). */
const char    *cg_merge_dialog_get_survivor_id (CgMergeDialog *self);

G_END_DECLS
