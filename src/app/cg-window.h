/* cg-window.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"
#include "cg-view-state.h"

G_BEGIN_DECLS

#define CG_TYPE_WINDOW (cg_window_get_type ())
G_DECLARE_FINAL_TYPE (CgWindow, cg_window, CG, WINDOW, AdwApplicationWindow)

/* A window on @store; when @store is NULL the window explains
 * @error_message (the store's error, written for people) instead. */
CgWindow     *cg_window_new             (GtkApplication *application,
                                         CgStore        *store,
                                         const char     *store_path,
                                         const char     *error_message);
CgStore      *cg_window_get_store       (CgWindow       *self);
const char   *cg_window_get_store_path  (CgWindow       *self);
CgWindowView  cg_window_get_view        (CgWindow       *self);
/* The search results shown in the sidebar. */
GListModel   *cg_window_get_results     (CgWindow       *self);
/* Shows the customer @id, as selecting them in the results does. */
gboolean      cg_window_show_customer   (CgWindow       *self,
                                         const char     *id);

/* Writes demo data into the store on a worker thread with its own
 * connection, then refreshes. */
void          cg_window_load_demo_async  (CgWindow           *self,
                                          guint               customers,
                                          guint64             seed,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean      cg_window_load_demo_finish (CgWindow           *self,
                                          GAsyncResult       *result,
                                          GError            **error);

/* Who works at the window. Setting a session unlocks; NULL signs out and
 * shows the sign-in page. (The sign-in page calls it after a PIN check;
 * tests call it directly.) */
void           cg_window_set_session      (CgWindow      *self,
                                           CgSession     *session);
CgSession     *cg_window_get_session      (CgWindow      *self);
/* Locks the counter (Ctrl+L, or after the inactivity timeout): the
 * sign-in page covers the workspace; the session is kept. */
void           cg_window_lock             (CgWindow      *self);
gboolean       cg_window_is_locked        (CgWindow      *self);
/* Inactivity before locking, in milliseconds (default 5 minutes; 0 never). */
void           cg_window_set_lock_timeout (CgWindow      *self,
                                           guint          timeout_ms);
/* Opens a workspace section ("queue", "cases", …). FALSE when the name is
 * unknown or the signed-in role may not open it. */
gboolean       cg_window_show_section     (CgWindow      *self,
                                           const char    *name);
/* The open section's name. */
const char    *cg_window_get_section      (CgWindow      *self);

void           cg_window_set_sync_manager (CgWindow      *self,
                                           CgSyncManager *manager,
                                           const char    *problem);
CgSyncManager *cg_window_get_sync_manager (CgWindow      *self);

G_END_DECLS
