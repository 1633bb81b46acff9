/* cg-window-session.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's sign-in, lock and roles, its sections, and the actions by
 * which pages open each other (cg-ui-util.h lists them).
 *
 * States: signed out (session NULL) → signed in (session set, unlocked)
 * → locked (session kept, sign-in page shown) → signed in again, as the
 * same or another person. Ctrl+L and the inactivity timeout lock; "Sign
 * Out" drops the session. The sign-in page covers the workspace only: a
 * device with no store or no customers yet shows its set-up pages, which
 * hold no customer data (cg_window_view_with_session()).
 */
#define G_LOG_DOMAIN "cg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-case-page.h"
#include "cg-cases-page.h"
#include "cg-conflicts-page.h"
#include "cg-format.h"
#include "cg-knowledge-page.h"
#include "cg-new-case-dialog.h"
#include "cg-order-page.h"
#include "cg-orders-page.h"
#include "cg-preferences-window.h"
#include "cg-queue-page.h"
#include "cg-reports-page.h"
#include "cg-ui-util.h"
#include "cg-window-private.h"

/* Default inactivity before the counter locks itself (UX.md, config later). */
#define DEFAULT_LOCK_TIMEOUT_MS (5 * 60 * 1000)

typedef struct {
  const char *icon;
  const char *label;    /* N_() */
} SectionInfo;

static const SectionInfo section_info[CG_N_SECTIONS] = {
  [CG_SECTION_QUEUE] = { "view-list-ordered-symbolic", N_("Queue") },
  [CG_SECTION_CUSTOMERS] = { "system-users-symbolic", N_("Customers") },
  [CG_SECTION_CASES] = { "mail-unread-symbolic", N_("Cases") },
  [CG_SECTION_ORDERS] = { "package-x-generic-symbolic", N_("Orders") },
  [CG_SECTION_KNOWLEDGE] = { "help-faq-symbolic", N_("Knowledge") },
  [CG_SECTION_REPORTS] = { "x-office-presentation-symbolic", N_("Reports") },
  [CG_SECTION_CONFLICTS] = { "dialog-warning-symbolic", N_("Conflicts") },
};

static void on_idle (CgIdleMonitor *monitor,
                     CgWindow      *self);
static void apply_settings (CgWindow *self);
static gboolean device_tick_cb (gpointer user_data);

/* Seconds between two rounds of the device agent while the app runs: the
 * device report is written at most once a minute anyway. */
#define DEVICE_TICK_S 60

/* -------------------------------------------------------------- sections */

static GtkWidget *
section_row_new (CgSection section)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (section_info[section].icon);
  GtkWidget *label = gtk_label_new (_(section_info[section].label));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(section_info[section].label),
                                  -1);
  g_object_set_data (G_OBJECT (row), "cg-section", GINT_TO_POINTER (section));
  return row;
}

static void
add_section_page (CgWindow  *self,
                  CgSection  section,
                  GtkWidget *page)
{
  self->section_pages[section] = page;
  gtk_stack_add_named (self->section_stack, page, cg_section_to_string (section));
}

/* A list on the left and the chosen item on the right, as in Customers;
 * @detail_stack shows @empty_title until an item is opened. */
static GtkWidget *
list_and_detail (GtkWidget   *list,
                 GtkWidget   *detail,
                 const char  *empty_icon,
                 const char  *empty_title,
                 const char  *empty_description,
                 GtkWidget  **detail_stack)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *empty = adw_status_page_new ();

  gtk_widget_set_size_request (list, 420, -1);
  gtk_widget_set_hexpand (list, FALSE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), empty_icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), empty_title);
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), empty_description);
  gtk_stack_add_named (GTK_STACK (stack), empty, "none");
  gtk_stack_add_named (GTK_STACK (stack), detail, "detail");
  gtk_widget_set_hexpand (stack, TRUE);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (box), stack);
  *detail_stack = stack;
  return box;
}

/* The pages of every section but Customers (which is in the window's
 * template): made once, when first needed, or in the idle after the first
 * frame. Building them took 40-90 ms of start-up before the first frame,
 * for pages nobody sees until they sign in (tests/bench/cg-bench-app.c). */
