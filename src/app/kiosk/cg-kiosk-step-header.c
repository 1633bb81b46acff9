/* cg-kiosk-step-header.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Back and Start over are the same size, so the title stays centred on the
 * screen whatever the language makes of their words; a hidden Back keeps
 * its place (opacity 0, not focusable) for the same reason.
 */
#define G_LOG_DOMAIN "cg-kiosk-step-header"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-kiosk-step-header.h"

struct _CgKioskStepHeader
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  GtkWidget    *back_button;
  GtkWidget    *home_button;
  GtkLabel     *title_label;
  GtkSizeGroup *size_group;
};

G_DEFINE_FINAL_TYPE (CgKioskStepHeader, cg_kiosk_step_header, GTK_TYPE_WIDGET)

enum { SIGNAL_BACK, SIGNAL_HOME, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_back_clicked (GtkButton         *button,
                 CgKioskStepHeader *self)
{
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

static void
on_home_clicked (GtkButton         *button,
                 CgKioskStepHeader *self)
{
  g_signal_emit (self, signals[SIGNAL_HOME], 0);
}

static GtkWidget *
header_button (const char *icon_name,
               const char *label,
               const char *name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *text = gtk_label_new (label);

  gtk_image_set_pixel_size (GTK_IMAGE (image), 32);
  /* Two short words at most, in any language: one line. */
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_name (button, name);
  gtk_widget_set_tooltip_text (button, label);
  gtk_widget_add_css_class (button, "kiosk-button");
  gtk_widget_add_css_class (button, "kiosk-header-button");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
cg_kiosk_step_header_dispose (GObject *object)
{
  CgKioskStepHeader *self = CG_KIOSK_STEP_HEADER (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->size_group);
  G_OBJECT_CLASS (cg_kiosk_step_header_parent_class)->dispose (object);
}

static void
cg_kiosk_step_header_class_init (CgKioskStepHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_kiosk_step_header_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cg-kiosk-step-header");

  signals[SIGNAL_BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_HOME] = g_signal_new ("home", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cg_kiosk_step_header_init (CgKioskStepHeader *self)
{
  self->box = gtk_center_box_new ();
  gtk_widget_add_css_class (self->box, "kiosk-step-header");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* Translators: the kiosk's button that goes back one step. */
  self->back_button = header_button ("go-previous-symbolic", C_("kiosk", "Back"), "kiosk-back");
  /* Translators: the kiosk's button that leaves the current task and
   * returns to the main menu. */
  self->home_button = header_button ("go-home-symbolic", C_("kiosk", "Start Over"), "kiosk-home");
  g_signal_connect (self->back_button, "clicked", G_CALLBACK (on_back_clicked), self);
  g_signal_connect (self->home_button, "clicked", G_CALLBACK (on_home_clicked), self);

  self->size_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  gtk_size_group_add_widget (self->size_group, self->back_button);
  gtk_size_group_add_widget (self->size_group, self->home_button);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_justify (self->title_label, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "kiosk-step-title");
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title_label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);

  gtk_center_box_set_start_widget (GTK_CENTER_BOX (self->box), self->back_button);
  gtk_center_box_set_center_widget (GTK_CENTER_BOX (self->box), GTK_WIDGET (self->title_label));
  gtk_center_box_set_end_widget (GTK_CENTER_BOX (self->box), self->home_button);
}

GtkWidget *
cg_kiosk_step_header_new (const char *title)
{
  CgKioskStepHeader *self = g_object_new (CG_TYPE_KIOSK_STEP_HEADER, NULL);

  cg_kiosk_step_header_set_title (self, title);
  return GTK_WIDGET (self);
}

void
cg_kiosk_step_header_set_title (CgKioskStepHeader *self,
                                const char        *title)
{
  g_return_if_fail (CG_IS_KIOSK_STEP_HEADER (self));
  gtk_label_set_label (self->title_label, title ? title : "");
}

const char *
cg_kiosk_step_header_get_title (CgKioskStepHeader *self)
{
  g_return_val_if_fail (CG_IS_KIOSK_STEP_HEADER (self), NULL);
  return gtk_label_get_label (self->title_label);
}

void
cg_kiosk_step_header_set_back_visible (CgKioskStepHeader *self,
                                       gboolean           visible)
{
  g_return_if_fail (CG_IS_KIOSK_STEP_HEADER (self));
  gtk_widget_set_opacity (self->back_button, visible ? 1.0 : 0.0);
  gtk_widget_set_sensitive (self->back_button, visible);
  gtk_widget_set_can_target (self->back_button, visible);
  gtk_widget_set_focusable (self->back_button, visible);
}

GtkWidget *
cg_kiosk_step_header_get_back_button (CgKioskStepHeader *self)
{
  g_return_val_if_fail (CG_IS_KIOSK_STEP_HEADER (self), NULL);
  return self->back_button;
}

GtkWidget *
cg_kiosk_step_header_get_home_button (CgKioskStepHeader *self)
{
  g_return_val_if_fail (CG_IS_KIOSK_STEP_HEADER (self), NULL);
  return self->home_button;
}
