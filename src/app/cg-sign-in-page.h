/* cg-sign-in-page.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staff id + PIN, in front of everything else at a counter. Also the lock
 * screen: locked, it names who locked it and keeps their id filled in; any
 * staff member may sign in instead (a colleague taking over the counter).
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_SIGN_IN_PAGE (cg_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (CgSignInPage, cg_sign_in_page, CG, SIGN_IN_PAGE, GtkWidget)

GtkWidget  *cg_sign_in_page_new          (void);
void        cg_sign_in_page_set_store    (CgSignInPage *self,
                                          CgStore      *store);
/* Shows the lock screen for @locked_by (NULL: a plain sign-in screen),
 * and clears the PIN. */
void        cg_sign_in_page_reset        (CgSignInPage *self,
                                          CgSession    *locked_by);
/* Puts the focus where typing should start. */
void        cg_sign_in_page_focus        (CgSignInPage *self);
/* The message under the form ("Wrong staff ID or PIN."), or NULL. */
const char *cg_sign_in_page_get_message  (CgSignInPage *self);
/* Whether a PIN check is running. */
gboolean    cg_sign_in_page_get_busy     (CgSignInPage *self);

G_END_DECLS