static void
ensure_section_pages (CgWindow *self)
{
  if (self->section_pages[CG_SECTION_QUEUE] != NULL)
    return;

  add_section_page (self, CG_SECTION_QUEUE, cg_queue_page_new ());

  self->cases_page = cg_cases_page_new ();
  self->case_page = cg_case_page_new ();
  add_section_page (self, CG_SECTION_CASES,
                    list_and_detail (self->cases_page, self->case_page, "mail-unread-symbolic",
                                     _("No Case Selected"),
                                     _("Choose a case from the list, or press Ctrl+N to open a new one."),
                                     &self->case_stack));

  self->orders_page = cg_orders_page_new ();
  self->order_page = cg_order_page_new ();
  add_section_page (self, CG_SECTION_ORDERS,
                    list_and_detail (self->orders_page, self->order_page, "package-x-generic-symbolic",
                                     _("No Order Selected"),
                                     _("Choose an order ready for pickup, or search for an order number."),
                                     &self->order_stack));

  self->knowledge_page = cg_knowledge_page_new ();
  add_section_page (self, CG_SECTION_KNOWLEDGE, self->knowledge_page);
  add_section_page (self, CG_SECTION_REPORTS, cg_reports_page_new ());
  add_section_page (self, CG_SECTION_CONFLICTS, cg_conflicts_page_new ());
}

void
cg_window_init_sections (CgWindow *self)
{
  for (CgSection s = 0; s < CG_N_SECTIONS; s++)
    {
      self->section_rows[s] = section_row_new (s);
      gtk_list_box_append (self->section_list, self->section_rows[s]);
    }
  self->section_pages[CG_SECTION_CUSTOMERS] =
    gtk_stack_get_child_by_name (self->section_stack, "customers");

  self->idle_monitor = cg_idle_monitor_new (GTK_WIDGET (self), DEFAULT_LOCK_TIMEOUT_MS);
  cg_idle_monitor_set_enabled (self->idle_monitor, FALSE);
  g_signal_connect (self->idle_monitor, "idle", G_CALLBACK (on_idle), self);
  gtk_list_box_select_row (self->section_list,
                           GTK_LIST_BOX_ROW (self->section_rows[CG_SECTION_CUSTOMERS]));
}

static gboolean
sections_load_cb (gpointer data)
{
  CgWindow *self = data;

  self->sections_load_id = 0;
  cg_window_sections_load (self);
  return G_SOURCE_REMOVE;
}

void
cg_window_sections_set_store (CgWindow *self,
                              CgStore  *store)
{
  /* The settings in force when the app starts (SLA targets, categories),
   * then, once the window is up, whatever arrived meanwhile, then a round
   * every minute. */
  cg_config_apply (store);
  apply_settings (self);
  self->device_tick_id = g_timeout_add_seconds (DEVICE_TICK_S, device_tick_cb, self);
  cg_sign_in_page_set_store (self->sign_in_page, store);
  /* The sign-in page is what shows first; the sections load their lists
   * (the queue, open cases, orders ready) behind it. On the 1M-customer
   * demo store that work and the first upkeep round were 450 ms before
   * the first frame (tests/bench/cg-bench-app.c). */
  self->sections_load_id = g_idle_add_full (G_PRIORITY_LOW, sections_load_cb, self, NULL);
}

/* Gives the sections' pages the store, once: from an idle after the first
 * frame, or sooner when someone signs in before it ran. */
void
cg_window_sections_load (CgWindow *self)
{
  CgStore *store = self->store;

  ensure_section_pages (self);
  if (self->sections_loaded || store == NULL)
    return;
  cg_window_ensure_customer_page (self);
  self->sections_loaded = TRUE;
  g_clear_handle_id (&self->sections_load_id, g_source_remove);
  cg_window_device_tick (self);
  cg_queue_page_set_store (CG_QUEUE_PAGE (self->section_pages[CG_SECTION_QUEUE]), store);
  cg_cases_page_set_store (CG_CASES_PAGE (self->cases_page), store);
  cg_case_page_set_store (CG_CASE_PAGE (self->case_page), store);
  cg_orders_page_set_store (CG_ORDERS_PAGE (self->orders_page), store);
  cg_order_page_set_store (CG_ORDER_PAGE (self->order_page), store);
  cg_knowledge_page_set_store (CG_KNOWLEDGE_PAGE (self->knowledge_page), store);
  cg_reports_page_set_store (CG_REPORTS_PAGE (self->section_pages[CG_SECTION_REPORTS]), store);
  cg_conflicts_page_set_store (CG_CONFLICTS_PAGE (self->section_pages[CG_SECTION_CONFLICTS]), store);
}

