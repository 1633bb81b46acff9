/* cg-ui-test-util.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the UI tests: running the main loop until something holds, and
 * screenshots of real windows.
 */
#include "config.h"

#include "cg-ui-test-util.h"

/* ------------------------------------------------------------- main loop */


static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @predicate holds; fails the test after
 * @timeout_ms rather than hanging. */
void
iterate_until (Predicate  predicate,
               gpointer   data,
               guint      timeout_ms,
               const char *what)
{
  gboolean timed_out = FALSE;
  /* Under the sanitizers everything runs several times slower
   * (build-aux/dev asan sets CHANGGU_TEST_SLOWDOWN): the same wait, as
   * many times longer. */
  const char *slowdown = g_getenv ("CHANGGU_TEST_SLOWDOWN");
  guint source = g_timeout_add (timeout_ms * (slowdown ? MAX (1, (guint) g_ascii_strtoull (slowdown, NULL, 10)) : 1),
                                set_flag, &timed_out);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  if (timed_out)
    g_test_message ("timed out waiting for: %s", what);
  g_assert_false (timed_out);
}

static void
on_after_paint (GdkFrameClock *clock,
                guint         *frames)
{
  (*frames)++;
}

static gboolean
frames_at_least_one (gpointer data)
{
  return *(guint *) data >= 1;
}

/* Painted frames, each asked for: layout and drawing have caught up with
 * the state. (A static page paints only when asked.) */
void
wait_for_frames (GtkWidget *window)
{
  GdkFrameClock *clock;
  gulong id;
  guint frames;

  iterate_until ((Predicate) gtk_widget_get_mapped, window, 10000, "window mapped");
  clock = gtk_widget_get_frame_clock (window);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &frames);
  /* Three: style changes made in one frame (a row that stopped being
   * the last one) are only drawn in a later one. */
  for (guint i = 0; i < 3; i++)
    {
      frames = 0;
      gtk_widget_queue_draw (window);
      iterate_until (frames_at_least_one, &frames, 10000, "a painted frame");
    }
  g_signal_handler_disconnect (clock, id);
}

/* ------------------------------------------------------------ screenshots */

void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  const char *build_root = g_getenv ("CHANGGU_BUILD_ROOT");
  g_autofree char *dir = g_build_filename (build_root ? build_root : ".", "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  wait_for_frames (window);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  {
    /* @name may hold a folder ("tour-ko/01-sign-in"). */
    g_autofree char *folder = g_path_get_dirname (path);
    g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  }
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}


GtkWidget *
find_descendant (GtkWidget  *root,
                 GType       type,
                 const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ------------------------------------------------------------- set-up */

gboolean
is_showing (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidget *parent = gtk_widget_get_parent (w);

      if (!gtk_widget_get_visible (w))
        return FALSE;
      if (parent != NULL && GTK_IS_STACK (parent) &&
          gtk_stack_get_visible_child (GTK_STACK (parent)) != w)
        return FALSE;
    }
  return TRUE;
}

static void
skip_without_display (void)
{
  g_test_skip ("no display: run the UI tests under xvfb-run (build-aux/dev test)");
}

gboolean
ui_test_open_display (const char *no_display_path)
{
  if (!gtk_init_check ())
    {
      g_test_add_func (no_display_path, skip_without_display);
      return FALSE;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  return TRUE;
}

CgApplication *
ui_test_application_new (void)
{
  g_autoptr(GError) error = NULL;
  CgApplication *application = cg_application_new ();

  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  return application;
}
