/* cg-kiosk-window.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The visit's life: start_visit() switches the language and builds the
 * menu in it; open_feature() creates the flow; end_visit() (the customer
 * finished, or the idle countdown ran out) destroys the flow and the menu,
 * empties every editable left in the window and the clipboard, and shows
 * the attract screen again. Nothing of a visit is kept anywhere else: the
 * window never copies what a flow shows.
 *
 * Lockdown: close-request is refused, a capture-phase key controller
 * swallows every key that could leave or reach the desktop (Escape,
 * function keys, anything with Ctrl, Alt or Super), leaving fullscreen is
 * undone. Only the exit PIN lets staff out; the PIN is checked with
 * Argon2id on a worker thread with its own store connection.
 *
 * Settings (idle times, features, languages, exit PIN, store name) come
 * from cg_kiosk_settings_load() and are read again when a configuration
 * document arrives or the device upkeep applies one, so they change live.
 */
#define G_LOG_DOMAIN "cg-kiosk"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cg-idle-monitor.h"
#include "cg-store-watch.h"
#include "cg-kiosk-faq-flow.h"
#include "cg-kiosk-feedback-flow.h"
#include "cg-kiosk-keypad.h"
#include "cg-kiosk-language.h"
#include "cg-kiosk-pickup-flow.h"
#include "cg-kiosk-problem-flow.h"
#include "cg-kiosk-step-header.h"
#include "cg-kiosk-ticket-flow.h"
#include "cg-kiosk-window.h"

/* The device upkeep (config, purge of what the centre has, report). */
#define DEVICE_TICK_S 60
/* Ticket numbers on the attract screen: the newest called first. */
#define SERVING_MAX 4

struct _CgKioskWindow
{
  AdwWindow        parent_instance;

  CgStoreWatch     watch;           /* check-ins (now serving) and config */
  gboolean         config_arrived;  /* since the last refresh */
  CgKioskSettings *settings;
  CgSyncManager   *sync;
  guint            device_tick_id;
  guint            minute_tick_id;

  /* The visit. */
  gboolean         in_visit;
  GtkWidget       *flow;            /* child of flow_page, or NULL */
  gulong           flow_done_id;

  /* Idle. */
  CgIdleMonitor   *idle;
  guint            idle_override_ms;
  guint            warning_override_ms;
  guint            countdown_id;
  gint64           countdown_deadline;   /* monotonic µs */

  /* Staff exit. */
  GtkGesture      *exit_gesture;
  guint            exit_hold_id;
  GCancellable    *exit_cancellable;
  gint64           exit_retry_until;     /* monotonic µs; 0: may try */
  guint            exit_wait_id;
  gboolean         exit_checking;
  gboolean         may_close;
  CgKioskKeypad   *exit_keypad;

  /* Template. */
  GtkStack        *stack;
  GtkWidget       *attract_page;
  GtkLabel        *store_name_label;
  GtkLabel        *store_name_other_label;
  GtkButton       *start_button;
  GtkLabel        *start_primary_label;
  GtkLabel        *start_secondary_label;
  GtkWidget       *language_box;
  GtkWidget       *language_ko_button;
  GtkWidget       *language_en_button;
  GtkWidget       *serving_section;
  GtkFlowBox      *serving_box;
  GtkBox          *home_page;
  GtkBox          *flow_page;
  GtkWidget       *idle_panel;
  GtkLabel        *idle_title;
  GtkLabel        *idle_countdown;
  GtkLabel        *idle_text;
  GtkButton       *idle_continue;
  GtkWidget       *exit_panel;
  GtkLabel        *exit_title;
  GtkLabel        *exit_status;
  GtkEntry        *exit_entry;
  GtkBox          *exit_keypad_box;
  GtkButton       *exit_cancel;
  GtkButton       *exit_confirm;
};

G_DEFINE_FINAL_TYPE (CgKioskWindow, cg_kiosk_window, ADW_TYPE_WINDOW)

static const char * const watched_types[] = { "checkin", "config", NULL };

/* The features in menu order, with the flow each opens. */
typedef GtkWidget *(*FlowNew) (CgStore *store);

typedef struct {
  const char *feature;      /* as in CgKioskSettings.features */
  const char *icon;
  FlowNew     flow_new;
} Feature;

static const Feature features[] = {
  { "checkin",        "document-print-symbolic",     cg_kiosk_ticket_flow_new },
  { "pickup",         "package-x-generic-symbolic",  cg_kiosk_pickup_flow_new },
  { "faq",            "system-help-symbolic",        cg_kiosk_faq_flow_new },
  { "report_problem", "dialog-warning-symbolic",     cg_kiosk_problem_flow_new },
  { "feedback",       "starred-symbolic",            cg_kiosk_feedback_flow_new },
};

/* In the visit's language: _() is asked when the menu is built. */
static const char *
feature_title (const char *feature)
{
  if (g_str_equal (feature, "checkin"))
    return _("Take a Ticket");
  if (g_str_equal (feature, "pickup"))
    return _("Pick Up an Order");
  if (g_str_equal (feature, "faq"))
    return _("Find an Answer");
  if (g_str_equal (feature, "report_problem"))
    return _("Report a Problem");
  if (g_str_equal (feature, "feedback"))
    return _("Rate Your Visit");
  return feature;
}

static const char *
feature_description (const char *feature)
{
  if (g_str_equal (feature, "checkin"))
    return _("Wait for the next free counter");
  if (g_str_equal (feature, "pickup"))
    return _("Collect an order that is ready");
  if (g_str_equal (feature, "faq"))
    return _("Answers to common questions");
  if (g_str_equal (feature, "report_problem"))
    return _("Tell us what went wrong");
  if (g_str_equal (feature, "feedback"))
    return _("Tell us how we did today");
  return "";
}

static void show_attract (CgKioskWindow *self);
static void close_exit_panel (CgKioskWindow *self);

/* ------------------------------------------------------------ settings */

