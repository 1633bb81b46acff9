/* cg-case-suggest.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Suggested category and priority for a new case, learned on the device
 * from the store's own resolved and closed cases: multinomial naive Bayes
 * over the words of subject and description (Laplace smoothing, log
 * probabilities). Korean is written without spaces between a word and
 * its particles (반품을, 반품하고), so besides whole words the tokenizer
 * emits the character bigrams of each Hangul run (반품, 품을): the stem is
 * shared whatever ending follows.
 *
 * A trained suggester is immutable and may be used from any thread.
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

typedef struct _CgCaseSuggester CgCaseSuggester;

/* One resolved case to learn from. */
typedef struct {
  char *text;       /* subject and description */
  char *category;
  char *priority;
} CgCaseExample;

void              cg_case_example_free          (CgCaseExample   *example);

/* The words of @text as the classifier sees them: lower case, NFKC,
 * letters and digits; Hangul runs also as character bigrams; runs of
 * digits only are dropped (order numbers say nothing about the kind of
 * problem). (transfer full) */
GStrv             cg_case_suggest_tokenize      (const char      *text);

/* The most recent resolved and closed cases of @store, at most @limit
 * (0: 20000), newest first, from the projections (no document is read).
 * (element-type CgCaseExample) (transfer full) */
GPtrArray        *cg_case_examples_load         (CgStore         *store,
                                                 guint            limit,
                                                 GError         **error);

/* An empty model; add examples, then use it. */
CgCaseSuggester  *cg_case_suggester_new         (void);
CgCaseSuggester  *cg_case_suggester_ref         (CgCaseSuggester *self);
void              cg_case_suggester_unref       (CgCaseSuggester *self);
void              cg_case_suggester_add         (CgCaseSuggester *self,
                                                 const CgCaseExample *example);
guint             cg_case_suggester_get_n_examples (CgCaseSuggester *self);
/* A model trained on @examples (element-type CgCaseExample). It first
 * checks itself: trained on four fifths, tested on the rest, a field
 * whose words predict it no better than always answering its commonest
 * value (the demo's priorities are random, say) then suggests that value,
 * with from_words FALSE, instead of following noise. (transfer full) */
CgCaseSuggester  *cg_case_suggester_new_from_examples (GPtrArray *examples);
/* A model trained on cg_case_examples_load (@store, 0) as
 * cg_case_suggester_new_from_examples() does. Opens its own
 * connection to the store's file when @own_connection, so that it can run
 * on a worker thread while the UI uses @store. (transfer full) */
CgCaseSuggester  *cg_case_suggester_new_from_store (CgStore      *store,
                                                 gboolean         own_connection,
                                                 GError         **error);

typedef struct {
  const char *category;            /* static/owned by the model; NULL: no suggestion */
  double      category_confidence; /* posterior probability, 0..1 */
  const char *priority;
  double      priority_confidence;
  /* FALSE: the field's words proved no guide in the self-check, and the
   * value is just the commonest one (not worth calling a suggestion). */
  gboolean    category_from_words;
  gboolean    priority_from_words;
} CgCaseSuggestion;

/* Suggests for a case with @subject and @description (either may be
 * NULL). Returns FALSE, with the suggestion cleared, when the model has
 * learned too little or the text has no word it knows. Strings in
 * @suggestion belong to the model. */
gboolean          cg_case_suggester_suggest     (CgCaseSuggester *self,
                                                 const char      *subject,
                                                 const char      *description,
                                                 CgCaseSuggestion *suggestion);

/* The model shared by everything using @store, or NULL until
 * cg_case_suggester_set_for_store() or a finished
 * cg_case_suggester_load_async() put one there (transfer none). */
CgCaseSuggester  *cg_case_suggester_get_for_store (CgStore       *store);
void              cg_case_suggester_set_for_store (CgStore       *store,
                                                   CgCaseSuggester *self);
/* Trains on a worker thread (own connection) and keeps the model on
 * @store; if one is there already, completes at once. */
void              cg_case_suggester_load_async  (CgStore         *store,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
CgCaseSuggester  *cg_case_suggester_load_finish (CgStore         *store,
                                                 GAsyncResult    *result,
                                                 GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCaseSuggester, cg_case_suggester_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCaseExample, cg_case_example_free)

G_END_DECLS
