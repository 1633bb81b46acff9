/* cg-store-revs.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The revision tree of each document, with CouchDB's semantics.
 *
 * Model
 *   Every revision is a row in `revs` (doc_id, rev "N-hash", gen N, parent
 *   rev, leaf, deleted, local, body). A document's tree is the rows of its
 *   doc_id linked by `parent`. `docs` caches what is derived from the tree:
 *   the winning revision, whether it is deleted, whether there is a conflict,
 *   whether a local leaf is still unacknowledged, and the local sequence.
 *
 * Invariants (hold after every committed write)
 *   I1  A row has leaf=1 iff no row of the same document names it as parent.
 *   I2  docs.rev is the leaf that sorts first by (not deleted, gen, hash)
 *       descending — exactly CouchDB's winner rule, so every replica of the
 *       same tree shows the same winner whatever order revisions arrived in.
 *   I3  docs.conflicted = more than one leaf is live.
 *   I4  docs.pending = some leaf has local=1 (made here, not acknowledged).
 *   I5  Bodies are kept for leaves and for docs.synced_rev (the three-way
 *       merge base); every other body is NULL.
 *   I6  No path from a leaf is longer than revs_limit (CouchDB's stemming);
 *       an ancestor beyond it is forgotten and its child becomes a root.
 *   I7  docs.seq is unique and grows with every write to the tree, so the
 *       push side can read "everything after my checkpoint".
 *   I8  While two or more live leaves descend from docs.synced_rev, it stays
 *       where it is even when a newer revision is pulled or acknowledged:
 *       it is their fork point, the common ancestor a three-way merge of the
 *       conflict needs (cg-conflict.c). Once the conflict is resolved (one
 *       live leaf left) it moves on as usual. A conflict that arrives
 *       entirely from the central side (both branches new here) has no
 *       known common ancestor body; cg-conflict.c then merges two-way.
 *
 * Transitions
 *   local edit      cg_store_put / cg_store_delete: a new leaf on top of a
 *                   given leaf (the winner unless resolving a conflict);
 *                   local=1. A stale _rev is CONFLICT, like CouchDB's 409.
 *   replicated      cg_store_put_replicated (new_edits:false): the incoming
 *                   ancestry is grafted onto the tree; revisions already
 *                   present change nothing (idempotent); local=0 along it.
 *   acknowledged    cg_store_mark_synced: the central side has this leaf;
 *                   local=0 along its path; it becomes the merge base
 *                   (unless I8 keeps the fork point).
 *   resolved        cg_conflict_resolve (cg-conflict.c), in one batch: a
 *                   local edit on the winner with the merged body, and a
 *                   local delete (tombstone) on every other live leaf.
 *   purged          cg_store_purge_local (retention, cg-retention.c): the
 *                   document leaves this device only: its projections, its
 *                   revs and its docs row are removed; no tombstone, so
 *                   nothing is pushed, and the pull checkpoint is past its
 *                   revisions, so it is not pulled again unless it changes
 *                   on the central side (then it comes back whole, as a
 *                   new document). Refused (CONFLICT) while docs.pending:
 *                   those changes exist nowhere else. Its seq disappears
 *                   from the changes feed, which I7 allows (seqs stay
 *                   unique and growing; gaps were always possible).
 */
#define G_LOG_DOMAIN "cg-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "cg-store-private.h"
#include "cg-json.h"
#include "cg-validate.h"

#define MAX_HASH_LEN 64

typedef struct {
  char    *rev;
  guint64  gen;
  gboolean deleted;
  gboolean local;
  char    *body;
} Leaf;

static void
leaf_clear (gpointer data)
{
  Leaf *leaf = data;
  g_free (leaf->rev);
  g_free (leaf->body);
}

/* "N-hash" with N ≥ 1 and a hash of letters and digits. N has no leading
 * zero: CouchDB reads "02-x" as "2-x", and revisions are compared as
 * strings here, so a second spelling would make a second leaf (a false
 * conflict) — found by tests/fuzz/fuzz-document. */
