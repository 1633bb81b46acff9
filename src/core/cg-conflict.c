/* cg-conflict.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-conflict"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-conflict.h"
#include "cg-device.h"
#include "cg-json.h"
#include "cg-store.h"

struct _CgConflict
{
  GObject     parent_instance;
  char       *id;
  char       *doc_type;
  char       *title;
  JsonObject *winner;
  JsonObject *other;
  JsonObject *base;
  guint       n_others;
  GArray     *fields;   /* CgConflictField */
};

G_DEFINE_FINAL_TYPE (CgConflict, cg_conflict, G_TYPE_OBJECT)

static void
field_clear (gpointer data)
{
  CgConflictField *field = data;

  g_free (field->name);
  g_clear_pointer (&field->base, json_node_unref);
  g_clear_pointer (&field->winner, json_node_unref);
  g_clear_pointer (&field->other, json_node_unref);
}

static void
cg_conflict_finalize (GObject *object)
{
  CgConflict *self = CG_CONFLICT (object);

  g_free (self->id);
  g_free (self->doc_type);
  g_free (self->title);
  g_clear_pointer (&self->winner, json_object_unref);
  g_clear_pointer (&self->other, json_object_unref);
  g_clear_pointer (&self->base, json_object_unref);
  g_clear_pointer (&self->fields, g_array_unref);
  G_OBJECT_CLASS (cg_conflict_parent_class)->finalize (object);
}

static void
cg_conflict_class_init (CgConflictClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_conflict_finalize;
}

static void
cg_conflict_init (CgConflict *self)
{
  self->fields = g_array_new (FALSE, TRUE, sizeof (CgConflictField));
  g_array_set_clear_func (self->fields, field_clear);
}

/* Members that are not compared: CouchDB's and the change stamp. */
static gboolean
is_compared (const char *name)
{
  return name[0] != '_' &&
         !g_str_equal (name, "type") &&
         !g_str_equal (name, "updated_at") &&
         !g_str_equal (name, "updated_by") &&
         !g_str_equal (name, "updated_device");
}

static JsonNode *
member_copy (JsonObject *object,
             const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  return node != NULL ? json_node_copy (node) : NULL;
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

/* Whether @rev is @ancestor or descends from it, from the stored ancestry. */
static gboolean
has_ancestor (CgStore    *store,
              const char *id,
              const char *rev,
              const char *ancestor)
{
  g_autoptr(JsonObject) revisions = cg_store_get_revisions (store, id, rev);
  JsonArray *ids;
  gint64 start = 0;
  guint64 gen = 0;
  const char *dash = strchr (ancestor, '-');

  if (revisions == NULL || dash == NULL)
    return FALSE;
  gen = g_ascii_strtoull (ancestor, NULL, 10);
  ids = cg_json_get_array (revisions, "ids");
  cg_json_get_int (revisions, "start", &start);
  if (ids == NULL || (gint64) gen > start)
    return FALSE;
  if ((guint64) (start - (gint64) gen) >= json_array_get_length (ids))
    return FALSE;
  return g_strcmp0 (cg_json_array_get_string (ids, (guint) (start - (gint64) gen)), dash + 1) == 0;
}

static void
add_field (CgConflict *self,
           const char *name)
{
  CgConflictField field = { 0 };

  for (guint i = 0; i < self->fields->len; i++)
    if (g_str_equal (g_array_index (self->fields, CgConflictField, i).name, name))
      return;

  field.name = g_strdup (name);
  field.base = member_copy (self->base, name);
  field.winner = member_copy (self->winner, name);
  field.other = member_copy (self->other, name);
  field.chosen = CG_CONFLICT_SIDE_WINNER;

  if (nodes_equal (field.winner, field.other))
    field.state = CG_CONFLICT_SAME;
  else if (self->base != NULL && nodes_equal (field.winner, field.base))
    {
      field.state = CG_CONFLICT_OTHER;
      field.chosen = CG_CONFLICT_SIDE_OTHER;
    }
  else if (self->base != NULL && nodes_equal (field.other, field.base))
    field.state = CG_CONFLICT_WINNER;
  else
    field.state = CG_CONFLICT_BOTH;
  g_array_append_val (self->fields, field);
}

static void
add_fields_of (CgConflict *self,
               JsonObject *object)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (is_compared (l->data))
      add_field (self, l->data);
}

static char *
title_of (JsonObject *doc,
          const char *type,
          const char *id)
{
  static const struct { const char *type; const char *member; } titles[] = {
    { "customer", "name" }, { "order", "number" }, { "case", "number" },
    { "checkin", "ticket" }, { "article", "title" }, { "staff", "name" },
    { "pickup", "order_number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_strcmp0 (type, titles[i].type) == 0)
      {
        const char *value = cg_json_get_string (doc, titles[i].member);
        if (value != NULL && *value != '\0')
          return g_strdup (value);
      }
  return g_strdup (id);
}

CgConflict *
cg_conflict_load (CgStore     *store,
                  const char  *id,
                  GError     **error)
{
  g_autoptr(CgConflict) self = NULL;
  g_auto(GStrv) leaves = NULL;
  g_autoptr(JsonObject) base = NULL;
  const char *base_rev;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  leaves = cg_store_get_leaves (store, id, FALSE);
  if (leaves == NULL || g_strv_length (leaves) < 2)
    {
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND,
                   _("%s has no conflicting changes."), id);
      return NULL;
    }

  self = g_object_new (CG_TYPE_CONFLICT, NULL);
  self->id = g_strdup (id);
  self->n_others = g_strv_length (leaves) - 1;
  self->winner = cg_store_get_revision (store, id, leaves[0], error);
  if (self->winner == NULL)
    return NULL;
  self->other = cg_store_get_revision (store, id, leaves[1], error);
  if (self->other == NULL)
    return NULL;

  /* The merge base only counts when it is an ancestor of both sides (the
   * fork point, I8); otherwise comparing with it would call one side's
   * whole edit "unchanged". */
  base = cg_store_get_synced_base (store, id);
  base_rev = base != NULL ? cg_json_get_string (base, "_rev") : NULL;
  if (base_rev != NULL &&
      has_ancestor (store, id, leaves[0], base_rev) &&
      has_ancestor (store, id, leaves[1], base_rev))
    self->base = g_steal_pointer (&base);

  self->doc_type = g_strdup (cg_json_get_string (self->winner, "type"));
  self->title = title_of (self->winner, self->doc_type, id);
  add_fields_of (self, self->winner);
  add_fields_of (self, self->other);
  return g_steal_pointer (&self);
}

GPtrArray *
cg_conflict_list (CgStore *store)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) ids = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), out);

  ids = cg_store_list_conflicts (store);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      CgConflict *conflict = cg_conflict_load (store, ids[i], &error);

      if (conflict != NULL)
        g_ptr_array_add (out, conflict);
      else
        g_debug ("Skipping %s: %s", ids[i], error->message);
    }
  return out;
}