/* Every page acts as the signed-in person (NULL while signed out). */
static void
pages_set_session (CgWindow  *self,
                   CgSession *session)
{
  ensure_section_pages (self);
  if (self->customer_page != NULL)
    cg_customer_page_set_session (self->customer_page, session);
  cg_queue_page_set_session (CG_QUEUE_PAGE (self->section_pages[CG_SECTION_QUEUE]), session);
  cg_cases_page_set_session (CG_CASES_PAGE (self->cases_page), session);
  cg_case_page_set_session (CG_CASE_PAGE (self->case_page), session);
  cg_orders_page_set_session (CG_ORDERS_PAGE (self->orders_page), session);
  cg_order_page_set_session (CG_ORDER_PAGE (self->order_page), session);
  cg_knowledge_page_set_session (CG_KNOWLEDGE_PAGE (self->knowledge_page), session);
  cg_reports_page_set_session (CG_REPORTS_PAGE (self->section_pages[CG_SECTION_REPORTS]), session);
  cg_conflicts_page_set_session (CG_CONFLICTS_PAGE (self->section_pages[CG_SECTION_CONFLICTS]), session);
}

static void
on_section_list_row_selected (CgWindow      *self,
                              GtkListBoxRow *row)
{
  CgSection section;

  if (row == NULL)
    return;
  section = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cg-section"));
  if (section != CG_SECTION_CUSTOMERS)
    ensure_section_pages (self);
  gtk_stack_set_visible_child_name (self->section_stack, cg_section_to_string (section));
}

void
cg_window_select_section (CgWindow  *self,
                          CgSection  section)
{
  g_return_if_fail (section < CG_N_SECTIONS);
  gtk_list_box_select_row (self->section_list, GTK_LIST_BOX_ROW (self->section_rows[section]));
}

gboolean
cg_window_show_section (CgWindow   *self,
                        const char *name)
{
  CgSection section = cg_section_from_string (name);
  gboolean supervisor;

  g_return_val_if_fail (CG_IS_WINDOW (self), FALSE);

  cg_window_sections_load (self);
  supervisor = self->session != NULL && cg_session_is_supervisor (self->session);
  if (!cg_section_allowed (section, supervisor))
    return FALSE;
  cg_window_select_section (self, section);
  return TRUE;
}

const char *
cg_window_get_section (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->section_stack);
}

/* Shows only what the role may open; a supervisor-only section that is
 * open when an agent signs in gives way to Customers. */
static void
apply_role (CgWindow *self)
{
  gboolean supervisor = self->session != NULL && cg_session_is_supervisor (self->session);

  for (CgSection s = 0; s < CG_N_SECTIONS; s++)
    gtk_widget_set_visible (self->section_rows[s], cg_section_allowed (s, supervisor));
  if (!cg_section_allowed (cg_section_from_string (cg_window_get_section (self)), supervisor))
    cg_window_select_section (self, CG_SECTION_CUSTOMERS);
}

/* --------------------------------------------------------------- session */

void
cg_window_set_session (CgWindow  *self,
                       CgSession *session)
{
  g_return_if_fail (CG_IS_WINDOW (self));
  g_return_if_fail (session == NULL || CG_IS_SESSION (session));

  cg_window_sections_load (self);
  g_set_object (&self->session, session);
  self->locked = FALSE;
  pages_set_session (self, session);
  gtk_label_set_label (self->staff_label, session ? cg_session_get_name (session) : "");
  cg_idle_monitor_set_enabled (self->idle_monitor, session != NULL);
  if (session == NULL)
    cg_sign_in_page_reset (self->sign_in_page, NULL);
  apply_role (self);
  cg_window_update_view (self);
  if (session == NULL && cg_window_get_view (self) == CG_WINDOW_VIEW_SIGN_IN)
    cg_sign_in_page_focus (self->sign_in_page);
}

