/* cg-session.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who is working at this device right now: the signed-in staff member and
 * their role. Immutable: signing in makes a new session, locking keeps it,
 * signing out drops it. Pages read the role to decide what to offer
 * (reassigning, reports and conflicts are supervisor-only) and pass the
 * staff id as the actor of every change they make.
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_TYPE_SESSION (cg_session_get_type ())
G_DECLARE_FINAL_TYPE (CgSession, cg_session, CG, SESSION, GObject)

/* @staff_id is the staff document's id ("staff:0421-01"); @role is
 * "agent" or "supervisor". (transfer full) */
CgSession  *cg_session_new              (const char *staff_id,
                                         const char *name,
                                         const char *role);
/* The staff document id, which is what created_by, assignee, author,
 * served_by and updated_by hold. */
const char *cg_session_get_staff_id     (CgSession  *self);
const char *cg_session_get_name         (CgSession  *self);
const char *cg_session_get_role         (CgSession  *self);
gboolean    cg_session_is_supervisor    (CgSession  *self);

G_END_DECLS