static gboolean
parse_rev (const char  *rev,
           guint64     *gen,
           const char **hash)
{
  const char *dash;
  const char *p;
  guint64 n = 0;

  if (rev == NULL || !g_ascii_isdigit (rev[0]) || rev[0] == '0')
    return FALSE;
  dash = strchr (rev, '-');
  if (dash == NULL || dash - rev > 15)
    return FALSE;
  for (p = rev; p < dash; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      n = n * 10 + (guint64) (*p - '0');
    }
  if (n == 0 || dash[1] == '\0' || strlen (dash + 1) > MAX_HASH_LEN)
    return FALSE;
  for (p = dash + 1; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  if (gen)
    *gen = n;
  if (hash)
    *hash = dash + 1;
  return TRUE;
}

static const char *
rev_hash (const char *rev)
{
  const char *dash = strchr (rev, '-');
  return dash ? dash + 1 : rev;
}

/* CouchDB's order: live before deleted, then higher generation, then the
 * greater hash (bytewise). Negative when @a wins. */
static int
compare_leaves (gconstpointer pa,
                gconstpointer pb)
{
  const Leaf *a = pa, *b = pb;

  if (a->deleted != b->deleted)
    return a->deleted ? 1 : -1;
  if (a->gen != b->gen)
    return a->gen > b->gen ? -1 : 1;
  return -strcmp (rev_hash (a->rev), rev_hash (b->rev));
}

static GArray *
load_leaves (CgStore *self,
             gint64   doc_id,
             gboolean with_bodies)
{
  GArray *leaves = g_array_new (FALSE, TRUE, sizeof (Leaf));
  sqlite3_stmt *stmt = cg_store_stmt (self,
    "SELECT rev, gen, deleted, local, body FROM revs WHERE doc_id = ?1 AND leaf");

  g_array_set_clear_func (leaves, leaf_clear);
  sqlite3_bind_int64 (stmt, 1, doc_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Leaf leaf = {
        .rev = g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        .gen = (guint64) sqlite3_column_int64 (stmt, 1),
        .deleted = sqlite3_column_int (stmt, 2),
        .local = sqlite3_column_int (stmt, 3),
        .body = with_bodies ? g_strdup ((const char *) sqlite3_column_text (stmt, 4)) : NULL,
      };
      g_array_append_val (leaves, leaf);
    }
  sqlite3_reset (stmt);
  g_array_sort (leaves, compare_leaves);
  return leaves;
}

typedef struct {
  gint64  doc_id;
  char   *rev;          /* winner */
  gboolean deleted;
  char   *type;
  char   *synced_rev;
} DocRow;

static void
doc_row_clear (DocRow *row)
{
  g_clear_pointer (&row->rev, g_free);
  g_clear_pointer (&row->type, g_free);
  g_clear_pointer (&row->synced_rev, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DocRow, doc_row_clear)

static gboolean
lookup_doc (CgStore    *self,
            const char *id,
            DocRow     *row)
{
  sqlite3_stmt *stmt = cg_store_stmt (self,
    "SELECT doc_id, rev, deleted, type, synced_rev FROM docs WHERE id = ?1");
  gboolean found = FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      row->doc_id = sqlite3_column_int64 (stmt, 0);
      row->rev = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->deleted = sqlite3_column_int (stmt, 2);
      row->type = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->synced_rev = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

static gint64
create_doc (CgStore     *self,
            const char  *id,
            const char  *rev,
            GError     **error)
{
  sqlite3_stmt *stmt = cg_store_stmt (self,
    "INSERT INTO docs (id, rev, seq) VALUES (?1, ?2, ?3)");

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, cg_store_next_seq (self));
  if (!cg_store_step_done (self, stmt, error))
    return -1;
  return sqlite3_last_insert_rowid (cg_store_get_db (self));
}

/* Returns TRUE if @rev is in the tree; fills what is asked for. */
static gboolean
find_rev (CgStore    *self,
          gint64      doc_id,
          const char *rev,
          gboolean   *leaf,
          gboolean   *deleted,
          char      **parent,
          char      **body)
{
  sqlite3_stmt *stmt = cg_store_stmt (self,
    "SELECT leaf, deleted, parent, body FROM revs WHERE doc_id = ?1 AND rev = ?2");
  gboolean found = FALSE;

  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      if (leaf)
        *leaf = sqlite3_column_int (stmt, 0);
      if (deleted)
        *deleted = sqlite3_column_int (stmt, 1);
      if (parent)
        *parent = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      if (body)
        *body = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  return found;
}

static gboolean
insert_rev (CgStore     *self,
            gint64       doc_id,
            const char  *rev,
            guint64      gen,
            const char  *parent,
            gboolean     leaf,
            gboolean     deleted,
            gboolean     local,
            const char  *body,
            GError     **error)
{
  sqlite3_stmt *stmt = cg_store_stmt (self,
    "INSERT INTO revs (doc_id, rev, gen, parent, leaf, deleted, local, body) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");

  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, (gint64) gen);
  if (parent)
    sqlite3_bind_text (stmt, 4, parent, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, leaf);
  sqlite3_bind_int (stmt, 6, deleted);
  sqlite3_bind_int (stmt, 7, local);
  if (body)
    sqlite3_bind_text (stmt, 8, body, -1, SQLITE_STATIC);
  return cg_store_step_done (self, stmt, error);
}

/* @rev got a child: it is no longer a leaf (I1) and its body goes unless it
 * is the merge base (I5). */
static gboolean
demote_leaf (CgStore     *self,
             gint64       doc_id,
             const char  *rev,
             const char  *synced_rev,
             GError     **error)
{
  sqlite3_stmt *stmt = cg_store_stmt (self,
    "UPDATE revs SET leaf = 0, body = CASE WHEN rev IS ?3 THEN body ELSE NULL END "
    "WHERE doc_id = ?1 AND rev = ?2 AND leaf");

  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  if (synced_rev)
    sqlite3_bind_text (stmt, 3, synced_rev, -1, SQLITE_STATIC);
  return cg_store_step_done (self, stmt, error);
}

/* Whether @ancestor is @rev or one of its ancestors still in the tree. */
static gboolean
descends_from (CgStore    *self,
               gint64      doc_id,
               const char *rev,
               const char *ancestor)
{
  g_autofree char *current = g_strdup (rev);
  guint64 ancestor_gen = 0;

  parse_rev (ancestor, &ancestor_gen, NULL);
  while (current != NULL)
    {
      g_autofree char *parent = NULL;
      guint64 gen = 0;

      if (g_str_equal (current, ancestor))
        return TRUE;
      parse_rev (current, &gen, NULL);
      if (gen <= ancestor_gen ||
          !find_rev (self, doc_id, current, NULL, NULL, &parent, NULL))
        return FALSE;
      g_free (current);
      current = g_steal_pointer (&parent);
    }
  return FALSE;
}

/* I8: the base is the fork point of a conflict while two or more live
 * leaves descend from it. */
static gboolean
base_is_fork_point (CgStore    *self,
                    gint64      doc_id,
                    const char *base)
{
  g_autoptr(GArray) leaves = load_leaves (self, doc_id, FALSE);
  guint n = 0;

  for (guint i = 0; i < leaves->len && n < 2; i++)
    {
      const Leaf *leaf = &g_array_index (leaves, Leaf, i);
      if (!leaf->deleted && descends_from (self, doc_id, leaf->rev, base))
        n++;
    }
  return n >= 2;
}

/* Moves the merge base to @rev, dropping the old base's body if it is no
 * longer a leaf (I5); but not away from the fork point of a conflict (I8). */
static gboolean
set_synced_rev (CgStore     *self,
                DocRow      *row,
                const char  *rev,
                GError     **error)
{
  sqlite3_stmt *stmt;

  if (g_strcmp0 (row->synced_rev, rev) == 0)
    return TRUE;
  if (row->synced_rev != NULL && base_is_fork_point (self, row->doc_id, row->synced_rev))
    return TRUE;
  if (row->synced_rev != NULL)
    {
      stmt = cg_store_stmt (self,
        "UPDATE revs SET body = NULL WHERE doc_id = ?1 AND rev = ?2 AND NOT leaf");
      sqlite3_bind_int64 (stmt, 1, row->doc_id);
      sqlite3_bind_text (stmt, 2, row->synced_rev, -1, SQLITE_STATIC);
      if (!cg_store_step_done (self, stmt, error))
        return FALSE;
    }
  stmt = cg_store_stmt (self, "UPDATE docs SET synced_rev = ?2 WHERE doc_id = ?1");
  sqlite3_bind_int64 (stmt, 1, row->doc_id);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  if (!cg_store_step_done (self, stmt, error))
    return FALSE;
  g_free (row->synced_rev);
  row->synced_rev = g_strdup (rev);
  return TRUE;
}

/* I6: forget ancestors more than revs_limit steps above every leaf. Only a
 * tree deeper than the limit can need it, so most writes skip the walk. */
static gboolean
stem_tree (CgStore     *self,
           gint64       doc_id,
           guint64      newest_gen,
           GError     **error)
{
  guint limit = cg_store_get_revs_limit (self);
  g_autoptr(GHashTable) parents = NULL;
  g_autoptr(GHashTable) keep = NULL;
  g_autoptr(GPtrArray) leaves = NULL;
  g_autoptr(GPtrArray) doomed = NULL;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;

  if (newest_gen <= limit)
    return TRUE;

  parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  keep = g_hash_table_new (g_str_hash, g_str_equal);
  leaves = g_ptr_array_new ();
  doomed = g_ptr_array_new ();

  stmt = cg_store_stmt (self, "SELECT rev, parent, leaf FROM revs WHERE doc_id = ?1");
  sqlite3_bind_int64 (stmt, 1, doc_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *rev = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_hash_table_insert (parents, rev,
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      if (sqlite3_column_int (stmt, 2))
        g_ptr_array_add (leaves, rev);
    }
  sqlite3_reset (stmt);

  if (g_hash_table_size (parents) <= limit)
    return TRUE;

  for (guint i = 0; i < leaves->len; i++)
    {
      const char *rev = g_ptr_array_index (leaves, i);
      for (guint depth = 0; rev != NULL && depth < limit; depth++)
        {
          const char *parent;
          gpointer orig_key;
          if (!g_hash_table_lookup_extended (parents, rev, &orig_key, (gpointer *) &parent))
            break;
          g_hash_table_add (keep, orig_key);
          rev = parent;
        }
    }

  g_hash_table_iter_init (&iter, parents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (keep, key))
      g_ptr_array_add (doomed, key);

  for (guint i = 0; i < doomed->len; i++)
    {
      stmt = cg_store_stmt (self, "DELETE FROM revs WHERE doc_id = ?1 AND rev = ?2");
      sqlite3_bind_int64 (stmt, 1, doc_id);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (doomed, i), -1, SQLITE_STATIC);
      if (!cg_store_step_done (self, stmt, error))
        return FALSE;
      /* The child of a forgotten revision becomes a root. */
      stmt = cg_store_stmt (self, "UPDATE revs SET parent = NULL WHERE doc_id = ?1 AND parent = ?2");
      sqlite3_bind_int64 (stmt, 1, doc_id);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (doomed, i), -1, SQLITE_STATIC);
      if (!cg_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Re-derives I2–I4 and I7 for one document after its tree changed, and
 * brings the projections in step when the winner changed. @known_rev and
 * @known_body spare a parse when the caller already holds the new winner. */
static gboolean
refresh_doc (CgStore     *self,
             DocRow      *row,
             const char  *id,
             const char  *known_rev,
             JsonObject  *known_body,
             GError     **error)
{
  g_autoptr(GArray) leaves = load_leaves (self, row->doc_id, FALSE);
  g_autoptr(JsonObject) parsed = NULL;
  JsonObject *body = NULL;
  const Leaf *winner;
  guint live = 0;
  gboolean pending = FALSE;
  gboolean winner_changed;
  const char *type = row->type;
  sqlite3_stmt *stmt;

  g_assert (leaves->len > 0);
  winner = &g_array_index (leaves, Leaf, 0);
  for (guint i = 0; i < leaves->len; i++)
    {
      const Leaf *leaf = &g_array_index (leaves, Leaf, i);
      live += !leaf->deleted;
      pending |= leaf->local;
    }

  winner_changed = g_strcmp0 (row->rev, winner->rev) != 0 || row->deleted != winner->deleted;
  if (winner_changed && !winner->deleted)
    {
      if (known_body != NULL && g_strcmp0 (known_rev, winner->rev) == 0)
        body = known_body;
      else
        {
          g_autofree char *text = NULL;
          find_rev (self, row->doc_id, winner->rev, NULL, NULL, NULL, &text);
          parsed = cg_json_from_string (text ? text : "{}", NULL);
          body = parsed;
        }
      if (cg_json_get_string (body, "type") != NULL)
        type = cg_json_get_string (body, "type");
    }

  stmt = cg_store_stmt (self,
    "UPDATE docs SET rev = ?2, deleted = ?3, conflicted = ?4, pending = ?5, "
    "seq = ?6, type = ?7 WHERE doc_id = ?1");
  sqlite3_bind_int64 (stmt, 1, row->doc_id);
  sqlite3_bind_text (stmt, 2, winner->rev, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, winner->deleted);
  sqlite3_bind_int (stmt, 4, live > 1);
  sqlite3_bind_int (stmt, 5, pending);
  sqlite3_bind_int64 (stmt, 6, cg_store_next_seq (self));
  if (type)
    sqlite3_bind_text (stmt, 7, type, -1, SQLITE_TRANSIENT);
  if (!cg_store_step_done (self, stmt, error))
    return FALSE;

  if (winner_changed && type != NULL &&
      !cg_projections_apply (self, row->doc_id, id, type, winner->deleted ? NULL : body, error))
    return FALSE;

  g_free (row->rev);
  row->rev = g_strdup (winner->rev);
  row->deleted = winner->deleted;
  cg_store_note_changed (self, id, type);
  return TRUE;
}

/* The body as stored: the document without CouchDB's reserved members. */
static char *
body_text (JsonObject *doc)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (doc);   /* in the order written */

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      if (name[0] == '_' && !g_str_equal (name, "_attachments"))
        continue;
      json_object_set_member (body, name, json_node_copy (json_object_get_member (doc, name)));
    }
  return cg_json_to_string (body);
}

static char *
new_rev (guint64 gen)
{
  guchar bytes[16];
  char hex[33];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (hex, sizeof hex, bytes, sizeof bytes);
  return g_strdup_printf ("%" G_GUINT64_FORMAT "-%s", gen, hex);
}

static gboolean
check_id (const char  *id,
          GError     **error)
{
  if (id == NULL || *id == '\0')
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_INVALID,
                   _("The document has no “_id”."));
      return FALSE;
    }
  if (strlen (id) > 512 || !g_utf8_validate (id, -1, NULL) || id[0] == '_' ||
      strstr (id, "\xef\xbf\xbe") != NULL || strstr (id, "\xef\xbf\xbf") != NULL)
    {
      /* Quoted whole characters only: the message ends up in a label. */
      g_autofree char *shown = cg_json_shorten (id, 40);
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_INVALID,
                   _("“%.40s” is not a usable document id: ids are at most 512 bytes of text and do not start with “_”."),
                   shown);
      return FALSE;
    }
  return TRUE;
}

