/* cg-categories.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-categories"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cg-categories.h"

/* The ids are those of the demo's case kinds (cg-demo.c), most frequent
 * first, "other" last. */
static const CgCategory builtin[] = {
  { "return", N_("Return") },
  { "refund", N_("Refund") },
  { "exchange", N_("Exchange") },
  { "pickup", N_("Pickup") },
  { "delivery", N_("Delivery") },
  { "warranty", N_("Warranty") },
  { "defect", N_("Defect") },
  { "billing", N_("Billing") },
  { "membership", N_("Membership") },
  { "complaint", N_("Complaint") },
  { "product_question", N_("Product question") },
  { "other", N_("Other") },
  { NULL, NULL }
};

/* A list set from config: owned copies, labels not translated. */
static CgCategory *custom;
static guint n_custom;
static GMutex lock;
/* Lists replaced by a newer config: callers may still hold their strings
 * (transfer none), so they are never freed, but they stay referenced here
 * rather than lost, so that LeakSanitizer and valgrind report real leaks
 * only. One entry per config change that altered the categories. */
static GPtrArray *retired;

const CgCategory *
cg_categories_get (void)
{
  return custom != NULL ? custom : builtin;
}

guint
cg_categories_get_n (void)
{
  return custom != NULL ? n_custom : G_N_ELEMENTS (builtin) - 1;
}

void
cg_categories_set (const CgCategory *categories,
                   guint             n_categories)
{
  CgCategory *copy = NULL;

  g_mutex_lock (&lock);
  /* The old list is kept, not freed: callers hold its strings (transfer
   * none), and it is replaced at most once per config change. */
  if (custom != NULL)
    {
      if (retired == NULL)
        retired = g_ptr_array_new ();
      g_ptr_array_add (retired, custom);
    }
  if (categories != NULL)
    {
      copy = g_new0 (CgCategory, n_categories + 1);
      for (guint i = 0; i < n_categories; i++)
        {
          copy[i].id = g_strdup (categories[i].id);
          copy[i].label = g_strdup (categories[i].label ? categories[i].label : categories[i].id);
        }
    }
  custom = copy;
  n_custom = copy != NULL ? n_categories : 0;
  g_mutex_unlock (&lock);
}

int
cg_categories_find (const char *id)
{
  const CgCategory *list = cg_categories_get ();

  for (int i = 0; id != NULL && list[i].id != NULL; i++)
    if (g_str_equal (list[i].id, id))
      return i;
  return -1;
}

const char *
cg_category_get_label (const char *id)
{
  const CgCategory *list = cg_categories_get ();
  int index = cg_categories_find (id);

  if (index < 0)
    {
      /* Built-in labels are known even when config replaced the list:
       * old cases keep their words. */
      for (guint i = 0; id != NULL && builtin[i].id != NULL; i++)
        if (g_str_equal (builtin[i].id, id))
          return g_dgettext (GETTEXT_PACKAGE, builtin[i].label);
      return id != NULL ? id : "";
    }
  if (list == builtin)
    return g_dgettext (GETTEXT_PACKAGE, list[index].label);
  return list[index].label;
}
