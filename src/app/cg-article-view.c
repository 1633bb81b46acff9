/* cg-article-view.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The body is built from plain labels, never Pango markup from the
 * document: an article comes from the server and its text is shown as
 * text. Consecutive list items share one box so that a list reads as one
 * block, spaced like a paragraph from what is around it.
 */
#define G_LOG_DOMAIN "cg-article-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cg-article-markup.h"
#include "cg-article-view.h"
#include "cg-format.h"

struct _CgArticleView
{
  GtkWidget  parent_instance;

  char      *article_id;

  GtkScrolledWindow *scroller;
  GtkLabel  *title_label;
  GtkLabel  *meta_label;
  GtkBox    *body_box;
};

G_DEFINE_FINAL_TYPE (CgArticleView, cg_article_view, GTK_TYPE_WIDGET)

static GtkWidget *
new_text_label (const char        *text,
                GtkAccessibleRole  role)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "label", text, "accessible-role", role, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Staff copy sentences into replies; a selectable label that took
   * focus would make Tab stop at every paragraph. */
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_hexpand (label, TRUE);
  return label;
}

static GtkWidget *
new_item (const char *marker,
          const char *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bullet = gtk_label_new (marker);

  gtk_label_set_xalign (GTK_LABEL (bullet), 1.0);
  gtk_label_set_yalign (GTK_LABEL (bullet), 0.0);
  gtk_widget_set_valign (bullet, GTK_ALIGN_START);
  gtk_widget_set_size_request (bullet, 22, -1);
  gtk_widget_add_css_class (bullet, "dim-label");
  gtk_box_append (GTK_BOX (row), bullet);
  gtk_box_append (GTK_BOX (row), new_text_label (text, GTK_ACCESSIBLE_ROLE_LABEL));
  return row;
}

static void
clear_body (CgArticleView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->body_box))) != NULL)
    gtk_box_remove (self->body_box, child);
}

static void
show_body (CgArticleView *self,
           const char    *body)
{
  g_autoptr(GPtrArray) blocks = cg_article_markup_parse (body);
  GtkWidget *list = NULL;

  clear_body (self);
  for (guint i = 0; i < blocks->len; i++)
    {
      const CgArticleBlock *block = g_ptr_array_index (blocks, i);
      GtkWidget *label;

      switch (block->kind)
        {
        case CG_ARTICLE_BLOCK_BULLET:
        case CG_ARTICLE_BLOCK_NUMBERED:
          if (list == NULL)
            {
              list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
              gtk_box_append (self->body_box, list);
            }
          gtk_box_append (GTK_BOX (list),
                          new_item (block->kind == CG_ARTICLE_BLOCK_BULLET ? "•" : block->marker,
                                    block->text));
          continue;

        case CG_ARTICLE_BLOCK_HEADING:
          label = new_text_label (block->text, GTK_ACCESSIBLE_ROLE_HEADING);
          gtk_widget_add_css_class (label, "heading");
          gtk_widget_set_margin_top (label, 6);
          break;

        case CG_ARTICLE_BLOCK_PARAGRAPH:
        default:
          label = new_text_label (block->text, GTK_ACCESSIBLE_ROLE_LABEL);
          break;
        }
      list = NULL;
      gtk_box_append (self->body_box, label);
    }
}

gboolean
cg_article_view_load (CgArticleView *self,
                      CgStore       *store,
                      const char    *article_id,
                      GError       **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *when = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *meta = NULL;
  const char *category;

  g_return_val_if_fail (CG_IS_ARTICLE_VIEW (self), FALSE);
  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (article_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  doc = cg_store_get (store, article_id, FALSE, error);
  if (doc == NULL)
    {
      cg_article_view_clear (self);
      return FALSE;
    }
  if (g_strcmp0 (cg_json_get_string (doc, "type"), "article") != 0)
    {
      cg_article_view_clear (self);
      g_set_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND,
                   _("This is not a knowledge article"));
      return FALSE;
    }

  g_free (self->article_id);
  self->article_id = g_strdup (article_id);

  gtk_label_set_text (self->title_label, cg_json_get_string (doc, "title") ?: "");
  category = cg_format_article_category (cg_json_get_string (doc, "category"));
  when = cg_format_time (cg_json_get_string (doc, "updated_at"), NULL);
  if (when != NULL)
    /* Translators: %s is a date such as "Mar 4 2025, 10:00". */
    updated = g_strdup_printf (_("Updated %s"), when);
  if (*category != '\0' && updated != NULL)
    meta = g_strdup_printf ("%s · %s", category, updated);
  else
    meta = g_strdup (updated != NULL ? updated : category);
  gtk_label_set_text (self->meta_label, meta);
  gtk_widget_set_visible (GTK_WIDGET (self->meta_label), *meta != '\0');

  show_body (self, cg_json_get_string (doc, "body"));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (self->title_label),
                                  -1);
  return TRUE;
}

void
cg_article_view_clear (CgArticleView *self)
{
  g_return_if_fail (CG_IS_ARTICLE_VIEW (self));

  g_clear_pointer (&self->article_id, g_free);
  gtk_label_set_text (self->title_label, "");
  gtk_label_set_text (self->meta_label, "");
  clear_body (self);
}

const char *
cg_article_view_get_article_id (CgArticleView *self)
{
  g_return_val_if_fail (CG_IS_ARTICLE_VIEW (self), NULL);
  return self->article_id;
}

const char *
cg_article_view_get_title (CgArticleView *self)
{
  g_return_val_if_fail (CG_IS_ARTICLE_VIEW (self), NULL);
  return gtk_label_get_text (self->title_label);
}

static void
cg_article_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CG_TYPE_ARTICLE_VIEW);
  G_OBJECT_CLASS (cg_article_view_parent_class)->dispose (object);
}

static void
cg_article_view_finalize (GObject *object)
{
  CgArticleView *self = CG_ARTICLE_VIEW (object);

  g_free (self->article_id);
  G_OBJECT_CLASS (cg_article_view_parent_class)->finalize (object);
}

static void
cg_article_view_class_init (CgArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_article_view_dispose;
  object_class->finalize = cg_article_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CgArticleView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CgArticleView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CgArticleView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CgArticleView, body_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cg-article-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DOCUMENT);
}

static void
cg_article_view_init (CgArticleView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cg_article_view_new (void)
{
  return g_object_new (CG_TYPE_ARTICLE_VIEW, NULL);
}