/* Shared by put and delete: a new local leaf on top of @base_rev. */
static char *
write_local (CgStore     *self,
             const char  *id,
             const char  *base_rev,
             JsonObject  *doc,
             gboolean     deleted,
             GError     **error)
{
  g_auto(DocRow) row = { 0 };
  g_autofree char *parent = NULL;
  g_autofree char *parent_body = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) previous = NULL;
  gboolean exists, parent_leaf = FALSE, parent_deleted = FALSE;
  guint64 parent_gen = 0;

  if (!check_id (id, error))
    return NULL;
  if (base_rev != NULL && !parse_rev (base_rev, NULL, NULL))
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_INVALID,
                   _("“%s” is not a revision (expected a number, “-” and letters or digits)."),
                   base_rev);
      return NULL;
    }

  if (!cg_store_begin (self, error))
    return NULL;

  exists = lookup_doc (self, id, &row);
  if (exists)
    {
      if (base_rev == NULL)
        {
          if (!row.deleted)
            {
              g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_CONFLICT,
                           _("The document %s already exists. Open it and change it there."), id);
              goto unchanged;
            }
          base_rev = row.rev;   /* recreate on top of the tombstone */
        }
      if (!find_rev (self, row.doc_id, base_rev, &parent_leaf, &parent_deleted, NULL, &parent_body) ||
          !parent_leaf)
        {
          g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_CONFLICT,
                       _("%s was changed by someone else after you opened it. Reload it and make your change again."),
                       id);
          goto unchanged;
        }
      parent = g_strdup (base_rev);
      parse_rev (parent, &parent_gen, NULL);
      if (!parent_deleted && parent_body != NULL)
        previous = cg_json_from_string (parent_body, NULL);
    }
  else if (base_rev != NULL)
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND,
                   _("%s no longer exists on this device."), id);
      goto unchanged;
    }

  if (deleted)
    {
      if (!exists || parent_deleted)
        {
          g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND,
                       _("%s is already deleted."), id);
          goto unchanged;
        }
      text = g_strdup ("{}");
    }
  else
    {
      if (!cg_validate_document (doc, previous, error))
        goto unchanged;
      text = body_text (doc);
    }

  rev = new_rev (parent_gen + 1);
  if (!exists)
    {
      row.doc_id = create_doc (self, id, rev, error);
      if (row.doc_id < 0)
        goto fail;
      row.rev = NULL;   /* nothing won before: refresh_doc projects it */
    }
  if (!insert_rev (self, row.doc_id, rev, parent_gen + 1, parent, TRUE, deleted, TRUE, text, error))
    goto fail;
  if (parent != NULL && !demote_leaf (self, row.doc_id, parent, row.synced_rev, error))
    goto fail;
  if (!stem_tree (self, row.doc_id, parent_gen + 1, error))
    goto fail;
  if (!refresh_doc (self, &row, id, rev, deleted ? NULL : doc, error))
    goto fail;
  if (!cg_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&rev);

