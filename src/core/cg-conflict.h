/* cg-conflict.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Documents edited on two devices (SYNC.md, "Conflicts"): a field-by-field
 * comparison of the winning revision with another live leaf, three-way
 * against their common ancestor where the store still has its body
 * (cg_store_get_synced_base, invariant I8 in cg-store-revs.c):
 *
 *   same         equal on both sides                       → kept
 *   winner       changed on the winner's side only         → taken from it
 *   other        changed on the other side only            → taken from it
 *   both         changed on both sides, differently        → a person chooses
 *
 * Without a known common ancestor every field that differs is "both".
 * Fields are the top-level members of the bodies, unknown ones included (so
 * they survive a resolution); "_…" members, "type" and the change stamp
 * (updated_at, updated_by, updated_device) are not compared: resolving
 * stamps the merged revision anew.
 *
 * A document with three or more live leaves is compared with the first
 * other leaf; resolving deletes all of them.
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

typedef enum {
  CG_CONFLICT_SAME,
  CG_CONFLICT_WINNER,
  CG_CONFLICT_OTHER,
  CG_CONFLICT_BOTH,
} CgConflictState;

typedef enum {
  CG_CONFLICT_SIDE_WINNER,
  CG_CONFLICT_SIDE_OTHER,
} CgConflictSide;

typedef struct {
  char            *name;
  CgConflictState  state;
  /* The member's value on each side; NULL when absent there. */
  JsonNode        *base;
  JsonNode        *winner;
  JsonNode        *other;
  /* Which side the merged revision takes: set by the rules above; for
   * "both" the winner's until cg_conflict_choose() says otherwise. */
  CgConflictSide   chosen;
} CgConflictField;

#define CG_TYPE_CONFLICT (cg_conflict_get_type ())
G_DECLARE_FINAL_TYPE (CgConflict, cg_conflict, CG, CONFLICT, GObject)

/* Loads and compares the live leaves of @id; NOT_FOUND (CG_STORE_ERROR)
 * when it has no conflict. (transfer full) */
CgConflict  *cg_conflict_load            (CgStore        *store,
                                          const char     *id,
                                          GError        **error);
/* Every conflicted document, by id (element-type CgConflict) (transfer full). */
GPtrArray   *cg_conflict_list            (CgStore        *store);

const char  *cg_conflict_get_id          (CgConflict     *self);
const char  *cg_conflict_get_doc_type    (CgConflict     *self);
/* What a person recognises the document by: a customer's name, an order's
 * or case's number, a ticket, an article's title; else the id. */
const char  *cg_conflict_get_title       (CgConflict     *self);
/* The bodies, with "_id" and "_rev"; the base may be NULL. (transfer none) */
JsonObject  *cg_conflict_get_winner      (CgConflict     *self);
JsonObject  *cg_conflict_get_other       (CgConflict     *self);
JsonObject  *cg_conflict_get_base        (CgConflict     *self);
/* How many live leaves besides the winner. */
guint        cg_conflict_get_n_others    (CgConflict     *self);

guint                  cg_conflict_get_n_fields (CgConflict *self);
const CgConflictField *cg_conflict_get_field    (CgConflict *self,
                                                 guint       index);
/* Fields in state "both" (they need a person's choice). */
guint        cg_conflict_count_choices   (CgConflict     *self);
/* Picks the side of field @name; FALSE when there is no such field. */
gboolean     cg_conflict_choose          (CgConflict     *self,
                                          const char     *name,
                                          CgConflictSide  side);
/* The merged body from the rules and the choices, with "_id" and the
 * winner's "_rev" (transfer full). */
JsonObject  *cg_conflict_build_merged    (CgConflict     *self);

/* Writes @merged_body (with "_rev" the current winner, as
 * cg_conflict_build_merged() gives it; CONFLICT if the winner moved since)
 * as the new revision of the winning branch, stamped with @actor and this
 * device, and deletes the branch it was compared with (the first other
 * leaf, as cg_conflict_load() shows it) — in one batch, so the next push
 * sends the merged revision and the tombstone. With three or more
 * branches the rest stay and the document stays conflicted: each is
 * merged in turn, so no edit is dropped unseen. */
gboolean     cg_conflict_resolve         (CgStore        *store,
                                          const char     *id,
                                          JsonObject     *merged_body,
                                          const char     *actor,
                                          GError        **error);

G_END_DECLS
