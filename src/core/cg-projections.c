/* cg-projections.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Typed projections: the query state derived from the winning revision of
 * each document (DATA-MODEL.md, "Local SQLite store"). Called by the revision
 * tree inside the same transaction as the write, so the projections never
 * disagree with the documents; cg_store_rebuild_projections() recomputes all
 * of them from the documents.
 *
 * Each type has one function that deletes the document's old rows and, if
 * the document is live, inserts the new ones. The customer index is
 * contentless, so its old terms are recomputed from the old projection row
 * to delete them (see cg-search.h).
 */
#define G_LOG_DOMAIN "cg-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-search.h"
#include "cg-store-private.h"

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static GStrv
string_list (JsonObject *body,
             const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = cg_json_get_array (body, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *s = cg_json_array_get_string (array, i);
      if (s != NULL)
        g_strv_builder_add (builder, s);
    }
  return g_strv_builder_end (builder);
}

static gboolean
delete_rows (CgStore     *self,
             const char  *sql,
             gint64       doc_id,
             GError     **error)
{
  sqlite3_stmt *stmt = cg_store_stmt (self, sql);
  sqlite3_bind_int64 (stmt, 1, doc_id);
  return cg_store_step_done (self, stmt, error);
}

static gboolean
timeline_put (CgStore     *self,
              gint64       doc_id,
              const char  *customer_id,
              const char  *at,
              const char  *kind,
              const char  *title,
              const char  *detail,
              const char  *status,
              gboolean     has_amount,
              gint64       amount,
              const char  *currency,
              GError     **error)
{
  /* A plain INSERT: every caller has just deleted the document's row. With
   * OR REPLACE, SQLite gives the statement a journal, i.e. a savepoint, and
   * FTS5 flushes its pending terms at every savepoint: a new index segment
   * per order, case, note, visit and feedback written in a batch. */
  sqlite3_stmt *stmt = cg_store_stmt (self,
    "INSERT INTO timeline (doc_id, customer_id, at, kind, title, detail, status, amount, currency) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");

  sqlite3_bind_int64 (stmt, 1, doc_id);
  bind_text_or_null (stmt, 2, customer_id);
  sqlite3_bind_text (stmt, 3, at ? at : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, title ? title : "", -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 6, detail);
  bind_text_or_null (stmt, 7, status);
  if (has_amount)
    sqlite3_bind_int64 (stmt, 8, amount);
  bind_text_or_null (stmt, 9, currency);
  return cg_store_step_done (self, stmt, error);
}

/* ---------------------------------------------------------------- customer */

static gboolean
customer_delete_terms (CgStore     *self,
                       gint64       doc_id,
                       GError     **error)
{
  sqlite3_stmt *stmt = cg_store_stmt (self,
    "SELECT name, phones, emails FROM customers WHERE doc_id = ?1");
  g_autofree char *terms = NULL;
  gboolean found = FALSE;

  sqlite3_bind_int64 (stmt, 1, doc_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *phones = (const char *) sqlite3_column_text (stmt, 1);
      const char *emails = (const char *) sqlite3_column_text (stmt, 2);
      g_auto(GStrv) phone_list = g_strsplit (phones ? phones : "", " ", -1);
      g_auto(GStrv) email_list = g_strsplit (emails ? emails : "", " ", -1);
      terms = cg_search_customer_terms ((const char *) sqlite3_column_text (stmt, 0),
                                        (const char * const *) phone_list,
                                        (const char * const *) email_list);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    return TRUE;

  stmt = cg_store_stmt (self,
    "INSERT INTO customer_fts (customer_fts, rowid, terms) VALUES ('delete', ?1, ?2)");
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, terms, -1, SQLITE_STATIC);
  if (!cg_store_step_done (self, stmt, error))
    return FALSE;
  return delete_rows (self, "DELETE FROM customers WHERE doc_id = ?1", doc_id, error);
}

