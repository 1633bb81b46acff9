/* cg-window.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The staff workspace window: search in the header bar, results on the
 * left, the customer on the right; status pages when the store cannot be
 * opened, holds no customers yet, or demo data is being written.
 *
 * Which page is shown is decided by cg-view-state.c from (store, loading,
 * number of customers, query, number of results); update_view() and
 * update_results_view() only apply that answer. The store's "changed"
 * signal schedules one refresh at idle, so a burst of commits (a sync
 * batch) costs one search and one page load.
 */
#define G_LOG_DOMAIN "cg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-customer-list-model.h"
#include "cg-customer-page.h"
#include "cg-customer-row.h"
#include "cg-demo.h"
#include "cg-format.h"
#include "cg-sign-in-page.h"
#include "cg-sync-indicator.h"
#include "cg-window-private.h"

G_DEFINE_FINAL_TYPE (CgWindow, cg_window, ADW_TYPE_APPLICATION_WINDOW)

static void refresh (CgWindow *self);

/* ---------------------------------------------------------------- demo job */

static DemoJob *
demo_job_new (const char *path,
              guint       customers,
              guint64     seed)
{
  DemoJob *job = g_atomic_rc_box_new0 (DemoJob);

  job->path = g_strdup (path);
  job->customers = customers;
  job->seed = seed;
  job->total = customers;
  g_mutex_init (&job->lock);
  return job;
}

static void
demo_job_clear (DemoJob *job)
{
  g_free (job->path);
  g_mutex_clear (&job->lock);
}

static void
demo_job_unref (DemoJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) demo_job_clear);
}

static DemoJob *
demo_job_ref (DemoJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

/* ------------------------------------------------------------------- views */

static void
toast (CgWindow   *self,
       const char *text)
{
  AdwToast *t;

  if (self->toast_overlay == NULL)
    return;
  t = adw_toast_new (text);
  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

void
cg_window_toast (CgWindow   *self,
                 const char *message)
{
  toast (self, message);
}

/* A device receiving its store for the first time (nothing to show yet). */
static gboolean
first_sync_running (CgWindow *self)
{
  CgSyncState state;

  if (self->sync == NULL || self->has_customers)
    return FALSE;
  state = cg_sync_manager_get_state (self->sync);
  return state == CG_SYNC_STATE_CONNECTING || state == CG_SYNC_STATE_PULLING;
}

CgWindowView
cg_window_get_view (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), CG_WINDOW_VIEW_ERROR);
  CgWindowView view = cg_window_view_for (self->store != NULL, self->loading, self->has_customers);

  view = cg_window_view_with_sync (view, first_sync_running (self));
  return cg_window_view_with_session (view, self->session != NULL && !self->locked);
}

static void
update_actions (CgWindow *self)
{
  CgWindowView view = cg_window_get_view (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.focus-search",
                                 view == CG_WINDOW_VIEW_WORKSPACE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo",
                                 view == CG_WINDOW_VIEW_EMPTY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-demo",
                                 view == CG_WINDOW_VIEW_LOADING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now",
                                 self->sync != NULL);
  /* Everything that reaches customers' data needs the workspace. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-case",
                                 view == CG_WINDOW_VIEW_WORKSPACE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock",
                                 view == CG_WINDOW_VIEW_WORKSPACE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out",
                                 self->session != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->new_case_button), view == CG_WINDOW_VIEW_WORKSPACE);
  gtk_widget_set_visible (GTK_WIDGET (self->staff_button), self->session != NULL);
}

static void
update_view (CgWindow *self)
{
  CgWindowView view = cg_window_get_view (self);
  const char *page = "workspace";

  switch (view)
    {
    case CG_WINDOW_VIEW_ERROR:
      page = "error";
      break;
    case CG_WINDOW_VIEW_EMPTY:
      page = "empty";
      break;
    case CG_WINDOW_VIEW_LOADING:
      page = "loading";
      break;
    case CG_WINDOW_VIEW_WORKSPACE:
      page = "workspace";
      break;
    case CG_WINDOW_VIEW_FIRST_SYNC:
      page = "first-sync";
      break;
    case CG_WINDOW_VIEW_SIGN_IN:
      page = "sign-in";
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_stack_set_visible_child_name (self->main_stack, page);
  gtk_stack_set_visible_child_name (self->title_stack,
                                    view == CG_WINDOW_VIEW_WORKSPACE ? "search" : "title");
  /* Typing anywhere searches only in the workspace; on the sign-in page
   * it must reach the staff id field (found by running the app: the
   * typed id went to the hidden search box and Return opened the menu). */
  gtk_search_entry_set_key_capture_widget (self->search_entry,
                                           view == CG_WINDOW_VIEW_WORKSPACE ? GTK_WIDGET (self) : NULL);
  if (view == CG_WINDOW_VIEW_SIGN_IN && self->shown_view != CG_WINDOW_VIEW_SIGN_IN)
    cg_sign_in_page_focus (self->sign_in_page);
  self->shown_view = view;
  update_actions (self);
}

