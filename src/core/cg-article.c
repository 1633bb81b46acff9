/* cg-article.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Article search over the `articles` projection and its FTS5 index
 * `article_fts` (title, body, tags; rowid = the article's doc_id).
 *
 * Typed text never reaches MATCH as it is: a search goes through
 * cg_search_build_query() (every word a quoted prefix term, all of them
 * required), and a suggestion builds its own query of quoted prefix terms
 * joined with OR, from the words that carry meaning. bm25 weighs a match in
 * the title ten times and in the tags three times a match in the body: a
 * question is usually asked in the words of an article's title.
 */
#define G_LOG_DOMAIN "cg-article"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-article.h"
#include "cg-search.h"
#include "cg-store-private.h"

/* A suggestion looks at no more words than this: a long description adds
 * little beyond its first words and every term costs a pass over the index. */
#define MAX_SUGGEST_TERMS 24
#define SNIPPET_MAX_CHARS 140

struct _CgArticleSummary
{
  GObject  parent_instance;
  char    *id;
  char    *title;
  char    *category;
  char    *locale;
  char    *snippet;
};

G_DEFINE_FINAL_TYPE (CgArticleSummary, cg_article_summary, G_TYPE_OBJECT)

static void
cg_article_summary_finalize (GObject *object)
{
  CgArticleSummary *self = CG_ARTICLE_SUMMARY (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->category);
  g_free (self->locale);
  g_free (self->snippet);
  G_OBJECT_CLASS (cg_article_summary_parent_class)->finalize (object);
}

static void
cg_article_summary_class_init (CgArticleSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_article_summary_finalize;
}

static void
cg_article_summary_init (CgArticleSummary *self)
{
}

const char *
cg_article_summary_get_id (CgArticleSummary *self)
{
  g_return_val_if_fail (CG_IS_ARTICLE_SUMMARY (self), NULL);
  return self->id;
}

const char *
cg_article_summary_get_title (CgArticleSummary *self)
{
  g_return_val_if_fail (CG_IS_ARTICLE_SUMMARY (self), NULL);
  return self->title;
}

const char *
cg_article_summary_get_category (CgArticleSummary *self)
{
  g_return_val_if_fail (CG_IS_ARTICLE_SUMMARY (self), NULL);
  return self->category;
}

const char *
cg_article_summary_get_locale (CgArticleSummary *self)
{
  g_return_val_if_fail (CG_IS_ARTICLE_SUMMARY (self), NULL);
  return self->locale;
}

const char *
cg_article_summary_get_snippet (CgArticleSummary *self)
{
  g_return_val_if_fail (CG_IS_ARTICLE_SUMMARY (self), NULL);
  return self->snippet;
}

/* ----------------------------------------------------------------- snippet */

/* The first sentence of the first paragraph of @body that is prose (not a
 * heading or a list item), cut at SNIPPET_MAX_CHARS with an ellipsis. */
