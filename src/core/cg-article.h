/* cg-article.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Knowledge articles (the FAQ): search ranked by FTS5's bm25 over title,
 * body and tags, and suggestions for a case from its own words.
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_TYPE_ARTICLE_SUMMARY (cg_article_summary_get_type ())
G_DECLARE_FINAL_TYPE (CgArticleSummary, cg_article_summary, CG, ARTICLE_SUMMARY, GObject)

const char *cg_article_summary_get_id       (CgArticleSummary *self);
const char *cg_article_summary_get_title    (CgArticleSummary *self);
const char *cg_article_summary_get_category (CgArticleSummary *self);
const char *cg_article_summary_get_locale   (CgArticleSummary *self);
/* The first sentence or so of the body, for a list row. */
const char *cg_article_summary_get_snippet  (CgArticleSummary *self);

/* Published articles matching @query (what a person typed; empty: all),
 * best first, in @locale ("ko", "en"; NULL: any) and @category (NULL:
 * any), at most @limit. (element-type CgArticleSummary) (transfer full) */
GPtrArray  *cg_article_search               (CgStore          *store,
                                             const char       *query,
                                             const char       *locale,
                                             const char       *category,
                                             guint             limit,
                                             GError          **error);
/* Articles that answer a text such as a case's subject and description:
 * any of its significant words may match, ranked by bm25. Never fails: an
 * empty array when nothing matches. (transfer full) */
GPtrArray  *cg_article_suggest_for_text     (CgStore          *store,
                                             const char       *text,
                                             const char       *locale,
                                             guint             limit);
/* The categories of published articles in @locale, sorted
 * (transfer full, NULL-terminated). */
char      **cg_article_list_categories      (CgStore          *store,
                                             const char       *locale);

G_END_DECLS