unchanged:
  /* Nothing written yet: a batch this write is part of goes on. */
  cg_store_end_unchanged (self);
  return NULL;

fail:
  cg_store_rollback (self);
  return NULL;
}

char *
cg_store_put (CgStore     *self,
              JsonObject  *doc,
              GError     **error)
{
  const char *id;
  const char *rev;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);
  g_return_val_if_fail (doc != NULL, NULL);

  id = cg_json_get_string (doc, "_id");
  rev = cg_json_get_string (doc, "_rev");
  if (cg_json_get_bool (doc, "_deleted", FALSE))
    return write_local (self, id, rev, doc, TRUE, error);
  return write_local (self, id, rev, doc, FALSE, error);
}

char *
cg_store_delete (CgStore     *self,
                 const char  *id,
                 const char  *rev,
                 GError     **error)
{
  g_return_val_if_fail (CG_IS_STORE (self), NULL);
  g_return_val_if_fail (rev != NULL, NULL);

  return write_local (self, id, rev, NULL, TRUE, error);
}

/* Clears local=1 on @rev and its ancestors: the central side has them. */
static gboolean
clear_local_path (CgStore     *self,
                  gint64       doc_id,
                  const char  *rev,
                  GError     **error)
{
  g_autofree char *current = g_strdup (rev);

  while (current != NULL)
    {
      sqlite3_stmt *stmt = cg_store_stmt (self,
        "UPDATE revs SET local = 0 WHERE doc_id = ?1 AND rev = ?2 AND local RETURNING parent");
      char *parent = NULL;
      int rc;

      sqlite3_bind_int64 (stmt, 1, doc_id);
      sqlite3_bind_text (stmt, 2, current, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        parent = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      else if (rc != SQLITE_DONE)
        {
          cg_store_set_sqlite_error (self, error, _("Could not save"));
          sqlite3_reset (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
      g_free (current);
      current = parent;   /* stops at the first revision already acknowledged */
    }
  return TRUE;
}

gboolean
cg_store_put_replicated (CgStore     *self,
                         JsonObject  *doc,
                         GError     **error)
{
  g_auto(DocRow) row = { 0 };
  g_autoptr(GPtrArray) chain = NULL;   /* oldest first */
  g_autofree char *text = NULL;
  const char *id, *rev, *hash;
  JsonObject *revisions = NULL;
  gboolean deleted, exists;
  guint64 gen;

  g_return_val_if_fail (CG_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);

  id = cg_json_get_string (doc, "_id");
  rev = cg_json_get_string (doc, "_rev");
  if (!check_id (id, error))
    return FALSE;
  if (!parse_rev (rev, &gen, &hash))
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_INVALID,
                   _("%s: “%s” is not a revision."), id, rev ? rev : "(none)");
      return FALSE;
    }
  deleted = cg_json_get_bool (doc, "_deleted", FALSE);

  /* The ancestry, newest first in _revisions.ids; reversed here. */
  chain = g_ptr_array_new_with_free_func (g_free);
  if (json_object_has_member (doc, "_revisions"))
    {
      JsonArray *ids;
      gint64 start = -1;
      guint n;

      revisions = cg_json_get_object (doc, "_revisions");
      ids = cg_json_get_array (revisions, "ids");
      cg_json_get_int (revisions, "start", &start);
      n = ids ? json_array_get_length (ids) : 0;
      if (n == 0 || start != (gint64) gen)
        {
          g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_INVALID,
                       _("%s: “_revisions” does not match revision %s."), id, rev);
          return FALSE;
        }
      n = MIN (n, (guint) MIN (gen, G_MAXUINT));
      n = MIN (n, cg_store_get_revs_limit (self));
      for (guint i = n; i-- > 0;)
        {
          const char *h = cg_json_array_get_string (ids, i);
          char *r;
          if (h == NULL || (i == 0 && !g_str_equal (h, hash)))
            {
              g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_INVALID,
                           _("%s: “_revisions” does not match revision %s."), id, rev);
              return FALSE;
            }
          r = g_strdup_printf ("%" G_GUINT64_FORMAT "-%s", gen - i, h);
          if (!parse_rev (r, NULL, NULL))
            {
              g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_INVALID,
                           _("%s: “_revisions” holds an invalid revision id."), id);
              g_free (r);
              return FALSE;
            }
          g_ptr_array_add (chain, r);
        }
    }
  else
    g_ptr_array_add (chain, g_strdup (rev));

  if (!deleted && !cg_validate_document (doc, NULL, error))
    {
      g_prefix_error (error, "%s %s: ", id, rev);
      return FALSE;
    }
  text = deleted ? g_strdup ("{}") : body_text (doc);

  if (!cg_store_begin (self, error))
    return FALSE;

  exists = lookup_doc (self, id, &row);
  if (exists && find_rev (self, row.doc_id, rev, NULL, NULL, NULL, NULL))
    {
      /* Already here (idempotent). It may be our own revision coming back:
       * then the central side has it. */
      sqlite3_stmt *stmt;
      if (!clear_local_path (self, row.doc_id, rev, error))
        goto fail;
      stmt = cg_store_stmt (self,
        "UPDATE docs SET pending = EXISTS (SELECT 1 FROM revs WHERE doc_id = ?1 AND leaf AND local) "
        "WHERE doc_id = ?1");
      sqlite3_bind_int64 (stmt, 1, row.doc_id);
      if (!cg_store_step_done (self, stmt, error))
        goto fail;
      if (!cg_store_commit (self, error))
        return FALSE;
      return FALSE;
    }

  if (!exists)
    {
      row.doc_id = create_doc (self, id, rev, error);
      if (row.doc_id < 0)
        goto fail;
    }

  for (guint i = 0; i < chain->len; i++)
    {
      const char *r = g_ptr_array_index (chain, i);
      const char *p = i > 0 ? g_ptr_array_index (chain, i - 1) : NULL;
      gboolean newest = i + 1 == chain->len;
      g_autofree char *known_parent = NULL;
      guint64 g;

      parse_rev (r, &g, NULL);
      if (exists && find_rev (self, row.doc_id, r, NULL, NULL, &known_parent, NULL))
        {
          /* Known ancestor. Learn its parent if we had it as a root. */
          if (known_parent == NULL && p != NULL)
            {
              sqlite3_stmt *stmt = cg_store_stmt (self,
                "UPDATE revs SET parent = ?3 WHERE doc_id = ?1 AND rev = ?2");
              sqlite3_bind_int64 (stmt, 1, row.doc_id);
              sqlite3_bind_text (stmt, 2, r, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 3, p, -1, SQLITE_STATIC);
              if (!cg_store_step_done (self, stmt, error))
                goto fail;
            }
          if (!clear_local_path (self, row.doc_id, r, error))
            goto fail;
          continue;
        }
      if (!insert_rev (self, row.doc_id, r, g, p, newest, newest && deleted, FALSE,
                       newest ? text : NULL, error))
        goto fail;
      if (p != NULL && !demote_leaf (self, row.doc_id, p, row.synced_rev, error))
        goto fail;
    }

  if (!set_synced_rev (self, &row, rev, error))
    goto fail;
  if (!stem_tree (self, row.doc_id, gen, error))
    goto fail;
  if (!exists)
    g_clear_pointer (&row.rev, g_free);
  if (!refresh_doc (self, &row, id, rev, deleted ? NULL : doc, error))
    goto fail;
  return cg_store_commit (self, error);

