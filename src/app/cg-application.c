/* cg-application.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window per store file. `changgu` opens the user's store, `changgu
 * --db PATH` another one; a second invocation while the app runs is handled
 * by the first instance (GApplication command-line forwarding).
 */
#define G_LOG_DOMAIN "cg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "changgu-core.h"
#include "cg-application.h"
#include "cg-now-serving-window.h"
#include "cg-window.h"
#include "kiosk/cg-kiosk-window.h"

struct _CgApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (CgApplication, cg_application, ADW_TYPE_APPLICATION)

char *
cg_application_default_store_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "changgu", "store.db", NULL);
}

/* A provisioned store syncs from the moment its window opens. */
static void
start_sync (CgWindow *window,
            CgStore  *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgRemote) remote = cg_provisioning_open_remote (store, &error);
  g_autoptr(CgSyncManager) manager = NULL;
  g_autofree char *device_id = NULL;

  if (remote == NULL)
    {
      cg_window_set_sync_manager (window, NULL, error->message);
      return;
    }
  device_id = cg_device_get_id (store);
  manager = cg_sync_manager_new (store, remote, device_id);
  cg_window_set_sync_manager (window, manager, NULL);
}

/* `changgu --provision FILE`: makes the store the device the file
 * describes, before its window opens. */
static gboolean
provision_store (const char  *path,
                 const char  *file,
                 GError     **error)
{
  g_autoptr(CgProvisioning) provisioning = cg_provisioning_load (file, error);
  g_autoptr(CgStore) store = NULL;

  if (provisioning == NULL)
    return FALSE;
  store = cg_store_open (path, error);
  if (store == NULL)
    return FALSE;
  return cg_provisioning_apply (provisioning, store, error);
}

GtkWindow *
cg_application_open_store (CgApplication *self,
                           const char    *path)
{
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CgWindow *window;

  g_return_val_if_fail (CG_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (CG_IS_WINDOW (l->data) &&
        g_strcmp0 (cg_window_get_store_path (l->data), path) == 0 &&
        cg_window_get_store (l->data) != NULL)
      {
        gtk_window_present (l->data);
        return l->data;
      }

  store = cg_store_open (path, &error);
  if (store == NULL)
    g_message ("Cannot open the store %s: %s", path, error->message);
  window = cg_window_new (GTK_APPLICATION (self), store, path, error ? error->message : NULL);
  if (store != NULL && cg_provisioning_is_set (store))
    start_sync (window, store);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

/* The second screen above the counter: ticket numbers only, no sign-in
 * (it shows nothing personal: tickets and counter numbers). */
static int
open_now_serving (CgApplication           *self,
                  const char              *path,
                  GApplicationCommandLine *command_line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = cg_store_open (path, &error);
  GtkWidget *window;

  if (store == NULL)
    {
      g_application_command_line_printerr (command_line, "changgu: %s\n", error->message);
      return EXIT_FAILURE;
    }
  window = cg_now_serving_window_new (GTK_APPLICATION (self), store);
  gtk_window_present (GTK_WINDOW (window));
  return EXIT_SUCCESS;
}

/* The kiosk owns the process: no application accelerator (Ctrl+Q,
 * Ctrl+W, the shortcuts window) may act behind the customer's back. The
 * "quit" action stays for the exit PIN. */
static void
lock_down_accels (GtkApplication *application)
{
  static const char * const none[] = { NULL };
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (application);

  for (guint i = 0; actions[i] != NULL; i++)
    gtk_application_set_accels_for_action (application, actions[i], none);
}

static CgKioskWindow *
find_kiosk_window (CgApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (CG_IS_KIOSK_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Whether the store at @path belongs to a device provisioned as a kiosk. */
static gboolean
store_is_kiosk (const char *path)
{
  g_autoptr(CgStore) store = NULL;
  g_autofree char *role = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  store = cg_store_open (path, NULL);
  if (store == NULL)
    return FALSE;
  role = cg_device_get_role (store);
  return g_strcmp0 (role, "kiosk") == 0;
}

/* `changgu --kiosk`, or a device whose role is kiosk: the self-service
 * window, fullscreen and locked, instead of the staff workspace. */
static int
open_kiosk (CgApplication           *self,
            const char              *path,
            GApplicationCommandLine *command_line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = cg_store_open (path, &error);
  GtkWidget *window;

  if (store == NULL)
    {
      g_application_command_line_printerr (command_line, "changgu: %s\n", error->message);
      return EXIT_FAILURE;
    }
  lock_down_accels (GTK_APPLICATION (self));
  cg_config_apply (store);
  window = cg_kiosk_window_new (GTK_APPLICATION (self), store);
  if (cg_provisioning_is_set (store))
    {
      g_autoptr(CgRemote) remote = cg_provisioning_open_remote (store, &error);

      if (remote != NULL)
        {
          g_autofree char *device_id = cg_device_get_id (store);
          g_autoptr(CgSyncManager) manager = cg_sync_manager_new (store, remote, device_id);

          cg_kiosk_window_set_sync_manager (CG_KIOSK_WINDOW (window), manager);
        }
      else
        g_message ("The kiosk cannot sync: %s", error->message);
    }
  gtk_window_present (GTK_WINDOW (window));
  return EXIT_SUCCESS;
}

static int
cg_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *db = NULL;
  g_autofree char *path = NULL;
  g_autofree char *provision = NULL;
  gboolean now_serving = FALSE;
  gboolean kiosk = FALSE;
  CgKioskWindow *kiosk_window;

  /* A running kiosk stays the only window, whatever is asked of it. */
  kiosk_window = find_kiosk_window (CG_APPLICATION (application));
  if (kiosk_window != NULL)
    {
      gtk_window_present (GTK_WINDOW (kiosk_window));
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "db", "^ay", &db) && db != NULL && *db != '\0')
    {
      /* Relative to where the command was run, which may be another
       * process than this one. */
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, db);
      path = g_file_get_path (file);
    }
  else
    path = cg_application_default_store_path ();

  if (g_variant_dict_lookup (options, "provision", "^ay", &provision) && provision != NULL && *provision != '\0')
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, provision);
      g_autofree char *file_path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!provision_store (path, file_path, &error))
        {
          g_application_command_line_printerr (command_line, "changgu: %s\n", error->message);
          return EXIT_FAILURE;
        }
      g_application_command_line_print (command_line,
                                        _("This device is now provisioned; the first sync starts.\n"));
    }

  g_variant_dict_lookup (options, "now-serving", "b", &now_serving);
  if (now_serving)
    return open_now_serving (CG_APPLICATION (application), path, command_line);

  g_variant_dict_lookup (options, "kiosk", "b", &kiosk);
  if (kiosk || store_is_kiosk (path))
    return open_kiosk (CG_APPLICATION (application), path, command_line);

  cg_application_open_store (CG_APPLICATION (application), path);
  return EXIT_SUCCESS;
}