void
cg_window_update_view (CgWindow *self)
{
  update_view (self);
}

static void
update_results_view (CgWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint n = self->results ? g_list_model_get_n_items (G_LIST_MODEL (self->results)) : 0;
  guint n_numbers = self->n_number_matches;
  g_autofree char *caption = cg_results_caption (n, CG_SEARCH_LIMIT);
  gboolean showing_customer = cg_window_get_shown_customer_id (self) != NULL;
  CgContentView content = cg_content_view_for (query, showing_customer);

  /* The orders and cases above the customers count as results too. */
  switch (cg_results_view_for (query, n + n_numbers))
    {
    case CG_RESULTS_VIEW_PROMPT:
      gtk_stack_set_visible_child_name (self->results_stack, "prompt");
      break;
    case CG_RESULTS_VIEW_NONE_FOUND:
      gtk_stack_set_visible_child_name (self->results_stack, "none");
      break;
    case CG_RESULTS_VIEW_LIST:
      gtk_stack_set_visible_child_name (self->results_stack, "list");
      break;
    default:
      g_assert_not_reached ();
    }

  switch (content)
    {
    case CG_CONTENT_VIEW_PROMPT:
      gtk_stack_set_visible_child_name (self->content_stack, "prompt");
      break;
    case CG_CONTENT_VIEW_NONE_SELECTED:
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      break;
    case CG_CONTENT_VIEW_CUSTOMER:
      gtk_stack_set_visible_child_name (self->content_stack, "customer");
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_pane), cg_results_pane_visible (content));

  gtk_label_set_text (self->results_caption, caption ? caption : "");
  gtk_widget_set_visible (GTK_WIDGET (self->results_caption), caption != NULL);
  if (cg_results_truncated (n, CG_SEARCH_LIMIT))
    gtk_widget_add_css_class (GTK_WIDGET (self->results_caption), "truncated");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->results_caption), "truncated");
}

/* Whether the store holds any customer: one index probe, not a count
 * (counting visits every customer, in the way of the first frame). */
static void
check_for_customers (CgWindow *self)
{
  self->has_customers = self->store != NULL && cg_store_has_documents (self->store, "customer");
}

/* ------------------------------------------------------------------ search */

static void
run_search (CgWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->results == NULL)
    return;
  if (!cg_customer_list_model_set_query (self->results, query, &error))
    toast (self, error->message);
  self->n_number_matches = cg_window_update_number_matches (self, query);
  /* Search is global: whatever section is open, results show here. */
  if (cg_results_view_for (query, 0) != CG_RESULTS_VIEW_PROMPT)
    cg_window_select_section (self, CG_SECTION_CUSTOMERS);
  update_results_view (self);
}

static gboolean
cleared_search_cb (gpointer user_data)
{
  CgWindow *self = user_data;

  self->cleared_source = 0;
  /* Not empty any more: the entry's own delayed signal follows. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    run_search (self);
  return G_SOURCE_REMOVE;
}

static void
on_search_entry_search_changed (GtkSearchEntry *entry,
                                CgWindow       *self)
{
  /* GtkSearchEntry reports an empty text at once, without its delay, and
   * replacing the text (select all, type) passes through "": look again
   * once the current event is done, so the prompt does not flash up. */
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) == '\0')
    {
      if (self->cleared_source == 0)
        self->cleared_source = g_idle_add (cleared_search_cb, self);
      return;
    }
  g_clear_handle_id (&self->cleared_source, g_source_remove);
  run_search (self);
}

static void
on_search_entry_activated (GtkSearchEntry *entry,
                           CgWindow       *self)
{
  /* Enter opens the first match; the text stays for refining. */
  if (self->results == NULL)
    return;
  /* The entry may still be waiting out its search delay. */
  if (g_strcmp0 (cg_customer_list_model_get_query (self->results),
                 gtk_editable_get_text (GTK_EDITABLE (entry))) != 0)
    run_search (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
}

static void
on_search_entry_stop_search (GtkSearchEntry *entry,
                             CgWindow       *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static gboolean
on_search_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       CgWindow              *self)
{
  /* Down from the search box walks into the results. */
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) == 0 &&
      self->results != NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    {
      if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
        gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->results_view));
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

