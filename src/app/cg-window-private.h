/* cg-window-private.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window's source files share: cg-window.c (store, states,
 * search, demo data, sync), cg-window-session.c (sign-in, lock, roles,
 * sections and navigation between pages).
 */
#pragma once

#include "cg-customer-list-model.h"
#include "cg-customer-page.h"
#include "cg-demo.h"
#include "cg-idle-monitor.h"
#include "cg-sign-in-page.h"
#include "cg-sync-indicator.h"
#include "cg-window.h"

G_BEGIN_DECLS

/* A demo-data job shared by the worker thread and the window's progress
 * timer: the worker writes done/total under the lock, the timer reads them.
 * Nothing else of the window is touched by the worker. */
typedef struct {
  char         *path;
  guint         customers;
  guint64       seed;
  GMutex        lock;
  guint64       done;
  guint64       total;
  CgDemoCounts  counts;
} DemoJob;

struct _CgWindow
{
  AdwApplicationWindow  parent_instance;

  CgStore              *store;
  char                 *store_path;
  char                 *store_error;
  gulong                store_changed_id;
  gboolean              has_customers;
  guint                 refresh_source;
  guint                 cleared_source;

  CgCustomerListModel  *results;
  GtkSingleSelection   *selection;
  gboolean              restoring_selection;

  gboolean              loading;
  DemoJob              *demo_job;
  GCancellable         *demo_cancellable;
  GApplication         *held_application;
  guint                 progress_source;

  CgSyncManager        *sync;

  /* who works here (cg-window-session.c) */
  CgSession            *session;
  gboolean              locked;
  CgIdleMonitor        *idle_monitor;
  GtkWidget            *section_rows[CG_N_SECTIONS];
  GtkWidget            *section_pages[CG_N_SECTIONS];
  GtkWidget            *cases_page, *case_page, *case_stack;
  GtkWidget            *orders_page, *order_page, *order_stack;
  GtkWidget            *knowledge_page;
  guint                 n_number_matches;
  CgWindowView          shown_view;      /* what update_view() last showed */

  /* template */
  CgSyncIndicator      *sync_indicator;
  GtkProgressBar       *first_sync_progress;
  GtkLabel             *first_sync_label;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *title_stack;
  GtkSearchEntry       *search_entry;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  GtkProgressBar       *demo_progress;
  GtkLabel             *demo_progress_label;
  GtkWidget            *results_pane;
  GtkStack             *results_stack;
  GtkLabel             *results_caption;
  GtkListView          *results_view;
  GtkStack             *content_stack;
  CgCustomerPage       *customer_page;   /* NULL until first needed */
  GtkButton            *new_case_button;
  GtkMenuButton        *staff_button;
  GtkLabel             *staff_label;
  CgSignInPage         *sign_in_page;
  GtkListBox           *section_list;
  GtkStack             *section_stack;
  GtkListBox           *number_list;
  GtkRevealer          *config_banner;
  GtkLabel             *config_banner_label;

  /* the device's own work (cg-window-session.c) */
  guint                 device_tick_id;
  /* The sections' pages get the store after the first frame (or at
   * sign-in, if sooner): cg_window_sections_load(). */
  guint                 sections_load_id;
  gboolean              sections_loaded;
};


/* cg-window.c */
void cg_window_update_view          (CgWindow   *self);
void cg_window_toast                (CgWindow   *self,
                                     const char *message);

/* cg-window-session.c */
void cg_window_init_sections        (CgWindow   *self);
void cg_window_class_init_session   (GtkWidgetClass *widget_class);
void cg_window_dispose_session      (CgWindow   *self);
void cg_window_sections_set_store   (CgWindow   *self,
                                     CgStore    *store);
/* Takes up new configuration, purges, reports the device (see
 * cg-device-agent.h); applies what the settings change. */
void cg_window_device_tick          (CgWindow   *self);
void cg_window_sections_load        (CgWindow   *self);
CgCustomerPage *cg_window_ensure_customer_page (CgWindow *self);
const char *cg_window_get_shown_customer_id (CgWindow *self);
void cg_window_select_section      (CgWindow   *self,
                                     CgSection   section);
/* Refreshes the orders and cases matching @query above the customers;
 * returns how many are shown. */
guint cg_window_update_number_matches (CgWindow  *self,
                                       const char *query);

G_END_DECLS
