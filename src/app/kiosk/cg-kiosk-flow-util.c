/* cg-kiosk-flow-util.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every step scrolls: in landscape (1080 px high) a keypad and a question
 * together may not fit, and a clipped button is worse than a scroll bar.
 * The column is clamped so that lines stay readable on a 1920 px screen.
 */
#define G_LOG_DOMAIN "cg-kiosk-flow"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "changgu-core.h"
#include "cg-article-markup.h"

#include "cg-kiosk-flow-util.h"

GtkWidget *
cg_kiosk_step_new (const char         *title,
                   CgKioskStepHeader **header,
                   GtkBox            **content)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *head = cg_kiosk_step_header_new (title);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 32);

  gtk_widget_add_css_class (page, "kiosk-step");
  gtk_box_append (GTK_BOX (page), head);

  gtk_widget_add_css_class (column, "kiosk-step-content");
  gtk_widget_set_valign (column, GTK_ALIGN_START);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1100);
  g_object_set_data (G_OBJECT (page), "cg-kiosk-clamp", clamp);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), column);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (page), scrolled);

  if (header != NULL)
    *header = CG_KIOSK_STEP_HEADER (head);
  if (content != NULL)
    *content = GTK_BOX (column);
  return page;
}

void
cg_kiosk_step_set_max_width (GtkWidget *step,
                             int        max_width)
{
  AdwClamp *clamp = g_object_get_data (G_OBJECT (step), "cg-kiosk-clamp");

  g_return_if_fail (ADW_IS_CLAMP (clamp));
  adw_clamp_set_maximum_size (clamp, max_width);
}

GtkWidget *
cg_kiosk_keypad_layout_new (GtkWidget *column,
                            GtkWidget *keypad)
{
  GtkWidget *box = gtk_flow_box_new ();

  /* Side by side when both fit (landscape), the keypad under the entry
   * otherwise (portrait): a flow box decides by the width it gets. */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (box), FALSE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (box), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 48);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 32);
  gtk_widget_set_valign (column, GTK_ALIGN_START);
  gtk_widget_set_valign (keypad, GTK_ALIGN_START);
  gtk_flow_box_append (GTK_FLOW_BOX (box), column);
  gtk_flow_box_append (GTK_FLOW_BOX (box), keypad);
  gtk_widget_set_focusable (gtk_widget_get_parent (column), FALSE);
  gtk_widget_set_focusable (gtk_widget_get_parent (keypad), FALSE);
  gtk_widget_add_css_class (box, "kiosk-keypad-layout");
  return box;
}

/* ------------------------------------------------------------ history */

void
cg_kiosk_steps_init (CgKioskSteps *steps,
                     GtkStack     *stack)
{
  steps->stack = stack;
  steps->history = g_ptr_array_new_with_free_func (g_free);
}

void
cg_kiosk_steps_clear (CgKioskSteps *steps)
{
  g_clear_pointer (&steps->history, g_ptr_array_unref);
  steps->stack = NULL;
}

void
cg_kiosk_steps_go (CgKioskSteps *steps,
                   const char   *name)
{
  const char *current = gtk_stack_get_visible_child_name (steps->stack);

  if (current != NULL && !g_str_equal (current, name))
    g_ptr_array_add (steps->history, g_strdup (current));
  gtk_stack_set_visible_child_name (steps->stack, name);
}

void
cg_kiosk_steps_finish (CgKioskSteps *steps,
                       const char   *name)
{
  g_ptr_array_set_size (steps->history, 0);
  gtk_stack_set_visible_child_name (steps->stack, name);
}

gboolean
cg_kiosk_steps_back (CgKioskSteps *steps)
{
  g_autofree char *previous = NULL;

  if (steps->history->len == 0)
    return FALSE;
  previous = g_ptr_array_steal_index (steps->history, steps->history->len - 1);
  gtk_stack_set_visible_child_name (steps->stack, previous);
  return TRUE;
}

const char *
cg_kiosk_steps_current (CgKioskSteps *steps)
{
  return gtk_stack_get_visible_child_name (steps->stack);
}

/* ------------------------------------------------------------ widgets */