/* ----------------------------------------------------------------- results */

static void
on_row_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, cg_customer_row_new ());
}

static void
on_row_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  cg_customer_row_set_summary (CG_CUSTOMER_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}

static void
on_row_unbind (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  cg_customer_row_set_summary (CG_CUSTOMER_ROW (gtk_list_item_get_child (item)), NULL);
}

/* The customer page: made when a customer is first opened, or in the idle
 * after the first frame (cg_window_sections_load()). Building it from its
 * template took 45 ms of start-up before the first frame, for a page that
 * shows only after a sign-in and a search (tests/bench/cg-bench-app.c). */
CgCustomerPage *
cg_window_ensure_customer_page (CgWindow *self)
{
  if (self->customer_page == NULL)
    {
      self->customer_page = CG_CUSTOMER_PAGE (cg_customer_page_new ());
      if (self->store != NULL)
        cg_customer_page_set_store (self->customer_page, self->store);
      cg_customer_page_set_session (self->customer_page, self->session);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->customer_page), "customer");
    }
  return self->customer_page;
}

/* The id of the customer whose page is open, or NULL. */
const char *
cg_window_get_shown_customer_id (CgWindow *self)
{
  return self->customer_page != NULL ? cg_customer_page_get_customer_id (self->customer_page) : NULL;
}

gboolean
cg_window_show_customer (CgWindow   *self,
                         const char *id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!cg_customer_page_load (cg_window_ensure_customer_page (self), id, &error))
    {
      toast (self, error->message);
      update_results_view (self);
      return FALSE;
    }
  update_results_view (self);
  return TRUE;
}

static void
on_selection_changed (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      CgWindow           *self)
{
  CgCustomerSummary *summary;
  const char *id;

  if (self->restoring_selection)
    return;
  summary = gtk_single_selection_get_selected_item (selection);
  if (summary == NULL)
    return;   /* keep showing the customer until another is chosen */
  id = cg_customer_summary_get_id (summary);
  if (id == NULL || g_strcmp0 (id, cg_window_get_shown_customer_id (self)) == 0)
    return;
  cg_window_show_customer (self, id);
}

/* ----------------------------------------------------------------- refresh */

static void
refresh_results (CgWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_single_selection_get_selected (self->selection);
  gint64 rowid = cg_customer_list_model_get_rowid (self->results, selected);

  if (cg_customer_list_model_get_query (self->results) == NULL)
    return;

  self->restoring_selection = TRUE;
  if (!cg_customer_list_model_refresh (self->results, &error))
    toast (self, error->message);
  if (rowid >= 0)
    gtk_single_selection_set_selected (self->selection,
                                       cg_customer_list_model_find_rowid (self->results, rowid));
  self->restoring_selection = FALSE;
  update_results_view (self);
}

static void
refresh (CgWindow *self)
{
  g_autoptr(GError) error = NULL;
  CgWindowView before = cg_window_get_view (self);

  if (self->store == NULL)
    return;

  /* A sync may have brought a new configuration. */
  cg_window_device_tick (self);

  /* Only while the answer decides the page (no customers yet). */
  if (before != CG_WINDOW_VIEW_WORKSPACE)
    check_for_customers (self);
  update_view (self);
  if (cg_window_get_view (self) != CG_WINDOW_VIEW_WORKSPACE)
    return;

  refresh_results (self);
  if (cg_window_get_shown_customer_id (self) != NULL &&
      !cg_customer_page_reload (self->customer_page, &error))
    {
      /* Deleted meanwhile: the page is cleared. */
      toast (self, error->message);
      update_results_view (self);
    }
}

static gboolean
refresh_cb (gpointer user_data)
{
  CgWindow *self = user_data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (CgStore    *store,
                  const char *id,
                  const char *type,
                  CgWindow   *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_cb, self, NULL);
}

/* --------------------------------------------------------------- demo data */

static void
demo_progress_cb (guint64  done,
                  guint64  total,
                  gpointer user_data)
{
  DemoJob *job = user_data;

  /* Worker thread. */
  g_mutex_lock (&job->lock);
  job->done = done;
  job->total = total;
  g_mutex_unlock (&job->lock);
}

