/* cg-case-suggest.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Multinomial naive Bayes, one model per field (category, priority):
 *
 *   score(c) = log P(c) + Σ_w n(w) log P(w | c)
 *   P(c)     = (docs of c + 1) / (docs + classes)
 *   P(w | c) = (count of w in c + 1) / (tokens of c + |V|)
 *
 * Words never seen in training are skipped (they would add the same
 * constant to every class' score, bar the denominators). The confidence
 * is the posterior, the softmax of the scores.
 */
#define G_LOG_DOMAIN "cg-case-suggest"

#include "config.h"

#include <math.h>

#include "cg-case-suggest.h"
#include "cg-store-private.h"

#define DEFAULT_EXAMPLES 20000
/* Fewer resolved cases than this and a suggestion would be a guess. */
#define MIN_EXAMPLES 20
#define STORE_KEY "cg-case-suggester"

void
cg_case_example_free (CgCaseExample *example)
{
  if (example == NULL)
    return;
  g_free (example->text);
  g_free (example->category);
  g_free (example->priority);
  g_free (example);
}

/* -------------------------------------------------------------- tokenizer */

static gboolean
is_hangul (gunichar c)
{
  return (c >= 0xAC00 && c <= 0xD7A3)    /* syllables */
      || (c >= 0x1100 && c <= 0x11FF)    /* jamo */
      || (c >= 0x3130 && c <= 0x318F);   /* compatibility jamo */
}

static void
emit_run (GPtrArray *tokens,
          GArray    *run)
{
  gboolean digits_only = TRUE;
  guint hangul = 0;

  if (run->len == 0)
    return;
  for (guint i = 0; i < run->len; i++)
    {
      gunichar c = g_array_index (run, gunichar, i);
      if (!g_unichar_isdigit (c))
        digits_only = FALSE;
      if (is_hangul (c))
        hangul++;
    }
  if (!digits_only && (run->len > 1 || hangul > 0))
    g_ptr_array_add (tokens, g_ucs4_to_utf8 ((gunichar *) run->data, run->len, NULL, NULL, NULL));

  /* Character bigrams of the Hangul stretches of the run. */
  for (guint i = 0; hangul > 0 && i + 1 < run->len; i++)
    {
      gunichar pair[2] = { g_array_index (run, gunichar, i), g_array_index (run, gunichar, i + 1) };

      if (is_hangul (pair[0]) && is_hangul (pair[1]) && run->len > 2)
        g_ptr_array_add (tokens, g_ucs4_to_utf8 (pair, 2, NULL, NULL, NULL));
    }
  g_array_set_size (run, 0);
}

GStrv
cg_case_suggest_tokenize (const char *text)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();
  g_autoptr(GArray) run = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_autofree char *normal = NULL;
  g_autofree char *lower = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_ptr_array_add (tokens, NULL);
      return (GStrv) g_ptr_array_free (g_steal_pointer (&tokens), FALSE);
    }
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  lower = g_utf8_strdown (normal ? normal : text, -1);

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        {
          /* A switch between Hangul and Latin is a word boundary:
           * "usb포트" is "usb" and "포트". */
          if (run->len > 0 &&
              is_hangul (g_array_index (run, gunichar, run->len - 1)) != is_hangul (c) &&
              !g_unichar_ismark (c))
            emit_run (tokens, run);
          g_array_append_val (run, c);
        }
      else
        emit_run (tokens, run);
    }
  emit_run (tokens, run);
  g_ptr_array_add (tokens, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&tokens), FALSE);
}

/* ------------------------------------------------------------------ model */

typedef struct {
  char       *name;
  guint       n_docs;
  guint64     n_tokens;
  GHashTable *counts;   /* token (owned by the vocabulary) → count */
} ClassModel;

static void
class_model_free (ClassModel *model)
{
  g_free (model->name);
  g_hash_table_unref (model->counts);
  g_free (model);
}

typedef struct {
  GPtrArray *classes;   /* ClassModel */
  guint      n_docs;
  gboolean   use_words; /* else the commonest class */
} Model;