static gboolean
language_allowed (CgKioskWindow *self,
                  const char    *language)
{
  if (self->settings == NULL || self->settings->languages == NULL ||
      self->settings->languages[0] == NULL)
    return TRUE;
  return g_strv_contains ((const char * const *) self->settings->languages, language);
}

/* The language between visits and for a touch that picked none. */
static const char *
default_language (CgKioskWindow *self)
{
  if (self->settings != NULL && self->settings->languages != NULL)
    for (guint i = 0; self->settings->languages[i] != NULL; i++)
      if (g_str_equal (self->settings->languages[i], "ko") ||
          g_str_equal (self->settings->languages[i], "en"))
        return g_str_equal (self->settings->languages[i], "ko") ? "ko" : "en";
  return cg_kiosk_get_startup_language ();
}

static guint
idle_timeout_ms (CgKioskWindow *self)
{
  if (self->idle_override_ms > 0)
    return self->idle_override_ms;
  return (self->settings ? self->settings->idle_timeout_s : 60) * 1000;
}

static guint
idle_warning_ms (CgKioskWindow *self)
{
  if (self->warning_override_ms > 0)
    return self->warning_override_ms;
  return (self->settings ? self->settings->idle_warning_s : 20) * 1000;
}

/* The store's name in @language, falling back to the other language, then
 * to the store number. (transfer full) */
static char *
store_name (CgKioskWindow *self,
            const char    *language)
{
  const char *ko = self->settings ? self->settings->store_name_ko : NULL;
  const char *en = self->settings ? self->settings->store_name_en : NULL;
  const char *first = g_strcmp0 (language, "en") == 0 ? en : ko;
  const char *second = g_strcmp0 (language, "en") == 0 ? ko : en;
  g_autofree char *id = NULL;

  if (first != NULL && *first != '\0')
    return g_strdup (first);
  if (second != NULL && *second != '\0')
    return g_strdup (second);
  id = cg_device_get_store_id (self->watch.store);
  if (g_strcmp0 (language, "ko") == 0)
    return g_strdup_printf ("%s 매장", id ? id : "");
  return g_strdup_printf ("Store %s", id ? id : "");
}

/* ------------------------------------------------------------ attract */

static void
refresh_serving (CgKioskWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) active = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->serving_box))) != NULL)
    gtk_flow_box_remove (self->serving_box, child);
  if (self->watch.store != NULL)
    active = cg_queue_now_serving (self->watch.store, now, SERVING_MAX, NULL);
  for (guint i = 0; active != NULL && i < active->len; i++)
    {
      CgQueueTicket *ticket = g_ptr_array_index (active, i);
      GtkWidget *label = gtk_label_new (cg_queue_ticket_get_ticket (ticket));

      gtk_widget_add_css_class (label, "kiosk-serving-number");
      gtk_widget_add_css_class (label, "kiosk-serving-card");
      gtk_flow_box_append (self->serving_box, label);
    }
  /* All on one line when they fit, centred (a flow box places a single
   * child at the start of room made for more). */
  gtk_flow_box_set_max_children_per_line (self->serving_box, MAX (active ? active->len : 1, 1));
  gtk_widget_set_visible (self->serving_section, active != NULL && active->len > 0);
}

/* The attract screen speaks both languages at once: its words are not
 * translated but written in each language. */
static void
refresh_attract (CgKioskWindow *self)
{
  g_autofree char *ko = store_name (self, "ko");
  g_autofree char *en = store_name (self, "en");
  gboolean ko_ok = language_allowed (self, "ko");
  gboolean en_ok = language_allowed (self, "en");
  const char *first = g_str_equal (default_language (self), "en") ? en : ko;
  const char *second = first == en ? ko : en;

  gtk_label_set_label (self->store_name_label, first);
  gtk_label_set_label (self->store_name_other_label, second);
  gtk_widget_set_visible (GTK_WIDGET (self->store_name_other_label),
                          ko_ok && en_ok && g_strcmp0 (ko, en) != 0);

  gtk_label_set_label (self->start_primary_label,
                       g_str_equal (default_language (self), "en") ? "Touch to start" : "화면을 터치해 주세요");
  gtk_label_set_label (self->start_secondary_label,
                       g_str_equal (default_language (self), "en") ? "화면을 터치해 주세요" : "Touch to start");
  gtk_widget_set_visible (GTK_WIDGET (self->start_secondary_label), ko_ok && en_ok);
  gtk_widget_set_visible (self->language_ko_button, ko_ok);
  gtk_widget_set_visible (self->language_en_button, en_ok);
  gtk_widget_set_visible (self->language_box, ko_ok && en_ok);
  refresh_serving (self);
}

/* ------------------------------------------------------------ home */

static void open_feature (CgKioskWindow *self, const char *feature);

static void
on_feature_clicked (GtkButton     *button,
                    CgKioskWindow *self)
{
  open_feature (self, g_object_get_data (G_OBJECT (button), "cg-feature"));
}

static void
on_finish_clicked (GtkButton     *button,
                   CgKioskWindow *self)
{
  cg_kiosk_window_end_visit (self);
}

static void build_home (CgKioskWindow *self);

static void
on_switch_language_clicked (GtkButton     *button,
                            CgKioskWindow *self)
{
  cg_kiosk_set_language (g_str_equal (cg_kiosk_get_language (), "ko") ? "en" : "ko");
  build_home (self);
}

static GtkWidget *
feature_button (const Feature *feature)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 32);
  GtkWidget *words = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (feature->icon);
  GtkWidget *title = gtk_label_new (feature_title (feature->feature));
  GtkWidget *description = gtk_label_new (feature_description (feature->feature));
  g_autofree char *name = g_strconcat ("feature-", feature->feature, NULL);

  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "kiosk-button");
  gtk_widget_add_css_class (button, "kiosk-feature");
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_size_request (button, 720, -1);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 64);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_add_css_class (title, "kiosk-feature-title");
  gtk_widget_add_css_class (description, "kiosk-feature-description");
  gtk_widget_set_name (title, "feature-title");
  for (GtkWidget *label = title; label != NULL; label = label == title ? description : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  gtk_box_append (GTK_BOX (words), title);
  gtk_box_append (GTK_BOX (words), description);
  gtk_widget_set_valign (words, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (words, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), words);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, feature_title (feature->feature),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, feature_description (feature->feature),
                                  -1);
  g_object_set_data (G_OBJECT (button), "cg-feature", (gpointer) feature->feature);
  return button;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* The menu, in the language now set: built for every visit, so that its
 * words are asked from gettext after the language was chosen. */