fail:
  cg_store_rollback (self);
  return FALSE;
}

gboolean
cg_store_mark_synced (CgStore     *self,
                      const char  *id,
                      const char  *rev,
                      GError     **error)
{
  g_auto(DocRow) row = { 0 };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CG_IS_STORE (self), FALSE);

  if (!cg_store_begin (self, error))
    return FALSE;
  if (!lookup_doc (self, id, &row) || !find_rev (self, row.doc_id, rev, NULL, NULL, NULL, NULL))
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND,
                   _("Revision %s of %s is not on this device."), rev, id);
      cg_store_end_unchanged (self);
      return FALSE;
    }
  if (!clear_local_path (self, row.doc_id, rev, error) ||
      !set_synced_rev (self, &row, rev, error))
    goto fail;
  stmt = cg_store_stmt (self,
    "UPDATE docs SET pending = EXISTS (SELECT 1 FROM revs WHERE doc_id = ?1 AND leaf AND local) "
    "WHERE doc_id = ?1");
  sqlite3_bind_int64 (stmt, 1, row.doc_id);
  if (!cg_store_step_done (self, stmt, error))
    goto fail;
  return cg_store_commit (self, error);

fail:
  cg_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */

static JsonObject *
with_reserved (const char *id,
               const char *rev,
               gboolean    deleted,
               const char *body)
{
  g_autoptr(JsonObject) parsed = cg_json_from_string (body ? body : "{}", NULL);
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "_rev", rev);
  if (deleted)
    json_object_set_boolean_member (doc, "_deleted", TRUE);
  if (parsed != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (parsed);   /* in stored order */
      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (doc, l->data, json_node_copy (json_object_get_member (parsed, l->data)));
    }
  return doc;
}

