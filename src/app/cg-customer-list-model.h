/* cg-customer-list-model.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "changgu-core.h"

G_BEGIN_DECLS

/* Rows are read from the store in pages of this many. */
#define CG_CUSTOMER_LIST_PAGE_SIZE 50

#define CG_TYPE_CUSTOMER_LIST_MODEL (cg_customer_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CgCustomerListModel, cg_customer_list_model, CG, CUSTOMER_LIST_MODEL, GObject)

CgCustomerListModel *cg_customer_list_model_new        (CgStore             *store,
                                                        guint                limit);
CgStore             *cg_customer_list_model_get_store  (CgCustomerListModel *self);
const char          *cg_customer_list_model_get_query  (CgCustomerListModel *self);
guint                cg_customer_list_model_get_limit  (CgCustomerListModel *self);

/* Runs the search for @query (what a person typed) and replaces the items.
 * On failure the list is emptied and @error set. */
gboolean             cg_customer_list_model_set_query  (CgCustomerListModel *self,
                                                        const char          *query,
                                                        GError             **error);
/* Runs the current query again after the store changed. Items whose rows
 * did not move keep their positions, so a list view keeps its scroll
 * position and selection when nothing in the result set moved. */
gboolean             cg_customer_list_model_refresh    (CgCustomerListModel *self,
                                                        GError             **error);

/* The projection rowid at @position, or -1. */
gint64               cg_customer_list_model_get_rowid  (CgCustomerListModel *self,
                                                        guint                position);
/* The position of @rowid, or GTK_INVALID_LIST_POSITION (G_MAXUINT). */
guint                cg_customer_list_model_find_rowid (CgCustomerListModel *self,
                                                        gint64               rowid);
/* How many pages have been read from the store so far (tests, benchmarks). */
guint                cg_customer_list_model_get_pages_loaded (CgCustomerListModel *self);

G_END_DECLS