static void
build_home (CgKioskWindow *self)
{
  const char *language = cg_kiosk_get_language ();
  g_autofree char *name = store_name (self, language);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *store_label = gtk_label_new (name);
  GtkWidget *title = gtk_label_new (_("How can we help you?"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *menu = gtk_flow_box_new ();
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *finish = gtk_button_new_with_label (_("Back to Start"));
  GtkWidget *other = NULL;
  guint shown = 0;

  clear_box (self->home_page);

  gtk_widget_add_css_class (header, "kiosk-home-header");
  gtk_widget_set_name (store_label, "home-store-name");
  gtk_widget_add_css_class (store_label, "kiosk-subtitle");
  gtk_widget_add_css_class (store_label, "kiosk-dim");
  gtk_widget_set_name (title, "home-title");
  gtk_widget_add_css_class (title, "kiosk-title");
  for (GtkWidget *label = store_label; label != NULL; label = label == store_label ? title : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    }
  gtk_box_append (GTK_BOX (titles), store_label);
  gtk_box_append (GTK_BOX (titles), title);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (header), titles);

  /* The other language, written in itself. */
  if (language_allowed (self, g_str_equal (language, "ko") ? "en" : "ko"))
    {
      other = gtk_button_new_with_label (g_str_equal (language, "ko") ? "English" : "한국어");
      gtk_widget_set_name (other, "home-language");
      gtk_widget_set_tooltip_text (other, g_str_equal (language, "ko") ? "Switch to English" : "한국어로 바꾸기");
      gtk_widget_add_css_class (other, "kiosk-button");
      gtk_widget_set_valign (other, GTK_ALIGN_CENTER);
      g_signal_connect (other, "clicked", G_CALLBACK (on_switch_language_clicked), self);
      gtk_box_append (GTK_BOX (header), other);
    }
  gtk_box_append (self->home_page, header);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (menu), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (menu), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (menu), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (menu), 2);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (menu), 32);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (menu), 32);
  gtk_widget_set_valign (menu, GTK_ALIGN_START);
  gtk_widget_set_margin_start (menu, 48);
  gtk_widget_set_margin_end (menu, 48);
  gtk_widget_set_margin_top (menu, 24);
  gtk_widget_set_margin_bottom (menu, 24);
  gtk_widget_set_name (menu, "home-menu");
  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    {
      GtkWidget *button;

      if (self->settings != NULL && !cg_kiosk_settings_has_feature (self->settings, features[i].feature))
        continue;
      button = feature_button (&features[i]);
      g_signal_connect (button, "clicked", G_CALLBACK (on_feature_clicked), self);
      gtk_flow_box_append (GTK_FLOW_BOX (menu), button);
      /* The flow box child would take focus as well as the button. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *none = gtk_label_new (_("Nothing is offered at this kiosk right now. Please ask at the counter."));

      gtk_widget_set_name (none, "home-empty");
      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_widget_add_css_class (none, "kiosk-subtitle");
      gtk_flow_box_append (GTK_FLOW_BOX (menu), none);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), menu);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (self->home_page, scrolled);

  gtk_widget_set_name (finish, "home-finish");
  gtk_widget_add_css_class (finish, "kiosk-button");
  gtk_widget_set_hexpand (finish, TRUE);
  gtk_widget_set_halign (finish, GTK_ALIGN_START);
  g_signal_connect (finish, "clicked", G_CALLBACK (on_finish_clicked), self);
  gtk_widget_add_css_class (footer, "kiosk-home-header");
  gtk_box_append (GTK_BOX (footer), finish);
  gtk_box_append (self->home_page, footer);
}

/* ------------------------------------------------------------ flows */

static gboolean
unref_later (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* Removes the flow from the window. Inside its own "done" emission it
 * stays alive until the main loop is idle again (its code is still
 * running); otherwise it is finalized here. */
static void
destroy_flow (CgKioskWindow *self,
              gboolean       from_its_signal)
{
  GtkWidget *flow = self->flow;

  if (flow == NULL)
    return;
  self->flow = NULL;
  g_clear_signal_handler (&self->flow_done_id, flow);
  if (from_its_signal)
    g_idle_add (unref_later, g_object_ref (flow));
  gtk_box_remove (self->flow_page, flow);
}

/* Whether the flow was on its end screen: the flow says so with a
 * "finished" property, or its visible step hides Back (an end screen has
 * nothing to go back to, CgKioskStepHeader). */
static gboolean
flow_finished (GtkWidget *flow)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (flow), "finished");
  GPtrArray *pending;
  gboolean finished = FALSE;

  if (pspec != NULL && pspec->value_type == G_TYPE_BOOLEAN)
    {
      g_object_get (flow, "finished", &finished, NULL);
      return finished;
    }
  pending = g_ptr_array_new ();
  g_ptr_array_add (pending, flow);
  while (pending->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (pending, pending->len - 1);

      if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
        continue;
      if (CG_IS_KIOSK_STEP_HEADER (widget))
        {
          GtkWidget *back = cg_kiosk_step_header_get_back_button (CG_KIOSK_STEP_HEADER (widget));

          finished = back != NULL && (!gtk_widget_get_visible (back) || !gtk_widget_get_child_visible (back) ||
                                      gtk_widget_get_opacity (back) == 0.0);
          break;
        }
      for (GtkWidget *child = gtk_widget_get_last_child (widget); child != NULL;
           child = gtk_widget_get_prev_sibling (child))
        g_ptr_array_add (pending, child);
    }
  g_ptr_array_unref (pending);
  return finished;
}