static void
cg_application_activate (GApplication *application)
{
  g_autofree char *path = cg_application_default_store_path ();
  CgKioskWindow *kiosk = find_kiosk_window (CG_APPLICATION (application));

  /* D-Bus activation must not open the workspace over a running kiosk. */
  if (kiosk != NULL)
    {
      gtk_window_present (GTK_WINDOW (kiosk));
      return;
    }
  cg_application_open_store (CG_APPLICATION (application), path);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;
  GtkWindow *parent = gtk_application_get_active_window (application);
  const char *developers[] = { "The Changgu authors", NULL };
  GtkIconTheme *theme;
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Changgu"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Customer service at the counter, online or offline"),
                        "developers", developers,
                        "copyright", "© 2026 The Changgu authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your name, to be credited in the About window. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  /* Run from the build tree, the icon is not installed yet: no icon rather
   * than a broken one. */
  theme = gtk_icon_theme_get_for_display (parent ? gtk_widget_get_display (GTK_WIDGET (parent))
                                                 : gdk_display_get_default ());
  if (gtk_icon_theme_has_icon (theme, APPLICATION_ID))
    adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APPLICATION_ID);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
cg_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (cg_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close", close_accels);
  /* Ctrl+K and Ctrl+F are the window's own bindings (cg-window.c). */
}

static void
cg_application_class_init (CgApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = cg_application_startup;
  app_class->activate = cg_application_activate;
  app_class->command_line = cg_application_command_line;
}

static void
cg_application_init (CgApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the customer store in FILE instead of your own"), N_("FILE") },
    { "now-serving", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the \u201cnow serving\u201d numbers for a second screen instead of the workspace"), NULL },
    { "kiosk", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start the self-service kiosk (fullscreen, locked; leaving needs the exit PIN) instead of the workspace"), NULL },
    { "provision", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Make this device the one described by the provisioning FILE from your regional admin, then sync"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Changgu — customer service at the counter."));
}

CgApplication *
cg_application_new (void)
{
  return g_object_new (CG_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       /* Also for the .Devel profile, whose id differs. */
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
