/* test-kiosk-flows.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk's five customer flows end to end on a demo store (offline, as
 * a kiosk is by default), under Xvfb, in the language of the environment
 * (LANGUAGE=ko for Korean): buttons are clicked and numbers typed with the
 * keypad's own keys, as a customer would; each step is asserted to show
 * what it should, Back to return to the step before (and to end the flow
 * from the first step), and the store to hold what the flow wrote. Every
 * step is saved at kiosk size, portrait 1080×1920 and landscape
 * 1920×1080, as $CHANGGU_BUILD_ROOT/screenshots/kiosk-<lang>-<orientation>/.
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "changgu-core.h"
#include "cg-demo.h"
#include "cg-kiosk.h"
#include "cg-pickup.h"
#include "cg-application.h"
#include "kiosk/cg-kiosk-faq-flow.h"
#include "kiosk/cg-kiosk-feedback-flow.h"
#include "kiosk/cg-kiosk-flow-util.h"
#include "kiosk/cg-kiosk-keypad.h"
#include "kiosk/cg-kiosk-language.h"
#include "kiosk/cg-kiosk-pickup-flow.h"
#include "kiosk/cg-kiosk-problem-flow.h"
#include "kiosk/cg-kiosk-step-header.h"
#include "kiosk/cg-kiosk-ticket-flow.h"
#include "cg-ui-test-util.h"

#define READY_ORDER   "W24900001"
#define READY_LAST4   "5678"

static CgApplication *application;
static const char *lang;

typedef struct {
  char      *dir;
  CgStore   *store;
  GtkWidget *window;
  GtkWidget *flow;
  guint      done;
  gboolean   portrait;
} Fixture;

/* ------------------------------------------------------------ set-up */

static void
put (CgStore    *store,
     JsonObject *doc)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = cg_store_put (store, doc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rev);
}

static void
put_json (CgStore    *store,
          const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_json_from_string (json, &error);

  g_assert_no_error (error);
  put (store, doc);
}

/* A pickup document as the counter would have replicated it, in @status. */
static void
put_pickup (CgStore    *store,
            const char *number,
            const char *status,
            const char *last4)
{
  g_autofree char *salt = cg_pickup_new_salt ();
  g_autoptr(JsonObject) doc = cg_pickup_build ("0421", number, status,
                                               "2026-11-20T10:00:00Z", salt, last4);
  put (store, doc);
}

/* The kiosk's stylesheets as the kiosk window loads them: kiosk.css, then
 * the others under kiosk/ (a provider added later takes precedence at the
 * same priority). */