static void
on_flow_done (GtkWidget     *flow,
              CgKioskWindow *self)
{
  gboolean finished = flow_finished (flow);

  destroy_flow (self, TRUE);
  if (finished)
    cg_kiosk_window_end_visit (self);
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "home");
      cg_idle_monitor_poke (self->idle);
    }
}

static void
open_feature (CgKioskWindow *self,
              const char    *feature)
{
  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    {
      if (g_strcmp0 (features[i].feature, feature) != 0)
        continue;
      destroy_flow (self, FALSE);
      self->flow = features[i].flow_new (self->watch.store);
      gtk_widget_set_vexpand (self->flow, TRUE);
      gtk_widget_set_hexpand (self->flow, TRUE);
      self->flow_done_id = g_signal_connect (self->flow, "done", G_CALLBACK (on_flow_done), self);
      gtk_box_append (self->flow_page, self->flow);
      gtk_stack_set_visible_child_name (self->stack, "flow");
      gtk_widget_child_focus (self->flow, GTK_DIR_TAB_FORWARD);
      return;
    }
  g_warning ("No kiosk flow for the feature %s", feature);
}

/* ------------------------------------------------------------ visit */

static void
on_start_clicked (GtkButton     *button,
                  CgKioskWindow *self)
{
  const char *language = NULL;

  if (GTK_WIDGET (button) == self->language_ko_button)
    language = "ko";
  else if (GTK_WIDGET (button) == self->language_en_button)
    language = "en";
  cg_kiosk_window_start_visit (self, language);
}

void
cg_kiosk_window_start_visit (CgKioskWindow *self,
                             const char    *language)
{
  g_return_if_fail (CG_IS_KIOSK_WINDOW (self));

  if (language == NULL || !language_allowed (self, language))
    language = default_language (self);
  cg_kiosk_set_language (language);
  self->in_visit = TRUE;
  build_home (self);
  gtk_stack_set_visible_child_name (self->stack, "home");
  cg_idle_monitor_set_timeout (self->idle, idle_timeout_ms (self));
  cg_idle_monitor_set_enabled (self->idle, TRUE);
}

/* Every editable and text view left anywhere in the window is emptied:
 * the flow is gone by now, but a field of the window itself (the PIN)
 * must not keep anything either. */
static void
clear_editables (GtkWidget *widget)
{
  if (GTK_IS_EDITABLE (widget) && gtk_editable_get_delegate (GTK_EDITABLE (widget)) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (widget), "");
  else if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "", 0);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    clear_editables (child);
}

static void
stop_countdown (CgKioskWindow *self)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  gtk_widget_set_visible (self->idle_panel, FALSE);
}

void
cg_kiosk_window_end_visit (CgKioskWindow *self)
{
  GdkDisplay *display;

  g_return_if_fail (CG_IS_KIOSK_WINDOW (self));

  stop_countdown (self);
  close_exit_panel (self);
  destroy_flow (self, FALSE);
  clear_box (self->home_page);
  clear_editables (GTK_WIDGET (self));
  /* A customer may have copied or selected something. */
  display = gtk_widget_get_display (GTK_WIDGET (self));
  gdk_clipboard_set_content (gdk_display_get_clipboard (display), NULL);
  gdk_clipboard_set_content (gdk_display_get_primary_clipboard (display), NULL);

  self->in_visit = FALSE;
  cg_kiosk_set_language (default_language (self));
  show_attract (self);
}

static void
show_attract (CgKioskWindow *self)
{
  refresh_attract (self);
  gtk_stack_set_visible_child_name (self->stack, "attract");
  cg_idle_monitor_set_enabled (self->idle, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->start_button));
}

/* ------------------------------------------------------------ idle */

