/* cg-article-view.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads one knowledge article: title, category, date of the last update
 * and the body's simple markup (cg-article-markup.h) as labels. Used by
 * the knowledge page's reader pane and, embedded, by the case page to open
 * a suggested article in place.
 */
#pragma once

#include <gtk/gtk.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_ARTICLE_VIEW (cg_article_view_get_type ())
G_DECLARE_FINAL_TYPE (CgArticleView, cg_article_view, CG, ARTICLE_VIEW, GtkWidget)

GtkWidget  *cg_article_view_new            (void);
/* Shows the article @article_id of @store. FALSE with @error when it
 * cannot be read or is not an article; the view is then cleared. */
gboolean    cg_article_view_load           (CgArticleView *self,
                                            CgStore       *store,
                                            const char    *article_id,
                                            GError       **error);
/* Shows nothing. */
void        cg_article_view_clear          (CgArticleView *self);
/* The article shown, or NULL. */
const char *cg_article_view_get_article_id (CgArticleView *self);
/* The title shown ("" when cleared), for tests and accessible labels. */
const char *cg_article_view_get_title      (CgArticleView *self);

G_END_DECLS