static void
demo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DemoJob *job = task_data;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CgDemoOptions options = { 0 };

  /* Never share a CgStore across threads: this one is the worker's own
   * connection to the same file; WAL lets the window keep reading. */
  store = cg_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  options.customers = job->customers;
  options.seed = job->seed;
  options.articles = TRUE;
  if (!cg_demo_generate (store, &options, demo_progress_cb, job, cancellable,
                         &job->counts, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
show_progress (CgWindow *self)
{
  g_autofree char *text = NULL;
  guint64 done, total;

  if (self->demo_job == NULL)
    return;
  g_mutex_lock (&self->demo_job->lock);
  done = self->demo_job->done;
  total = self->demo_job->total;
  g_mutex_unlock (&self->demo_job->lock);

  text = cg_demo_progress_text (done, total);
  gtk_progress_bar_set_fraction (self->demo_progress,
                                 total > 0 ? (double) MIN (done, total) / (double) total : 0.0);
  gtk_label_set_text (self->demo_progress_label, text);
}

static gboolean
progress_cb (gpointer user_data)
{
  show_progress (CG_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static void
stop_loading (CgWindow *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_pointer (&self->demo_job, demo_job_unref);
  g_clear_object (&self->demo_cancellable);
  self->loading = FALSE;
  if (self->held_application != NULL)
    {
      g_application_release (self->held_application);
      g_clear_object (&self->held_application);
    }
}

static void
on_demo_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CgWindow *self = CG_WINDOW (source);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GError) error = NULL;
  DemoJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->toast_overlay != NULL &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, CG_STORE_ERROR, CG_STORE_ERROR_CANCELLED))
        {
          g_autofree char *text =
            /* Translators: %s is the reason, written for people. */
            g_strdup_printf (_("Could not load the demo data: %s"), error->message);
          toast (self, text);
        }
    }
  else if (self->toast_overlay != NULL)
    {
      g_autofree char *count = cg_format_count ((gint64) job->counts.customers);
      g_autofree char *text =
        /* Translators: %s is a number of customers, "1,000". */
        g_strdup_printf (ngettext ("Demo data loaded: %s customer",
                                   "Demo data loaded: %s customers",
                                   (gulong) job->counts.customers), count);
      toast (self, text);
    }

  stop_loading (self);
  /* The worker wrote through its own connection: this store emitted no
   * "changed", so look again now. */
  if (self->toast_overlay != NULL)
    {
      check_for_customers (self);
      refresh (self);
    }

  if (error != NULL)
    g_task_return_error (outer, g_steal_pointer (&error));
  else
    g_task_return_boolean (outer, TRUE);
}

void
cg_window_load_demo_async (CgWindow           *self,
                           guint               customers,
                           guint64             seed,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  GApplication *application;

  g_return_if_fail (CG_IS_WINDOW (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, cg_window_load_demo_async);

  if (self->store == NULL || self->loading)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_BUSY,
                               "%s", _("Demo data can only be loaded into an open, empty store."));
      return;
    }

  self->loading = TRUE;
  self->demo_job = demo_job_new (cg_store_get_path (self->store), customers, seed);
  self->demo_cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (application != NULL)
    {
      /* The worker finishes (or notices the cancel) before the app exits. */
      self->held_application = g_object_ref (application);
      g_application_hold (application);
    }

  show_progress (self);
  self->progress_source = g_timeout_add (100, progress_cb, self);
  update_view (self);

  task = g_task_new (self, self->demo_cancellable, on_demo_written, g_steal_pointer (&outer));
  g_task_set_source_tag (task, cg_window_load_demo_async);
  g_task_set_task_data (task, demo_job_ref (self->demo_job), (GDestroyNotify) demo_job_unref);
  g_task_run_in_thread (task, demo_thread);
}

gboolean
cg_window_load_demo_finish (CgWindow      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----------------------------------------------------------------- actions */

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  /* 1,000 customers: a realistic store in a few seconds. */
  cg_window_load_demo_async (CG_WINDOW (widget), 1000, 1, NULL, NULL, NULL);
}

static void
cancel_demo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  if (self->demo_cancellable != NULL)
    g_cancellable_cancel (self->demo_cancellable);
}

/* ------------------------------------------------------------------ object */

static void
cg_window_dispose (GObject *object)
{
  CgWindow *self = CG_WINDOW (object);

  if (self->demo_cancellable != NULL)
    g_cancellable_cancel (self->demo_cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->cleared_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  cg_window_dispose_session (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_WINDOW);
  /* The template's children are gone: callbacks still to come check these. */
  self->toast_overlay = NULL;

  if (self->sync != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync, self);
      cg_sync_manager_stop (self->sync);
      g_clear_object (&self->sync);
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->results);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cg_window_parent_class)->dispose (object);
}