static void
update_countdown (CgKioskWindow *self)
{
  gint64 left_us = MAX (0, self->countdown_deadline - g_get_monotonic_time ());
  int seconds = (int) ((left_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  g_autofree char *number = g_strdup_printf ("%d", seconds);
  g_autofree char *text =
    g_strdup_printf (ngettext ("The screen starts over in %d second and what you entered is cleared.",
                               "The screen starts over in %d seconds and what you entered is cleared.",
                               seconds),
                     seconds);

  gtk_label_set_label (self->idle_countdown, number);
  gtk_label_set_label (self->idle_text, text);
}

static gboolean
countdown_tick (gpointer data)
{
  CgKioskWindow *self = data;

  if (g_get_monotonic_time () >= self->countdown_deadline)
    {
      self->countdown_id = 0;
      cg_kiosk_window_end_visit (self);
      return G_SOURCE_REMOVE;
    }
  update_countdown (self);
  return G_SOURCE_CONTINUE;
}

static void
on_idle (CgIdleMonitor *monitor,
         CgKioskWindow *self)
{
  if (!self->in_visit)
    {
      /* Staff who opened the exit panel and walked away. */
      close_exit_panel (self);
      return;
    }
  if (self->countdown_id != 0)
    return;
  /* The words in the visit's language, set when the visit began. */
  gtk_label_set_label (self->idle_title, _("Still There?"));
  gtk_button_set_label (self->idle_continue, _("Continue"));
  self->countdown_deadline = g_get_monotonic_time () + (gint64) idle_warning_ms (self) * 1000;
  update_countdown (self);
  gtk_widget_set_visible (self->idle_panel, TRUE);
  self->countdown_id = g_timeout_add (200, countdown_tick, self);
  gtk_widget_grab_focus (GTK_WIDGET (self->idle_continue));
}

static void
on_idle_continue (GtkButton     *button,
                  CgKioskWindow *self)
{
  stop_countdown (self);
  cg_idle_monitor_poke (self->idle);
  if (self->flow != NULL)
    gtk_widget_child_focus (self->flow, GTK_DIR_TAB_FORWARD);
}

void
cg_kiosk_window_set_idle_for_testing (CgKioskWindow *self,
                                      guint          idle_ms,
                                      guint          warning_ms)
{
  g_return_if_fail (CG_IS_KIOSK_WINDOW (self));

  self->idle_override_ms = idle_ms;
  self->warning_override_ms = warning_ms;
  cg_idle_monitor_set_timeout (self->idle, idle_timeout_ms (self));
}

/* ------------------------------------------------------------ exit */

typedef struct {
  char *path;
  char *pin;
  gint64 retry_after_s;
} PinJob;

static void
pin_job_free (PinJob *job)
{
  if (job->pin != NULL)
    memset (job->pin, 0, strlen (job->pin));
  g_free (job->pin);
  g_free (job->path);
  g_free (job);
}

/* Argon2id takes a good part of a second: off the main thread, on a
 * connection of its own (as the staff sign-in does). */
static void
check_pin_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PinJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = cg_store_open (job->path, &error);

  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!cg_kiosk_check_exit_pin (store, job->pin, &job->retry_after_s, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static char *
format_wait (gint64 seconds)
{
  if (seconds >= 60)
    {
      int minutes = (int) ((seconds + 59) / 60);
      return g_strdup_printf (ngettext ("Too many wrong PINs. Try again in %d minute.",
                                        "Too many wrong PINs. Try again in %d minutes.", minutes),
                              minutes);
    }
  return g_strdup_printf (ngettext ("Too many wrong PINs. Try again in %d second.",
                                    "Too many wrong PINs. Try again in %d seconds.", (int) seconds),
                          (int) seconds);
}

static void
set_exit_status (CgKioskWindow *self,
                 const char    *text,
                 gboolean       error)
{
  gtk_label_set_label (self->exit_status, text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->exit_status), "kiosk-error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->exit_status), "kiosk-error");
}

static void
update_exit_sensitivity (CgKioskWindow *self)
{
  gboolean waiting = self->exit_retry_until > g_get_monotonic_time ();
  gboolean can = !self->exit_checking && !waiting;

  gtk_widget_set_sensitive (GTK_WIDGET (self->exit_confirm), can);
  gtk_widget_set_sensitive (GTK_WIDGET (self->exit_keypad), can);
  /* Not insensitive: the entry has the focus, and GTK 4.8's text widget
   * complains when a focused one is made insensitive. */
  gtk_editable_set_editable (GTK_EDITABLE (self->exit_entry), can);
}

static gboolean
exit_wait_tick (gpointer data)
{
  CgKioskWindow *self = data;
  gint64 left_us = self->exit_retry_until - g_get_monotonic_time ();

  if (left_us <= 0)
    {
      self->exit_wait_id = 0;
      self->exit_retry_until = 0;
      set_exit_status (self, _("Enter the exit PIN."), FALSE);
      update_exit_sensitivity (self);
      return G_SOURCE_REMOVE;
    }
  {
    g_autofree char *text = format_wait ((left_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
    set_exit_status (self, text, TRUE);
  }
  return G_SOURCE_CONTINUE;
}

static void
start_exit_wait (CgKioskWindow *self,
                 gint64         seconds)
{
  g_autofree char *text = format_wait (MAX (seconds, 1));

  self->exit_retry_until = g_get_monotonic_time () + MAX (seconds, 1) * G_USEC_PER_SEC;
  set_exit_status (self, text, TRUE);
  g_clear_handle_id (&self->exit_wait_id, g_source_remove);
  self->exit_wait_id = g_timeout_add (1000, exit_wait_tick, self);
  update_exit_sensitivity (self);
}

static void
request_quit (CgKioskWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  self->may_close = TRUE;
  g_message ("The exit PIN was entered: leaving kiosk mode");
  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "quit"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_pin_checked (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CgKioskWindow *self = CG_KIOSK_WINDOW (source);
  PinJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->exit_checking = FALSE;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->exit_entry), "");
      set_exit_status (self, _("Leaving kiosk mode…"), FALSE);
      request_quit (self);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->exit_entry), "");
  if (g_error_matches (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_RATE_LIMITED))
    start_exit_wait (self, job->retry_after_s);
  else if (g_error_matches (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_WRONG_PIN) && job->retry_after_s > 0)
    start_exit_wait (self, job->retry_after_s);   /* that was one too many */
  else if (g_error_matches (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_WRONG_PIN))
    set_exit_status (self, _("Wrong PIN. Try again."), TRUE);
  else if (g_error_matches (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_NO_PIN))
    set_exit_status (self, _("No exit PIN is set for this kiosk, so it cannot be left here. "
                             "Your regional admin sets one in the kiosk settings."), TRUE);
  else
    {
      g_autofree char *text = g_strdup_printf (_("The PIN could not be checked: %s"), error->message);
      set_exit_status (self, text, TRUE);
    }
  update_exit_sensitivity (self);
  if (gtk_widget_get_visible (self->exit_panel))
    gtk_widget_grab_focus (GTK_WIDGET (self->exit_entry));
}

static void
on_exit_confirm (GtkWidget     *widget,
                 CgKioskWindow *self)
{
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->exit_entry));
  g_autoptr(GTask) task = NULL;
  PinJob *job;

  if (self->exit_checking || self->exit_retry_until > g_get_monotonic_time ())
    return;
  if (pin == NULL || *pin == '\0')
    {
      set_exit_status (self, _("Enter the exit PIN."), TRUE);
      return;
    }
  job = g_new0 (PinJob, 1);
  job->path = g_strdup (cg_store_get_path (self->watch.store));
  job->pin = g_strdup (pin);
  self->exit_checking = TRUE;
  set_exit_status (self, _("Checking…"), FALSE);
  update_exit_sensitivity (self);

  g_clear_object (&self->exit_cancellable);
  self->exit_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->exit_cancellable, on_pin_checked, NULL);
  g_task_set_source_tag (task, on_exit_confirm);
  g_task_set_task_data (task, job, (GDestroyNotify) pin_job_free);
  g_task_run_in_thread (task, check_pin_thread);
}

/* The exit panel's keypad, made again each time the panel opens: its
 * labels are translated when it is made, and the language changes with
 * every visit. */