static void
load_kiosk_css (void)
{
  static gboolean loaded;
  const char *dir = RESOURCE_PREFIX "/kiosk/";
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();

  if (loaded)
    return;
  loaded = TRUE;
  names = g_resources_enumerate_children (dir, 0, NULL);
  g_assert_nonnull (names);
  g_ptr_array_add (sheets, "kiosk.css");
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".css") && !g_str_equal (names[i], "kiosk.css"))
      g_ptr_array_add (sheets, names[i]);
  for (guint i = 0; i < sheets->len; i++)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
      g_autofree char *path = g_strconcat (dir, g_ptr_array_index (sheets, i), NULL);

      gtk_css_provider_load_from_resource (provider, path);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  CgDemoOptions options = { .customers = 20, .seed = 6, .articles = TRUE };

  f->portrait = g_str_equal (data, "portrait");
  f->dir = g_dir_make_tmp ("changgu-kiosk-flows-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "store.db", NULL);
  f->store = cg_store_open (path, &error);
  g_assert_no_error (error);
  /* A kiosk (prefix K1); the demo keeps an identity that is set. */
  g_assert_true (cg_device_set_identity (f->store, "0421", "K1", "kiosk", &error));
  g_assert_true (cg_demo_generate (f->store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* An order made ready at the counter: its pickup document is what the
   * kiosk verifies against. */
  put_json (f->store,
            "{\"_id\":\"customer:kiosk-test\",\"type\":\"customer\",\"name\":\"김서연\","
            "\"phones\":[\"+821098765678\"],\"language\":\"ko\","
            "\"created_at\":\"2026-01-01T09:00:00Z\",\"updated_at\":\"2026-01-01T09:00:00Z\"}");
  put_json (f->store,
            "{\"_id\":\"order:0421:" READY_ORDER "\",\"type\":\"order\",\"number\":\"" READY_ORDER "\","
            "\"store_id\":\"0421\",\"customer_id\":\"customer:kiosk-test\",\"channel\":\"online\","
            "\"items\":[{\"sku\":\"S1\",\"name\":\"Wool scarf\",\"qty\":1,\"unit_price\":19000}],"
            "\"total\":19000,\"currency\":\"KRW\",\"status\":\"placed\","
            "\"created_at\":\"2026-11-20T09:00:00Z\"}");
  g_assert_true (cg_order_mark_ready (f->store, "order:0421:" READY_ORDER, "staff:0421-01", &code, &error));
  g_assert_no_error (error);
  /* Other states, as replicated pickup documents. */
  put_pickup (f->store, "W24900002", "placed", "1111");
  put_pickup (f->store, "W24900003", "picked_up", "2222");
  put_pickup (f->store, "W24900004", "cancelled", "3333");

  load_kiosk_css ();
  f->window = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (f->window), GTK_APPLICATION (application));
  gtk_widget_add_css_class (f->window, "kiosk");
  gtk_window_set_decorated (GTK_WINDOW (f->window), FALSE);
  if (f->portrait)
    gtk_window_set_default_size (GTK_WINDOW (f->window), 1080, 1920);
  else
    gtk_window_set_default_size (GTK_WINDOW (f->window), 1920, 1080);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  g_free (f->dir);
}

static void
on_done (GtkWidget *flow,
         Fixture   *f)
{
  f->done++;
}

static void
show (Fixture   *f,
      GtkWidget *flow)
{
  f->flow = flow;
  f->done = 0;
  g_signal_connect (flow, "done", G_CALLBACK (on_done), f);
  /* Kiosk size even on a smaller test screen, which would otherwise
   * limit the window's default size. */
  gtk_widget_set_size_request (flow, f->portrait ? 1080 : 1920, f->portrait ? 1920 : 1080);
  gtk_window_set_child (GTK_WINDOW (f->window), flow);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_frames (f->window);
}

/* ------------------------------------------------------------ looking */

static GtkWidget *
showing_named (GtkWidget  *root,
               const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0 && is_showing (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = showing_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
need (Fixture    *f,
      const char *name)
{
  GtkWidget *widget = showing_named (f->flow, name);

  if (widget == NULL)
    g_error ("no widget named %s showing", name);
  return widget;
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && is_showing (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static void
assert_shows (Fixture    *f,
              const char *text)
{
  if (!shows_text (f->flow, text))
    g_error ("the flow does not show “%s”", text);
}

static const char *
step (Fixture *f)
{
  GtkWidget *stack = adw_bin_get_child (ADW_BIN (f->flow));

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static const char *
label_text (Fixture    *f,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (need (f, name)));
}

static const char *
entry_text (Fixture    *f,
            const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (need (f, name)));
}

static void
click (Fixture    *f,
       const char *name)
{
  GtkWidget *button = need (f, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* The big Back button of the step showing. */
static void
back (Fixture *f)
{
  click (f, "kiosk-back");
}

/* Presses @keys on the keypad of the step showing (each step with numbers
 * has its own). */
static void
type_keys (Fixture    *f,
           const char *keys)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();
  GtkWidget *keypad = NULL;

  g_ptr_array_add (todo, f->flow);
  while (todo->len > 0 && keypad == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (todo, todo->len - 1);

      if (CG_IS_KIOSK_KEYPAD (w) && is_showing (w))
        keypad = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (todo, c);
    }
  g_assert_nonnull (keypad);
  cg_kiosk_keypad_press (CG_KIOSK_KEYPAD (keypad), keys);
}

/* Every button a customer can see is a touch target of at least 72 px
 * (kiosk.css; UX.md asks for 48). Measured after layout. */
static void
check_touch_targets (GtkWidget *root)
{
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return;
  if (GTK_IS_BUTTON (root) && gtk_widget_get_opacity (root) > 0 && gtk_widget_is_sensitive (root))
    {
      if (gtk_widget_get_width (root) < 72 || gtk_widget_get_height (root) < 72)
        g_error ("button %s (%s) is %d × %d px", gtk_widget_get_name (root),
                 cg_kiosk_button_get_text (root), gtk_widget_get_width (root), gtk_widget_get_height (root));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    check_touch_targets (child);
}

static void
snap (Fixture    *f,
      const char *name)
{
  g_autofree char *path = g_strdup_printf ("kiosk-%s-%s/%s", lang,
                                           f->portrait ? "portrait" : "landscape", name);

  save_screenshot (f->window, path);
  check_touch_targets (f->flow);
}

/* The newest document of @type written after @since. (transfer full) */
typedef struct {
  CgStore    *store;
  const char *type;
  JsonObject *found;
} Written;

static gboolean
find_written (const char *id,
              const char *rev,
              gint64      seq,
              gpointer    user_data)
{
  Written *w = user_data;
  g_autoptr(JsonObject) doc = cg_store_get (w->store, id, FALSE, NULL);

  if (doc != NULL && g_strcmp0 (cg_json_get_string (doc, "type"), w->type) == 0)
    {
      g_clear_pointer (&w->found, json_object_unref);
      w->found = g_steal_pointer (&doc);
    }
  return TRUE;
}

static JsonObject *
written_since (CgStore    *store,
               gint64      since,
               const char *type)
{
  Written w = { store, type, NULL };

  cg_store_foreach_change (store, since, 0, find_written, &w);
  return w.found;
}

static guint
count_written (CgStore    *store,
               gint64      since,
               const char *type)
{
  g_autoptr(JsonObject) doc = written_since (store, since, type);

  return doc != NULL;
}

/* ------------------------------------------------------------ widgets */

static void
test_keypad (void)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *keypad = cg_kiosk_keypad_new ();

  g_object_ref_sink (entry);
  g_object_ref_sink (keypad);
  cg_kiosk_keypad_attach (CG_KIOSK_KEYPAD (keypad), GTK_EDITABLE (entry));
  cg_kiosk_keypad_set_max_length (CG_KIOSK_KEYPAD (keypad), 4);

  /* Digits type at the end; Delete removes the last; Clear all. */
  g_signal_emit_by_name (cg_kiosk_keypad_get_key (CG_KIOSK_KEYPAD (keypad), "1"), "clicked");
  g_signal_emit_by_name (cg_kiosk_keypad_get_key (CG_KIOSK_KEYPAD (keypad), "2"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "12");
  g_signal_emit_by_name (cg_kiosk_keypad_get_key (CG_KIOSK_KEYPAD (keypad), "delete"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "1");
  /* At most 4. */
  cg_kiosk_keypad_press (CG_KIOSK_KEYPAD (keypad), "23456");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "1234");
  g_signal_emit_by_name (cg_kiosk_keypad_get_key (CG_KIOSK_KEYPAD (keypad), "clear"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  /* Delete on nothing stays nothing. */
  g_signal_emit_by_name (cg_kiosk_keypad_get_key (CG_KIOSK_KEYPAD (keypad), "delete"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* Letters only when asked for. */
  g_assert_false (gtk_widget_get_visible (cg_kiosk_keypad_get_key (CG_KIOSK_KEYPAD (keypad), "letters")));
  cg_kiosk_keypad_set_letters (CG_KIOSK_KEYPAD (keypad), TRUE);
  g_assert_true (gtk_widget_get_visible (cg_kiosk_keypad_get_key (CG_KIOSK_KEYPAD (keypad), "letters")));
  cg_kiosk_keypad_press (CG_KIOSK_KEYPAD (keypad), "w2");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "W2");

  /* Masked: the entry shows dots (the exit PIN). */
  cg_kiosk_keypad_set_masked (CG_KIOSK_KEYPAD (keypad), TRUE);
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (entry)));

  /* Every key is a touch target of at least 72 px once styled (the
   * kiosk CSS); unstyled, they are buttons with words or a tooltip. */
  for (const char *k = "0123456789"; *k; k++)
    {
      char key[2] = { *k, 0 };
      g_assert_nonnull (cg_kiosk_keypad_get_key (CG_KIOSK_KEYPAD (keypad), key));
    }

  /* Detached with the entry gone: pressing does nothing. */
  g_object_unref (entry);
  g_signal_emit_by_name (cg_kiosk_keypad_get_key (CG_KIOSK_KEYPAD (keypad), "1"), "clicked");
  g_assert_null (cg_kiosk_keypad_get_editable (CG_KIOSK_KEYPAD (keypad)));
  g_object_unref (keypad);
}

static void
on_signal_count (GtkWidget *widget,
                 guint     *count)
{
  (*count)++;
}

static void
test_step_header (void)
{
  GtkWidget *header = cg_kiosk_step_header_new ("Title");
  guint backs = 0, homes = 0;

  g_object_ref_sink (header);
  g_signal_connect (header, "back", G_CALLBACK (on_signal_count), &backs);
  g_signal_connect (header, "home", G_CALLBACK (on_signal_count), &homes);
  g_assert_cmpstr (cg_kiosk_step_header_get_title (CG_KIOSK_STEP_HEADER (header)), ==, "Title");
  g_signal_emit_by_name (cg_kiosk_step_header_get_back_button (CG_KIOSK_STEP_HEADER (header)), "clicked");
  g_signal_emit_by_name (cg_kiosk_step_header_get_home_button (CG_KIOSK_STEP_HEADER (header)), "clicked");
  g_assert_cmpuint (backs, ==, 1);
  g_assert_cmpuint (homes, ==, 1);
  cg_kiosk_step_header_set_back_visible (CG_KIOSK_STEP_HEADER (header), FALSE);
  g_assert_false (gtk_widget_get_sensitive (cg_kiosk_step_header_get_back_button (CG_KIOSK_STEP_HEADER (header))));
  g_object_unref (header);
}

/* The flows speak the visit's language: in Korean, Korean words (from
 * the built catalogue once po/ko.po has the kiosk's strings). */
static void
test_language (void)
{
  GtkWidget *header = cg_kiosk_step_header_new ("");
  GtkWidget *home;

  g_object_ref_sink (header);
  home = cg_kiosk_step_header_get_home_button (CG_KIOSK_STEP_HEADER (header));
  if (g_str_equal (lang, "en"))
    g_assert_cmpstr (gtk_widget_get_tooltip_text (home), ==, "Start Over");
  else if (g_str_equal (gtk_widget_get_tooltip_text (home), "Start Over"))
    g_test_incomplete ("the Korean catalogue has no kiosk flow strings yet");
  else
    {
      g_assert_cmpstr (gtk_widget_get_tooltip_text (home), ==, "처음으로");
      g_assert_cmpstr (C_("ticket reason", "Help"), ==, "상담");
      g_assert_cmpstr (_("Take a Ticket"), ==, "번호표 받기");
    }
  g_object_unref (header);
}

/* ------------------------------------------------------------ ticket */

static void
test_ticket (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "ticket.pdf", NULL);
  g_autoptr(JsonObject) checkin = NULL;
  gint64 since;
  const char *ticket;

  show (f, cg_kiosk_ticket_flow_new (f->store));
  g_assert_cmpstr (step (f), ==, "reason");
  assert_shows (f, _("What can we help you with today?"));
  assert_shows (f, C_("ticket reason", "Pick Up an Order"));
  snap (f, "10-ticket-reason");

  /* Back on the first step leaves the flow. */
  back (f);
  g_assert_cmpuint (f->done, ==, 1);
  /* Start over too. */
  click (f, "kiosk-home");
  g_assert_cmpuint (f->done, ==, 2);

  since = cg_store_get_last_seq (f->store);
  click (f, "reason-return");
  g_assert_cmpstr (step (f), ==, "ticket");
  ticket = cg_kiosk_ticket_flow_get_ticket (CG_KIOSK_TICKET_FLOW (f->flow));
  g_assert_nonnull (ticket);
  g_assert_true (g_str_has_prefix (ticket, "K1-"));
  g_assert_cmpstr (label_text (f, "ticket-number"), ==, ticket);
  assert_shows (f, _("Please wait, we will call your number."));
  checkin = written_since (f->store, since, "checkin");
  g_assert_nonnull (checkin);
  g_assert_cmpstr (cg_json_get_string (checkin, "ticket"), ==, ticket);
  g_assert_cmpstr (cg_json_get_string (checkin, "reason"), ==, "return");
  g_assert_cmpstr (cg_json_get_string (checkin, "status"), ==, "waiting");
  g_assert_cmpstr (cg_json_get_string (checkin, "channel"), ==, "kiosk");
  /* An end screen: nothing to go back to (it would take a second ticket). */
  g_assert_false (gtk_widget_get_sensitive (need (f, "kiosk-back")));
  snap (f, "11-ticket-number");

  /* A printer that fails: a gentle word, the number stays. */
  cg_kiosk_ticket_flow_set_print_export (CG_KIOSK_TICKET_FLOW (f->flow), "/nonexistent/folder/ticket.pdf");
  click (f, "ticket-print");
  assert_shows (f, _("Sorry, the printer is not working right now. "
                     "Please remember your number or take a photo of the screen."));
  g_assert_cmpstr (label_text (f, "ticket-number"), ==, ticket);
  snap (f, "12-ticket-print-failed");

  /* Printing (to a PDF here). */
  cg_kiosk_ticket_flow_set_print_export (CG_KIOSK_TICKET_FLOW (f->flow), pdf);
  click (f, "ticket-print");
  assert_shows (f, _("Your ticket is printing. Please take it."));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_false (gtk_widget_get_sensitive (need (f, "ticket-print")));
  snap (f, "13-ticket-printed");

  click (f, "ticket-finish");
  g_assert_cmpuint (f->done, ==, 3);
}

/* ------------------------------------------------------------ pickup */

static void
enter_order (Fixture    *f,
             const char *number,
             const char *last4)
{
  g_assert_cmpstr (step (f), ==, "number");
  click (f, "key-clear");
  type_keys (f, number);
  g_assert_cmpstr (entry_text (f, "pickup-number"), ==, number);
  click (f, "pickup-number-next");
  g_assert_cmpstr (step (f), ==, "digits");
  click (f, "key-clear");
  type_keys (f, last4);
  click (f, "pickup-digits-next");
  g_assert_cmpstr (step (f), ==, "status");
}

static void
test_pickup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) checkin = NULL;
  g_autoptr(JsonObject) order = NULL;
  gint64 since;
  const char *ticket;

  show (f, cg_kiosk_pickup_flow_new (f->store));
  g_assert_cmpstr (step (f), ==, "number");
  assert_shows (f, _("Enter your order number"));
  /* Nothing typed, nothing to go on with. */
  g_assert_false (gtk_widget_get_sensitive (need (f, "pickup-number-next")));
  snap (f, "20-pickup-number");
  back (f);
  g_assert_cmpuint (f->done, ==, 1);

  /* The order number, letters and all, with the keypad. */
  type_keys (f, READY_ORDER);
  g_assert_cmpstr (entry_text (f, "pickup-number"), ==, READY_ORDER);
  snap (f, "21-pickup-number-typed");
  /* The letters page, and back to digits. */
  click (f, "key-letters");
  need (f, "key-W");
  snap (f, "21-pickup-letters");
  click (f, "key-digits");
  need (f, "key-7");
  click (f, "pickup-number-next");
  g_assert_cmpstr (step (f), ==, "digits");
  assert_shows (f, _("Enter the last 4 digits of your phone number"));
  /* Back keeps what was typed. */
  back (f);
  g_assert_cmpstr (step (f), ==, "number");
  g_assert_cmpstr (entry_text (f, "pickup-number"), ==, READY_ORDER);
  click (f, "pickup-number-next");
  type_keys (f, "123");
  g_assert_false (gtk_widget_get_sensitive (need (f, "pickup-digits-next")));
  click (f, "key-delete");
  click (f, "key-delete");
  click (f, "key-delete");
  snap (f, "22-pickup-digits");

  /* Wrong digits: the same words as for an unknown order. */
  type_keys (f, "0000");
  click (f, "pickup-digits-next");
  g_assert_cmpstr (step (f), ==, "status");
  assert_shows (f, _("We could not find an order with that number and phone digits. "
                     "Please check the numbers or ask at the counter."));
  g_assert_false (is_showing (need (f, "pickup-status-finish")) && showing_named (f->flow, "pickup-check-in"));
  snap (f, "23-pickup-not-found");
  back (f);
  g_assert_cmpstr (step (f), ==, "digits");

  /* The right digits: ready, check in. */
  click (f, "key-clear");
  type_keys (f, READY_LAST4);
  click (f, "pickup-digits-next");
  assert_shows (f, _("Your Order Is Ready"));
  /* Nothing about the order but its status: no name, no items. */
  g_assert_false (shows_text (f->flow, "김서연"));
  g_assert_false (shows_text (f->flow, "Wool scarf"));
  snap (f, "24-pickup-ready");
  since = cg_store_get_last_seq (f->store);
  click (f, "pickup-check-in");
  g_assert_cmpstr (step (f), ==, "ticket");
  ticket = label_text (f, "pickup-ticket");
  g_assert_true (g_str_has_prefix (ticket, "K1-"));
  checkin = written_since (f->store, since, "checkin");
  g_assert_nonnull (checkin);
  g_assert_cmpstr (cg_json_get_string (checkin, "ticket"), ==, ticket);
  g_assert_cmpstr (cg_json_get_string (checkin, "reason"), ==, "pickup");
  g_assert_cmpstr (cg_json_get_string (checkin, "order_number"), ==, READY_ORDER);
  /* The kiosk checks in; it does not hand over. */
  order = cg_store_get (f->store, "order:0421:" READY_ORDER, FALSE, NULL);
  g_assert_cmpstr (cg_json_get_string (order, "status"), ==, "ready_for_pickup");
  g_assert_false (gtk_widget_get_sensitive (need (f, "kiosk-back")));
  snap (f, "25-pickup-checked-in");
  click (f, "pickup-finish");
  g_assert_cmpuint (f->done, ==, 2);
}

static void
test_pickup_states (Fixture       *f,
                    gconstpointer  data)
{
  static const struct {
    const char *number, *last4, *words, *shot;
  } cases[] = {
    { "W24900002", "1111", N_("Your Order Is Not Ready Yet"), "26-pickup-not-ready" },
    { "W24900003", "2222", N_("This Order Has Already Been Picked Up"), "27-pickup-collected" },
    { "W24900004", "3333", N_("This Order Was Cancelled or Returned"), "28-pickup-cancelled" },
  };
  gint64 since;

  show (f, cg_kiosk_pickup_flow_new (f->store));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      since = cg_store_get_last_seq (f->store);
      enter_order (f, cases[i].number, cases[i].last4);
      assert_shows (f, _(cases[i].words));
      g_assert_null (showing_named (f->flow, "pickup-check-in"));
      snap (f, cases[i].shot);
      /* A status is no check-in. */
      g_assert_cmpuint (count_written (f->store, since, "checkin"), ==, 0);
      back (f);
      back (f);
    }

  /* Guessing digits: after 5 wrong ones the kiosk asks to wait. */
  for (guint i = 0; i < 5; i++)
    {
      char digits[5];

      g_snprintf (digits, sizeof digits, "%04u", 9000 + i);
      enter_order (f, READY_ORDER, digits);
      assert_shows (f, C_("kiosk", "Order Not Found"));
      back (f);
      back (f);
    }
  enter_order (f, READY_ORDER, READY_LAST4);
  assert_shows (f, _("Please Wait a Moment"));
  /* The first lock is a minute (cg-kiosk.h). */
  {
    g_autofree char *message =
      g_strdup_printf (g_dngettext (NULL,
                                    "Too many attempts. Please try again in %u minute or ask at the counter.",
                                    "Too many attempts. Please try again in %u minutes or ask at the counter.",
                                    1), 1u);
    assert_shows (f, message);
  }
  g_assert_null (showing_named (f->flow, "pickup-check-in"));
  snap (f, "29-pickup-too-many");
  click (f, "pickup-status-finish");
  g_assert_cmpuint (f->done, ==, 1);
}

/* ------------------------------------------------------------ faq */

static gboolean
results_showing (gpointer data)
{
  Fixture *f = data;
  GtkWidget *results = showing_named (f->flow, "faq-results");

  return results != NULL && gtk_widget_get_first_child (results) != NULL;
}

static gboolean
empty_showing (gpointer data)
{
  return showing_named (((Fixture *) data)->flow, "faq-empty") != NULL;
}

static gboolean
topics_showing (gpointer data)
{
  return showing_named (((Fixture *) data)->flow, "topic-returns") != NULL;
}

static void
test_faq (Fixture       *f,
          gconstpointer  data)
{
  GtkWidget *list, *first;
  g_autofree char *title = NULL;
  const char *query = g_str_equal (lang, "ko") ? "환불" : "refund";

  show (f, cg_kiosk_faq_flow_new (f->store));
  g_assert_cmpstr (step (f), ==, "browse");
  assert_shows (f, _("What would you like to know?"));
  /* Topics of the articles in this language. */
  need (f, "topic-returns");
  need (f, "topic-pickup");
  snap (f, "30-faq-topics");
  back (f);
  g_assert_cmpuint (f->done, ==, 1);

  /* A topic → its articles → one article → back, back. */
  click (f, "topic-pickup");
  g_assert_cmpstr (step (f), ==, "list");
  list = need (f, "faq-list");
  first = gtk_widget_get_first_child (list);
  g_assert_nonnull (first);
  title = g_strdup (cg_kiosk_button_get_text (first));
  snap (f, "31-faq-list");
  g_signal_emit_by_name (first, "clicked");
  g_assert_cmpstr (step (f), ==, "article");
  assert_shows (f, title);
  /* The body, in the visit's language. */
  g_assert_nonnull (gtk_widget_get_first_child (need (f, "faq-article")));
  if (g_str_equal (lang, "ko"))
    assert_shows (f, "픽업");
  snap (f, "32-faq-article");
  back (f);
  g_assert_cmpstr (step (f), ==, "list");
  back (f);
  g_assert_cmpstr (step (f), ==, "browse");

  /* Search (a physical keyboard): results replace the topics. */
  gtk_editable_set_text (GTK_EDITABLE (need (f, "faq-search")), query);
  iterate_until (results_showing, f, 5000, "search results");
  g_assert_null (showing_named (f->flow, "topic-returns"));
  snap (f, "33-faq-search");
  g_signal_emit_by_name (gtk_widget_get_first_child (need (f, "faq-results")), "clicked");
  g_assert_cmpstr (step (f), ==, "article");
  back (f);
  g_assert_cmpstr (step (f), ==, "browse");

  /* Nothing found: say so, kindly. */
  gtk_editable_set_text (GTK_EDITABLE (need (f, "faq-search")), "xqzzyv");
  iterate_until (empty_showing, f, 5000, "no results");
  assert_shows (f, "xqzzyv");
  snap (f, "34-faq-nothing-found");
  /* Emptied: the topics again. */
  gtk_editable_set_text (GTK_EDITABLE (need (f, "faq-search")), "");
  iterate_until (topics_showing, f, 5000, "the topics");

  /* Finish from an article ends the visit's flow. */
  click (f, "topic-returns");
  g_signal_emit_by_name (gtk_widget_get_first_child (need (f, "faq-list")), "clicked");
  click (f, "faq-finish");
  g_assert_cmpuint (f->done, ==, 2);
}

/* ------------------------------------------------------------ problem */

static void
test_problem (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonObject) feedback = NULL;
  JsonObject *self_service;
  gint64 since;

  show (f, cg_kiosk_problem_flow_new (f->store));
  g_assert_cmpstr (step (f), ==, "category");
  assert_shows (f, _("What is it about?"));
  need (f, "category-refund");
  snap (f, "40-problem-category");
  back (f);
  g_assert_cmpuint (f->done, ==, 1);

  /* A category, a quick phrase. */
  click (f, "category-refund");
  g_assert_cmpstr (step (f), ==, "describe");
  g_assert_false (gtk_widget_get_sensitive (need (f, "problem-describe-next")));
  click (f, "phrase-0");
  g_assert_cmpstr (entry_text (f, "problem-description"), ==, _("I have not received my refund"));
  snap (f, "41-problem-describe");
  back (f);
  g_assert_cmpstr (step (f), ==, "category");
  click (f, "category-refund");
  click (f, "phrase-0");
  /* In the visit's language, whatever the catalogue has: the answers are
   * matched against the articles in that language. */
  gtk_editable_set_text (GTK_EDITABLE (need (f, "problem-description")),
                         g_str_equal (lang, "ko") ? "환불을 아직 받지 못했어요" : "I have not received my refund");

  /* Answers first. */
  click (f, "problem-describe-next");
  g_assert_cmpstr (step (f), ==, "suggest");
  assert_shows (f, _("These answers might help you right away"));
  need (f, "suggestion-0");
  g_assert_null (showing_named (f->flow, "suggestion-3"));
  snap (f, "42-problem-suggestions");
  click (f, "suggestion-0");
  g_assert_cmpstr (step (f), ==, "answer");
  assert_shows (f, _("Did this solve your problem?"));
  snap (f, "43-problem-answer");
  back (f);
  g_assert_cmpstr (step (f), ==, "suggest");
  back (f);
  g_assert_cmpstr (step (f), ==, "describe");
  click (f, "problem-describe-next");

  /* It helped: recorded, no case. */
  click (f, "suggestion-0");
  since = cg_store_get_last_seq (f->store);
  click (f, "problem-helped");
  g_assert_cmpstr (step (f), ==, "thanks");
  assert_shows (f, _("We are glad it helped!"));
  feedback = written_since (f->store, since, "feedback");
  g_assert_nonnull (feedback);
  self_service = cg_json_get_object (feedback, "self_service");
  g_assert_nonnull (self_service);
  g_assert_true (json_object_get_boolean_member (self_service, "helped"));
  g_assert_cmpstr (cg_json_get_string (self_service, "category"), ==, "refund");
  g_assert_nonnull (cg_json_get_string (self_service, "article_id"));
  g_assert_cmpuint (count_written (f->store, since, "case"), ==, 0);
  snap (f, "44-problem-helped");
  click (f, "problem-thanks-finish");
  g_assert_cmpuint (f->done, ==, 2);
}

static void
test_problem_report (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) kase = NULL;
  JsonObject *self_service;
  const char *typed = g_str_equal (lang, "ko") ? "환불 금액이 달라요" : "The refund was too small";
  gint64 since;

  show (f, cg_kiosk_problem_flow_new (f->store));
  click (f, "category-refund");
  /* Typed on a physical keyboard. */
  gtk_editable_set_text (GTK_EDITABLE (need (f, "problem-description")), typed);
  click (f, "problem-describe-next");
  g_assert_cmpstr (step (f), ==, "suggest");
  click (f, "problem-not-helped");
  g_assert_cmpstr (step (f), ==, "contact");
  assert_shows (f, _("May we contact you about it?"));
  snap (f, "45-problem-contact");
  back (f);
  g_assert_cmpstr (step (f), ==, "suggest");
  click (f, "problem-not-helped");

  /* A number that is no phone number: say so, send nothing. */
  since = cg_store_get_last_seq (f->store);
  type_keys (f, "12");
  click (f, "problem-send");
  g_assert_cmpstr (step (f), ==, "contact");
  assert_shows (f, _("Please check the phone number, or send without it."));
  g_assert_cmpuint (count_written (f->store, since, "case"), ==, 0);
  snap (f, "46-problem-contact-invalid");

  click (f, "key-clear");
  type_keys (f, "01098761234");
  g_assert_cmpstr (entry_text (f, "problem-phone"), ==, "01098761234");
  click (f, "problem-send");
  g_assert_cmpstr (step (f), ==, "reference");
  kase = written_since (f->store, since, "case");
  g_assert_nonnull (kase);
  g_assert_cmpstr (cg_json_get_string (kase, "channel"), ==, "kiosk");
  g_assert_cmpstr (cg_json_get_string (kase, "category"), ==, "refund");
  g_assert_cmpstr (cg_json_get_string (kase, "description"), ==, typed);
  g_assert_cmpstr (cg_json_get_string (kase, "language"), ==, lang);
  g_assert_cmpstr (cg_json_get_string (kase, "number"), ==,
                   cg_kiosk_problem_flow_get_number (CG_KIOSK_PROBLEM_FLOW (f->flow)));
  g_assert_cmpstr (label_text (f, "problem-number"), ==, cg_json_get_string (kase, "number"));
  g_assert_nonnull (strstr (cg_json_get_string (kase, "number"), "K1"));
  g_assert_nonnull (cg_json_get_object (kase, "contact"));
  g_assert_nonnull (cg_json_get_string (cg_json_get_object (kase, "contact"), "phone"));
  self_service = cg_json_get_object (kase, "self_service");
  g_assert_nonnull (self_service);
  g_assert_false (json_object_get_boolean_member (self_service, "helped"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (self_service, "offered")), >=, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (self_service, "offered")), <=, 3);
  assert_shows (f, _("We will contact you at the number you gave us."));
  /* The phone number is not left on screen. */
  g_assert_false (shows_text (f->flow, "01098761234"));
  g_assert_false (gtk_widget_get_sensitive (need (f, "kiosk-back")));
  snap (f, "47-problem-reference");
  click (f, "problem-finish");
  g_assert_cmpuint (f->done, ==, 1);

  /* Once more without a number, and without suggestions for a text that
   * matches nothing: straight to the contact step. */
  g_clear_pointer (&kase, json_object_unref);
  show (f, cg_kiosk_problem_flow_new (f->store));
  click (f, "category-other");
  gtk_editable_set_text (GTK_EDITABLE (need (f, "problem-description")), "xqzzyv qqwwx");
  click (f, "problem-describe-next");
  g_assert_cmpstr (step (f), ==, "contact");
  back (f);
  g_assert_cmpstr (step (f), ==, "describe");
  click (f, "problem-describe-next");
  since = cg_store_get_last_seq (f->store);
  click (f, "problem-send-anonymous");
  g_assert_cmpstr (step (f), ==, "reference");
  kase = written_since (f->store, since, "case");
  g_assert_nonnull (kase);
  g_assert_null (cg_json_get_object (kase, "contact"));
  g_assert_false (shows_text (f->flow, _("We will contact you at the number you gave us.")));
  click (f, "kiosk-home");
  g_assert_cmpuint (f->done, ==, 1);
}