static char *
make_snippet (const char *body)
{
  g_auto(GStrv) lines = NULL;
  const char *para = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (body == NULL || !g_utf8_validate (body, -1, NULL))
    return g_strdup ("");

  lines = g_strsplit (body, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      while (*line == ' ')
        line++;
      if (*line == '\0' || g_str_has_prefix (line, "#") || g_str_has_prefix (line, "- "))
        continue;
      para = line;
      break;
    }
  if (para == NULL)
    para = lines[0] != NULL ? lines[0] : "";

  /* Up to the first sentence end followed by a space (or the end): ". ",
   * "? ", "! " close English and Korean sentences alike. */
  for (const char *p = para; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, c);
      if ((c == '.' || c == '?' || c == '!') &&
          (p[1] == ' ' || p[1] == '\0'))
        break;
    }

  if (g_utf8_strlen (out->str, -1) > SNIPPET_MAX_CHARS)
    {
      const char *cut = g_utf8_offset_to_pointer (out->str, SNIPPET_MAX_CHARS - 1);
      g_string_truncate (out, cut - out->str);
      /* Not in the middle of a word when a space is near. */
      {
        char *space = strrchr (out->str, ' ');
        if (space != NULL && space - out->str > (gssize) out->len - 20)
          g_string_truncate (out, space - out->str);
      }
      g_string_append (out, "…");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ----------------------------------------------------------------- queries */

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* A summary from a row of (id, title, category, locale, body). */
static CgArticleSummary *
summary_from_row (sqlite3_stmt *stmt)
{
  CgArticleSummary *summary = g_object_new (CG_TYPE_ARTICLE_SUMMARY, NULL);

  summary->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  summary->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  summary->category = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  summary->locale = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  summary->snippet = make_snippet ((const char *) sqlite3_column_text (stmt, 4));
  if (summary->title == NULL)
    summary->title = g_strdup ("");
  return summary;
}

/* Reads rows of (id, title, category, locale, body) into summaries. */
static gboolean
collect (CgStore       *store,
         sqlite3_stmt  *stmt,
         GPtrArray     *out,
         GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (out, summary_from_row (stmt));
    }
  if (rc != SQLITE_DONE)
    {
      cg_store_set_sqlite_error (store, error, _("Could not search the articles"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
run_match (CgStore     *store,
           const char  *match,
           const char  *locale,
           const char  *category,
           guint        limit,
           GPtrArray   *out,
           GError     **error)
{
  sqlite3_stmt *stmt = cg_store_stmt (store,
    "SELECT a.id, a.title, a.category, a.locale, f.body "
    "FROM article_fts f JOIN articles a ON a.doc_id = f.rowid "
    "WHERE article_fts MATCH ?1 AND a.published = 1 "
    "AND (?2 IS NULL OR a.locale = ?2) AND (?3 IS NULL OR a.category = ?3) "
    "ORDER BY bm25(article_fts, 10.0, 1.0, 3.0), a.title LIMIT ?4");

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 2, locale);
  bind_text_or_null (stmt, 3, category);
  sqlite3_bind_int64 (stmt, 4, limit);
  return collect (store, stmt, out, error);
}

static GPtrArray *suggest (CgStore    *store,
                           const char *text,
                           const char *locale,
                           const char *category,
                           guint       limit);

GPtrArray *
cg_article_search (CgStore     *store,
                   const char  *query,
                   const char  *locale,
                   const char  *category,
                   guint        limit,
                   GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *match = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (limit == 0)
    return g_steal_pointer (&out);

  match = cg_search_build_query (query);
  if (match == NULL)
    {
      /* Nothing to match (empty, or only punctuation): every article, by
       * title, so the page has something to browse. */
      sqlite3_stmt *stmt = cg_store_stmt (store,
        "SELECT a.id, a.title, a.category, a.locale, f.body "
        "FROM articles a JOIN article_fts f ON f.rowid = a.doc_id "
        "WHERE a.published = 1 "
        "AND (?1 IS NULL OR a.locale = ?1) AND (?2 IS NULL OR a.category = ?2) "
        "ORDER BY a.title, a.id LIMIT ?3");

      bind_text_or_null (stmt, 1, locale);
      bind_text_or_null (stmt, 2, category);
      sqlite3_bind_int64 (stmt, 3, limit);
      if (!collect (store, stmt, out, error))
        return NULL;
      return g_steal_pointer (&out);
    }

  if (!run_match (store, match, locale, category, limit, out, error))
    return NULL;
  if (out->len == 0)
    {
      /* No article has every word: a question typed as a sentence ("where
       * can I park") rarely does. Then the articles with any of its
       * significant words, ranked as suggestions are. */
      g_clear_pointer (&out, g_ptr_array_unref);
      return suggest (store, query, locale, category, limit);
    }
  return g_steal_pointer (&out);
}

/* ------------------------------------------------------------- suggestions */

/* Words that say nothing about the subject of a question. Compared after
 * casefolding; words shorter than 3 letters are dropped before. */
static const char * const english_stop_words[] = {
  "about", "after", "again", "ago", "all", "also", "and", "any", "are", "because",
  "been", "before", "but", "can", "cannot", "could", "did", "does", "doing",
  "don", "for", "from", "get", "got", "had", "has", "have", "hello", "her",
  "him", "his", "how", "into", "its", "just", "like", "may", "more", "much",
  "need", "not", "now", "question", "off", "one", "only", "our", "out", "item", "please", "product", "request", "she",
  "should", "some", "still", "than", "thank", "thanks", "that", "the",
  "their", "them", "then", "there", "they", "this", "too", "up", "very",
  "was", "way", "were", "what", "when", "where", "which", "who", "why",
  "will", "with", "would", "yet", "you", "your",
};

/* Whole Korean words (after the endings below are taken off, and before)
 * that carry no subject. */
static const char * const korean_stop_words[] = {
  "감사합니다", "그냥", "그런데", "그리고", "너무", "다시", "많이", "무엇", "안녕하세요",
  "아직", "어디", "어떻게", "언제", "없습니다", "없어요", "오늘", "이거", "이미",
  "있나요", "있습니다", "있어요", "저는", "정말", "제가", "주세요", "지금", "하지만",
  "싶습니다", "싶어요", "싶은데", "해주세요", "했는데", "되나요", "합니다",
  "하나요", "어제", "그거", "고객님",
  /* What a case subject says about itself: "반품 요청", "재입고 문의". */
  "요청", "문의", "상품", "않았습니다", "않습니다", "않아요", "않았어요",
};

/* Particles and verb endings taken off the end of a Korean word, longest
 * first, when at least two syllables remain: 환불은 → 환불, 반품하려고 → 반품.
 * A prefix term on the stem then finds every form of the word. */
static const char * const korean_endings[] = {
  "했습니다", "했는데요", "해주세요", "하려는데",
  "에서는", "에서도", "으로는", "이라도", "했는데", "하는데", "했어요", "합니다",
  "하나요", "하려고", "하려면", "하고요", "할까요", "되나요", "됐어요", "됩니다",
  "인데요", "이에요", "입니다", "했고", "해서", "해요", "해도", "하는", "하면",
  "하고", "되어", "돼요", "인데", "예요", "에서", "에게", "으로", "까지", "부터",
  "처럼", "보다", "들이", "들을", "는데", "습니다",
  "은", "는", "이", "가", "을", "를", "에", "의", "도", "와", "과", "로", "만", "요",
  "한", "지",
};

static gboolean
is_hangul (gunichar c)
{
  return (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3130 && c <= 0x318F);
}

static gboolean
in_list (const char         *word,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (word, list[i]))
      return TRUE;
  return FALSE;
}

/* Light English stemming, so that "returned" finds "return" and "charged"
 * finds "charge" as prefix terms. Only when 4 letters or more remain. */
static void
stem_english (GString *word)
{
  static const char * const suffixes[] = { "ing", "ed", "es", "s" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize n = strlen (suffixes[i]);

      if (word->len >= n + 4 && g_str_has_suffix (word->str, suffixes[i]))
        {
          /* "ss" (address, glass) is not a plural. */
          if (g_str_equal (suffixes[i], "s") && g_str_has_suffix (word->str, "ss"))
            return;
          g_string_truncate (word, word->len - n);
          return;
        }
    }
}

static void
strip_korean_ending (GString *word)
{
  glong n = g_utf8_strlen (word->str, -1);

  for (guint i = 0; i < G_N_ELEMENTS (korean_endings); i++)
    {
      const char *ending = korean_endings[i];

      if (g_str_has_suffix (word->str, ending) &&
          n - g_utf8_strlen (ending, -1) >= 2)
        {
          g_string_truncate (word, word->len - strlen (ending));
          return;
        }
    }
}

/* The significant word in @word (casefolded), or NULL to leave it out. */
static char *
significant_word (const char *word)
{
  g_autoptr(GString) w = g_string_new (word);
  gunichar first = g_utf8_get_char (word);
  gboolean digits = TRUE;

  if (is_hangul (first))
    {
      if (in_list (w->str, korean_stop_words, G_N_ELEMENTS (korean_stop_words)))
        return NULL;
      strip_korean_ending (w);
      if (g_utf8_strlen (w->str, -1) < 2 ||
          in_list (w->str, korean_stop_words, G_N_ELEMENTS (korean_stop_words)))
        return NULL;
      return g_string_free (g_steal_pointer (&w), FALSE);
    }

  for (const char *p = w->str; *p; p++)
    digits &= g_ascii_isdigit (*p);
  /* A quantity ("40 minutes") is noise; a long number (a phone number, a
   * model) may be what the article is about. */
  if (digits)
    return w->len >= 4 ? g_string_free (g_steal_pointer (&w), FALSE) : NULL;

  if (g_utf8_strlen (w->str, -1) < 3 ||
      in_list (w->str, english_stop_words, G_N_ELEMENTS (english_stop_words)))
    return NULL;
  stem_english (w);
  return g_string_free (g_steal_pointer (&w), FALSE);
}

static void
append_term (GString    *query,
             const char *word)
{
  if (query->len > 0)
    g_string_append (query, " OR ");
  g_string_append_c (query, '"');
  for (const char *p = word; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, *p);
    }
  g_string_append (query, "\"*");
}

/* An FTS5 query matching any significant word of @text, or NULL if it has
 * none. Exposed to the tests through the behaviour of suggestions only. */
static char *
build_any_query (const char *text,
                 GPtrArray  *distinct_terms)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint terms = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  /* Words of letters and digits, as the unicode61 tokenizer sees them. */
  for (const char *p = text; terms < MAX_SUGGEST_TERMS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          g_autofree char *folded = g_utf8_casefold (word->str, -1);
          char *significant = significant_word (folded);

          /* A word the text repeats is what it is about: FTS5's bm25
           * sums over the phrases of the query, so repeating the term
           * (up to 3 times) weighs it up. */
          guint count = significant != NULL
                        ? GPOINTER_TO_UINT (g_hash_table_lookup (seen, significant)) : 0;

          if (significant != NULL && count < 3)
            {
              append_term (query, significant);
              terms++;
              if (count == 0)
                g_ptr_array_add (distinct_terms, g_strdup (significant));
              g_hash_table_replace (seen, significant, GUINT_TO_POINTER (count + 1));
            }
          else
            g_free (significant);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

typedef struct {
  CgArticleSummary *summary;
  guint             title_hits;
  double            bm25;       /* lower is better */
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->title_hits != y->title_hits)
    return x->title_hits > y->title_hits ? -1 : 1;
  if (x->bm25 != y->bm25)
    return x->bm25 < y->bm25 ? -1 : 1;
  return g_strcmp0 (x->summary->title, y->summary->title);
}

/* How many of @terms start a word of @title. */
static guint
count_title_hits (const char *title,
                  GPtrArray  *terms)
{
  g_autofree char *folded = title != NULL ? g_utf8_casefold (title, -1) : g_strdup ("");
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) word = g_string_new (NULL);
  guint hits = 0;

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        g_string_append_unichar (word, c);
      else if (word->len > 0)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  for (guint t = 0; t < terms->len; t++)
    for (guint w = 0; w < words->len; w++)
      if (g_str_has_prefix (g_ptr_array_index (words, w), g_ptr_array_index (terms, t)))
        {
          hits++;
          break;
        }
  return hits;
}

