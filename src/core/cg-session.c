/* cg-session.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-session"

#include "config.h"

#include "cg-session.h"

struct _CgSession
{
  GObject parent_instance;
  char *staff_id;
  char *name;
  char *role;
};

G_DEFINE_FINAL_TYPE (CgSession, cg_session, G_TYPE_OBJECT)

static void
cg_session_finalize (GObject *object)
{
  CgSession *self = CG_SESSION (object);

  g_free (self->staff_id);
  g_free (self->name);
  g_free (self->role);
  G_OBJECT_CLASS (cg_session_parent_class)->finalize (object);
}

static void
cg_session_class_init (CgSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_session_finalize;
}

static void
cg_session_init (CgSession *self)
{
}

CgSession *
cg_session_new (const char *staff_id,
                const char *name,
                const char *role)
{
  CgSession *self;

  g_return_val_if_fail (staff_id != NULL, NULL);

  self = g_object_new (CG_TYPE_SESSION, NULL);
  self->staff_id = g_strdup (staff_id);
  self->name = g_strdup (name != NULL && *name != '\0' ? name : staff_id);
  self->role = g_strdup (role != NULL ? role : "agent");
  return self;
}

const char *
cg_session_get_staff_id (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), NULL);
  return self->staff_id;
}

const char *
cg_session_get_name (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), NULL);
  return self->name;
}

const char *
cg_session_get_role (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), NULL);
  return self->role;
}

gboolean
cg_session_is_supervisor (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), FALSE);
  return g_strcmp0 (self->role, "supervisor") == 0;
}