JsonObject *
cg_store_get (CgStore     *self,
              const char  *id,
              gboolean     with_conflicts,
              GError     **error)
{
  sqlite3_stmt *stmt;
  JsonObject *doc = NULL;
  gint64 doc_id = 0;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = cg_store_stmt (self,
    "SELECT d.rev, d.deleted, r.body, d.doc_id FROM docs d "
    "JOIN revs r ON r.doc_id = d.doc_id AND r.rev = d.rev WHERE d.id = ?1");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && !sqlite3_column_int (stmt, 1))
    {
      doc = with_reserved (id, (const char *) sqlite3_column_text (stmt, 0), FALSE,
                           (const char *) sqlite3_column_text (stmt, 2));
      doc_id = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);

  if (doc == NULL)
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND,
                   _("There is no document %s on this device."), id);
      return NULL;
    }

  if (with_conflicts)
    {
      g_autoptr(GArray) leaves = load_leaves (self, doc_id, FALSE);
      JsonArray *conflicts = json_array_new ();
      for (guint i = 1; i < leaves->len; i++)
        {
          const Leaf *leaf = &g_array_index (leaves, Leaf, i);
          if (!leaf->deleted)
            json_array_add_string_element (conflicts, leaf->rev);
        }
      if (json_array_get_length (conflicts) > 0)
        json_object_set_array_member (doc, "_conflicts", conflicts);
      else
        json_array_unref (conflicts);
    }
  return doc;
}

