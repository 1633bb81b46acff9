/* cg-article-markup.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-article-markup"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cg-article-markup.h"

void
cg_article_block_free (CgArticleBlock *block)
{
  if (block == NULL)
    return;
  g_free (block->text);
  g_free (block->marker);
  g_free (block);
}

static void
add_block (GPtrArray          *blocks,
           CgArticleBlockKind  kind,
           const char         *text,
           const char         *marker)
{
  CgArticleBlock *block = g_new0 (CgArticleBlock, 1);

  block->kind = kind;
  block->text = g_strstrip (g_strdup (text));
  block->marker = g_strdup (marker);
  g_ptr_array_add (blocks, block);
}

static void
flush_paragraph (GPtrArray *blocks,
                 GString   *paragraph)
{
  if (paragraph->len > 0)
    add_block (blocks, CG_ARTICLE_BLOCK_PARAGRAPH, paragraph->str, NULL);
  g_string_truncate (paragraph, 0);
}

/* The length of a "12. " marker at the start of @line, or 0. */
static gsize
numbered_marker_length (const char *line)
{
  gsize n = 0;

  while (g_ascii_isdigit (line[n]) && n < 3)
    n++;
  if (n == 0 || line[n] != '.' || line[n + 1] != ' ')
    return 0;
  return n + 1;
}

GPtrArray *
cg_article_markup_parse (const char *body)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_article_block_free);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  if (body == NULL || !g_utf8_validate (body, -1, NULL))
    return blocks;

  lines = g_strsplit (body, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);   /* also drops a \r */
      gsize marker;

      if (*line == '\0')
        {
          flush_paragraph (blocks, paragraph);
          continue;
        }
      if (line[0] == '#')
        {
          const char *text = line;

          flush_paragraph (blocks, paragraph);
          while (*text == '#')
            text++;
          if (*text != '\0')
            add_block (blocks, CG_ARTICLE_BLOCK_HEADING, text, NULL);
          continue;
        }
      if ((line[0] == '-' || line[0] == '*') && line[1] == ' ')
        {
          flush_paragraph (blocks, paragraph);
          add_block (blocks, CG_ARTICLE_BLOCK_BULLET, line + 2, NULL);
          continue;
        }
      if ((marker = numbered_marker_length (line)) > 0)
        {
          g_autofree char *number = g_strndup (line, marker);

          flush_paragraph (blocks, paragraph);
          add_block (blocks, CG_ARTICLE_BLOCK_NUMBERED, line + marker + 1, number);
          continue;
        }
      /* A line break inside a paragraph is a space, as in Markdown. */
      if (paragraph->len > 0)
        g_string_append_c (paragraph, ' ');
      g_string_append (paragraph, line);
    }
  flush_paragraph (blocks, paragraph);
  return blocks;
}

const char *
cg_format_article_category (const char *category)
{
  static const struct { const char *code; const char *words; } categories[] = {
    { "returns", NC_("article category", "Returns") },
    { "refunds", NC_("article category", "Refunds") },
    { "exchanges", NC_("article category", "Exchanges") },
    { "warranty", NC_("article category", "Warranty") },
    { "repairs", NC_("article category", "Repairs") },
    { "pickup", NC_("article category", "Pickup") },
    { "delivery", NC_("article category", "Delivery") },
    { "defects", NC_("article category", "Faulty Items") },
    { "pricing", NC_("article category", "Prices") },
    { "store", NC_("article category", "Store") },
    { "membership", NC_("article category", "Membership") },
    { "payment", NC_("article category", "Payment") },
    { "privacy", NC_("article category", "Privacy") },
    { "queue", NC_("article category", "Queue Tickets") },
  };

  if (category == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (category, categories[i].code))
      return g_dpgettext2 (NULL, "article category", categories[i].words);
  return category;
}

const char *
cg_article_ui_locale (void)
{
  /* Decided by the translation in use, not by the environment: with
   * LANGUAGE=ko but no Korean catalogue installed the interface is in
   * English, and so should the articles be. The Korean catalogue
   * translates this marker to "ko". */
  /* Translators: the language code of the knowledge articles to show with
   * this translation: "ko" for Korean. Do not translate it otherwise. */
  const char *locale = C_("article locale", "en");

  return g_str_equal (locale, "ko") ? "ko" : "en";
}
