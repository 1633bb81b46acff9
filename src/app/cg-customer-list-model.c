/* cg-customer-list-model.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search results as a GListModel that stays cheap on a store with a
 * million customers: a search keeps only the matching projection rowids
 * (at most @limit, 8 bytes each); the CgCustomerSummary items a list view
 * asks for are read from the store a page at a time when get_item() first
 * touches the page, and only the most recently used pages are kept.
 *
 * Invariants:
 *  - n_items == rowids->len, always; items-changed is emitted after the
 *    state it describes is in place.
 *  - a cached page p holds exactly the items of positions
 *    [p * PAGE_SIZE, min ((p + 1) * PAGE_SIZE, n_items)), in order.
 *  - the cache is dropped whenever the rowids change, and on refresh
 *    (the rows may have been edited).
 */
#define G_LOG_DOMAIN "cg-customer-list-model"

#include "config.h"

#include <string.h>

#include "cg-customer-list-model.h"

#define PAGE_SIZE CG_CUSTOMER_LIST_PAGE_SIZE
/* 8 pages of 50: several screens of rows either side of what is visible. */
#define MAX_CACHED_PAGES 8

struct _CgCustomerListModel
{
  GObject     parent_instance;

  CgStore    *store;
  char       *query;
  guint       limit;
  GArray     *rowids;        /* gint64 */

  GHashTable *pages;         /* page index → GPtrArray of CgCustomerSummary */
  GQueue      lru;           /* page indices, most recently used first */
  guint       pages_loaded;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_LIMIT,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CgCustomerListModel, cg_customer_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
drop_cache (CgCustomerListModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

/* Reads one page. cg_customer_summaries_load() skips rows that vanished
 * since the search; then positions would shift, so such a page is read row
 * by row and a vanished row becomes an empty summary until the refresh
 * that the store's "changed" signal brings. */
static GPtrArray *
load_page (CgCustomerListModel *self,
           guint                page)
{
  guint first = page * PAGE_SIZE;
  guint count = MIN (PAGE_SIZE, self->rowids->len - first);
  const gint64 *rowids = &g_array_index (self->rowids, gint64, first);
  GPtrArray *items;

  items = cg_customer_summaries_load (self->store, rowids, count);
  self->pages_loaded++;
  if (items->len == count)
    return items;

  g_ptr_array_unref (items);
  items = g_ptr_array_new_full (count, g_object_unref);
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(GPtrArray) one = cg_customer_summaries_load (self->store, &rowids[i], 1);

      if (one->len == 1)
        g_ptr_array_add (items, g_object_ref (g_ptr_array_index (one, 0)));
      else
        g_ptr_array_add (items, g_object_new (CG_TYPE_CUSTOMER_SUMMARY, NULL));
    }
  return items;
}

static GPtrArray *
get_page (CgCustomerListModel *self,
          guint                page)
{
  GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (items != NULL)
    {
      /* Move to the front of the LRU queue. */
      GList *link = g_queue_find (&self->lru, GUINT_TO_POINTER (page));
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return items;
    }

  items = load_page (self, page);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->lru) > MAX_CACHED_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
  return items;
}

static GType
cg_customer_list_model_get_item_type (GListModel *model)
{
  return CG_TYPE_CUSTOMER_SUMMARY;
}

static guint
cg_customer_list_model_get_n_items (GListModel *model)
{
  return CG_CUSTOMER_LIST_MODEL (model)->rowids->len;
}

static gpointer
cg_customer_list_model_get_item (GListModel *model,
                                 guint       position)
{
  CgCustomerListModel *self = CG_CUSTOMER_LIST_MODEL (model);
  GPtrArray *items;

  if (position >= self->rowids->len)
    return NULL;
  items = get_page (self, position / PAGE_SIZE);
  g_assert (position % PAGE_SIZE < items->len);
  return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cg_customer_list_model_get_item_type;
  iface->get_n_items = cg_customer_list_model_get_n_items;
  iface->get_item = cg_customer_list_model_get_item;
}

static void
cg_customer_list_model_dispose (GObject *object)
{
  CgCustomerListModel *self = CG_CUSTOMER_LIST_MODEL (object);

  drop_cache (self);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cg_customer_list_model_parent_class)->dispose (object);
}

static void
cg_customer_list_model_finalize (GObject *object)
{
  CgCustomerListModel *self = CG_CUSTOMER_LIST_MODEL (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->rowids, g_array_unref);
  g_free (self->query);
  G_OBJECT_CLASS (cg_customer_list_model_parent_class)->finalize (object);
}