static void
on_sync_notify (CgWindow *self)
{
  guint64 done = cg_sync_manager_get_done (self->sync);
  guint64 total = cg_sync_manager_get_total (self->sync);

  if (!self->has_customers)
    check_for_customers (self);
  if (cg_window_get_view (self) == CG_WINDOW_VIEW_FIRST_SYNC)
    {
      g_autofree char *text = cg_first_sync_progress_text (done, total);
      if (total > 0)
        gtk_progress_bar_set_fraction (self->first_sync_progress, CLAMP ((double) done / total, 0, 1));
      else
        gtk_progress_bar_pulse (self->first_sync_progress);
      gtk_label_set_label (self->first_sync_label, text);
    }
  update_view (self);
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  if (self->sync != NULL)
    cg_sync_manager_sync_now (self->sync);
}

/**
 * cg_window_set_sync_manager:
 * @manager: (nullable): syncs the window's store, or %NULL (local only)
 * @problem: (nullable): why sync is not possible (shown as stopped sync)
 *
 * The window shows the manager's status and starts it.
 */
void
cg_window_set_sync_manager (CgWindow      *self,
                            CgSyncManager *manager,
                            const char    *problem)
{
  g_return_if_fail (CG_IS_WINDOW (self));

  if (self->sync != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync, self);
      cg_sync_manager_stop (self->sync);
    }
  g_set_object (&self->sync, manager);
  cg_sync_indicator_set_manager (self->sync_indicator, manager, problem);
  if (manager != NULL)
    cg_window_device_tick (self);
  if (manager != NULL)
    {
      g_signal_connect_swapped (manager, "notify::state", G_CALLBACK (on_sync_notify), self);
      g_signal_connect_swapped (manager, "notify::done", G_CALLBACK (on_sync_notify), self);
      cg_sync_manager_start (manager);
    }
  update_view (self);
}

CgSyncManager *
cg_window_get_sync_manager (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);
  return self->sync;
}

static void
cg_window_finalize (GObject *object)
{
  CgWindow *self = CG_WINDOW (object);

  g_free (self->store_path);
  g_free (self->store_error);
  G_OBJECT_CLASS (cg_window_parent_class)->finalize (object);
}

static void
cg_window_class_init (CgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_window_dispose;
  object_class->finalize = cg_window_finalize;

  g_type_ensure (CG_TYPE_SYNC_INDICATOR);
  g_type_ensure (CG_TYPE_SIGN_IN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CgWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, first_sync_progress);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, first_sync_label);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, demo_progress);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, demo_progress_label);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, results_pane);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, results_stack);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, results_caption);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, results_view);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, new_case_button);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, staff_button);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, staff_label);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, section_list);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, section_stack);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, number_list);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, config_banner);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, config_banner_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_row_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_row_unbind);

  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-demo", NULL, cancel_demo_action);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.sync-now", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  cg_window_class_init_session (widget_class);
}

static void
cg_window_init (CgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown_view = (CgWindowView) -1;
  cg_window_init_sections (self);
}

/**
 * cg_window_new:
 * @application: the application
 * @store: (nullable): the open store
 * @store_path: the store's file, for the title and for workers
 * @error_message: (nullable): why @store is %NULL
 *
 * Returns: (transfer none): a new window (owned by GTK's window list)
 */
CgWindow *
cg_window_new (GtkApplication *application,
               CgStore        *store,
               const char     *store_path,
               const char     *error_message)
{
  CgWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || CG_IS_STORE (store), NULL);

  self = g_object_new (CG_TYPE_WINDOW, "application", application, NULL);
  self->store_path = g_strdup (store_path);

  if (store == NULL)
    {
      g_autofree char *escaped = NULL;

      self->store_error = g_strdup (error_message ? error_message : _("Unknown error."));
      /* The description is Pango markup: the message is plain text. */
      escaped = g_markup_escape_text (self->store_error, -1);
      adw_status_page_set_description (self->error_page, escaped);
    }
  else
    {
      self->store = g_object_ref (store);
      self->store_changed_id = g_signal_connect (store, "changed",
                                                 G_CALLBACK (on_store_changed), self);
      self->results = cg_customer_list_model_new (store, CG_SEARCH_LIMIT);
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (self->selection));
      g_signal_connect (self->selection, "notify::selected",
                        G_CALLBACK (on_selection_changed), self);
      cg_window_sections_set_store (self, store);
      check_for_customers (self);
    }

  update_view (self);
  update_results_view (self);
  return self;
}

CgStore *
cg_window_get_store (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);
  return self->store;
}

const char *
cg_window_get_store_path (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);
  return self->store_path;
}

GListModel *
cg_window_get_results (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);
  return self->results ? G_LIST_MODEL (self->results) : NULL;
}
