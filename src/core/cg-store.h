/* cg-store.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_TYPE_STORE (cg_store_get_type ())
G_DECLARE_FINAL_TYPE (CgStore, cg_store, CG, STORE, GObject)

/* The schema version this build writes (PRAGMA user_version). */
#define CG_STORE_SCHEMA_VERSION 4

/* CouchDB's default: ancestors beyond this depth are forgotten. */
#define CG_STORE_DEFAULT_REVS_LIMIT 1000

CgStore     *cg_store_open                (const char  *path,
                                           GError     **error);
const char  *cg_store_get_path            (CgStore     *self);

/* Batches. Writes outside a batch are one transaction each. Batches nest;
 * only the outermost commit reaches the disk. A nested rollback cannot undo
 * only its own writes (there are no savepoints, see cg-store.c): it makes
 * the outermost commit fail and roll everything back. A write that fails
 * before it wrote anything (a stale _rev, invalid input) leaves the batch
 * intact. */
gboolean     cg_store_begin               (CgStore     *self,
                                           GError     **error);
gboolean     cg_store_commit              (CgStore     *self,
                                           GError     **error);
void         cg_store_rollback            (CgStore     *self);

/* Reading. cg_store_get() returns the winning revision's body with "_id" and
 * "_rev" (transfer full); a deleted document is NOT_FOUND unless
 * @include_deleted, in which case it carries "_deleted": true.
 * With @with_conflicts, "_conflicts" lists the other live leaves, as
 * CouchDB's ?conflicts=true does. */
JsonObject  *cg_store_get                 (CgStore     *self,
                                           const char  *id,
                                           gboolean     with_conflicts,
                                           GError     **error);
JsonObject  *cg_store_get_revision        (CgStore     *self,
                                           const char  *id,
                                           const char  *rev,
                                           GError     **error);
/* The revision as _bulk_docs new_edits:false wants it, as JSON text: what
 * cg_store_get_revision() gives plus "_revisions" (as
 * cg_store_get_revisions()), with the stored body spliced in rather than
 * parsed and serialised again (transfer full). */
char        *cg_store_get_revision_json   (CgStore     *self,
                                           const char  *id,
                                           const char  *rev,
                                           GError     **error);
/* Body of the last revision the central side is known to have (for
 * three-way merges), or NULL. */
JsonObject  *cg_store_get_synced_base     (CgStore     *self,
                                           const char  *id);

/* Local write. @doc carries "_id" and "type"; "_rev" must be the current
 * winning revision when the document exists (else CONFLICT, like CouchDB's
 * 409). The document is validated against DATA-MODEL.md (including workflow
 * transitions from the current revision), gets revision N+1-<32 hex>, and is
 * marked pending. Returns the new revision (transfer full). */
char        *cg_store_put                 (CgStore     *self,
                                           JsonObject  *doc,
                                           GError     **error);
/* Local purge (retention): removes @id, its revision tree and its
 * projections from this device only, without a tombstone, so nothing is
 * pushed and the central copy stays. Refused with CONFLICT while the
 * document has local changes not yet acknowledged (pending); NOT_FOUND
 * when there is no such document. */
gboolean     cg_store_purge_local         (CgStore     *self,
                                           const char  *id,
                                           GError     **error);
/* Local delete: a tombstone revision on top of @rev. */
char        *cg_store_delete              (CgStore     *self,
                                           const char  *id,
                                           const char  *rev,
                                           GError     **error);

/* Replicated write, CouchDB's new_edits:false. @doc carries "_id", "_rev" and
 * "_revisions" ({start, ids}); its revisions are merged into the tree.
 * Applying the same revision twice changes nothing. The revision is taken as
 * known to the central side. Returns TRUE if anything changed. */
gboolean     cg_store_put_replicated      (CgStore     *self,
                                           JsonObject  *doc,
                                           GError     **error);

/* Leaves of the tree, winner first, as "N-hash" strings (transfer full). */
GStrv        cg_store_get_leaves          (CgStore     *self,
                                           const char  *id,
                                           gboolean     include_deleted);