/* ------------------------------------------------------------ feedback */

static void
test_feedback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonObject) feedback = NULL;
  gint64 since;

  show (f, cg_kiosk_feedback_flow_new (f->store));
  g_assert_cmpstr (step (f), ==, "csat");
  assert_shows (f, _("How was your visit today?"));
  assert_shows (f, C_("rating", "Excellent"));
  assert_shows (f, C_("rating", "Very Poor"));
  snap (f, "50-feedback-csat");
  back (f);
  g_assert_cmpuint (f->done, ==, 1);

  click (f, "csat-2");
  g_assert_cmpstr (step (f), ==, "nps");
  assert_shows (f, _("How likely are you to recommend us to a friend?"));
  need (f, "nps-0");
  need (f, "nps-10");
  snap (f, "51-feedback-nps");
  /* Changing one's mind. */
  back (f);
  g_assert_cmpstr (step (f), ==, "csat");
  click (f, "csat-4");
  click (f, "nps-9");
  g_assert_cmpstr (step (f), ==, "comment");
  snap (f, "52-feedback-comment");
  back (f);
  g_assert_cmpstr (step (f), ==, "nps");
  click (f, "nps-9");
  gtk_editable_set_text (GTK_EDITABLE (need (f, "feedback-comment")), "  Friendly staff  ");

  since = cg_store_get_last_seq (f->store);
  click (f, "feedback-send");
  g_assert_cmpstr (step (f), ==, "thanks");
  assert_shows (f, _("Thank you for your feedback!"));
  feedback = written_since (f->store, since, "feedback");
  g_assert_nonnull (feedback);
  g_assert_cmpint (json_object_get_int_member (feedback, "csat"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (feedback, "nps"), ==, 9);
  g_assert_cmpstr (cg_json_get_string (feedback, "comment"), ==, "Friendly staff");
  g_assert_cmpstr (cg_json_get_string (feedback, "channel"), ==, "kiosk");
  g_assert_false (gtk_widget_get_sensitive (need (f, "kiosk-back")));
  snap (f, "53-feedback-thanks");
  click (f, "feedback-finish");
  g_assert_cmpuint (f->done, ==, 2);

  /* NPS skipped, no comment: only the rating. */
  g_clear_pointer (&feedback, json_object_unref);
  show (f, cg_kiosk_feedback_flow_new (f->store));
  click (f, "csat-5");
  click (f, "feedback-nps-skip");
  since = cg_store_get_last_seq (f->store);
  click (f, "feedback-send");
  feedback = written_since (f->store, since, "feedback");
  g_assert_nonnull (feedback);
  g_assert_cmpint (json_object_get_int_member (feedback, "csat"), ==, 5);
  g_assert_false (json_object_has_member (feedback, "nps"));
  g_assert_false (json_object_has_member (feedback, "comment"));
}