CgSession *
cg_window_get_session (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);
  return self->session;
}

/* The dialogs open over the window (new case, resolve, hand over, merge,
 * …), which are toplevels of their own. (transfer container) */
static GList *
dialogs_of (CgWindow *self)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GList *dialogs = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer) self &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (self))
      dialogs = g_list_prepend (dialogs, l->data);
  g_list_free (toplevels);
  return dialogs;
}

void
cg_window_lock (CgWindow *self)
{
  GList *dialogs;

  g_return_if_fail (CG_IS_WINDOW (self));

  if (self->session == NULL || self->locked)
    return;
  self->locked = TRUE;
  /* Nothing of a customer stays on top of the lock screen: a dialog that
   * was open is closed (what was typed into it is not saved). */
  dialogs = dialogs_of (self);
  for (GList *l = dialogs; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (dialogs);
  cg_idle_monitor_set_enabled (self->idle_monitor, FALSE);
  cg_sign_in_page_reset (self->sign_in_page, self->session);
  /* Nothing typed before the lock stays behind it. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  cg_window_update_view (self);
  cg_sign_in_page_focus (self->sign_in_page);
}

gboolean
cg_window_is_locked (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), FALSE);
  return self->locked;
}

void
cg_window_set_lock_timeout (CgWindow *self,
                            guint     timeout_ms)
{
  g_return_if_fail (CG_IS_WINDOW (self));
  cg_idle_monitor_set_timeout (self->idle_monitor, timeout_ms);
}

static void
on_idle (CgIdleMonitor *monitor,
         CgWindow      *self)
{
  g_autoptr(GList) dialogs = NULL;
  gboolean newly_watched = FALSE;

  if (cg_window_get_view (self) != CG_WINDOW_VIEW_WORKSPACE)
    return;
  /* Typing in a dialog is activity too. Dialogs are watched the first
   * time the timeout finds them open, and given one more period: someone
   * filling in a new case is not locked out mid-form, and a dialog left
   * open does not keep the counter unlocked for ever. */
  dialogs = dialogs_of (self);
  for (GList *l = dialogs; l != NULL; l = l->next)
    if (g_object_get_data (l->data, "cg-idle-watched") == NULL)
      {
        cg_idle_monitor_watch (monitor, l->data);
        g_object_set_data (l->data, "cg-idle-watched", GINT_TO_POINTER (TRUE));
        newly_watched = TRUE;
      }
  if (newly_watched)
    {
      cg_idle_monitor_poke (monitor);
      return;
    }
  cg_window_lock (self);
}

static void
on_sign_in_page_signed_in (CgWindow  *self,
                           CgSession *session)
{
  cg_window_set_session (self, session);
}

/* ---------------------------------------------------------------- actions */

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cg_window_lock (CG_WINDOW (widget));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  cg_window_set_session (CG_WINDOW (widget), NULL);
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  cg_window_show_section (CG_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  cg_window_select_section (self, CG_SECTION_CUSTOMERS);
  cg_window_show_customer (self, g_variant_get_string (parameter, NULL));
}

static void
show_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  ensure_section_pages (self);
  cg_window_select_section (self, CG_SECTION_CASES);
  if (!cg_case_page_load (CG_CASE_PAGE (self->case_page), g_variant_get_string (parameter, NULL), &error))
    {
      cg_window_toast (self, error->message);
      gtk_stack_set_visible_child_name (GTK_STACK (self->case_stack), "none");
      return;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->case_stack), "detail");
}

static void
show_order_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  ensure_section_pages (self);
  cg_window_select_section (self, CG_SECTION_ORDERS);
  if (!cg_order_page_load (CG_ORDER_PAGE (self->order_page), g_variant_get_string (parameter, NULL), &error))
    {
      cg_window_toast (self, error->message);
      gtk_stack_set_visible_child_name (GTK_STACK (self->order_stack), "none");
      return;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->order_stack), "detail");
}