static void
make_exit_keypad (CgKioskWindow *self)
{
  GtkWidget *keypad = cg_kiosk_keypad_new ();

  if (self->exit_keypad != NULL)
    gtk_box_remove (self->exit_keypad_box, GTK_WIDGET (self->exit_keypad));
  gtk_widget_set_name (keypad, "exit-keypad");
  self->exit_keypad = CG_KIOSK_KEYPAD (keypad);
  cg_kiosk_keypad_attach (self->exit_keypad, GTK_EDITABLE (self->exit_entry));
  cg_kiosk_keypad_set_masked (self->exit_keypad, TRUE);
  cg_kiosk_keypad_set_max_length (self->exit_keypad, 8);
  gtk_box_append (self->exit_keypad_box, keypad);
}

static void
open_exit_panel (CgKioskWindow *self)
{
  gboolean has_pin = self->settings != NULL && self->settings->exit_pin_hash != NULL;

  if (gtk_widget_get_visible (self->exit_panel))
    return;
  /* Its key labels in the language of now, not of the window's start. */
  make_exit_keypad (self);
  gtk_label_set_label (self->exit_title, _("Staff Exit"));
  gtk_button_set_label (self->exit_cancel, _("Cancel"));
  gtk_button_set_label (self->exit_confirm, _("Leave Kiosk Mode"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->exit_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Exit PIN"), -1);
  gtk_editable_set_text (GTK_EDITABLE (self->exit_entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->exit_entry), has_pin);
  gtk_widget_set_visible (GTK_WIDGET (self->exit_keypad_box), has_pin);
  gtk_widget_set_visible (GTK_WIDGET (self->exit_confirm), has_pin);
  if (!has_pin)
    set_exit_status (self, _("No exit PIN is set for this kiosk, so it cannot be left here. "
                             "Your regional admin sets one in the kiosk settings."), FALSE);
  else if (self->exit_retry_until > g_get_monotonic_time ())
    exit_wait_tick (self);
  else
    set_exit_status (self, _("Enter the exit PIN."), FALSE);
  update_exit_sensitivity (self);
  gtk_widget_set_visible (self->exit_panel, TRUE);
  /* Staff who walk away leave it open only until the idle timeout. */
  cg_idle_monitor_set_timeout (self->idle, idle_timeout_ms (self));
  cg_idle_monitor_set_enabled (self->idle, TRUE);
  gtk_widget_grab_focus (has_pin ? GTK_WIDGET (self->exit_entry) : GTK_WIDGET (self->exit_cancel));
}

static void
close_exit_panel (CgKioskWindow *self)
{
  g_cancellable_cancel (self->exit_cancellable);
  gtk_editable_set_text (GTK_EDITABLE (self->exit_entry), "");
  if (!gtk_widget_get_visible (self->exit_panel))
    return;
  gtk_widget_set_visible (self->exit_panel, FALSE);
  if (!self->in_visit)
    cg_idle_monitor_set_enabled (self->idle, FALSE);
}

static void
on_exit_cancel (GtkButton     *button,
                CgKioskWindow *self)
{
  close_exit_panel (self);
}

static gboolean
exit_hold_done (gpointer data)
{
  CgKioskWindow *self = data;

  self->exit_hold_id = 0;
  open_exit_panel (self);
  return G_SOURCE_REMOVE;
}

/* GtkGestureLongPress fires after at most twice the desktop's long-press
 * time (about a second); the rest of the 3 seconds is timed here, and a
 * release or a cancelled gesture before then stops it. */
static void
on_exit_long_press (GtkGestureLongPress *gesture,
                    double               x,
                    double               y,
                    CgKioskWindow       *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint long_press_ms = 500;
  double factor = gtk_gesture_long_press_get_delay_factor (gesture);

  if (x < width - CG_KIOSK_EXIT_CORNER_PX || y < height - CG_KIOSK_EXIT_CORNER_PX)
    return;
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-long-press-time", &long_press_ms, NULL);
  g_clear_handle_id (&self->exit_hold_id, g_source_remove);
  self->exit_hold_id = g_timeout_add (MAX (0, CG_KIOSK_EXIT_HOLD_MS - (int) (long_press_ms * factor)),
                                      exit_hold_done, self);
}

static void
on_exit_hold_stopped (GtkGesture    *gesture,
                      GdkEventSequence *sequence,
                      CgKioskWindow *self)
{
  g_clear_handle_id (&self->exit_hold_id, g_source_remove);
}

/* ------------------------------------------------------------ lockdown */

/* Keys that could close, minimise, switch away or reach something else:
 * Escape, the function keys, the menu key, anything with Ctrl, Alt or
 * Super. Typing (letters, digits, Backspace, Enter, Tab, arrows) passes. */
static gboolean
on_lockdown_key (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 CgKioskWindow         *self)
{
  if (self->may_close)
    return GDK_EVENT_PROPAGATE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK | GDK_HYPER_MASK)) != 0)
    return GDK_EVENT_STOP;
  switch (keyval)
    {
    case GDK_KEY_Escape:
    case GDK_KEY_Menu:
    case GDK_KEY_Super_L:
    case GDK_KEY_Super_R:
    case GDK_KEY_Alt_L:
    case GDK_KEY_Alt_R:
    case GDK_KEY_Meta_L:
    case GDK_KEY_Meta_R:
    case GDK_KEY_Print:
      return GDK_EVENT_STOP;
    default:
      break;
    }
  if (keyval >= GDK_KEY_F1 && keyval <= GDK_KEY_F35)
    return GDK_EVENT_STOP;
  return GDK_EVENT_PROPAGATE;
}

static gboolean
cg_kiosk_window_close_request (GtkWindow *window)
{
  CgKioskWindow *self = CG_KIOSK_WINDOW (window);

  if (self->may_close)
    return GTK_WINDOW_CLASS (cg_kiosk_window_parent_class)->close_request (window);
  g_debug ("Refused to close the kiosk window");
  return TRUE;
}

