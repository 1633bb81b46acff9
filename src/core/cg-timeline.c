/* cg-timeline.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-timeline"

#include "config.h"

#include "cg-customer.h"
#include "cg-store.h"
#include "cg-store-private.h"
#include "cg-timeline.h"

struct _CgTimelineEntry
{
  GObject   parent_instance;
  char     *doc_id;
  char     *kind;
  char     *at;
  char     *title;
  char     *detail;
  char     *status;
  char     *currency;
  gint64    amount;
  gboolean  has_amount;
};

G_DEFINE_FINAL_TYPE (CgTimelineEntry, cg_timeline_entry, G_TYPE_OBJECT)

static void
cg_timeline_entry_finalize (GObject *object)
{
  CgTimelineEntry *self = CG_TIMELINE_ENTRY (object);

  g_free (self->doc_id);
  g_free (self->kind);
  g_free (self->at);
  g_free (self->title);
  g_free (self->detail);
  g_free (self->status);
  g_free (self->currency);
  G_OBJECT_CLASS (cg_timeline_entry_parent_class)->finalize (object);
}

static void
cg_timeline_entry_class_init (CgTimelineEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_timeline_entry_finalize;
}

static void
cg_timeline_entry_init (CgTimelineEntry *self)
{
}

const char *cg_timeline_entry_get_doc_id (CgTimelineEntry *self) { return self->doc_id; }
const char *cg_timeline_entry_get_kind (CgTimelineEntry *self) { return self->kind; }
const char *cg_timeline_entry_get_at (CgTimelineEntry *self) { return self->at; }
const char *cg_timeline_entry_get_title (CgTimelineEntry *self) { return self->title; }
const char *cg_timeline_entry_get_detail (CgTimelineEntry *self) { return self->detail; }
const char *cg_timeline_entry_get_status (CgTimelineEntry *self) { return self->status; }
const char *cg_timeline_entry_get_currency (CgTimelineEntry *self) { return self->currency; }

gboolean
cg_timeline_entry_get_amount (CgTimelineEntry *self,
                              gint64          *amount)
{
  if (amount)
    *amount = self->amount;
  return self->has_amount;
}

#define COL_STR(i) g_strdup ((const char *) sqlite3_column_text (stmt, (i)))

/* The survivor of a merge shows the history of the customers merged into
 * it. Their ids come from the survivor's "merged_from" (see
 * cg_customer_merge), read with one primary-key lookup, so the timeline
 * stays one indexed query: for a customer without merges, a range of
 * timeline_by_customer in order; with merges, one range per id and a sort
 * of those few rows. */
GPtrArray *
cg_timeline_load (CgStore    *store,
                  const char *customer_id,
                  guint       limit)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonObject) doc = NULL;
  g_auto(GStrv) merged = NULL;
  g_autofree char *ids_json = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CG_IS_STORE (store), out);

  doc = cg_store_get (store, customer_id, FALSE, NULL);
  merged = cg_customer_dup_merged_ids (doc);
  if (merged == NULL)
    {
      stmt = cg_store_stmt (store,
        "SELECT d.id, t.kind, t.at, t.title, t.detail, t.status, t.amount, t.currency "
        "FROM timeline t JOIN docs d ON d.doc_id = t.doc_id "
        "WHERE t.customer_id = ?1 ORDER BY t.at DESC LIMIT ?2");
      sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_STATIC);
    }
  else
    {
      g_autoptr(JsonArray) ids = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_array_add_string_element (ids, customer_id);
      for (guint i = 0; merged[i] != NULL; i++)
        json_array_add_string_element (ids, merged[i]);
      json_node_set_array (node, ids);
      ids_json = json_to_string (node, FALSE);
      stmt = cg_store_stmt (store,
        "SELECT d.id, t.kind, t.at, t.title, t.detail, t.status, t.amount, t.currency "
        "FROM timeline t JOIN docs d ON d.doc_id = t.doc_id "
        "WHERE t.customer_id IN (SELECT value FROM json_each (?1)) ORDER BY t.at DESC LIMIT ?2");
      sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, 2, limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CgTimelineEntry *entry = g_object_new (CG_TYPE_TIMELINE_ENTRY, NULL);
      entry->doc_id = COL_STR (0);
      entry->kind = COL_STR (1);
      entry->at = COL_STR (2);
      entry->title = COL_STR (3);
      entry->detail = COL_STR (4);
      entry->status = COL_STR (5);
      entry->has_amount = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
      entry->amount = sqlite3_column_int64 (stmt, 6);
      entry->currency = COL_STR (7);
      g_ptr_array_add (out, entry);
    }
  sqlite3_reset (stmt);
  return out;
}
