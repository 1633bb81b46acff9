/* cg-conflicts-page.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conflicts (supervisors): records edited on two devices, listed with who
 * edited them; a side-by-side view of the two versions where fields
 * changed on one side only are merged automatically and fields changed on
 * both get a choice; Resolve writes the merged version (cg_conflict_resolve).
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_CONFLICTS_PAGE (cg_conflicts_page_get_type ())
G_DECLARE_FINAL_TYPE (CgConflictsPage, cg_conflicts_page, CG, CONFLICTS_PAGE, GtkWidget)

GtkWidget  *cg_conflicts_page_new             (void);
void        cg_conflicts_page_set_store       (CgConflictsPage *self,
                                               CgStore         *store);
/* Only a supervisor's session shows the conflicts. */
void        cg_conflicts_page_set_session     (CgConflictsPage *self,
                                               CgSession       *session);
/* Reads the list again (the page also does so on the store's "changed"). */
void        cg_conflicts_page_refresh         (CgConflictsPage *self);
guint       cg_conflicts_page_get_n_conflicts (CgConflictsPage *self);
/* Shows the conflict of @id side by side; FALSE when it has none. */
gboolean    cg_conflicts_page_select          (CgConflictsPage *self,
                                               const char      *id);
/* The conflict shown, or NULL. (transfer none) */
CgConflict *cg_conflicts_page_get_selected    (CgConflictsPage *self);
/* Resolves the conflict shown with the choices made (the Resolve
 * button). */
gboolean    cg_conflicts_page_resolve         (CgConflictsPage *self,
                                               GError         **error);

G_END_DECLS