struct _CgCaseSuggester
{
  GHashTable *vocabulary;   /* token → itself */
  Model       category;
  Model       priority;
  guint       n_examples;
};

static void
model_init (Model *model)
{
  model->classes = g_ptr_array_new_with_free_func ((GDestroyNotify) class_model_free);
  model->n_docs = 0;
  model->use_words = TRUE;
}

static void
suggester_clear (gpointer data)
{
  CgCaseSuggester *self = data;

  g_ptr_array_unref (self->category.classes);
  g_ptr_array_unref (self->priority.classes);
  g_hash_table_unref (self->vocabulary);
}

CgCaseSuggester *
cg_case_suggester_new (void)
{
  CgCaseSuggester *self = g_atomic_rc_box_new0 (CgCaseSuggester);

  self->vocabulary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  model_init (&self->category);
  model_init (&self->priority);
  return self;
}

CgCaseSuggester *
cg_case_suggester_ref (CgCaseSuggester *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
cg_case_suggester_unref (CgCaseSuggester *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, suggester_clear);
}

guint
cg_case_suggester_get_n_examples (CgCaseSuggester *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_examples;
}

static ClassModel *
model_class (Model      *model,
             const char *name)
{
  ClassModel *klass;

  for (guint i = 0; i < model->classes->len; i++)
    {
      klass = g_ptr_array_index (model->classes, i);
      if (g_str_equal (klass->name, name))
        return klass;
    }
  klass = g_new0 (ClassModel, 1);
  klass->name = g_strdup (name);
  klass->counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (model->classes, klass);
  return klass;
}

static void
model_add (Model      *model,
           const char *name,
           GPtrArray  *tokens)   /* interned in the vocabulary */
{
  ClassModel *klass;

  if (name == NULL || *name == '\0')
    return;
  klass = model_class (model, name);
  klass->n_docs++;
  model->n_docs++;
  for (guint i = 0; i < tokens->len; i++)
    {
      gpointer token = g_ptr_array_index (tokens, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (klass->counts, token));

      g_hash_table_insert (klass->counts, token, GUINT_TO_POINTER (count + 1));
      klass->n_tokens++;
    }
}

void
cg_case_suggester_add (CgCaseSuggester     *self,
                       const CgCaseExample *example)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();

  g_return_if_fail (self != NULL);
  g_return_if_fail (example != NULL);

  words = cg_case_suggest_tokenize (example->text);
  for (guint i = 0; words[i] != NULL; i++)
    {
      char *interned = g_hash_table_lookup (self->vocabulary, words[i]);

      if (interned == NULL)
        {
          interned = g_strdup (words[i]);
          g_hash_table_add (self->vocabulary, interned);
        }
      g_ptr_array_add (tokens, interned);
    }
  model_add (&self->category, example->category, tokens);
  model_add (&self->priority, example->priority, tokens);
  self->n_examples++;
}

/* The commonest class and its share. */
static const char *
model_prior (const Model *model,
             double      *confidence)
{
  ClassModel *best = NULL;

  for (guint c = 0; c < model->classes->len; c++)
    {
      ClassModel *klass = g_ptr_array_index (model->classes, c);
      if (best == NULL || klass->n_docs > best->n_docs)
        best = klass;
    }
  *confidence = best != NULL ? (double) best->n_docs / MAX (model->n_docs, 1) : 0;
  return best != NULL ? best->name : NULL;
}

/* The best class for @tokens and its posterior probability. */
static const char *
model_predict (const Model *model,
               GPtrArray   *tokens,
               double       vocabulary_size,
               double      *confidence)
{
  g_autofree double *scores = NULL;
  double best = -INFINITY, sum = 0;
  guint n = model->classes->len, best_index = 0;

  *confidence = 0;
  if (n == 0)
    return NULL;
  if (!model->use_words)
    return model_prior (model, confidence);
  scores = g_new (double, n);
  for (guint c = 0; c < n; c++)
    {
      ClassModel *klass = g_ptr_array_index (model->classes, c);
      double denominator = log ((double) klass->n_tokens + vocabulary_size);
      double score = log (((double) klass->n_docs + 1) / ((double) model->n_docs + n));

      for (guint i = 0; i < tokens->len; i++)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (klass->counts, g_ptr_array_index (tokens, i)));
          score += log ((double) count + 1) - denominator;
        }
      scores[c] = score;
      if (score > best)
        {
          best = score;
          best_index = c;
        }
    }
  for (guint c = 0; c < n; c++)
    sum += exp (scores[c] - best);
  *confidence = 1.0 / sum;
  return ((ClassModel *) g_ptr_array_index (model->classes, best_index))->name;
}

