/* cg-replicator-private.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts of the pull side that read what the server sent (_changes and
 * _bulk_get / open_revs answers), as plain functions: the replicator calls
 * them from its callbacks, and the fuzzers (tests/fuzz/) and tests feed
 * them any bytes a server could send. Not part of the public API.
 */
#pragma once

#include "cg-replicator.h"
#include "cg-store.h"

G_BEGIN_DECLS

/* A document the store lacks revisions of, from a _changes page. */
typedef struct {
  char  *id;
  GStrv  revs;
} CgMissingDoc;

void        cg_missing_doc_free           (CgMissingDoc *m);

/* The rows of the _changes response @changes (owned by @changes) and, in
 * *@last_seq, the seq of the last row, else the response's "last_seq", else
 * NULL (transfer full). NULL with CG_SYNC_ERROR_BAD_RESPONSE when
 * @changes is not an object with a "results" list. */
JsonArray  *cg_replicator_changes_rows    (JsonNode   *changes,
                                           JsonNode  **last_seq,
                                           GError    **error);
/* Which of the revisions that @changes' rows list @store lacks
 * (transfer full, element-type CgMissingDoc). Rows without an id or a
 * changes list, and design documents, are skipped. */
GPtrArray  *cg_replicator_changes_missing (CgStore    *store,
                                           JsonNode   *changes);
/* The since= query value for the checkpoint @since (transfer full). */
char       *cg_replicator_since_param     (JsonNode   *since);

/* Called for a result that is {"error": {id, reason}}; either may be NULL. */
typedef void (*CgRevisionRejectFunc) (const char *id,
                                      const char *reason,
                                      gpointer    user_data);

/* One result of _bulk_get or open_revs: {"ok": doc} adds a reference to
 * doc to @docs, {"error": …} calls @reject, anything else is skipped. */
void        cg_replicator_take_revision_result (JsonNode             *node,
                                                GPtrArray            *docs,
                                                CgRevisionRejectFunc  reject,
                                                gpointer              user_data);
/* Every result of the _bulk_get answer @reply, as above. FALSE with
 * CG_SYNC_ERROR_BAD_RESPONSE when @reply has no "results" list. */
gboolean    cg_replicator_read_bulk_get   (JsonNode             *reply,
                                           GPtrArray            *docs,
                                           CgRevisionRejectFunc  reject,
                                           gpointer              user_data,
                                           GError              **error);

G_END_DECLS