static void
show_article_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  ensure_section_pages (self);
  cg_window_select_section (self, CG_SECTION_KNOWLEDGE);
  if (!cg_knowledge_page_show_article (CG_KNOWLEDGE_PAGE (self->knowledge_page),
                                       g_variant_get_string (parameter, NULL)))
    cg_window_toast (self, _("This article is not on this device any more."));
}

static void
on_case_created (GtkWidget  *dialog,
                 const char *case_id,
                 CgWindow   *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-case", "s", case_id);
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  const char *customer_id = g_variant_get_string (parameter, NULL);
  GtkWidget *dialog;

  if (self->store == NULL || self->session == NULL || self->locked)
    return;
  /* Ctrl+N on a customer's page opens the case for that customer. */
  if (*customer_id == '\0' &&
      g_strcmp0 (cg_window_get_section (self), "customers") == 0)
    customer_id = cg_window_get_shown_customer_id (self);
  dialog = cg_new_case_dialog_new (GTK_WINDOW (self), self->store, self->session,
                                   customer_id != NULL && *customer_id != '\0' ? customer_id : NULL,
                                   NULL);
  g_signal_connect_object (dialog, "case-created", G_CALLBACK (on_case_created), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------- the device's own work */


static char *
timestamp_or_null (gint64 unix_time)
{
  g_autoptr(GDateTime) t = NULL;

  if (unix_time <= 0)
    return NULL;
  t = g_date_time_new_from_unix_utc (unix_time);
  return cg_json_timestamp (t);
}

/* What the settings from the region change in this window and its sync. */
static void
apply_settings (CgWindow *self)
{
  g_autoptr(JsonObject) effective = cg_config_dup_effective (self->store);
  JsonObject *sync = cg_json_get_object (effective, "sync");
  JsonObject *counter = cg_json_get_object (effective, "counter");
  gint64 value;

  if (counter != NULL && cg_json_get_int (counter, "lock_timeout_s", &value))
    cg_window_set_lock_timeout (self, (guint) value * 1000);
  if (self->sync != NULL && sync != NULL)
    {
      gint64 backoff_max;

      if (cg_json_get_int (sync, "interval_s", &value))
        cg_sync_manager_set_interval (self->sync, (guint) value);
      if (cg_json_get_int (sync, "backoff_max_s", &backoff_max))
        cg_sync_manager_set_backoff (self->sync, 1000, (guint) backoff_max * 1000);
      if (cg_json_get_int (sync, "batch_size", &value))
        cg_sync_manager_set_batch_size (self->sync, (guint) value);
      if (json_object_has_member (sync, "live"))
        cg_sync_manager_set_live (self->sync, json_object_get_boolean_member (sync, "live"));
    }
}

static void
show_config_warning (CgWindow *self)
{
  g_autoptr(JsonObject) rejection = cg_config_dup_rejection (self->store);
  g_autofree char *text = NULL;

  if (rejection == NULL)
    return;
  /* Translators: the first %s is a scope such as "store:0421", the second
   * the reason the device gives. */
  text = g_strdup_printf (_("Settings from your region (%s) were refused and not applied: %s Tell your regional admin."),
                          cg_json_get_string (rejection, "scope") ? cg_json_get_string (rejection, "scope") : "?",
                          cg_json_get_string (rejection, "reason") ? cg_json_get_string (rejection, "reason") : "");
  gtk_label_set_label (self->config_banner_label, text);
  gtk_revealer_set_reveal_child (self->config_banner, TRUE);
}

void
cg_window_device_tick (CgWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *last_pull = NULL;
  g_autofree char *last_push = NULL;
  CgDeviceSyncStatus status = { 0 };
  CgDeviceTick tick = { 0 };

  if (self->store == NULL)
    return;
  if (self->sync != NULL)
    {
      last_pull = timestamp_or_null (cg_sync_manager_get_last_pull (self->sync));
      last_push = timestamp_or_null (cg_sync_manager_get_last_push (self->sync));
      status.last_pull_at = last_pull;
      status.last_push_at = last_push;
      status.last_error = cg_sync_manager_get_error_message (self->sync);
    }
  if (!cg_device_agent_tick (self->store, self->sync ? &status : NULL, PACKAGE_VERSION,
                             g_get_real_time () / G_USEC_PER_SEC, &tick, &error))
    {
      g_message ("Device upkeep failed: %s", error->message);
      return;
    }
  if (tick.settings_changed)
    {
      apply_settings (self);
      cg_window_toast (self, _("New settings from your region are in effect."));
    }
  if (tick.new_rejection)
    show_config_warning (self);
}

static gboolean
device_tick_cb (gpointer user_data)
{
  cg_window_device_tick (user_data);
  return G_SOURCE_CONTINUE;
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (cg_preferences_window_new (GTK_WINDOW (self), self->store)));
}

static void
dismiss_config_warning_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (CG_WINDOW (widget)->config_banner, FALSE);
}