GtkWidget *
cg_kiosk_choice_button_new (const char *label,
                            const char *description,
                            const char *icon_name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (label);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "kiosk-choice-title");
  gtk_box_append (GTK_BOX (texts), title);
  if (description != NULL && *description != '\0')
    {
      GtkWidget *words = gtk_label_new (description);

      gtk_label_set_wrap (GTK_LABEL (words), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (words), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (words), 0);
      gtk_label_set_lines (GTK_LABEL (words), 3);
      gtk_label_set_ellipsize (GTK_LABEL (words), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (words, "kiosk-choice-description");
      gtk_box_append (GTK_BOX (texts), words);
    }
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (texts, TRUE);
  if (icon_name != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

      gtk_image_set_pixel_size (GTK_IMAGE (image), 48);
      gtk_box_append (GTK_BOX (box), image);
    }
  gtk_box_append (GTK_BOX (box), texts);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "kiosk-button");
  gtk_widget_add_css_class (button, "kiosk-choice");
  gtk_widget_set_tooltip_text (button, label);
  g_object_set_data_full (G_OBJECT (button), "cg-kiosk-text", g_strdup (label), g_free);
  return button;
}

GtkWidget *
cg_kiosk_action_button_new (const char *label,
                            gboolean    suggested)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *text = gtk_label_new (label);

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  /* Without it a wrapping label asks for a narrow, two-line shape. */
  gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_button_set_child (GTK_BUTTON (button), text);
  gtk_widget_add_css_class (button, "kiosk-button");
  gtk_widget_add_css_class (button, "kiosk-action");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_tooltip_text (button, label);
  g_object_set_data_full (G_OBJECT (button), "cg-kiosk-text", g_strdup (label), g_free);
  return button;
}

GtkWidget *
cg_kiosk_label_new (const char *text,
                    const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

GtkWidget *
cg_kiosk_entry_new (const char *accessible_label)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_add_css_class (entry, "kiosk-entry");
  gtk_widget_set_tooltip_text (entry, accessible_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return entry;
}

const char *
cg_kiosk_button_get_text (GtkWidget *button)
{
  const char *text = g_object_get_data (G_OBJECT (button), "cg-kiosk-text");

  if (text == NULL && GTK_IS_BUTTON (button))
    text = gtk_button_get_label (GTK_BUTTON (button));
  return text;
}

GtkWidget *
cg_kiosk_button_grid_new (guint max_per_line)
{
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (box), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (box), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), max_per_line);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 20);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 20);
  gtk_widget_add_css_class (box, "kiosk-button-grid");
  return box;
}

void
cg_kiosk_button_grid_append (GtkWidget *grid,
                             GtkWidget *button)
{
  gtk_flow_box_append (GTK_FLOW_BOX (grid), button);
  /* The flow box's own child would take the focus and show a second
   * focus ring around the button: only the button is focusable. */
  gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
}

/* ------------------------------------------------------------ articles */

void
cg_kiosk_box_clear (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
body_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

gboolean
cg_kiosk_show_article (GtkBox     *box,
                       CgStore    *store,
                       const char *article_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) article = cg_store_get (store, article_id, FALSE, &error);
  g_autoptr(GPtrArray) blocks = NULL;

  cg_kiosk_box_clear (box);
  if (article == NULL)
    {
      g_message ("Cannot show article %s: %s", article_id, error->message);
      gtk_box_append (box, cg_kiosk_label_new (_("Sorry, this answer cannot be shown right now. "
                                                  "Please ask at the counter."), "kiosk-message"));
      return FALSE;
    }

  gtk_box_append (box, body_label (cg_json_get_string (article, "title"), "kiosk-article-title"));
  blocks = cg_article_markup_parse (cg_json_get_string (article, "body"));
  for (guint i = 0; i < blocks->len; i++)
    {
      const CgArticleBlock *block = g_ptr_array_index (blocks, i);

      switch (block->kind)
        {
        case CG_ARTICLE_BLOCK_HEADING:
          gtk_box_append (box, body_label (block->text, "kiosk-article-heading"));
          break;
        case CG_ARTICLE_BLOCK_BULLET:
        case CG_ARTICLE_BLOCK_NUMBERED:
          {
            GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
            GtkWidget *marker = gtk_label_new (block->kind == CG_ARTICLE_BLOCK_BULLET ? "•" : block->marker);

            gtk_widget_add_css_class (marker, "kiosk-article-body");
            gtk_widget_set_valign (marker, GTK_ALIGN_START);
            gtk_box_append (GTK_BOX (row), marker);
            gtk_box_append (GTK_BOX (row), body_label (block->text, "kiosk-article-body"));
            gtk_widget_set_margin_start (row, 24);
            gtk_box_append (box, row);
          }
          break;
        case CG_ARTICLE_BLOCK_PARAGRAPH:
        default:
          gtk_box_append (box, body_label (block->text, "kiosk-article-body"));
          break;
        }
    }
  return TRUE;
}