gboolean
cg_case_suggester_suggest (CgCaseSuggester  *self,
                           const char       *subject,
                           const char       *description,
                           CgCaseSuggestion *suggestion)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();
  double vocabulary_size;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (suggestion != NULL, FALSE);

  *suggestion = (CgCaseSuggestion) { NULL, 0, NULL, 0, FALSE, FALSE };
  if (self->n_examples < MIN_EXAMPLES)
    return FALSE;

  text = g_strjoin ("\n", subject ? subject : "", description ? description : "", NULL);
  words = cg_case_suggest_tokenize (text);
  for (guint i = 0; words[i] != NULL; i++)
    {
      char *interned = g_hash_table_lookup (self->vocabulary, words[i]);
      if (interned != NULL)
        g_ptr_array_add (tokens, interned);
    }
  if (tokens->len == 0)
    return FALSE;

  vocabulary_size = g_hash_table_size (self->vocabulary);
  suggestion->category = model_predict (&self->category, tokens, vocabulary_size,
                                        &suggestion->category_confidence);
  suggestion->priority = model_predict (&self->priority, tokens, vocabulary_size,
                                        &suggestion->priority_confidence);
  suggestion->category_from_words = self->category.use_words;
  suggestion->priority_from_words = self->priority.use_words;
  return suggestion->category != NULL;
}

/* --------------------------------------------------------------- training */

GPtrArray *
cg_case_examples_load (CgStore  *store,
                       guint     limit,
                       GError  **error)
{
  GPtrArray *examples = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_case_example_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (store), examples);

  /* case_fts keeps subject and description (it is not contentless), so
   * no document is parsed; newest first by doc_id through the
   * cases_by_status index. */
  stmt = cg_store_stmt (store,
    "SELECT c.category, c.priority, f.subject, f.description "
    "FROM cases c JOIN case_fts f ON f.rowid = c.doc_id "
    "WHERE c.status IN ('resolved', 'closed') ORDER BY c.doc_id DESC LIMIT ?1");
  sqlite3_bind_int64 (stmt, 1, limit != 0 ? limit : DEFAULT_EXAMPLES);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CgCaseExample *example = g_new0 (CgCaseExample, 1);
      const char *subject = (const char *) sqlite3_column_text (stmt, 2);
      const char *description = (const char *) sqlite3_column_text (stmt, 3);

      example->category = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      example->priority = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      example->text = g_strjoin ("\n", subject ? subject : "", description ? description : "", NULL);
      g_ptr_array_add (examples, example);
    }
  if (rc != SQLITE_DONE)
    cg_store_set_sqlite_error (store, error, "Reading resolved cases");
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (examples);
      return NULL;
    }
  return examples;
}

/* Whether the words beat the commonest class on the held-out fifth, per
 * field. Ties go to the prior: simpler, and honest about noise. */