static gboolean
project_customer (CgStore     *self,
                  gint64       doc_id,
                  const char  *id,
                  JsonObject  *body,
                  GError     **error)
{
  g_auto(GStrv) phones = NULL;
  g_auto(GStrv) emails = NULL;
  g_autofree char *phones_text = NULL;
  g_autofree char *emails_text = NULL;
  g_autofree char *terms = NULL;
  g_autofree char *sort_key = NULL;
  const char *name;
  sqlite3_stmt *stmt;

  if (!customer_delete_terms (self, doc_id, error))
    return FALSE;
  if (body == NULL)
    return TRUE;

  name = cg_json_get_string (body, "name");
  if (name == NULL)
    name = "";
  phones = string_list (body, "phones");
  emails = string_list (body, "emails");
  /* Space-joined: E.164 numbers and addresses hold no spaces (validated). */
  phones_text = g_strjoinv (" ", phones);
  emails_text = g_strjoinv (" ", emails);
  sort_key = g_utf8_casefold (name, -1);

  stmt = cg_store_stmt (self,
    "INSERT INTO customers (doc_id, id, name, sort_key, phones, emails, tier, language, merged_into, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sort_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, phones_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, emails_text, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 7, cg_json_get_string (body, "tier"));
  bind_text_or_null (stmt, 8, cg_json_get_string (body, "language"));
  bind_text_or_null (stmt, 9, cg_json_get_string (body, "merged_into"));
  bind_text_or_null (stmt, 10, cg_json_get_string (body, "updated_at"));
  if (!cg_store_step_done (self, stmt, error))
    return FALSE;

  terms = cg_search_customer_terms (name, (const char * const *) phones,
                                    (const char * const *) emails);
  stmt = cg_store_stmt (self, "INSERT INTO customer_fts (rowid, terms) VALUES (?1, ?2)");
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, terms, -1, SQLITE_STATIC);
  return cg_store_step_done (self, stmt, error);
}

/* ------------------------------------------------------- numbers (orders, cases) */

static gboolean
number_delete (CgStore     *self,
               const char  *table_sql,
               gint64       doc_id,
               GError     **error)
{
  sqlite3_stmt *stmt = cg_store_stmt (self, table_sql);
  g_autofree char *terms = NULL;

  sqlite3_bind_int64 (stmt, 1, doc_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    terms = cg_search_number_terms ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (terms == NULL)
    return TRUE;
  stmt = cg_store_stmt (self,
    "INSERT INTO number_fts (number_fts, rowid, terms) VALUES ('delete', ?1, ?2)");
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, terms, -1, SQLITE_STATIC);
  return cg_store_step_done (self, stmt, error);
}

static gboolean
number_insert (CgStore     *self,
               gint64       doc_id,
               const char  *number,
               GError     **error)
{
  g_autofree char *terms = cg_search_number_terms (number);
  sqlite3_stmt *stmt = cg_store_stmt (self, "INSERT INTO number_fts (rowid, terms) VALUES (?1, ?2)");

  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, terms, -1, SQLITE_STATIC);
  return cg_store_step_done (self, stmt, error);
}

/* ------------------------------------------------------------------- order */

