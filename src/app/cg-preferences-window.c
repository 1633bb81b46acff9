/* cg-preferences-window.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The device page binds its controls straight to GSettings, so a change
 * is saved as it is made (GNOME HIG: no Apply button). Without the
 * schema (an uninstalled build without GSETTINGS_SCHEMA_DIR) the controls
 * stay visible but insensitive, with a row saying why.
 *
 * The managed page is rebuilt from cg_config_dup_effective() whenever a
 * config document changes and when the window is shown: the words come
 * from cg-config-format.c, the source of each leaf from
 * cg_config_get_source().
 */
#define G_LOG_DOMAIN "cg-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-config-format.h"
#include "cg-preferences-window.h"
#include "cg-settings.h"
#include "cg-store-watch.h"

struct _CgPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  CgStoreWatch watch;
  GSettings   *settings;      /* transfer none: cg_settings_get() */
  GPtrArray   *groups;        /* AdwPreferencesGroup *, the managed page's rows */
  GPtrArray   *connectors;    /* char *, parallel to the display row's model; "" = primary */
  gboolean     filling_displays;
  GListModel  *monitors;

  /* template */
  AdwPreferencesPage  *device_page;
  AdwPreferencesGroup *unavailable_group;
  AdwPreferencesGroup *kiosk_group;
  AdwPreferencesGroup *now_serving_group;
  GtkSwitch           *large_text_switch;
  GtkSwitch           *high_contrast_switch;
  GtkSwitch           *fullscreen_switch;
  AdwComboRow         *display_row;
  AdwPreferencesPage  *managed_page;
  AdwPreferencesGroup *rejection_group;
  AdwActionRow        *rejection_row;
  AdwPreferencesGroup *intro_group;
  AdwPreferencesGroup *empty_group;
};

G_DEFINE_FINAL_TYPE (CgPreferencesWindow, cg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const config_types[] = { "config", NULL };

/* ---------------------------------------------------------- managed page */

static GtkWidget *
managed_row (CgPreferencesWindow *self,
             const CgConfigLeaf  *leaf)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new (leaf->value);
  g_autofree char *scope = NULL;
  g_autofree char *source = NULL;
  gint64 version = 0;

  if (!cg_config_get_source (self->watch.store, leaf->path, &scope, &version))
    g_clear_pointer (&scope, g_free);
  source = cg_config_format_source (scope, version);

  /* Titles and values come from admins' documents: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), leaf->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), source);
  /* The dotted path is what an admin writes in settings.json and sees in
   * `changgu-admin config show`. */
  gtk_widget_set_tooltip_text (row, leaf->path);
  gtk_widget_set_name (row, leaf->path);

  /* A wrapping label asks for almost no width, and the row's title
   * expands: without a minimum, "1 minute" would break into syllables.
   * Short values stay on one line; long lists wrap at about 24 chars. */
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (value), MIN ((int) g_utf8_strlen (leaf->value, -1) + 2, 24));
  gtk_label_set_max_width_chars (GTK_LABEL (value), 32);
  gtk_label_set_justify (GTK_LABEL (value), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (value), 1.0);
  gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
  gtk_widget_set_name (value, "value");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  return row;
}

static void
show_rejection (CgPreferencesWindow *self,
                CgStore             *store)
{
  g_autoptr(JsonObject) rejection = store ? cg_config_dup_rejection (store) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->rejection_group), rejection != NULL);
  if (rejection == NULL)
    return;
  cg_config_format_rejection (rejection, &title, &subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rejection_row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rejection_row), subtitle);
}

void
cg_preferences_window_reload (CgPreferencesWindow *self)
{
  CgStore *store;
  g_autoptr(JsonObject) effective = NULL;
  g_autoptr(GPtrArray) leaves = NULL;
  AdwPreferencesGroup *group = NULL;
  const char *group_id = NULL;

  g_return_if_fail (CG_IS_PREFERENCES_WINDOW (self));

  store = self->watch.store;
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->managed_page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  show_rejection (self, store);
  effective = store ? cg_config_dup_effective (store) : json_object_new ();
  leaves = cg_config_format_leaves (effective);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_group), leaves->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->intro_group), leaves->len > 0);

  for (guint i = 0; i < leaves->len; i++)
    {
      CgConfigLeaf *leaf = g_ptr_array_index (leaves, i);

      if (group == NULL || g_strcmp0 (group_id, leaf->group) != 0)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          group_id = leaf->group;
          adw_preferences_group_set_title (group, cg_config_format_group (leaf->group));
          adw_preferences_page_add (self->managed_page, group);
          g_ptr_array_add (self->groups, group);
        }
      adw_preferences_group_add (group, managed_row (self, leaf));
    }
}

static void
on_config_changed (gpointer user_data)
{
  cg_preferences_window_reload (CG_PREFERENCES_WINDOW (user_data));
}

/* ------------------------------------------------------------ device page */

static char *
monitor_label (GdkMonitor *monitor)
{
  const char *connector = gdk_monitor_get_connector (monitor);
  const char *maker = gdk_monitor_get_manufacturer (monitor);
  const char *model = gdk_monitor_get_model (monitor);
  g_autofree char *product = NULL;

  if (maker != NULL && model != NULL)
    product = g_strdup_printf ("%s %s", maker, model);
  else if (model != NULL)
    product = g_strdup (model);
  if (product != NULL)
    /* Translators: a monitor, "HDMI-1 (Dell U2419H)" */
    return g_strdup_printf (C_("monitor", "%s (%s)"), connector, product);
  return g_strdup (connector);
}

