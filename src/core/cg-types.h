/* cg-types.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Forward declarations and the error domains shared across libchanggu-core.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _CgStore CgStore;

#define CG_STORE_ERROR (cg_store_error_quark ())
GQuark cg_store_error_quark (void);

/* Errors of the local store. Messages are written for a person: they say what
 * happened and, where there is one, what to do. */
typedef enum {
  CG_STORE_ERROR_OPEN,        /* the file cannot be opened or is not a Changgu store */
  CG_STORE_ERROR_TOO_NEW,     /* written by a newer Changgu */
  CG_STORE_ERROR_IO,          /* SQLite failed: disk full, read-only, corrupt */
  CG_STORE_ERROR_BUSY,        /* another process holds the write lock too long */
  CG_STORE_ERROR_NOT_FOUND,   /* no such document */
  CG_STORE_ERROR_CONFLICT,    /* the document changed since it was read (stale _rev) */
  CG_STORE_ERROR_INVALID,     /* the document is not well formed (bad _id/_rev/_revisions) */
  CG_STORE_ERROR_CANCELLED,
} CgStoreError;

#define CG_VALIDATION_ERROR (cg_validation_error_quark ())
GQuark cg_validation_error_quark (void);

typedef enum {
  CG_VALIDATION_ERROR_MISSING_FIELD,
  CG_VALIDATION_ERROR_WRONG_TYPE,
  CG_VALIDATION_ERROR_BAD_VALUE,
  CG_VALIDATION_ERROR_BAD_TRANSITION,
  CG_VALIDATION_ERROR_UNKNOWN_TYPE,
} CgValidationError;

G_END_DECLS