/* Candidates read before they are ordered by title hits. */
#define SUGGEST_CANDIDATES 400

/* Ranking: first by how many of the text's significant words the title
 * has (a title is the question an article answers), then by bm25. bm25
 * alone let a rare word win: a product name that one article happens to
 * give as an example ("wireless earbuds" in the repairs article) outranked
 * "refund" in the title of the refunds article, because the title weight
 * saturates in bm25 and a rare word's IDF does not. */
static GPtrArray *
suggest (CgStore    *store,
         const char *text,
         const char *locale,
         const char *category,
         guint       limit)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  match = build_any_query (text, terms);
  if (match == NULL || limit == 0)
    return g_steal_pointer (&out);

  stmt = cg_store_stmt (store,
    "SELECT a.id, a.title, a.category, a.locale, f.body, bm25(article_fts, 10.0, 1.0, 3.0) "
    "FROM article_fts f JOIN articles a ON a.doc_id = f.rowid "
    "WHERE article_fts MATCH ?1 AND a.published = 1 AND (?2 IS NULL OR a.locale = ?2) "
    "AND (?4 IS NULL OR a.category = ?4) "
    "ORDER BY 6 LIMIT ?3");
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 2, locale);
  sqlite3_bind_int64 (stmt, 3, SUGGEST_CANDIDATES);
  bind_text_or_null (stmt, 4, category);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Ranked r;

      r.summary = summary_from_row (stmt);
      r.bm25 = sqlite3_column_double (stmt, 5);
      r.title_hits = count_title_hits (r.summary->title, terms);
      g_array_append_val (ranked, r);
    }
  if (rc != SQLITE_DONE)
    /* Suggestions are a help, never in the way: what was read, or none. */
    g_debug ("Article suggestions failed: %s", sqlite3_errmsg (cg_store_get_db (store)));
  sqlite3_reset (stmt);

  g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < ranked->len; i++)
    {
      Ranked *r = &g_array_index (ranked, Ranked, i);

      if (i < limit)
        g_ptr_array_add (out, r->summary);
      else
        g_object_unref (r->summary);
    }
  return g_steal_pointer (&out);
}

GPtrArray *
cg_article_suggest_for_text (CgStore    *store,
                             const char *text,
                             const char *locale,
                             guint       limit)
{
  g_return_val_if_fail (CG_IS_STORE (store), g_ptr_array_new_with_free_func (g_object_unref));

  return suggest (store, text, locale, NULL, limit);
}

/* -------------------------------------------------------------- categories */

char **
cg_article_list_categories (CgStore    *store,
                            const char *locale)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  stmt = cg_store_stmt (store,
    "SELECT DISTINCT category FROM articles "
    "WHERE published = 1 AND category IS NOT NULL AND category != '' "
    "AND (?1 IS NULL OR locale = ?1) ORDER BY category");
  bind_text_or_null (stmt, 1, locale);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    g_debug ("Could not list article categories: %s",
             sqlite3_errmsg (cg_store_get_db (store)));
  sqlite3_reset (stmt);
  return g_strv_builder_end (builder);
}
