/* cg-customer-row.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One search result: avatar, name, phone and e-mail. List views recycle
 * rows, so everything shown is set again in set_summary().
 */
#define G_LOG_DOMAIN "cg-customer-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cg-customer-row.h"

struct _CgCustomerRow
{
  GtkWidget          parent_instance;

  CgCustomerSummary *summary;

  AdwAvatar         *avatar;
  GtkLabel          *name_label;
  GtkLabel          *phone_label;
  GtkLabel          *email_label;
};

enum {
  PROP_0,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (CgCustomerRow, cg_customer_row, GTK_TYPE_WIDGET)

static void
set_optional_label (GtkLabel   *label,
                    const char *text)
{
  gboolean has_text = text != NULL && *text != '\0';

  gtk_label_set_text (label, has_text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), has_text);
}

static void
cg_customer_row_dispose (GObject *object)
{
  CgCustomerRow *self = CG_CUSTOMER_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_CUSTOMER_ROW);
  /* GTK 4.8 unparents only the bound template children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->summary);
  G_OBJECT_CLASS (cg_customer_row_parent_class)->dispose (object);
}

static void
cg_customer_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CgCustomerRow *self = CG_CUSTOMER_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_object (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_customer_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CgCustomerRow *self = CG_CUSTOMER_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      cg_customer_row_set_summary (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_customer_row_class_init (CgCustomerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_customer_row_dispose;
  object_class->get_property = cg_customer_row_get_property;
  object_class->set_property = cg_customer_row_set_property;

  props[PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL, CG_TYPE_CUSTOMER_SUMMARY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-customer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CgCustomerRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerRow, phone_label);
  gtk_widget_class_bind_template_child (widget_class, CgCustomerRow, email_label);
  gtk_widget_class_set_css_name (widget_class, "cg-customer-row");
}

static void
cg_customer_row_init (CgCustomerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cg_customer_row_new (void)
{
  return g_object_new (CG_TYPE_CUSTOMER_ROW, NULL);
}

CgCustomerSummary *
cg_customer_row_get_summary (CgCustomerRow *self)
{
  g_return_val_if_fail (CG_IS_CUSTOMER_ROW (self), NULL);
  return self->summary;
}

const char *
cg_customer_row_get_name_text (CgCustomerRow *self)
{
  g_return_val_if_fail (CG_IS_CUSTOMER_ROW (self), NULL);
  return gtk_label_get_text (self->name_label);
}

void
cg_customer_row_set_summary (CgCustomerRow     *self,
                             CgCustomerSummary *summary)
{
  const char *name = NULL;
  const char *phone = NULL;
  const char *email = NULL;
  g_autofree char *accessible = NULL;

  g_return_if_fail (CG_IS_CUSTOMER_ROW (self));
  g_return_if_fail (summary == NULL || CG_IS_CUSTOMER_SUMMARY (summary));

  if (!g_set_object (&self->summary, summary))
    return;

  if (summary != NULL)
    {
      name = cg_customer_summary_get_name (summary);
      phone = cg_customer_summary_get_phone (summary);
      email = cg_customer_summary_get_email (summary);
    }
  /* A row that vanished after the search (deleted, merged) until the
   * refresh that follows. */
  if (summary != NULL && name == NULL)
    name = _("Customer no longer available");

  gtk_label_set_text (self->name_label, name ? name : "");
  adw_avatar_set_text (self->avatar, name);
  set_optional_label (self->phone_label, phone);
  set_optional_label (self->email_label, email);

  /* Read out as one: "김민준, 010-1234-5678, minjun.kim@example.com". */
  {
    const char *parts[4] = { NULL };
    guint n = 0;

    if (name != NULL && *name != '\0')
      parts[n++] = name;
    if (phone != NULL && *phone != '\0')
      parts[n++] = phone;
    if (email != NULL && *email != '\0')
      parts[n++] = email;
    accessible = g_strjoinv (", ", (char **) parts);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SUMMARY]);
}