/* The ancestry of @rev as CouchDB's "_revisions" object, up to revs_limit. */
JsonObject  *cg_store_get_revisions       (CgStore     *self,
                                           const char  *id,
                                           const char  *rev);
/* Whether @rev of @id is in the tree (the pull side's local revs_diff). */
gboolean     cg_store_has_revision        (CgStore     *self,
                                           const char  *id,
                                           const char  *rev);
/* Leaves made here and not yet acknowledged by the central side (the push
 * side sends these), winner first (transfer full). */
GStrv        cg_store_get_unsynced_leaves (CgStore     *self,
                                           const char  *id);
/* The push side: @rev is now on the central side; clears the pending flag
 * when no local-only leaf remains. */
gboolean     cg_store_mark_synced         (CgStore     *self,
                                           const char  *id,
                                           const char  *rev,
                                           GError     **error);

/* The local changes feed: documents written after @since, in sequence order.
 * Calls @func with id, winning rev and seq; stops early when it returns FALSE. */
typedef gboolean (*CgChangeFunc) (const char *id,
                                  const char *rev,
                                  gint64      seq,
                                  gpointer    user_data);
gint64       cg_store_get_last_seq        (CgStore     *self);
void         cg_store_foreach_change      (CgStore     *self,
                                           gint64       since,
                                           guint        limit,
                                           CgChangeFunc func,
                                           gpointer     user_data);

/* Like cg_store_foreach_change(), but only documents with unacknowledged
 * local changes (the "offline queue"), through a partial index. */
void         cg_store_foreach_pending     (CgStore     *self,
                                           gint64       since,
                                           guint        limit,
                                           CgChangeFunc func,
                                           gpointer     user_data);
/* Emits CgStore::changed (id NULL): another connection (the replicator's
 * worker) changed documents. */
void         cg_store_emit_changed        (CgStore     *self);
/* Changes whenever another connection (another process, the replicator's
 * worker) commits to the file; SQLite's PRAGMA data_version. */
gint64       cg_store_get_data_version    (CgStore     *self);

guint        cg_store_count_pending       (CgStore     *self);
guint        cg_store_count_conflicts     (CgStore     *self);
/* Ids of documents with more than one live leaf (transfer full). */
GStrv        cg_store_list_conflicts      (CgStore     *self);
guint        cg_store_count_documents     (CgStore     *self,
                                           const char  *type);
/* Whether any live document of @type exists: one index probe, unlike a
 * count (which reads every entry: ~0.7 s for 200k customers). */
gboolean     cg_store_has_documents       (CgStore     *self,
                                           const char  *type);
/* Ids and winning revisions of live documents, by id, optionally of one
 * type. Calls @func with id, rev, seq. */
void         cg_store_foreach_document    (CgStore     *self,
                                           const char  *type,
                                           CgChangeFunc func,
                                           gpointer     user_data);

/* _local documents (checkpoints). Not replicated, no revision tree. */
JsonObject  *cg_store_get_local           (CgStore     *self,
                                           const char  *id);
gboolean     cg_store_put_local           (CgStore     *self,
                                           const char  *id,
                                           JsonObject  *body,
                                           GError     **error);

/* Key/value metadata (device id, prefixes, counters). */
char        *cg_store_get_meta            (CgStore     *self,
                                           const char  *key);
gboolean     cg_store_set_meta            (CgStore     *self,
                                           const char  *key,
                                           const char  *value,
                                           GError     **error);
/* Atomically increments the integer under @key and returns the new value. */
gint64       cg_store_next_counter        (CgStore     *self,
                                           const char  *key,
                                           GError     **error);

guint        cg_store_get_revs_limit      (CgStore     *self);
void         cg_store_set_revs_limit      (CgStore     *self,
                                           guint        revs_limit);

/* Drops and rebuilds every projection and search index from the documents. */
gboolean     cg_store_rebuild_projections (CgStore     *self,
                                           GCancellable *cancellable,
                                           GError     **error);

G_END_DECLS