JsonObject *
cg_store_get_revision (CgStore     *self,
                       const char  *id,
                       const char  *rev,
                       GError     **error)
{
  g_auto(DocRow) row = { 0 };
  g_autofree char *body = NULL;
  gboolean deleted = FALSE;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  if (!lookup_doc (self, id, &row) ||
      !find_rev (self, row.doc_id, rev, NULL, &deleted, NULL, &body) ||
      (body == NULL && !deleted))
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND,
                   _("Revision %s of %s is not kept on this device."), rev, id);
      return NULL;
    }
  return with_reserved (id, rev, deleted, body);
}

/* @text as a JSON string (RFC 8259 escapes). */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;
      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

char *
cg_store_get_revision_json (CgStore     *self,
                            const char  *id,
                            const char  *rev,
                            GError     **error)
{
  g_auto(DocRow) row = { 0 };
  g_autofree char *body = NULL;
  g_autofree char *current = NULL;
  gboolean deleted = FALSE;
  const char *members, *end;
  guint64 start;
  guint limit;
  GString *out;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  if (!parse_rev (rev, &start, NULL) || !lookup_doc (self, id, &row) ||
      !find_rev (self, row.doc_id, rev, NULL, &deleted, &current, &body) ||
      (body == NULL && !deleted))
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND,
                   _("Revision %s of %s is not kept on this device."), rev, id);
      return NULL;
    }

  /* As with_reserved() and cg_store_get_revisions() would make it, member
   * for member and in the same order, but the stored body is spliced in as
   * it is: it is an object serialised by cg_json_to_string(). */
  out = g_string_sized_new (160 + (body ? strlen (body) : 0));
  g_string_append (out, "{\"_id\":");
  append_json_string (out, id);
  g_string_append (out, ",\"_rev\":");
  append_json_string (out, rev);
  if (deleted)
    g_string_append (out, ",\"_deleted\":true");

  members = body ? strchr (body, '{') : NULL;
  end = body ? strrchr (body, '}') : NULL;
  if (members != NULL && end != NULL && end > members)
    {
      members++;
      while (members < end && g_ascii_isspace (*members))
        members++;
      if (members < end)
        {
          g_string_append_c (out, ',');
          g_string_append_len (out, members, end - members);
        }
    }

  g_string_append_printf (out, ",\"_revisions\":{\"start\":%" G_GUINT64_FORMAT ",\"ids\":[", start);
  append_json_string (out, rev_hash (rev));
  limit = cg_store_get_revs_limit (self);
  for (guint n = 1; current != NULL && n < limit; n++)
    {
      char *parent = NULL;

      g_string_append_c (out, ',');
      append_json_string (out, rev_hash (current));
      if (!find_rev (self, row.doc_id, current, NULL, NULL, &parent, NULL))
        break;
      g_free (current);
      current = parent;
    }
  g_string_append (out, "]}}");
  return g_string_free (out, FALSE);
}