static void
self_check (GPtrArray *examples,
            gboolean  *category_words,
            gboolean  *priority_words)
{
  g_autoptr(CgCaseSuggester) probe = cg_case_suggester_new ();
  guint hits[2][2] = { { 0 } };   /* [field][words, prior] */

  *category_words = *priority_words = TRUE;
  for (guint i = 0; i < examples->len; i++)
    if (i % 5 != 4)
      cg_case_suggester_add (probe, g_ptr_array_index (examples, i));
  if (probe->n_examples < MIN_EXAMPLES)
    return;
  for (guint i = 4; i < examples->len; i += 5)
    {
      CgCaseExample *example = g_ptr_array_index (examples, i);
      CgCaseSuggestion suggestion;
      double unused;

      if (!cg_case_suggester_suggest (probe, example->text, NULL, &suggestion))
        continue;
      hits[0][0] += g_strcmp0 (suggestion.category, example->category) == 0;
      hits[1][0] += g_strcmp0 (suggestion.priority, example->priority) == 0;
      hits[0][1] += g_strcmp0 (model_prior (&probe->category, &unused), example->category) == 0;
      hits[1][1] += g_strcmp0 (model_prior (&probe->priority, &unused), example->priority) == 0;
    }
  *category_words = hits[0][0] > hits[0][1];
  *priority_words = hits[1][0] > hits[1][1];
  g_debug ("self-check: category %u vs %u, priority %u vs %u correct",
           hits[0][0], hits[0][1], hits[1][0], hits[1][1]);
}

CgCaseSuggester *
cg_case_suggester_new_from_examples (GPtrArray *examples)
{
  CgCaseSuggester *self = cg_case_suggester_new ();
  gboolean category_words, priority_words;

  g_return_val_if_fail (examples != NULL, self);

  self_check (examples, &category_words, &priority_words);
  for (guint i = 0; i < examples->len; i++)
    cg_case_suggester_add (self, g_ptr_array_index (examples, i));
  self->category.use_words = category_words;
  self->priority.use_words = priority_words;
  return self;
}

CgCaseSuggester *
cg_case_suggester_new_from_store (CgStore   *store,
                                  gboolean   own_connection,
                                  GError   **error)
{
  g_autoptr(CgStore) connection = NULL;
  g_autoptr(GPtrArray) examples = NULL;
  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  if (own_connection)
    {
      connection = cg_store_open (cg_store_get_path (store), error);
      if (connection == NULL)
        return NULL;
    }
  examples = cg_case_examples_load (connection != NULL ? connection : store, 0, error);
  if (examples == NULL)
    return NULL;
  return cg_case_suggester_new_from_examples (examples);
}

CgCaseSuggester *
cg_case_suggester_get_for_store (CgStore *store)
{
  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  return g_object_get_data (G_OBJECT (store), STORE_KEY);
}

void
cg_case_suggester_set_for_store (CgStore         *store,
                                 CgCaseSuggester *self)
{
  g_return_if_fail (CG_IS_STORE (store));
  g_object_set_data_full (G_OBJECT (store), STORE_KEY,
                          self != NULL ? cg_case_suggester_ref (self) : NULL,
                          self != NULL ? (GDestroyNotify) cg_case_suggester_unref : NULL);
}

static void
train_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(CgStore) connection = NULL;
  g_autoptr(GPtrArray) examples = NULL;
  g_autoptr(CgCaseSuggester) self = NULL;
  GError *error = NULL;

  connection = cg_store_open (path, &error);
  if (connection == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  examples = cg_case_examples_load (connection, 0, &error);
  if (examples == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  self = cg_case_suggester_new_from_examples (examples);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&self), (GDestroyNotify) cg_case_suggester_unref);
}

void
cg_case_suggester_load_async (CgStore             *store,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CgCaseSuggester *existing;

  g_return_if_fail (CG_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cg_case_suggester_load_async);
  existing = cg_case_suggester_get_for_store (store);
  if (existing != NULL)
    {
      g_task_return_pointer (task, cg_case_suggester_ref (existing), (GDestroyNotify) cg_case_suggester_unref);
      return;
    }
  g_task_set_task_data (task, g_strdup (cg_store_get_path (store)), g_free);
  g_task_run_in_thread (task, train_in_thread);
}

CgCaseSuggester *
cg_case_suggester_load_finish (CgStore       *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  CgCaseSuggester *self;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  self = g_task_propagate_pointer (G_TASK (result), error);
  /* Two dialogs may have asked at once: the first model stays. */
  if (self != NULL && cg_case_suggester_get_for_store (store) == NULL)
    cg_case_suggester_set_for_store (store, self);
  return self;
}
