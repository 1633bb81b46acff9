/* cg-application.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CG_TYPE_APPLICATION (cg_application_get_type ())
G_DECLARE_FINAL_TYPE (CgApplication, cg_application, CG, APPLICATION, AdwApplication)

CgApplication *cg_application_new                (void);
/* g_get_user_data_dir()/changgu/store.db (transfer full) */
char          *cg_application_default_store_path (void);
/* Opens the store at @path in a window, or presents the window that already
 * shows it. A store that cannot be opened gives a window that says why.
 * (transfer none) */
GtkWindow     *cg_application_open_store         (CgApplication *self,
                                                  const char    *path);

G_END_DECLS
