/* cg-case-row.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-case-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-case-format.h"
#include "cg-case-row.h"

struct _CgCaseRow
{
  GtkWidget      parent_instance;

  CgCaseSummary *summary;
  GtkWidget     *box;
  GtkLabel      *subject;
  GtkLabel      *details;
  GtkLabel      *priority;
  GtkLabel      *badge;
  const char    *badge_class;
  const char    *priority_class;
};

G_DEFINE_FINAL_TYPE (CgCaseRow, cg_case_row, GTK_TYPE_WIDGET)

static void
cg_case_row_dispose (GObject *object)
{
  CgCaseRow *self = CG_CASE_ROW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->summary);
  G_OBJECT_CLASS (cg_case_row_parent_class)->dispose (object);
}

static void
cg_case_row_class_init (CgCaseRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cg_case_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cg-case-row");
}

static GtkLabel *
new_label (const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return GTK_LABEL (label);
}

static void
cg_case_row_init (CgCaseRow *self)
{
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (self->box, 8);
  gtk_widget_set_margin_bottom (self->box, 8);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->subject = new_label ("heading");
  self->details = new_label ("dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->details), "caption");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->subject));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->details));
  gtk_box_append (GTK_BOX (self->box), text);

  self->priority = new_label ("caption-heading");
  gtk_label_set_ellipsize (self->priority, PANGO_ELLIPSIZE_NONE);
  gtk_widget_set_valign (GTK_WIDGET (self->priority), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->priority), 64, -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->priority));

  self->badge = new_label ("numeric");
  gtk_label_set_ellipsize (self->badge, PANGO_ELLIPSIZE_NONE);
  gtk_label_set_xalign (self->badge, 1.0);
  gtk_widget_set_valign (GTK_WIDGET (self->badge), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->badge), 150, -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->badge));
}

GtkWidget *
cg_case_row_new (void)
{
  return g_object_new (CG_TYPE_CASE_ROW, NULL);
}

static void
swap_class (GtkWidget   *widget,
            const char **current,
            const char  *next)
{
  if (*current != NULL)
    gtk_widget_remove_css_class (widget, *current);
  *current = next;
  if (next != NULL)
    gtk_widget_add_css_class (widget, next);
}

void
cg_case_row_set_summary (CgCaseRow     *self,
                         CgCaseSummary *summary,
                         gint64         now)
{
  g_autofree char *details = NULL;
  g_autofree char *badge = NULL;
  g_autofree char *badge_tip = NULL;
  const char *badge_class = NULL, *priority;
  const char *customer;
  CgSlaTarget target;

  g_return_if_fail (CG_IS_CASE_ROW (self));

  g_set_object (&self->summary, summary);
  if (summary == NULL)
    {
      gtk_label_set_text (self->subject, "");
      gtk_label_set_text (self->details, "");
      gtk_label_set_text (self->priority, "");
      gtk_label_set_text (self->badge, "");
      return;
    }

  customer = cg_case_summary_get_customer_name (summary);
  details = g_strjoin (" · ", cg_case_summary_get_number (summary),
                       customer != NULL ? customer : _("No customer"),
                       cg_category_get_label (cg_case_summary_get_category (summary)),
                       NULL);
  gtk_label_set_text (self->subject, cg_case_summary_get_subject (summary));
  gtk_label_set_text (self->details, details);

  priority = cg_case_summary_get_priority (summary);
  gtk_label_set_text (self->priority, cg_case_format_priority (priority));
  swap_class (GTK_WIDGET (self->priority), &self->priority_class,
              g_strcmp0 (priority, "urgent") == 0 ? "error" :
              g_strcmp0 (priority, "high") == 0 ? "warning" : "dim-label");

  target = cg_case_summary_get_badge_target (summary);
  badge = cg_case_format_sla_badge (cg_case_summary_get_sla (summary, target), now, &badge_class);
  gtk_label_set_text (self->badge, badge);
  swap_class (GTK_WIDGET (self->badge), &self->badge_class, badge_class);
  /* Translators: "First response: Due in 12 min". */
  badge_tip = g_strdup_printf (_("%s: %s"), cg_case_format_sla_target (target), badge);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->badge), badge_tip);
}

CgCaseSummary *
cg_case_row_get_summary (CgCaseRow *self)
{
  g_return_val_if_fail (CG_IS_CASE_ROW (self), NULL);
  return self->summary;
}

const char *
cg_case_row_get_badge_text (CgCaseRow *self)
{
  g_return_val_if_fail (CG_IS_CASE_ROW (self), NULL);
  return gtk_label_get_text (self->badge);
}

const char *
cg_case_row_get_subject_text (CgCaseRow *self)
{
  g_return_val_if_fail (CG_IS_CASE_ROW (self), NULL);
  return gtk_label_get_text (self->subject);
}