static gboolean
project_order (CgStore     *self,
               gint64       doc_id,
               const char  *id,
               JsonObject  *body,
               GError     **error)
{
  const char *number, *created_at;
  JsonArray *items;
  g_autoptr(GString) detail = g_string_new (NULL);
  gint64 total = 0;
  sqlite3_stmt *stmt;

  if (!number_delete (self, "SELECT number FROM orders WHERE doc_id = ?1", doc_id, error) ||
      !delete_rows (self, "DELETE FROM orders WHERE doc_id = ?1", doc_id, error) ||
      !delete_rows (self, "DELETE FROM timeline WHERE doc_id = ?1", doc_id, error))
    return FALSE;
  if (body == NULL)
    return TRUE;

  number = cg_json_get_string (body, "number");
  created_at = cg_json_get_string (body, "created_at");
  if (created_at == NULL)
    created_at = cg_json_get_string (body, "ready_at");
  cg_json_get_int (body, "total", &total);

  stmt = cg_store_stmt (self,
    "INSERT INTO orders (doc_id, id, number, customer_id, store_id, channel, status, total, currency, ready_at, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, number ? number : "", -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, cg_json_get_string (body, "customer_id"));
  bind_text_or_null (stmt, 5, cg_json_get_string (body, "store_id"));
  bind_text_or_null (stmt, 6, cg_json_get_string (body, "channel"));
  bind_text_or_null (stmt, 7, cg_json_get_string (body, "status"));
  sqlite3_bind_int64 (stmt, 8, total);
  bind_text_or_null (stmt, 9, cg_json_get_string (body, "currency"));
  bind_text_or_null (stmt, 10, cg_json_get_string (body, "ready_at"));
  bind_text_or_null (stmt, 11, created_at);
  bind_text_or_null (stmt, 12, cg_json_get_string (body, "updated_at"));
  if (!cg_store_step_done (self, stmt, error))
    return FALSE;
  if (number != NULL && !number_insert (self, doc_id, number, error))
    return FALSE;

  /* "Item, Item, …" for the timeline; the page adds the total. */
  items = cg_json_get_array (body, "items");
  for (guint i = 0; items != NULL && i < json_array_get_length (items) && i < 3; i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (node)
        ? cg_json_get_string (json_node_get_object (node), "name") : NULL;
      if (name == NULL)
        continue;
      if (detail->len > 0)
        g_string_append (detail, ", ");
      g_string_append (detail, name);
    }
  if (items != NULL && json_array_get_length (items) > 3)
    g_string_append (detail, ", …");

  return timeline_put (self, doc_id, cg_json_get_string (body, "customer_id"), created_at,
                       "order", number, detail->str, cg_json_get_string (body, "status"),
                       TRUE, total, cg_json_get_string (body, "currency"), error);
}

/* -------------------------------------------------------------------- case */

static gboolean
project_case (CgStore     *self,
              gint64       doc_id,
              const char  *id,
              JsonObject  *body,
              GError     **error)
{
  JsonObject *sla;
  const char *number, *customer_id;
  sqlite3_stmt *stmt;

  if (!number_delete (self, "SELECT number FROM cases WHERE doc_id = ?1", doc_id, error) ||
      !delete_rows (self, "DELETE FROM cases WHERE doc_id = ?1", doc_id, error) ||
      !delete_rows (self, "DELETE FROM case_fts WHERE rowid = ?1", doc_id, error) ||
      !delete_rows (self, "DELETE FROM timeline WHERE doc_id = ?1", doc_id, error))
    return FALSE;
  if (body == NULL)
    return TRUE;

  number = cg_json_get_string (body, "number");
  customer_id = cg_json_get_string (body, "customer_id");
  sla = cg_json_get_object (body, "sla");

  stmt = cg_store_stmt (self,
    "INSERT INTO cases (doc_id, id, number, customer_id, order_id, status, priority, category, subject, "
    "assignee, first_response_due, resolution_due, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, number ? number : "", -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, customer_id);
  bind_text_or_null (stmt, 5, cg_json_get_string (body, "order_id"));
  bind_text_or_null (stmt, 6, cg_json_get_string (body, "status"));
  bind_text_or_null (stmt, 7, cg_json_get_string (body, "priority"));
  bind_text_or_null (stmt, 8, cg_json_get_string (body, "category"));
  bind_text_or_null (stmt, 9, cg_json_get_string (body, "subject"));
  bind_text_or_null (stmt, 10, cg_json_get_string (body, "assignee"));
  bind_text_or_null (stmt, 11, cg_json_get_string (sla, "first_response_due"));
  bind_text_or_null (stmt, 12, cg_json_get_string (sla, "resolution_due"));
  bind_text_or_null (stmt, 13, cg_json_get_string (body, "created_at"));
  bind_text_or_null (stmt, 14, cg_json_get_string (body, "updated_at"));
  if (!cg_store_step_done (self, stmt, error))
    return FALSE;
  if (number != NULL && !number_insert (self, doc_id, number, error))
    return FALSE;

  stmt = cg_store_stmt (self, "INSERT INTO case_fts (rowid, subject, description) VALUES (?1, ?2, ?3)");
  sqlite3_bind_int64 (stmt, 1, doc_id);
  bind_text_or_null (stmt, 2, cg_json_get_string (body, "subject"));
  bind_text_or_null (stmt, 3, cg_json_get_string (body, "description"));
  if (!cg_store_step_done (self, stmt, error))
    return FALSE;

  if (!timeline_put (self, doc_id, customer_id, cg_json_get_string (body, "created_at"),
                     "case", cg_json_get_string (body, "subject"), number,
                     cg_json_get_string (body, "status"), FALSE, 0, NULL, error))
    return FALSE;

  /* Notes that arrived before their case learn the customer now. */
  stmt = cg_store_stmt (self,
    "UPDATE timeline SET customer_id = ?2 WHERE doc_id IN "
    "(SELECT doc_id FROM case_notes WHERE case_id = ?1) AND customer_id IS NOT ?2");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 2, customer_id);
  return cg_store_step_done (self, stmt, error);
}

static gboolean
project_case_note (CgStore     *self,
                   gint64       doc_id,
                   const char  *id,
                   JsonObject  *body,
                   GError     **error)
{
  g_autofree char *customer_id = NULL;
  g_autofree char *snippet = NULL;
  const char *case_id, *text;
  sqlite3_stmt *stmt;

  if (!delete_rows (self, "DELETE FROM case_notes WHERE doc_id = ?1", doc_id, error) ||
      !delete_rows (self, "DELETE FROM timeline WHERE doc_id = ?1", doc_id, error))
    return FALSE;
  if (body == NULL)
    return TRUE;

  case_id = cg_json_get_string (body, "case_id");
  stmt = cg_store_stmt (self,
    "INSERT INTO case_notes (doc_id, id, case_id, author, visibility, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, case_id ? case_id : "", -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, cg_json_get_string (body, "author"));
  bind_text_or_null (stmt, 5, cg_json_get_string (body, "visibility"));
  bind_text_or_null (stmt, 6, cg_json_get_string (body, "created_at"));
  if (!cg_store_step_done (self, stmt, error))
    return FALSE;

  stmt = cg_store_stmt (self, "SELECT customer_id FROM cases WHERE id = ?1");
  sqlite3_bind_text (stmt, 1, case_id ? case_id : "", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    customer_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  text = cg_json_get_string (body, "body");
  snippet = g_utf8_substring (text ? text : "", 0, MIN (160, g_utf8_strlen (text ? text : "", -1)));
  return timeline_put (self, doc_id, customer_id, cg_json_get_string (body, "created_at"),
                       "note", snippet, cg_json_get_string (body, "visibility"), NULL,
                       FALSE, 0, NULL, error);
}

/* ----------------------------------------------------------------- checkin */

static gboolean
project_checkin (CgStore     *self,
                 gint64       doc_id,
                 const char  *id,
                 JsonObject  *body,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  if (!delete_rows (self, "DELETE FROM checkins WHERE doc_id = ?1", doc_id, error) ||
      !delete_rows (self, "DELETE FROM timeline WHERE doc_id = ?1", doc_id, error))
    return FALSE;
  if (body == NULL)
    return TRUE;

  stmt = cg_store_stmt (self,
    "INSERT INTO checkins (doc_id, id, ticket, customer_id, reason, status, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 3, cg_json_get_string (body, "ticket"));
  bind_text_or_null (stmt, 4, cg_json_get_string (body, "customer_id"));
  bind_text_or_null (stmt, 5, cg_json_get_string (body, "reason"));
  bind_text_or_null (stmt, 6, cg_json_get_string (body, "status"));
  bind_text_or_null (stmt, 7, cg_json_get_string (body, "created_at"));
  if (!cg_store_step_done (self, stmt, error))
    return FALSE;

  if (cg_json_get_string (body, "customer_id") == NULL)
    return TRUE;
  return timeline_put (self, doc_id, cg_json_get_string (body, "customer_id"),
                       cg_json_get_string (body, "created_at"), "visit",
                       cg_json_get_string (body, "ticket"), cg_json_get_string (body, "reason"),
                       cg_json_get_string (body, "status"), FALSE, 0, NULL, error);
}

/* ---------------------------------------------------------------- feedback */

static gboolean
project_feedback (CgStore     *self,
                  gint64       doc_id,
                  const char  *id,
                  JsonObject  *body,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 csat = 0, nps = 0;
  gboolean has_csat, has_nps;
  g_autofree char *detail = NULL;

  if (!delete_rows (self, "DELETE FROM feedback WHERE doc_id = ?1", doc_id, error) ||
      !delete_rows (self, "DELETE FROM timeline WHERE doc_id = ?1", doc_id, error))
    return FALSE;
  if (body == NULL)
    return TRUE;

  has_csat = cg_json_get_int (body, "csat", &csat);
  has_nps = cg_json_get_int (body, "nps", &nps);
  stmt = cg_store_stmt (self,
    "INSERT INTO feedback (doc_id, id, customer_id, case_id, checkin_id, csat, nps, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 3, cg_json_get_string (body, "customer_id"));
  bind_text_or_null (stmt, 4, cg_json_get_string (body, "case_id"));
  bind_text_or_null (stmt, 5, cg_json_get_string (body, "checkin_id"));
  if (has_csat)
    sqlite3_bind_int64 (stmt, 6, csat);
  if (has_nps)
    sqlite3_bind_int64 (stmt, 7, nps);
  bind_text_or_null (stmt, 8, cg_json_get_string (body, "created_at"));
  if (!cg_store_step_done (self, stmt, error))
    return FALSE;

  if (cg_json_get_string (body, "customer_id") == NULL)
    return TRUE;
  /* Language-neutral: the page turns "csat=4 nps=9" into words. */
  {
    GString *text = g_string_new (NULL);
    if (has_csat)
      g_string_append_printf (text, "csat=%" G_GINT64_FORMAT, csat);
    if (has_nps)
      g_string_append_printf (text, "%snps=%" G_GINT64_FORMAT, has_csat ? " " : "", nps);
    detail = g_string_free (text, FALSE);
  }
  return timeline_put (self, doc_id, cg_json_get_string (body, "customer_id"),
                       cg_json_get_string (body, "created_at"), "feedback",
                       cg_json_get_string (body, "comment"), detail, NULL,
                       has_csat, csat, NULL, error);
}

/* ----------------------------------------------------------------- article */

static gboolean
project_article (CgStore     *self,
                 gint64       doc_id,
                 const char  *id,
                 JsonObject  *body,
                 GError     **error)
{
  g_auto(GStrv) tags = NULL;
  g_autofree char *tags_text = NULL;
  sqlite3_stmt *stmt;

  if (!delete_rows (self, "DELETE FROM articles WHERE doc_id = ?1", doc_id, error) ||
      !delete_rows (self, "DELETE FROM article_fts WHERE rowid = ?1", doc_id, error))
    return FALSE;
  if (body == NULL)
    return TRUE;

  stmt = cg_store_stmt (self,
    "INSERT INTO articles (doc_id, id, title, locale, category, published, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 3, cg_json_get_string (body, "title"));
  bind_text_or_null (stmt, 4, cg_json_get_string (body, "locale"));
  bind_text_or_null (stmt, 5, cg_json_get_string (body, "category"));
  sqlite3_bind_int (stmt, 6, cg_json_get_bool (body, "published", FALSE));
  bind_text_or_null (stmt, 7, cg_json_get_string (body, "updated_at"));
  if (!cg_store_step_done (self, stmt, error))
    return FALSE;

  tags = string_list (body, "tags");
  tags_text = g_strjoinv (" ", tags);
  stmt = cg_store_stmt (self, "INSERT INTO article_fts (rowid, title, body, tags) VALUES (?1, ?2, ?3, ?4)");
  sqlite3_bind_int64 (stmt, 1, doc_id);
  bind_text_or_null (stmt, 2, cg_json_get_string (body, "title"));
  bind_text_or_null (stmt, 3, cg_json_get_string (body, "body"));
  sqlite3_bind_text (stmt, 4, tags_text, -1, SQLITE_STATIC);
  return cg_store_step_done (self, stmt, error);
}

/* ---------------------------------------------------------------- dispatch */

gboolean
cg_projections_apply (CgStore     *self,
                      gint64       doc_id,
                      const char  *id,
                      const char  *type,
                      JsonObject  *body,
                      GError     **error)
{
  if (g_str_equal (type, "customer"))
    return project_customer (self, doc_id, id, body, error);
  if (g_str_equal (type, "order"))
    return project_order (self, doc_id, id, body, error);
  if (g_str_equal (type, "case"))
    return project_case (self, doc_id, id, body, error);
  if (g_str_equal (type, "case_note"))
    return project_case_note (self, doc_id, id, body, error);
  if (g_str_equal (type, "checkin"))
    return project_checkin (self, doc_id, id, body, error);
  if (g_str_equal (type, "feedback"))
    return project_feedback (self, doc_id, id, body, error);
  if (g_str_equal (type, "article"))
    return project_article (self, doc_id, id, body, error);
  return TRUE;   /* types without a projection */
}

gboolean
cg_projections_clear (CgStore  *self,
                      GError  **error)
{
  return cg_store_exec (self,
                        "DELETE FROM customers; DELETE FROM orders; DELETE FROM cases;"
                        "DELETE FROM case_notes; DELETE FROM checkins; DELETE FROM feedback;"
                        "DELETE FROM articles; DELETE FROM timeline;"
                        "INSERT INTO customer_fts (customer_fts) VALUES ('delete-all');"
                        "INSERT INTO number_fts (number_fts) VALUES ('delete-all');"
                        "DELETE FROM article_fts; DELETE FROM case_fts;",
                        error);
}

/* Rebuild: every live winning revision, in doc_id order, in one
 * transaction. Cases go before notes so notes find their customer. */
gboolean
cg_store_rebuild_projections (CgStore       *self,
                              GCancellable  *cancellable,
                              GError       **error)
{
  static const char *order[] = { "customer", "order", "case", "case_note", "checkin",
                                 "feedback", "article", NULL };
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (CG_IS_STORE (self), FALSE);

  if (!cg_store_begin (self, error))
    return FALSE;
  if (!cg_projections_clear (self, error))
    goto fail;

  for (guint t = 0; order[t] != NULL; t++)
    {
      if (sqlite3_prepare_v2 (cg_store_get_db (self),
                              "SELECT d.doc_id, d.id, r.body FROM docs d "
                              "JOIN revs r ON r.doc_id = d.doc_id AND r.rev = d.rev "
                              "WHERE d.type = ?1 AND NOT d.deleted ORDER BY d.doc_id",
                              -1, &stmt, NULL) != SQLITE_OK)
        {
          cg_store_set_sqlite_error (self, error, _("Could not rebuild the search index"));
          goto fail;
        }
      sqlite3_bind_text (stmt, 1, order[t], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(JsonObject) body = NULL;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto fail;
          body = cg_json_from_string ((const char *) sqlite3_column_text (stmt, 2), NULL);
          if (body == NULL)
            continue;
          if (!cg_projections_apply (self, sqlite3_column_int64 (stmt, 0),
                                     (const char *) sqlite3_column_text (stmt, 1),
                                     order[t], body, error))
            goto fail;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  {
    sqlite3_stmt *meta = cg_store_stmt (self,
      "INSERT INTO meta (key, value) VALUES ('search_terms_version', ?1) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    sqlite3_bind_text (meta, 1, CG_SEARCH_TERMS_VERSION, -1, SQLITE_STATIC);
    if (!cg_store_step_done (self, meta, error))
      goto fail;
  }
  cg_store_note_changed (self, NULL, NULL);
  return cg_store_commit (self, error);

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  cg_store_rollback (self);
  return FALSE;
}