static void
cg_customer_list_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CgCustomerListModel *self = CG_CUSTOMER_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->rowids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_customer_list_model_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CgCustomerListModel *self = CG_CUSTOMER_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_LIMIT:
      self->limit = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_customer_list_model_class_init (CgCustomerListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cg_customer_list_model_dispose;
  object_class->finalize = cg_customer_list_model_finalize;
  object_class->get_property = cg_customer_list_model_get_property;
  object_class->set_property = cg_customer_list_model_set_property;

  props[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_LIMIT] =
    g_param_spec_uint ("limit", NULL, NULL, 1, G_MAXUINT, 1000,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
cg_customer_list_model_init (CgCustomerListModel *self)
{
  self->limit = 1000;
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
}

/**
 * cg_customer_list_model_new:
 * @store: the store to search
 * @limit: the most matches a search returns
 *
 * Returns: (transfer full): an empty model
 */
CgCustomerListModel *
cg_customer_list_model_new (CgStore *store,
                            guint    limit)
{
  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  return g_object_new (CG_TYPE_CUSTOMER_LIST_MODEL,
                       "store", store,
                       "limit", limit,
                       NULL);
}

CgStore *
cg_customer_list_model_get_store (CgCustomerListModel *self)
{
  g_return_val_if_fail (CG_IS_CUSTOMER_LIST_MODEL (self), NULL);
  return self->store;
}

const char *
cg_customer_list_model_get_query (CgCustomerListModel *self)
{
  g_return_val_if_fail (CG_IS_CUSTOMER_LIST_MODEL (self), NULL);
  return self->query;
}

guint
cg_customer_list_model_get_limit (CgCustomerListModel *self)
{
  g_return_val_if_fail (CG_IS_CUSTOMER_LIST_MODEL (self), 0);
  return self->limit;
}

guint
cg_customer_list_model_get_pages_loaded (CgCustomerListModel *self)
{
  g_return_val_if_fail (CG_IS_CUSTOMER_LIST_MODEL (self), 0);
  return self->pages_loaded;
}

gint64
cg_customer_list_model_get_rowid (CgCustomerListModel *self,
                                  guint                position)
{
  g_return_val_if_fail (CG_IS_CUSTOMER_LIST_MODEL (self), -1);

  if (position >= self->rowids->len)
    return -1;
  return g_array_index (self->rowids, gint64, position);
}

guint
cg_customer_list_model_find_rowid (CgCustomerListModel *self,
                                   gint64               rowid)
{
  g_return_val_if_fail (CG_IS_CUSTOMER_LIST_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->rowids->len; i++)
    if (g_array_index (self->rowids, gint64, i) == rowid)
      return i;
  return G_MAXUINT;
}

static gboolean
same_rowids (GArray *a,
             GArray *b)
{
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0);
}

/* Installs @rowids (transfer full) and tells the views. */
static void
replace_rowids (CgCustomerListModel *self,
                GArray              *rowids)
{
  guint old_n = self->rowids->len;

  if (same_rowids (self->rowids, rowids))
    {
      /* The same rows: only what was read may be stale. Announce each cached
       * page as replaced by itself; n_items stays, so every emission is
       * consistent on its own and views keep their scroll position. */
      g_autoptr(GList) cached = g_hash_table_get_keys (self->pages);

      g_array_unref (rowids);
      drop_cache (self);
      for (GList *l = cached; l != NULL; l = l->next)
        {
          guint first = GPOINTER_TO_UINT (l->data) * PAGE_SIZE;
          guint count = MIN (PAGE_SIZE, self->rowids->len - first);
          g_list_model_items_changed (G_LIST_MODEL (self), first, count, count);
        }
      return;
    }

  g_array_unref (self->rowids);
  self->rowids = rowids;
  drop_cache (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, rowids->len);
  if (old_n != rowids->len)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_ITEMS]);
}

gboolean
cg_customer_list_model_set_query (CgCustomerListModel  *self,
                                  const char           *query,
                                  GError              **error)
{
  GArray *rowids;

  g_return_val_if_fail (CG_IS_CUSTOMER_LIST_MODEL (self), FALSE);

  if (g_strcmp0 (self->query, query) != 0)
    {
      g_free (self->query);
      self->query = g_strdup (query);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_QUERY]);
    }

  rowids = cg_store_search_customers (self->store, query, self->limit, error);
  if (rowids == NULL)
    {
      replace_rowids (self, g_array_new (FALSE, FALSE, sizeof (gint64)));
      return FALSE;
    }
  replace_rowids (self, rowids);
  return TRUE;
}

gboolean
cg_customer_list_model_refresh (CgCustomerListModel  *self,
                                GError              **error)
{
  g_autofree char *query = NULL;

  g_return_val_if_fail (CG_IS_CUSTOMER_LIST_MODEL (self), FALSE);

  query = g_strdup (self->query);
  return cg_customer_list_model_set_query (self, query, error);
}