/* ---------------------------------------------------- orders and cases */

static GtkWidget *
number_row_new (CgNumberMatch *match)
{
  gboolean is_order = g_strcmp0 (cg_number_match_get_kind (match), "order") == 0;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (is_order ? "package-x-generic-symbolic"
                                                           : "mail-unread-symbolic");
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  g_autofree char *title_text = NULL;
  const char *detail;

  /* Translators: a search result, "Order W24001234" or "Case 0421-C1-000123". */
  title_text = g_strdup_printf (is_order ? _("Order %s") : _("Case %s"),
                                cg_number_match_get_number (match));
  detail = is_order ? cg_format_order_status (cg_number_match_get_status (match))
                    : cg_number_match_get_subject (match);
  gtk_label_set_label (GTK_LABEL (title), title_text);
  gtk_label_set_label (GTK_LABEL (subtitle), detail ? detail : "");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title_text, -1);
  g_object_set_data_full (G_OBJECT (row), "cg-kind",
                          g_strdup (cg_number_match_get_kind (match)), g_free);
  g_object_set_data_full (G_OBJECT (row), "cg-id",
                          g_strdup (cg_number_match_get_id (match)), g_free);
  return row;
}

guint
cg_window_update_number_matches (CgWindow   *self,
                                 const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->number_list))) != NULL)
    gtk_list_box_remove (self->number_list, child);

  if (self->store != NULL && query != NULL)
    matches = cg_store_search_numbers (self->store, query, 5, &error);
  if (error != NULL)
    cg_window_toast (self, error->message);
  for (guint i = 0; matches != NULL && i < matches->len; i++)
    gtk_list_box_append (self->number_list, number_row_new (g_ptr_array_index (matches, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->number_list), matches != NULL && matches->len > 0);
  return matches != NULL ? matches->len : 0;
}

static void
on_number_list_row_activated (CgWindow      *self,
                              GtkListBoxRow *row)
{
  const char *kind = g_object_get_data (G_OBJECT (row), "cg-kind");
  const char *id = g_object_get_data (G_OBJECT (row), "cg-id");

  gtk_widget_activate_action (GTK_WIDGET (self),
                              g_strcmp0 (kind, "order") == 0 ? "win.show-order" : "win.show-case",
                              "s", id);
}

/* ------------------------------------------------------------------ class */

void
cg_window_dispose_session (CgWindow *self)
{
  g_clear_handle_id (&self->device_tick_id, g_source_remove);
  g_clear_handle_id (&self->sections_load_id, g_source_remove);
  if (self->idle_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->idle_monitor, self);
  g_clear_object (&self->idle_monitor);
  g_clear_object (&self->session);
}

void
cg_window_class_init_session (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_page_signed_in);
  gtk_widget_class_bind_template_callback (widget_class, on_section_list_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_number_list_row_activated);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-config-warning", NULL,
                                   dismiss_config_warning_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.show-customer", "s", show_customer_action);
  gtk_widget_class_install_action (widget_class, "win.show-case", "s", show_case_action);
  gtk_widget_class_install_action (widget_class, "win.show-order", "s", show_order_action);
  gtk_widget_class_install_action (widget_class, "win.show-article", "s", show_article_action);
  gtk_widget_class_install_action (widget_class, "win.new-case", "s", new_case_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-case", "s", "");
  /* Alt+1 … Alt+7 open the sections in sidebar order. */
  for (CgSection s = 0; s < CG_N_SECTIONS; s++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + s, GDK_ALT_MASK,
                                         "win.show-section", "s", cg_section_to_string (s));
}