static guint
connector_index (CgPreferencesWindow *self,
                 const char          *connector)
{
  for (guint i = 0; i < self->connectors->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->connectors, i), connector) == 0)
      return i;
  return 0;
}

/* The choices: the primary monitor, each connected monitor by its
 * connector, and the saved one when it is not connected now (so that
 * opening Preferences with the kiosk's monitor unplugged does not lose
 * the choice). */
static void
fill_displays (CgPreferencesWindow *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *saved = self->settings
    ? g_settings_get_string (self->settings, "kiosk-display") : g_strdup ("");

  self->filling_displays = TRUE;
  g_ptr_array_set_size (self->connectors, 0);
  g_ptr_array_add (self->connectors, g_strdup (""));
  gtk_string_list_append (model, _("Primary monitor"));

  for (guint i = 0; self->monitors && i < g_list_model_get_n_items (self->monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (self->monitors, i);
      const char *connector = gdk_monitor_get_connector (monitor);
      g_autofree char *label = NULL;

      /* Only a monitor with a name can be chosen again after a restart. */
      if (connector == NULL || *connector == '\0')
        continue;
      label = monitor_label (monitor);
      g_ptr_array_add (self->connectors, g_strdup (connector));
      gtk_string_list_append (model, label);
    }
  if (*saved != '\0' && connector_index (self, saved) == 0)
    {
      /* Translators: a monitor chosen earlier that is unplugged now, "HDMI-2 (not connected)" */
      g_autofree char *label = g_strdup_printf (_("%s (not connected)"), saved);

      g_ptr_array_add (self->connectors, g_strdup (saved));
      gtk_string_list_append (model, label);
    }

  adw_combo_row_set_model (self->display_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->display_row, connector_index (self, saved));
  self->filling_displays = FALSE;
}

static gboolean
display_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  CgPreferencesWindow *self = user_data;

  g_value_set_uint (value, connector_index (self, g_variant_get_string (variant, NULL)));
  return TRUE;
}

static GVariant *
display_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  CgPreferencesWindow *self = user_data;
  guint index = g_value_get_uint (value);

  /* Replacing the model moves the selection: not a choice to save.
   * NULL leaves the setting as it is. */
  if (self->filling_displays || index >= self->connectors->len)
    return NULL;
  return g_variant_new_string (g_ptr_array_index (self->connectors, index));
}

static void
on_monitors_changed (CgPreferencesWindow *self)
{
  fill_displays (self);
}

static void
bind_settings (CgPreferencesWindow *self)
{
  gboolean available = self->settings != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->unavailable_group), !available);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kiosk_group), available);
  gtk_widget_set_sensitive (GTK_WIDGET (self->now_serving_group), available);

  self->monitors = g_object_ref (gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self))));
  g_signal_connect_object (self->monitors, "items-changed",
                           G_CALLBACK (on_monitors_changed), self, G_CONNECT_SWAPPED);
  fill_displays (self);

  if (!available)
    return;
  g_settings_bind (self->settings, "kiosk-large-text",
                   self->large_text_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "kiosk-high-contrast",
                   self->high_contrast_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "now-serving-fullscreen",
                   self->fullscreen_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "kiosk-display",
                                self->display_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                display_get_mapping, display_set_mapping, self, NULL);
}

/* ----------------------------------------------------------------- object */

static void
cg_preferences_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cg_preferences_window_parent_class)->map (widget);
  /* cg_config_refresh() changes what is in force without a document
   * change; showing the window is when it must be current. */
  cg_preferences_window_reload (CG_PREFERENCES_WINDOW (widget));
}

static void
cg_preferences_window_dispose (GObject *object)
{
  CgPreferencesWindow *self = CG_PREFERENCES_WINDOW (object);

  cg_store_watch_clear (&self->watch);
  if (self->settings != NULL)
    {
      g_settings_unbind (self->large_text_switch, "active");
      g_settings_unbind (self->high_contrast_switch, "active");
      g_settings_unbind (self->fullscreen_switch, "active");
      g_settings_unbind (self->display_row, "selected");
      self->settings = NULL;
    }
  if (self->monitors != NULL)
    g_signal_handlers_disconnect_by_data (self->monitors, self);
  g_clear_object (&self->monitors);
  G_OBJECT_CLASS (cg_preferences_window_parent_class)->dispose (object);
}

static void
cg_preferences_window_finalize (GObject *object)
{
  CgPreferencesWindow *self = CG_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->connectors, g_ptr_array_unref);
  G_OBJECT_CLASS (cg_preferences_window_parent_class)->finalize (object);
}

static void
cg_preferences_window_class_init (CgPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_preferences_window_dispose;
  object_class->finalize = cg_preferences_window_finalize;
  widget_class->map = cg_preferences_window_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, device_page);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, unavailable_group);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, kiosk_group);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, now_serving_group);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, large_text_switch);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, high_contrast_switch);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, fullscreen_switch);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, display_row);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, managed_page);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, rejection_group);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, rejection_row);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, intro_group);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, empty_group);
}

static void
cg_preferences_window_init (CgPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_ptr_array_new ();
  self->connectors = g_ptr_array_new_with_free_func (g_free);
  cg_store_watch_init (&self->watch, config_types, on_config_changed, self);
  self->settings = cg_settings_get ();
  bind_settings (self);
}

GtkWidget *
cg_preferences_window_new (GtkWindow *parent,
                           CgStore   *store)
{
  CgPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (store == NULL || CG_IS_STORE (store), NULL);

  self = g_object_new (CG_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  cg_store_watch_set_store (&self->watch, store);
  cg_preferences_window_reload (self);
  return GTK_WIDGET (self);
}