static gboolean
refullscreen (gpointer data)
{
  CgKioskWindow *self = data;

  if (!self->may_close)
    gtk_window_fullscreen (GTK_WINDOW (self));
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* Whoever made the window leave fullscreen (a window manager shortcut),
 * it goes back. */
static void
on_fullscreened (CgKioskWindow *self)
{
  if (!gtk_window_is_fullscreen (GTK_WINDOW (self)) && !self->may_close)
    g_idle_add (refullscreen, g_object_ref (self));
}

/* ------------------------------------------------------------ store */

static gboolean
watch_filter (const char *id,
              const char *type,
              gpointer    user_data)
{
  CgKioskWindow *self = user_data;

  if (type == NULL || g_str_equal (type, "config"))
    self->config_arrived = TRUE;
  return TRUE;
}

static void
device_tick (CgKioskWindow *self)
{
  g_autoptr(GError) error = NULL;
  CgDeviceSyncStatus status = { 0 };
  CgDeviceTick tick = { 0 };
  g_autofree char *last_pull = NULL;
  g_autofree char *last_push = NULL;

  if (self->watch.store == NULL)
    return;
  if (self->sync != NULL)
    {
      gint64 pull = cg_sync_manager_get_last_pull (self->sync);
      gint64 push = cg_sync_manager_get_last_push (self->sync);

      if (pull > 0)
        {
          g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (pull);
          last_pull = cg_json_timestamp (t);
        }
      if (push > 0)
        {
          g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (push);
          last_push = cg_json_timestamp (t);
        }
      status.last_pull_at = last_pull;
      status.last_push_at = last_push;
      status.last_error = cg_sync_manager_get_error_message (self->sync);
    }
  if (!cg_device_agent_tick (self->watch.store, self->sync ? &status : NULL, PACKAGE_VERSION,
                             g_get_real_time () / G_USEC_PER_SEC, &tick, &error))
    g_message ("Kiosk upkeep failed: %s", error->message);
  else if (tick.settings_changed)
    cg_kiosk_window_reload_settings (self);
}

static gboolean
device_tick_cb (gpointer data)
{
  device_tick (data);
  return G_SOURCE_CONTINUE;
}

/* What the menu and the attract screen show of the settings. */
static char *
settings_signature (const CgKioskSettings *settings)
{
  g_autofree char *enabled = NULL;
  g_autofree char *languages = NULL;

  if (settings == NULL)
    return g_strdup ("");
  enabled = settings->features ? g_strjoinv (",", settings->features) : g_strdup ("");
  languages = settings->languages ? g_strjoinv (",", settings->languages) : g_strdup ("");
  return g_strdup_printf ("%s|%s|%s|%s", enabled, languages,
                          settings->store_name_ko ? settings->store_name_ko : "",
                          settings->store_name_en ? settings->store_name_en : "");
}

void
cg_kiosk_window_reload_settings (CgKioskWindow *self)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_return_if_fail (CG_IS_KIOSK_WINDOW (self));

  before = settings_signature (self->settings);
  g_clear_pointer (&self->settings, cg_kiosk_settings_free);
  if (self->watch.store != NULL)
    self->settings = cg_kiosk_settings_load (self->watch.store);
  after = settings_signature (self->settings);
  if (self->idle != NULL)
    cg_idle_monitor_set_timeout (self->idle, idle_timeout_ms (self));
  if (!self->in_visit)
    {
      cg_kiosk_set_language (default_language (self));
      refresh_attract (self);
    }
  else if (g_strcmp0 (before, after) != 0 &&
           g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "home") == 0)
    {
      /* The menu follows the enabled features at once (only when they
       * changed: a sync brings config documents often). */
      if (!language_allowed (self, cg_kiosk_get_language ()))
        cg_kiosk_set_language (default_language (self));
      build_home (self);
    }
}

static void
on_store_changed (gpointer data)
{
  CgKioskWindow *self = data;

  if (self->config_arrived)
    {
      self->config_arrived = FALSE;
      /* Takes up the configuration that arrived (verifies and applies
       * it), then reads the kiosk's part again. */
      cg_config_refresh (self->watch.store);
      cg_kiosk_window_reload_settings (self);
    }
  else
    refresh_serving (self);
}

static gboolean
minute_tick (gpointer data)
{
  /* The day rolling over empties "now serving". */
  refresh_serving (data);
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------ object */

static void
cg_kiosk_window_dispose (GObject *object)
{
  CgKioskWindow *self = CG_KIOSK_WINDOW (object);

  cg_store_watch_clear (&self->watch);
  g_clear_handle_id (&self->device_tick_id, g_source_remove);
  g_clear_handle_id (&self->minute_tick_id, g_source_remove);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  g_clear_handle_id (&self->exit_hold_id, g_source_remove);
  g_clear_handle_id (&self->exit_wait_id, g_source_remove);
  if (self->exit_cancellable != NULL)
    g_cancellable_cancel (self->exit_cancellable);
  g_clear_object (&self->exit_cancellable);
  if (self->flow != NULL)
    g_clear_signal_handler (&self->flow_done_id, self->flow);
  self->flow = NULL;
  if (self->idle != NULL)
    g_signal_handlers_disconnect_by_data (self->idle, self);
  g_clear_object (&self->idle);
  if (self->sync != NULL)
    cg_sync_manager_stop (self->sync);
  g_clear_object (&self->sync);
  g_clear_pointer (&self->settings, cg_kiosk_settings_free);
  G_OBJECT_CLASS (cg_kiosk_window_parent_class)->dispose (object);
}

static void
cg_kiosk_window_class_init (CgKioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cg_kiosk_window_dispose;
  window_class->close_request = cg_kiosk_window_close_request;

  g_type_ensure (CG_TYPE_KIOSK_KEYPAD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk/cg-kiosk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, attract_page);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, store_name_label);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, store_name_other_label);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, start_button);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, start_primary_label);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, start_secondary_label);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, language_box);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, language_ko_button);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, language_en_button);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, serving_section);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, serving_box);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, home_page);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, flow_page);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, idle_panel);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, idle_title);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, idle_countdown);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, idle_text);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, idle_continue);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, exit_panel);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, exit_title);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, exit_status);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, exit_entry);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, exit_keypad_box);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, exit_cancel);
  gtk_widget_class_bind_template_child (widget_class, CgKioskWindow, exit_confirm);
}