const char *cg_conflict_get_id (CgConflict *self) { return self->id; }
const char *cg_conflict_get_doc_type (CgConflict *self) { return self->doc_type; }
const char *cg_conflict_get_title (CgConflict *self) { return self->title; }
JsonObject *cg_conflict_get_winner (CgConflict *self) { return self->winner; }
JsonObject *cg_conflict_get_other (CgConflict *self) { return self->other; }
JsonObject *cg_conflict_get_base (CgConflict *self) { return self->base; }
guint cg_conflict_get_n_others (CgConflict *self) { return self->n_others; }
guint cg_conflict_get_n_fields (CgConflict *self) { return self->fields->len; }

const CgConflictField *
cg_conflict_get_field (CgConflict *self,
                       guint       index)
{
  g_return_val_if_fail (CG_IS_CONFLICT (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return &g_array_index (self->fields, CgConflictField, index);
}

guint
cg_conflict_count_choices (CgConflict *self)
{
  guint n = 0;

  g_return_val_if_fail (CG_IS_CONFLICT (self), 0);

  for (guint i = 0; i < self->fields->len; i++)
    n += g_array_index (self->fields, CgConflictField, i).state == CG_CONFLICT_BOTH;
  return n;
}

gboolean
cg_conflict_choose (CgConflict     *self,
                    const char     *name,
                    CgConflictSide  side)
{
  g_return_val_if_fail (CG_IS_CONFLICT (self), FALSE);

  for (guint i = 0; i < self->fields->len; i++)
    {
      CgConflictField *field = &g_array_index (self->fields, CgConflictField, i);
      if (g_str_equal (field->name, name))
        {
          field->chosen = side;
          return TRUE;
        }
    }
  return FALSE;
}

JsonObject *
cg_conflict_build_merged (CgConflict *self)
{
  JsonObject *merged;

  g_return_val_if_fail (CG_IS_CONFLICT (self), NULL);

  /* Starting from the winner keeps its stamp and reserved members; every
   * compared member is then set from the chosen side. */
  merged = cg_json_copy (self->winner);
  json_object_remove_member (merged, "_conflicts");
  for (guint i = 0; i < self->fields->len; i++)
    {
      const CgConflictField *field = &g_array_index (self->fields, CgConflictField, i);
      JsonNode *value = field->chosen == CG_CONFLICT_SIDE_OTHER ? field->other : field->winner;

      if (value != NULL)
        json_object_set_member (merged, field->name, json_node_copy (value));
      else if (json_object_has_member (merged, field->name))
        json_object_remove_member (merged, field->name);
    }
  return merged;
}

gboolean
cg_conflict_resolve (CgStore     *store,
                     const char  *id,
                     JsonObject  *merged_body,
                     const char  *actor,
                     GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) current = NULL;
  g_auto(GStrv) leaves = NULL;
  g_autofree char *rev = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (merged_body != NULL, FALSE);

  if (!cg_store_begin (store, error))
    return FALSE;

  current = cg_store_get (store, id, FALSE, error);
  if (current == NULL)
    goto fail;
  leaves = cg_store_get_leaves (store, id, FALSE);

  doc = cg_json_copy (merged_body);
  json_object_set_string_member (doc, "_id", id);
  if (!json_object_has_member (doc, "_rev"))
    json_object_set_string_member (doc, "_rev", cg_json_get_string (current, "_rev"));
  json_object_remove_member (doc, "_conflicts");
  json_object_remove_member (doc, "_deleted");
  json_object_remove_member (doc, "_revisions");
  cg_device_stamp_change (store, doc, actor, NULL);

  /* On the winner; a stale "_rev" is CONFLICT here. */
  rev = cg_store_put (store, doc, error);
  if (rev == NULL)
    goto fail;

  /* Only the branch that was shown beside the winner (cg_conflict_load()
   * compares leaves[0] and leaves[1]) is merged away. With three or more
   * branches the others stay: deleting them would drop edits nobody saw,
   * and the document stays in the list until each has been merged. */
  for (guint i = 0; leaves[i] != NULL && i < 2; i++)
    {
      g_autofree char *tomb = NULL;

      if (g_str_equal (leaves[i], cg_json_get_string (current, "_rev")))
        continue;
      tomb = cg_store_delete (store, id, leaves[i], error);
      if (tomb == NULL)
        goto fail;
    }
  return cg_store_commit (store, error);

fail:
  cg_store_rollback (store);
  return FALSE;
}
