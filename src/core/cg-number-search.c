/* cg-number-search.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-search"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "cg-number-search.h"
#include "cg-search.h"
#include "cg-store-private.h"

/* The bound of each scan of the number index (see below). */
#define NUMBER_SCAN_LIMIT 2000

struct _CgNumberMatch
{
  GObject parent_instance;
  const char *kind;   /* static */
  char *id;
  char *number;
  char *subject;
  char *status;
};

G_DEFINE_FINAL_TYPE (CgNumberMatch, cg_number_match, G_TYPE_OBJECT)

static void
cg_number_match_finalize (GObject *object)
{
  CgNumberMatch *self = CG_NUMBER_MATCH (object);

  g_free (self->id);
  g_free (self->number);
  g_free (self->subject);
  g_free (self->status);
  G_OBJECT_CLASS (cg_number_match_parent_class)->finalize (object);
}

static void
cg_number_match_class_init (CgNumberMatchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_number_match_finalize;
}

static void
cg_number_match_init (CgNumberMatch *self)
{
}

const char *
cg_number_match_get_kind (CgNumberMatch *self)
{
  g_return_val_if_fail (CG_IS_NUMBER_MATCH (self), NULL);
  return self->kind;
}

const char *
cg_number_match_get_id (CgNumberMatch *self)
{
  g_return_val_if_fail (CG_IS_NUMBER_MATCH (self), NULL);
  return self->id;
}

const char *
cg_number_match_get_number (CgNumberMatch *self)
{
  g_return_val_if_fail (CG_IS_NUMBER_MATCH (self), NULL);
  return self->number;
}

const char *
cg_number_match_get_subject (CgNumberMatch *self)
{
  g_return_val_if_fail (CG_IS_NUMBER_MATCH (self), NULL);
  return self->subject;
}

const char *
cg_number_match_get_status (CgNumberMatch *self)
{
  g_return_val_if_fail (CG_IS_NUMBER_MATCH (self), NULL);
  return self->status;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text != NULL ? text : "";
}

static gboolean
collect (CgStore     *store,
         const char  *sql,
         const char  *kind,
         const char  *match,
         guint        limit,
         GPtrArray   *out,
         GError     **error)
{
  sqlite3_stmt *stmt = cg_store_stmt (store, sql);
  int rc;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CgNumberMatch *item = g_object_new (CG_TYPE_NUMBER_MATCH, NULL);

      item->kind = kind;
      item->id = g_strdup (column_text (stmt, 0));
      item->number = g_strdup (column_text (stmt, 1));
      item->subject = g_strdup (column_text (stmt, 2));
      item->status = g_strdup (column_text (stmt, 3));
      g_ptr_array_add (out, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cg_store_set_sqlite_error (store, error, _("Search failed"));
      return FALSE;
    }
  return TRUE;
}

/* @kind's matches of the whole words (@exact), then of the prefixes
 * (@match) while there is room, each number once. */
static gboolean
collect_kind (CgStore     *store,
              const char  *sql,
              const char  *kind,
              const char  *exact,
              const char  *match,
              guint        limit,
              GPtrArray   *out,
              GError     **error)
{
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  guint first = out->len;

  if (!collect (store, sql, kind, exact, limit, out, error))
    return FALSE;
  if (out->len - first >= limit || cg_search_number_scan_is_full (store, exact, NUMBER_SCAN_LIMIT))
    return TRUE;
  if (!collect (store, sql, kind, match, limit, more, error))
    return FALSE;
  for (guint i = 0; i < more->len && out->len - first < limit; i++)
    {
      CgNumberMatch *candidate = g_ptr_array_index (more, i);
      gboolean seen = FALSE;

      for (guint j = first; j < out->len && !seen; j++)
        seen = g_strcmp0 (((CgNumberMatch *) g_ptr_array_index (out, j))->id, candidate->id) == 0;
      if (!seen)
        g_ptr_array_add (out, g_object_ref (candidate));
    }
  return TRUE;
}

GPtrArray *
cg_store_search_numbers (CgStore     *store,
                         const char  *input,
                         guint        limit_per_kind,
                         GError     **error)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *match = NULL;
  g_autofree char *exact = NULL;
  gboolean has_digit = FALSE;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  guint n_chars = 0;

  for (const char *p = input; p != NULL && *p != '\0'; p++)
    {
      has_digit |= g_ascii_isdigit (*p);
      n_chars += !g_ascii_isspace (*p);
    }
  /* "010", the start of every mobile number, is in thousands of order
   * numbers: fewer than 4 characters is a phone being typed, not a number
   * being looked up. */
  if (!has_digit || n_chars < 4 || limit_per_kind == 0)
    return g_steal_pointer (&matches);
  match = cg_search_build_query (input);
  if (match == NULL)
    return g_steal_pointer (&matches);

  /* number_fts holds orders and cases alike (rowid = doc_id). The scan of
   * the index is bounded: "0421-C1" matches every case of a device (500k
   * in the 1M demo store), and looking for orders among them took 1.3 s;
   * with the bound it stays near a millisecond, and a person who wants
   * one order among thousands of matches types more of its number. Whole
   * words first, prefixes only to fill up (cg_store_search_customers()
   * says why). */
  exact = cg_search_build_exact_query (input);
  if (!collect_kind (store,
                     "SELECT o.id, o.number, '', o.status FROM "
                     "(SELECT rowid FROM number_fts WHERE number_fts MATCH ?1 LIMIT " G_STRINGIFY (NUMBER_SCAN_LIMIT) ") m "
                     "JOIN orders o ON o.doc_id = m.rowid LIMIT ?2",
                     "order", exact, match, limit_per_kind, matches, error) ||
      !collect_kind (store,
                     "SELECT k.id, k.number, k.subject, k.status FROM "
                     "(SELECT rowid FROM number_fts WHERE number_fts MATCH ?1 LIMIT " G_STRINGIFY (NUMBER_SCAN_LIMIT) ") m "
                     "JOIN cases k ON k.doc_id = m.rowid LIMIT ?2",
                     "case", exact, match, limit_per_kind, matches, error))
    return NULL;
  return g_steal_pointer (&matches);
}
