/* cg-store.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connection side of CgStore: opening and migrating the SQLite file,
 * transactions, the statement cache, metadata, counters, _local documents and
 * the read-only queries over replication state. The revision tree lives in
 * cg-store-revs.c, the typed projections in cg-projections.c.
 *
 * Durability: WAL with synchronous=FULL. A write that returned success is on
 * disk (a service counter can lose power at any moment). Every write runs in
 * a transaction (BEGIN IMMEDIATE). Nested levels (a document inside a batch)
 * open no SAVEPOINT: FTS5 flushes its pending terms at every savepoint,
 * which cost a fifth of a bulk write. Instead a write checks everything it
 * can before it writes; a failure found then leaves its level with
 * cg_store_end_unchanged() and the batch goes on (one bad document does not
 * spoil a replication batch); a failure after a write poisons the
 * transaction, and the outermost commit rolls it all back.
 */
#define G_LOG_DOMAIN "cg-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "cg-search.h"
#include "cg-store-private.h"

struct _CgStore
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  GHashTable   *stmts;          /* const char *sql → sqlite3_stmt */

  guint         tx_depth;
  gboolean      tx_poisoned;    /* a nested level failed after writing */
  gint64        seq;            /* last sequence handed out in this transaction */
  gboolean      seq_dirty;
  guint         revs_limit;

  /* What changed in the current transaction, for the "changed" signal. */
  guint         n_changed;
  char         *changed_id;
  char         *changed_type;
};

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_TYPE (CgStore, cg_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (cg-store-error-quark, cg_store_error)
G_DEFINE_QUARK (cg-validation-error-quark, cg_validation_error)

static void
cg_store_finalize (GObject *object)
{
  CgStore *self = CG_STORE (object);

  if (self->tx_depth > 0)
    {
      g_warning ("Store closed inside a transaction; rolling back");
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->changed_id);
  g_free (self->changed_type);

  G_OBJECT_CLASS (cg_store_parent_class)->finalize (object);
}

static void
cg_store_class_init (CgStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cg_store_finalize;

  /* Revision ids come from libsodium's generator. */
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  /**
   * CgStore::changed:
   * @id: (nullable): the document that changed, or %NULL when a batch changed
   *   several
   * @type: (nullable): its type, or %NULL
   *
   * Emitted after a write has been committed.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING, G_TYPE_STRING);
}

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static void
cg_store_init (CgStore *self)
{
  self->stmts = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
  self->revs_limit = CG_STORE_DEFAULT_REVS_LIMIT;
}

sqlite3 *
cg_store_get_db (CgStore *self)
{
  return self->db;
}

void
cg_store_set_sqlite_error (CgStore     *self,
                           GError     **error,
                           const char  *what)
{
  int code = sqlite3_extended_errcode (self->db) & 0xff;
  const char *msg = sqlite3_errmsg (self->db);

  switch (code)
    {
    case SQLITE_FULL:
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_IO,
                   _("%s: the disk is full. Free some space and try again; nothing was lost."),
                   what);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_IO,
                   _("%s: the data file is read-only (%s). Check its permissions."),
                   what, self->path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_BUSY,
                   _("%s: another program is writing to the data file. Try again in a moment."),
                   what);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_IO,
                   _("%s: the data file %s is damaged (%s)."),
                   what, self->path, msg);
      break;
    case SQLITE_INTERRUPT:
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_CANCELLED,
                   _("%s: cancelled."), what);
      break;
    default:
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_IO,
                   "%s: %s", what, msg);
      break;
    }
}

sqlite3_stmt *
cg_store_stmt (CgStore    *self,
               const char *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                              &stmt, NULL) != SQLITE_OK)
        g_error ("Cannot prepare «%s»: %s", sql, sqlite3_errmsg (self->db));
      g_hash_table_insert (self->stmts, (gpointer) sql, stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  return stmt;
}

gboolean
cg_store_step_done (CgStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  cg_store_set_sqlite_error (self, error, _("Could not save"));
  return FALSE;
}

gboolean
cg_store_exec (CgStore     *self,
               const char  *sql,
               GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      cg_store_set_sqlite_error (self, error, _("Could not update the data file"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
configure_connection (CgStore  *self,
                      GError  **error)
{
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);
  return cg_store_exec (self,
                        "PRAGMA journal_mode=WAL;"
                        "PRAGMA synchronous=FULL;"
                        "PRAGMA foreign_keys=ON;"
                        "PRAGMA temp_store=MEMORY;"
                        "PRAGMA cache_size=-16000;",
                        error);
}

/**
 * cg_store_open:
 * @path: the SQLite file; created when missing
 *
 * Opens (creating or migrating as needed) a store.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
CgStore *
cg_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(CgStore) self = NULL;
  g_autofree char *dir = NULL;
  gboolean needs_rebuild = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_OPEN,
                   _("Cannot create the folder %s for the data file: %s"),
                   dir, g_strerror (errno));
      return NULL;
    }

  /* SQLite says only "unable to open database file" for a folder. */
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_OPEN,
                   _("%s is a folder, not a data file. Give the path of a file, like %s/store.db."),
                   path, path);
      return NULL;
    }

  self = g_object_new (CG_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_OPEN,
                   _("Cannot open the data file %s: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  if (!configure_connection (self, error))
    {
      g_clear_error (error);
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_OPEN,
                   _("%s is not a Changgu data file (it is not an SQLite database)."),
                   path);
      return NULL;
    }

  if (!cg_store_migrate (self->db, CG_STORE_SCHEMA_VERSION, &needs_rebuild, error))
    return NULL;

  /* The contentless indexes delete by recomputed terms: a store indexed
   * with other terms must be re-indexed before its first write. */
  {
    g_autofree char *terms_version = cg_store_get_meta (self, "search_terms_version");
    if (g_strcmp0 (terms_version, CG_SEARCH_TERMS_VERSION) != 0)
      {
        if (cg_store_count_documents (self, NULL) > 0)
          needs_rebuild = TRUE;
        else if (!cg_store_set_meta (self, "search_terms_version", CG_SEARCH_TERMS_VERSION, error))
          return NULL;
      }
  }

  if (needs_rebuild && !cg_store_rebuild_projections (self, NULL, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
cg_store_get_path (CgStore *self)
{
  g_return_val_if_fail (CG_IS_STORE (self), NULL);
  return self->path;
}

guint
cg_store_get_revs_limit (CgStore *self)
{
  return self->revs_limit;
}

void
cg_store_set_revs_limit (CgStore *self,
                         guint    revs_limit)
{
  g_return_if_fail (revs_limit > 0);
  self->revs_limit = revs_limit;
}

/* ------------------------------------------------------------------------ */
/* Transactions                                                              */

static gint64
read_meta_int (CgStore    *self,
               const char *key)
{
  sqlite3_stmt *stmt = cg_store_stmt (self, "SELECT value FROM meta WHERE key = ?1");
  gint64 value = 0;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
cg_store_begin (CgStore  *self,
                GError  **error)
{
  g_return_val_if_fail (CG_IS_STORE (self), FALSE);

  if (self->tx_depth == 0)
    {
      if (!cg_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->seq = read_meta_int (self, "last_seq");
      self->seq_dirty = FALSE;
      self->tx_poisoned = FALSE;
      self->n_changed = 0;
      g_clear_pointer (&self->changed_id, g_free);
      g_clear_pointer (&self->changed_type, g_free);
    }
  self->tx_depth++;
  return TRUE;
}

static void
forget_changes (CgStore *self)
{
  self->tx_depth = 0;
  self->tx_poisoned = FALSE;
  self->n_changed = 0;
  g_clear_pointer (&self->changed_id, g_free);
  g_clear_pointer (&self->changed_type, g_free);
}

gboolean
cg_store_commit (CgStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (CG_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (self->tx_depth > 1)
    {
      self->tx_depth--;
      return TRUE;
    }

  if (self->tx_poisoned)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      forget_changes (self);
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_IO,
                   _("A write in this batch failed, so none of the batch was saved."));
      return FALSE;
    }

  if (self->seq_dirty)
    {
      sqlite3_stmt *stmt = cg_store_stmt (self,
        "INSERT INTO meta (key, value) VALUES ('last_seq', ?1) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
      sqlite3_bind_int64 (stmt, 1, self->seq);
      if (!cg_store_step_done (self, stmt, error))
        {
          cg_store_rollback (self);
          return FALSE;
        }
    }

  if (!cg_store_exec (self, "COMMIT", error))
    {
      cg_store_rollback (self);
      return FALSE;
    }
  self->tx_depth = 0;

  if (self->n_changed > 0)
    {
      g_autofree char *id = g_steal_pointer (&self->changed_id);
      g_autofree char *type = g_steal_pointer (&self->changed_type);
      self->n_changed = 0;
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0, id, type);
    }
  return TRUE;
}

void
cg_store_rollback (CgStore *self)
{
  g_return_if_fail (CG_IS_STORE (self));

  if (self->tx_depth == 0)
    return;
  if (self->tx_depth > 1)
    {
      /* No savepoint to go back to: the whole transaction must go. */
      self->tx_depth--;
      self->tx_poisoned = TRUE;
      return;
    }
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  forget_changes (self);
}

void
cg_store_end_unchanged (CgStore *self)
{
  g_return_if_fail (CG_IS_STORE (self));

  if (self->tx_depth > 1)
    self->tx_depth--;
  else
    cg_store_rollback (self);   /* nothing was written: cheap */
}

gint64
cg_store_next_seq (CgStore *self)
{
  g_assert (self->tx_depth > 0);
  self->seq_dirty = TRUE;
  return ++self->seq;
}

void
cg_store_note_changed (CgStore    *self,
                       const char *id,
                       const char *type)
{
  if (self->n_changed++ == 0)
    {
      self->changed_id = g_strdup (id);
      self->changed_type = g_strdup (type);
    }
  else
    {
      /* Several documents: listeners reload what they show. */
      g_clear_pointer (&self->changed_id, g_free);
      if (g_strcmp0 (self->changed_type, type) != 0)
        g_clear_pointer (&self->changed_type, g_free);
    }
}

/* ------------------------------------------------------------------------ */
/* Metadata, counters and _local documents                                   */

char *
cg_store_get_meta (CgStore    *self,
                   const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  stmt = cg_store_stmt (self, "SELECT value FROM meta WHERE key = ?1");
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
cg_store_set_meta (CgStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (CG_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!cg_store_begin (self, error))
    return FALSE;
  if (value != NULL)
    {
      stmt = cg_store_stmt (self,
        "INSERT INTO meta (key, value) VALUES (?1, ?2) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
    }
  else
    stmt = cg_store_stmt (self, "DELETE FROM meta WHERE key = ?1");
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  ok = cg_store_step_done (self, stmt, error);
  if (ok)
    return cg_store_commit (self, error);
  cg_store_rollback (self);
  return FALSE;
}

/* Counters behind case numbers and queue tickets. Inside the caller's
 * transaction, so a number is used only if the document that carries it is
 * committed too; otherwise both roll back together. */
gint64
cg_store_next_counter (CgStore     *self,
                       const char  *key,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_return_val_if_fail (CG_IS_STORE (self), -1);

  if (!cg_store_begin (self, error))
    return -1;
  stmt = cg_store_stmt (self,
    "INSERT INTO meta (key, value) VALUES (?1, 1) "
    "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 "
    "RETURNING CAST(value AS INTEGER)");
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else
    cg_store_set_sqlite_error (self, error, _("Could not take the next number"));
  sqlite3_reset (stmt);

  if (value < 0)
    {
      cg_store_rollback (self);
      return -1;
    }
  if (!cg_store_commit (self, error))
    return -1;
  return value;
}

JsonObject *
cg_store_get_local (CgStore    *self,
                    const char *id)
{
  sqlite3_stmt *stmt;
  JsonObject *object = NULL;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  stmt = cg_store_stmt (self, "SELECT body FROM local_docs WHERE id = ?1");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    object = cg_json_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);
  sqlite3_reset (stmt);
  return object;
}

gboolean
cg_store_put_local (CgStore     *self,
                    const char  *id,
                    JsonObject  *body,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CG_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!cg_store_begin (self, error))
    return FALSE;
  if (body != NULL)
    {
      text = cg_json_to_string (body);
      stmt = cg_store_stmt (self,
        "INSERT INTO local_docs (id, body) VALUES (?1, ?2) "
        "ON CONFLICT (id) DO UPDATE SET body = excluded.body");
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
    }
  else
    stmt = cg_store_stmt (self, "DELETE FROM local_docs WHERE id = ?1");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!cg_store_step_done (self, stmt, error))
    {
      cg_store_rollback (self);
      return FALSE;
    }
  return cg_store_commit (self, error);
}

/* ------------------------------------------------------------------------ */
/* Queries over replication state                                            */

gint64
cg_store_get_last_seq (CgStore *self)
{
  g_return_val_if_fail (CG_IS_STORE (self), 0);
  if (self->tx_depth > 0)
    return self->seq;
  return read_meta_int (self, "last_seq");
}

/* Rows of (id, rev, seq) after @since in sequence order. Not the cached
 * statement: @func may write to the store. */
static void
foreach_feed_row (CgStore      *self,
                  const char   *sql,
                  gint64        since,
                  guint         limit,
                  CgChangeFunc  func,
                  gpointer      user_data)
{
  sqlite3_stmt *stmt;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : G_MAXINT64);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (!func ((const char *) sqlite3_column_text (stmt, 0),
               (const char *) sqlite3_column_text (stmt, 1),
               sqlite3_column_int64 (stmt, 2), user_data))
      break;
  sqlite3_finalize (stmt);
}

void
cg_store_foreach_change (CgStore      *self,
                         gint64        since,
                         guint         limit,
                         CgChangeFunc  func,
                         gpointer      user_data)
{
  g_return_if_fail (CG_IS_STORE (self));
  foreach_feed_row (self, "SELECT id, rev, seq FROM docs WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                    since, limit, func, user_data);
}

void
cg_store_foreach_pending (CgStore      *self,
                          gint64        since,
                          guint         limit,
                          CgChangeFunc  func,
                          gpointer      user_data)
{
  g_return_if_fail (CG_IS_STORE (self));
  foreach_feed_row (self, "SELECT id, rev, seq FROM docs WHERE pending AND seq > ?1 ORDER BY seq LIMIT ?2",
                    since, limit, func, user_data);
}

static guint count_query (CgStore *self, const char *sql, const char *arg);

gint64
cg_store_get_data_version (CgStore *self)
{
  g_return_val_if_fail (CG_IS_STORE (self), 0);
  return count_query (self, "PRAGMA data_version", NULL);
}

void
cg_store_emit_changed (CgStore *self)
{
  g_return_if_fail (CG_IS_STORE (self));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, NULL, NULL);
}

void
cg_store_foreach_document (CgStore      *self,
                           const char   *type,
                           CgChangeFunc  func,
                           gpointer      user_data)
{
  sqlite3_stmt *stmt;
  const char *sql = type != NULL
    ? "SELECT id, rev, seq FROM docs WHERE type = ?1 AND deleted = 0 ORDER BY id"
    : "SELECT id, rev, seq FROM docs WHERE deleted = 0 ORDER BY id";

  g_return_if_fail (CG_IS_STORE (self));

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return;
  if (type != NULL)
    sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (!func ((const char *) sqlite3_column_text (stmt, 0),
               (const char *) sqlite3_column_text (stmt, 1),
               sqlite3_column_int64 (stmt, 2), user_data))
      break;
  sqlite3_finalize (stmt);
}

static guint
count_query (CgStore    *self,
             const char *sql,
             const char *arg)
{
  sqlite3_stmt *stmt = cg_store_stmt (self, sql);
  guint n = 0;

  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

guint
cg_store_count_pending (CgStore *self)
{
  g_return_val_if_fail (CG_IS_STORE (self), 0);
  return count_query (self, "SELECT count(*) FROM docs WHERE pending", NULL);
}

guint
cg_store_count_conflicts (CgStore *self)
{
  g_return_val_if_fail (CG_IS_STORE (self), 0);
  return count_query (self, "SELECT count(*) FROM docs WHERE conflicted", NULL);
}

guint
cg_store_count_documents (CgStore    *self,
                          const char *type)
{
  g_return_val_if_fail (CG_IS_STORE (self), 0);
  if (type == NULL)
    return count_query (self, "SELECT count(*) FROM docs WHERE deleted = 0", NULL);
  return count_query (self, "SELECT count(*) FROM docs WHERE type = ?1 AND deleted = 0", type);
}

gboolean
cg_store_has_documents (CgStore    *self,
                        const char *type)
{
  g_return_val_if_fail (CG_IS_STORE (self), FALSE);
  if (type == NULL)
    return count_query (self, "SELECT EXISTS (SELECT 1 FROM docs WHERE deleted = 0)", NULL) > 0;
  return count_query (self, "SELECT EXISTS (SELECT 1 FROM docs WHERE type = ?1 AND deleted = 0)", type) > 0;
}

GStrv
cg_store_list_conflicts (CgStore *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  stmt = cg_store_stmt (self, "SELECT id FROM docs WHERE conflicted ORDER BY id");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_strv_builder_end (builder);
}
