/* cg-sign-in-page.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PIN is checked on a worker thread with its own store connection:
 * Argon2id takes about a tenth of a second on purpose, which the main loop
 * must not spend. The typed PIN lives only in the entry, which is emptied
 * when the check ends, and in the task's data, which is zeroed and freed
 * with it.
 */
#define G_LOG_DOMAIN "cg-sign-in"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cg-sign-in-page.h"

struct _CgSignInPage
{
  GtkWidget       parent_instance;

  CgStore        *store;
  GCancellable   *cancellable;   /* of the PIN check running, if any */
  gboolean        busy;
  char           *message;

  AdwStatusPage  *status_page;
  AdwEntryRow    *staff_id_row;
  AdwEntryRow    *pin_row;
  GtkLabel       *message_label;
  GtkStack       *button_stack;
};

G_DEFINE_FINAL_TYPE (CgSignInPage, cg_sign_in_page, GTK_TYPE_WIDGET)

enum { SIGNAL_SIGNED_IN, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct {
  char *path;
  char *staff_id;
  char *pin;
} SignInJob;

static void
sign_in_job_free (SignInJob *job)
{
  g_free (job->path);
  g_free (job->staff_id);
  if (job->pin != NULL)
    {
      memset (job->pin, 0, strlen (job->pin));
      g_free (job->pin);
    }
  g_free (job);
}

static void
set_message (CgSignInPage *self,
             const char   *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_actions (CgSignInPage *self)
{
  const char *id = gtk_editable_get_text (GTK_EDITABLE (self->staff_id_row));
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.submit",
                                 !self->busy && self->store != NULL && *id != '\0' && *pin != '\0');
  gtk_stack_set_visible_child_name (self->button_stack, self->busy ? "spinner" : "button");
  /* Not insensitive: GTK 4.8 warns when a focused entry loses its
   * sensitivity ("did not receive a focus-out event"). */
  gtk_editable_set_editable (GTK_EDITABLE (self->staff_id_row), !self->busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->pin_row), !self->busy);
}

static void
sign_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SignInJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = cg_store_open (job->path, &error);
  CgSession *session;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  session = cg_staff_sign_in (store, job->staff_id, job->pin,
                              g_get_real_time () / G_USEC_PER_SEC, &error);
  if (session == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, session, g_object_unref);
}

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CgSignInPage *self = CG_SIGN_IN_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgSession) session = g_task_propagate_pointer (G_TASK (result), &error);

  /* The page went away during the check (window closed): its template
   * children are gone and nobody is there to sign in. */
  if (g_task_get_cancellable (G_TASK (result)) != NULL &&
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->cancellable);
  self->busy = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  update_actions (self);
  if (session == NULL)
    {
      set_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
      return;
    }
  set_message (self, NULL);
  g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0, session);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CgSignInPage *self = CG_SIGN_IN_PAGE (widget);
  g_autoptr(GTask) task = NULL;
  SignInJob *job;

  if (self->busy || self->store == NULL)
    return;

  job = g_new0 (SignInJob, 1);
  job->path = g_strdup (cg_store_get_path (self->store));
  job->staff_id = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->staff_id_row)));
  job->pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pin_row)));

  self->busy = TRUE;
  set_message (self, NULL);
  update_actions (self);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_signed_in, NULL);
  /* The answer is delivered even when cancelled, so on_signed_in sees it. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_source_tag (task, submit_action);
  g_task_set_task_data (task, job, (GDestroyNotify) sign_in_job_free);
  g_task_run_in_thread (task, sign_in_thread);
}

static void
on_form_changed (CgSignInPage *self)
{
  update_actions (self);
}

static void
on_staff_id_row_entry_activated (CgSignInPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
}

static void
on_pin_row_entry_activated (CgSignInPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.submit", NULL);
}

static void
cg_sign_in_page_dispose (GObject *object)
{
  CgSignInPage *self = CG_SIGN_IN_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_SIGN_IN_PAGE);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cg_sign_in_page_parent_class)->dispose (object);
}

static void
cg_sign_in_page_finalize (GObject *object)
{
  CgSignInPage *self = CG_SIGN_IN_PAGE (object);

  g_free (self->message);
  G_OBJECT_CLASS (cg_sign_in_page_parent_class)->finalize (object);
}

static void
cg_sign_in_page_class_init (CgSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_sign_in_page_dispose;
  object_class->finalize = cg_sign_in_page_finalize;

  /**
   * CgSignInPage::signed-in:
   * @session: the new session
   */
  signals[SIGNAL_SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CG_TYPE_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgSignInPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, CgSignInPage, staff_id_row);
  gtk_widget_class_bind_template_child (widget_class, CgSignInPage, pin_row);
  gtk_widget_class_bind_template_child (widget_class, CgSignInPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CgSignInPage, button_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_id_row_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_row_entry_activated);

  gtk_widget_class_install_action (widget_class, "sign-in.submit", NULL, submit_action);
}

static void
cg_sign_in_page_init (CgSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

GtkWidget *
cg_sign_in_page_new (void)
{
  return g_object_new (CG_TYPE_SIGN_IN_PAGE, NULL);
}

void
cg_sign_in_page_set_store (CgSignInPage *self,
                           CgStore      *store)
{
  g_return_if_fail (CG_IS_SIGN_IN_PAGE (self));

  g_set_object (&self->store, store);
  update_actions (self);
}

void
cg_sign_in_page_reset (CgSignInPage *self,
                       CgSession    *locked_by)
{
  g_return_if_fail (CG_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  set_message (self, NULL);
  if (locked_by != NULL)
    {
      g_autofree char *description =
        g_strdup_printf (_("Locked by %s. Enter the PIN to go on, or sign in as someone else."),
                         cg_session_get_name (locked_by));
      g_autofree char *escaped = g_markup_escape_text (description, -1);
      const char *staff_id = cg_session_get_staff_id (locked_by);

      if (g_str_has_prefix (staff_id, "staff:"))
        staff_id += strlen ("staff:");
      adw_status_page_set_icon_name (self->status_page, "system-lock-screen-symbolic");
      adw_status_page_set_title (self->status_page, _("Counter Locked"));
      adw_status_page_set_description (self->status_page, escaped);
      gtk_editable_set_text (GTK_EDITABLE (self->staff_id_row), staff_id);
    }
  else
    {
      adw_status_page_set_icon_name (self->status_page, "system-users-symbolic");
      adw_status_page_set_title (self->status_page, _("Sign In"));
      adw_status_page_set_description (self->status_page,
                                       _("Enter your staff ID and PIN to start working at this counter."));
      gtk_editable_set_text (GTK_EDITABLE (self->staff_id_row), "");
    }
  update_actions (self);
}

void
cg_sign_in_page_focus (CgSignInPage *self)
{
  g_return_if_fail (CG_IS_SIGN_IN_PAGE (self));

  if (*gtk_editable_get_text (GTK_EDITABLE (self->staff_id_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->staff_id_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
}

const char *
cg_sign_in_page_get_message (CgSignInPage *self)
{
  g_return_val_if_fail (CG_IS_SIGN_IN_PAGE (self), NULL);
  return self->message;
}

gboolean
cg_sign_in_page_get_busy (CgSignInPage *self)
{
  g_return_val_if_fail (CG_IS_SIGN_IN_PAGE (self), FALSE);
  return self->busy;
}
