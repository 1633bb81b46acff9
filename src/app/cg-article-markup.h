/* cg-article-markup.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The simple markup of an article's body (DATA-MODEL.md: "plain text with
 * simple markup"), read into blocks that the reader turns into labels:
 *
 *   a blank line          ends a paragraph (lines in between are joined)
 *   "## Heading"          a heading (any number of #)
 *   "- item"              a bullet item
 *   "1. step"             a numbered item (the number is kept as written)
 *
 * Pure functions, no GTK, so the reader's structure is tested without a
 * display.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CG_ARTICLE_BLOCK_PARAGRAPH,
  CG_ARTICLE_BLOCK_HEADING,
  CG_ARTICLE_BLOCK_BULLET,
  CG_ARTICLE_BLOCK_NUMBERED,
} CgArticleBlockKind;

typedef struct {
  CgArticleBlockKind  kind;
  char               *text;     /* without the marker */
  char               *marker;   /* "1." for a numbered item, else NULL */
} CgArticleBlock;

void        cg_article_block_free        (CgArticleBlock *block);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgArticleBlock, cg_article_block_free)

/* The blocks of @body in order (empty for NULL or an empty body).
 * (transfer full) (element-type CgArticleBlock) */
GPtrArray  *cg_article_markup_parse      (const char *body);

/* Translated words for an article category code ("returns", "payment",
 * "store", …), or the code itself when it is unknown. (transfer none) */
const char *cg_format_article_category   (const char *category);

/* The UI language's article locale: "ko" when the interface is shown in
 * Korean, else "en". (static) */
const char *cg_article_ui_locale         (void);

G_END_DECLS
