/* cg-store-private.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the store module share: the connection, the statement
 * cache, the sequence counter and the hooks between the revision tree and the
 * projections. Only core modules that run their own SQL over the
 * projections (cg-store*.c, cg-projections.c, cg-search.c, cg-customer.c,
 * cg-timeline.c) and the tests include this.
 */
#pragma once

#include <sqlite3.h>

#include "cg-json.h"
#include "cg-store.h"

G_BEGIN_DECLS

/* A reset, cached prepared statement for @sql (a string literal: the pointer
 * is the cache key). Never finalize it. */
sqlite3_stmt *cg_store_stmt          (CgStore     *self,
                                      const char  *sql);
sqlite3      *cg_store_get_db        (CgStore     *self);
gboolean      cg_store_exec          (CgStore     *self,
                                      const char  *sql,
                                      GError     **error);
/* Sets @error from the connection's last error, prefixed with @what. */
void          cg_store_set_sqlite_error (CgStore   *self,
                                      GError     **error,
                                      const char  *what);
/* Steps a statement that returns no row; sets @error on failure. */
gboolean      cg_store_step_done     (CgStore     *self,
                                      sqlite3_stmt *stmt,
                                      GError     **error);
/* The next local sequence number; only inside a transaction. */
gint64        cg_store_next_seq      (CgStore     *self);
/* Leaves a transaction level in which nothing was written: nested, the
 * batch goes on unharmed; outermost, it is rolled back. */
void          cg_store_end_unchanged (CgStore     *self);
/* Records that @id changed, for the "changed" signal after commit. */
void          cg_store_note_changed  (CgStore     *self,
                                      const char  *id,
                                      const char  *type);

/* Migrations (cg-store-migrations.c). Brings @db from its user_version to
 * @target in one transaction per step. *@needs_rebuild is set when a step
 * added projections that must be filled from existing documents. */
gboolean      cg_store_migrate       (sqlite3     *db,
                                      int          target,
                                      gboolean    *needs_rebuild,
                                      GError     **error);
/* Tests: create a file at an older schema version. */
gboolean      cg_store_create_at_version (const char *path,
                                      int          version,
                                      GError     **error);

/* Projections (cg-projections.c): keep the typed tables and the search
 * indexes in step with the winning revision of one document. @body is NULL
 * when the winner is deleted. */
gboolean      cg_projections_apply   (CgStore     *self,
                                      gint64       doc_id,
                                      const char  *id,
                                      const char  *type,
                                      JsonObject  *body,
                                      GError     **error);
gboolean      cg_projections_clear   (CgStore     *self,
                                      GError     **error);

G_END_DECLS
