/* cg-knowledge-page.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Knowledge: search the FAQ as you type (ranked by bm25), narrow by
 * category, read an article in the pane beside the results.
 *
 * The articles shown are those of the UI language: cg_article_ui_locale()
 * decides by the translation in use ("ko" when the messages are Korean).
 */
#pragma once

#include <gtk/gtk.h>

#include "changgu-core.h"

G_BEGIN_DECLS

/* How many results the page lists. */
#define CG_KNOWLEDGE_PAGE_LIMIT 100

#define CG_TYPE_KNOWLEDGE_PAGE (cg_knowledge_page_get_type ())
G_DECLARE_FINAL_TYPE (CgKnowledgePage, cg_knowledge_page, CG, KNOWLEDGE_PAGE, GtkWidget)

GtkWidget  *cg_knowledge_page_new                 (void);
void        cg_knowledge_page_set_store           (CgKnowledgePage *self,
                                                   CgStore         *store);
void        cg_knowledge_page_set_session         (CgKnowledgePage *self,
                                                   CgSession       *session);
/* Opens @article_id in the reader (for win.show-article), and selects its
 * row when it is in the results. FALSE if it cannot be read; the reader
 * then says so. */
gboolean    cg_knowledge_page_show_article        (CgKnowledgePage *self,
                                                   const char      *article_id);
/* Searches for @text as if typed, at once (no debounce). */
void        cg_knowledge_page_search              (CgKnowledgePage *self,
                                                   const char      *text);
/* The article locale the page shows ("ko" or "en"), and a way to change
 * it (NULL: back to the UI language's). */
const char *cg_knowledge_page_get_locale          (CgKnowledgePage *self);
void        cg_knowledge_page_set_locale          (CgKnowledgePage *self,
                                                   const char      *locale);
/* For tests: the ids of the listed results, best first (transfer full),
 * and the article in the reader (or NULL). */
GStrv       cg_knowledge_page_dup_result_ids      (CgKnowledgePage *self);
const char *cg_knowledge_page_get_shown_article   (CgKnowledgePage *self);

G_END_DECLS