JsonObject *
cg_store_get_synced_base (CgStore    *self,
                          const char *id)
{
  g_auto(DocRow) row = { 0 };

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  if (!lookup_doc (self, id, &row) || row.synced_rev == NULL)
    return NULL;
  return cg_store_get_revision (self, id, row.synced_rev, NULL);
}

GStrv
cg_store_get_leaves (CgStore    *self,
                     const char *id,
                     gboolean    include_deleted)
{
  g_auto(DocRow) row = { 0 };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  if (lookup_doc (self, id, &row))
    {
      g_autoptr(GArray) leaves = load_leaves (self, row.doc_id, FALSE);
      for (guint i = 0; i < leaves->len; i++)
        {
          const Leaf *leaf = &g_array_index (leaves, Leaf, i);
          if (include_deleted || !leaf->deleted)
            g_strv_builder_add (builder, leaf->rev);
        }
    }
  return g_strv_builder_end (builder);
}

gboolean
cg_store_has_revision (CgStore    *self,
                       const char *id,
                       const char *rev)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (CG_IS_STORE (self), FALSE);

  stmt = cg_store_stmt (self,
    "SELECT 1 FROM revs WHERE doc_id = (SELECT doc_id FROM docs WHERE id = ?1) AND rev = ?2");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

GStrv
cg_store_get_unsynced_leaves (CgStore    *self,
                              const char *id)
{
  g_auto(DocRow) row = { 0 };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  if (lookup_doc (self, id, &row))
    {
      g_autoptr(GArray) leaves = load_leaves (self, row.doc_id, FALSE);
      for (guint i = 0; i < leaves->len; i++)
        {
          const Leaf *leaf = &g_array_index (leaves, Leaf, i);
          if (leaf->local)
            g_strv_builder_add (builder, leaf->rev);
        }
    }
  return g_strv_builder_end (builder);
}

JsonObject *
cg_store_get_revisions (CgStore    *self,
                        const char *id,
                        const char *rev)
{
  g_auto(DocRow) row = { 0 };
  g_autofree char *current = NULL;
  JsonObject *revisions;
  JsonArray *ids;
  guint64 start;
  guint limit;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  if (!parse_rev (rev, &start, NULL) || !lookup_doc (self, id, &row) ||
      !find_rev (self, row.doc_id, rev, NULL, NULL, NULL, NULL))
    return NULL;

  revisions = json_object_new ();
  ids = json_array_new ();
  json_object_set_int_member (revisions, "start", (gint64) start);
  limit = cg_store_get_revs_limit (self);
  current = g_strdup (rev);
  while (current != NULL && json_array_get_length (ids) < limit)
    {
      char *parent = NULL;
      json_array_add_string_element (ids, rev_hash (current));
      if (!find_rev (self, row.doc_id, current, NULL, NULL, &parent, NULL))
        break;
      g_free (current);
      current = parent;
    }
  json_object_set_array_member (revisions, "ids", ids);
  return revisions;
}

gboolean
cg_store_purge_local (CgStore     *self,
                      const char  *id,
                      GError     **error)
{
  g_auto(DocRow) row = { 0 };
  sqlite3_stmt *stmt;
  gboolean pending = FALSE;

  g_return_val_if_fail (CG_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!cg_store_begin (self, error))
    return FALSE;

  if (!lookup_doc (self, id, &row))
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND,
                   _("%s no longer exists on this device."), id);
      goto unchanged;
    }

  stmt = cg_store_stmt (self, "SELECT pending FROM docs WHERE doc_id = ?1");
  sqlite3_bind_int64 (stmt, 1, row.doc_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    pending = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (pending)
    {
      /* Its local changes exist nowhere else yet: purging would lose them. */
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_CONFLICT,
                   _("%s has changes not yet sent to the server, so it is kept. "
                     "It can be removed after the next sync."), id);
      goto unchanged;
    }

  /* The projections first (their delete path needs the old rows), then
   * the tree and the row; revs would also go by ON DELETE CASCADE, but
   * say it rather than rely on foreign_keys being on. */
  if (row.type != NULL &&
      !cg_projections_apply (self, row.doc_id, id, row.type, NULL, error))
    goto fail;
  stmt = cg_store_stmt (self, "DELETE FROM revs WHERE doc_id = ?1");
  sqlite3_bind_int64 (stmt, 1, row.doc_id);
  if (!cg_store_step_done (self, stmt, error))
    goto fail;
  stmt = cg_store_stmt (self, "DELETE FROM docs WHERE doc_id = ?1");
  sqlite3_bind_int64 (stmt, 1, row.doc_id);
  if (!cg_store_step_done (self, stmt, error))
    goto fail;

  cg_store_note_changed (self, id, row.type);
  return cg_store_commit (self, error);

unchanged:
  cg_store_end_unchanged (self);
  return FALSE;

fail:
  cg_store_rollback (self);
  return FALSE;
}