/* ------------------------------------------------------------ main */

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("LANGUAGE");
  static const char *orientations[] = { "portrait", "landscape" };

  if (setlocale (LC_ALL, "") == NULL)
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CHANGGU_LOCALEDIR") ? g_getenv ("CHANGGU_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  lang = language != NULL && g_str_has_prefix (language, "ko") ? "ko" : "en";
  /* As the kiosk window does when the customer chooses a language. */
  cg_kiosk_set_language (lang);

  g_test_init (&argc, &argv, NULL);
  if (!ui_test_open_display ("/kiosk-flows/no-display"))
    return g_test_run ();
  application = ui_test_application_new ();

  g_test_add_func ("/kiosk-flows/keypad", test_keypad);
  g_test_add_func ("/kiosk-flows/step-header", test_step_header);
  g_test_add_func ("/kiosk-flows/language", test_language);
  for (guint i = 0; i < G_N_ELEMENTS (orientations); i++)
    {
      static const struct {
        const char *name;
        void (*func) (Fixture *, gconstpointer);
      } tests[] = {
        { "ticket", test_ticket },
        { "pickup", test_pickup },
        { "pickup-states", test_pickup_states },
        { "faq", test_faq },
        { "problem-helped", test_problem },
        { "problem-report", test_problem_report },
        { "feedback", test_feedback },
      };

      for (guint j = 0; j < G_N_ELEMENTS (tests); j++)
        {
          g_autofree char *path = g_strdup_printf ("/kiosk-flows/%s/%s", orientations[i], tests[j].name);

          g_test_add (path, Fixture, orientations[i], fixture_set_up, tests[j].func, fixture_tear_down);
        }
    }
  return g_test_run ();
}