/* The kiosk's stylesheets, for the display, once: they only match
 * "window.kiosk", so the staff window (another process in practice) is
 * never affected. The flows' own sheet is loaded when it is there. */
static void
ensure_css (GtkWidget *widget)
{
  static gboolean loaded;
  static const char * const sheets[] = { "kiosk.css", "kiosk-flows.css" };

  if (loaded)
    return;
  loaded = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_PREFIX "/kiosk/", sheets[i], NULL);
      GtkCssProvider *provider;

      if (!g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
        continue;
      provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (provider, path);
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (widget),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
      g_object_unref (provider);
    }
}

/* A touch anywhere on the attract screen starts, not only on the button
 * (the buttons claim their own touches first). */
static void
on_attract_released (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     CgKioskWindow   *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "attract") == 0 &&
      !gtk_widget_get_visible (self->exit_panel))
    cg_kiosk_window_start_visit (self, NULL);
}

static void
cg_kiosk_window_init (CgKioskWindow *self)
{
  GtkEventController *keys;
  GtkGesture *touch;

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css (GTK_WIDGET (self));
  /* The kiosk's colours are its own (kiosk.css); libadwaita's dark style
   * would put light text on them. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  cg_store_watch_init (&self->watch, watched_types, on_store_changed, self);
  cg_store_watch_set_filter (&self->watch, watch_filter);

  g_signal_connect (self->start_button, "clicked", G_CALLBACK (on_start_clicked), self);
  g_signal_connect (self->language_ko_button, "clicked", G_CALLBACK (on_start_clicked), self);
  g_signal_connect (self->language_en_button, "clicked", G_CALLBACK (on_start_clicked), self);
  g_signal_connect (self->idle_continue, "clicked", G_CALLBACK (on_idle_continue), self);
  g_signal_connect (self->exit_cancel, "clicked", G_CALLBACK (on_exit_cancel), self);
  g_signal_connect (self->exit_confirm, "clicked", G_CALLBACK (on_exit_confirm), self);
  g_signal_connect (self->exit_entry, "activate", G_CALLBACK (on_exit_confirm), self);

  make_exit_keypad (self);

  /* Lockdown keys, before anything in the window sees them. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, "kiosk-lockdown");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_lockdown_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  /* The staff exit corner: a long press there, held. */
  self->exit_gesture = gtk_gesture_long_press_new ();
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (self->exit_gesture), "kiosk-exit-hold");
  gtk_gesture_long_press_set_delay_factor (GTK_GESTURE_LONG_PRESS (self->exit_gesture), 2.0);
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (self->exit_gesture), FALSE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->exit_gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (self->exit_gesture, "pressed", G_CALLBACK (on_exit_long_press), self);
  g_signal_connect (self->exit_gesture, "end", G_CALLBACK (on_exit_hold_stopped), self);
  g_signal_connect (self->exit_gesture, "cancel", G_CALLBACK (on_exit_hold_stopped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->exit_gesture));

  touch = gtk_gesture_click_new ();
  g_signal_connect (touch, "released", G_CALLBACK (on_attract_released), self);
  gtk_widget_add_controller (self->attract_page, GTK_EVENT_CONTROLLER (touch));

  self->idle = cg_idle_monitor_new (GTK_WIDGET (self), 60 * 1000);
  cg_idle_monitor_set_enabled (self->idle, FALSE);
  g_signal_connect (self->idle, "idle", G_CALLBACK (on_idle), self);

  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (on_fullscreened), NULL);
}

GtkWidget *
cg_kiosk_window_new (GtkApplication *app,
                     CgStore        *store)
{
  CgKioskWindow *self;

  g_return_val_if_fail (app == NULL || GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  self = g_object_new (CG_TYPE_KIOSK_WINDOW, "application", app, NULL);
  cg_store_watch_set_store (&self->watch, store);
  /* What the device already has, then the kiosk's settings from it. */
  cg_config_refresh (store);
  cg_kiosk_window_reload_settings (self);
  self->device_tick_id = g_timeout_add_seconds (DEVICE_TICK_S, device_tick_cb, self);
  self->minute_tick_id = g_timeout_add_seconds (60, minute_tick, self);
  show_attract (self);
  gtk_window_fullscreen (GTK_WINDOW (self));
  return GTK_WIDGET (self);
}

CgStore *
cg_kiosk_window_get_store (CgKioskWindow *self)
{
  g_return_val_if_fail (CG_IS_KIOSK_WINDOW (self), NULL);
  return self->watch.store;
}

void
cg_kiosk_window_set_sync_manager (CgKioskWindow *self,
                                  CgSyncManager *manager)
{
  g_return_if_fail (CG_IS_KIOSK_WINDOW (self));

  if (self->sync != NULL)
    cg_sync_manager_stop (self->sync);
  g_set_object (&self->sync, manager);
  if (manager != NULL)
    {
      device_tick (self);
      cg_sync_manager_start (manager);
    }
}

const char *
cg_kiosk_window_get_screen (CgKioskWindow *self)
{
  g_return_val_if_fail (CG_IS_KIOSK_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
cg_kiosk_window_get_flow (CgKioskWindow *self)
{
  g_return_val_if_fail (CG_IS_KIOSK_WINDOW (self), NULL);
  return self->flow;
}

gboolean
cg_kiosk_window_is_idle_warning_shown (CgKioskWindow *self)
{
  g_return_val_if_fail (CG_IS_KIOSK_WINDOW (self), FALSE);
  return gtk_widget_get_visible (self->idle_panel);
}

gboolean
cg_kiosk_window_is_exit_shown (CgKioskWindow *self)
{
  g_return_val_if_fail (CG_IS_KIOSK_WINDOW (self), FALSE);
  return gtk_widget_get_visible (self->exit_panel);
}
