/* cg-conflicts-page.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every field that differs gets a pair of radio buttons, one per version:
 * preselected on the changed side when only one side changed it (the
 * auto-merge, which a supervisor may still override), on version A (the
 * current winner) when both did. Fields equal in both are only listed by
 * name. Version A is the revision every device shows now; B is the other.
 */
#define G_LOG_DOMAIN "cg-conflicts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-conflict-format.h"
#include "cg-conflicts-page.h"
#include "cg-store-watch.h"
#include "cg-ui-util.h"

struct _CgConflictsPage
{
  GtkWidget     parent_instance;

  CgStoreWatch  watch;
  CgSession    *session;
  GPtrArray    *conflicts;   /* CgConflict, as listed */
  CgConflict   *selected;
  gboolean      filling;

  GtkStack     *state_stack;
  GtkListBox   *conflicts_list;
  GtkStack     *detail_stack;
  GtkLabel     *type_label;
  GtkLabel     *title_label;
  GtkLabel     *summary_label;
  GtkLabel     *error_label;
  GtkGrid      *fields_grid;
  GtkLabel     *same_label;
  GtkWidget    *resolve_button;
};

G_DEFINE_FINAL_TYPE (CgConflictsPage, cg_conflicts_page, GTK_TYPE_WIDGET)

static void show_detail (CgConflictsPage *self, CgConflict *conflict);

static void
cg_conflicts_page_dispose (GObject *object)
{
  CgConflictsPage *self = CG_CONFLICTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_CONFLICTS_PAGE);
  cg_store_watch_clear (&self->watch);
  g_clear_object (&self->session);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  G_OBJECT_CLASS (cg_conflicts_page_parent_class)->dispose (object);
}

static gboolean
is_supervisor (CgConflictsPage *self)
{
  return self->session != NULL && cg_session_is_supervisor (self->session);
}

static GtkWidget *
new_list_row (CgConflictsPage *self,
              CgConflict      *conflict)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s · %s",
                                            cg_conflict_format_type (cg_conflict_get_doc_type (conflict)),
                                            cg_conflict_get_title (conflict));
  g_autofree char *a = cg_conflict_format_author (self->watch.store, cg_conflict_get_winner (conflict));
  g_autofree char *b = cg_conflict_format_author (self->watch.store, cg_conflict_get_other (conflict));
  /* Translators: who made each version, "A: 이수진 · device 3f2a… · B: …". */
  g_autofree char *subtitle = g_strdup_printf (_("A: %s\nB: %s"), a, b);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_tooltip_text (row, cg_conflict_get_id (conflict));
  return row;
}

void
cg_conflicts_page_refresh (CgConflictsPage *self)
{
  g_autofree char *keep = NULL;
  GtkWidget *child;
  gint select = -1;

  g_return_if_fail (CG_IS_CONFLICTS_PAGE (self));

  if (!is_supervisor (self) || self->watch.store == NULL)
    {
      gtk_stack_set_visible_child_name (self->state_stack, "denied");
      g_clear_object (&self->selected);
      return;
    }

  keep = self->selected != NULL ? g_strdup (cg_conflict_get_id (self->selected)) : NULL;
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  self->conflicts = cg_conflict_list (self->watch.store);

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->conflicts_list))) != NULL)
    gtk_list_box_remove (self->conflicts_list, child);
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      CgConflict *conflict = g_ptr_array_index (self->conflicts, i);
      gtk_list_box_append (self->conflicts_list, new_list_row (self, conflict));
      if (g_strcmp0 (keep, cg_conflict_get_id (conflict)) == 0)
        select = (gint) i;
    }
  self->filling = FALSE;

  gtk_stack_set_visible_child_name (self->state_stack, self->conflicts->len > 0 ? "list" : "empty");
  if (select >= 0)
    {
      /* Still conflicted: keep the person's choices unless the versions
       * changed meanwhile. */
      CgConflict *fresh = g_ptr_array_index (self->conflicts, select);
      gboolean same = self->selected != NULL &&
        g_strcmp0 (cg_json_get_string (cg_conflict_get_winner (fresh), "_rev"),
                   cg_json_get_string (cg_conflict_get_winner (self->selected), "_rev")) == 0 &&
        g_strcmp0 (cg_json_get_string (cg_conflict_get_other (fresh), "_rev"),
                   cg_json_get_string (cg_conflict_get_other (self->selected), "_rev")) == 0;

      self->filling = TRUE;
      gtk_list_box_select_row (self->conflicts_list, gtk_list_box_get_row_at_index (self->conflicts_list, select));
      self->filling = FALSE;
      if (!same)
        show_detail (self, fresh);
    }
  else
    {
      g_clear_object (&self->selected);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
    }
}

static void
store_changed (gpointer user_data)
{
  cg_conflicts_page_refresh (user_data);
}

static gboolean
store_change_matters (const char *id,
                      const char *type,
                      gpointer    user_data)
{
  return is_supervisor (user_data);
}

typedef struct {
  CgConflict     *conflict;
  char           *field;
  CgConflictSide  side;
} Choice;

static void
choice_free (gpointer data,
             GClosure *closure)
{
  Choice *choice = data;

  g_object_unref (choice->conflict);
  g_free (choice->field);
  g_free (choice);
}

static void
choice_toggled (GtkCheckButton *button,
                Choice         *choice)
{
  if (gtk_check_button_get_active (button))
    cg_conflict_choose (choice->conflict, choice->field, choice->side);
}

static GtkWidget *
new_choice (CgConflict     *conflict,
            const CgConflictField *field,
            CgConflictSide  side,
            const char     *field_label)
{
  JsonNode *value = side == CG_CONFLICT_SIDE_WINNER ? field->winner : field->other;
  g_autofree char *text = cg_conflict_format_value (field->name, value);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (text);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", field_label, text);
  Choice *choice = g_new0 (Choice, 1);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  gtk_widget_set_hexpand (check, TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  choice->conflict = g_object_ref (conflict);
  choice->field = g_strdup (field->name);
  choice->side = side;
  g_signal_connect_data (check, "toggled", G_CALLBACK (choice_toggled), choice, choice_free, 0);
  gtk_widget_set_name (check, side == CG_CONFLICT_SIDE_WINNER ? "choice-a" : "choice-b");
  return check;
}

static GtkWidget *
heading (const char *text,
         const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static void
show_detail (CgConflictsPage *self,
             CgConflict      *conflict)
{
  g_autoptr(GString) same = g_string_new (NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *child;
  guint n_same = 0, n_auto = 0, n_choose = 0;
  int row = 0;

  g_set_object (&self->selected, conflict);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_label_set_text (self->type_label, cg_conflict_format_type (cg_conflict_get_doc_type (conflict)));
  gtk_label_set_text (self->title_label, cg_conflict_get_title (conflict));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_grid))) != NULL)
    gtk_grid_remove (self->fields_grid, child);

  a = cg_conflict_format_author (self->watch.store, cg_conflict_get_winner (conflict));
  b = cg_conflict_format_author (self->watch.store, cg_conflict_get_other (conflict));
  gtk_grid_attach (self->fields_grid, heading (_("Version A"), "heading"), 1, row, 1, 1);
  gtk_grid_attach (self->fields_grid, heading (_("Version B"), "heading"), 2, row, 1, 1);
  row++;
  gtk_grid_attach (self->fields_grid, heading (a, "dim-label"), 1, row, 1, 1);
  gtk_grid_attach (self->fields_grid, heading (b, "dim-label"), 2, row, 1, 1);
  row++;

  for (guint i = 0; i < cg_conflict_get_n_fields (conflict); i++)
    {
      const CgConflictField *field = cg_conflict_get_field (conflict, i);
      g_autofree char *label = cg_conflict_format_field (field->name);
      GtkWidget *name_box, *check_a, *check_b, *sep;

      if (field->state == CG_CONFLICT_SAME)
        {
          if (same->len > 0)
            g_string_append (same, ", ");
          g_string_append (same, label);
          n_same++;
          continue;
        }
      n_auto += field->state != CG_CONFLICT_BOTH;
      n_choose += field->state == CG_CONFLICT_BOTH;

      sep = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
      gtk_widget_set_margin_top (sep, 6);
      gtk_widget_set_margin_bottom (sep, 6);
      gtk_grid_attach (self->fields_grid, sep, 0, row++, 3, 1);

      name_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_set_size_request (name_box, 160, -1);
      gtk_box_append (GTK_BOX (name_box), heading (label, "heading"));
      gtk_box_append (GTK_BOX (name_box),
                      heading (cg_conflict_format_state (field->state),
                               field->state == CG_CONFLICT_BOTH ? "warning" : "dim-label"));
      gtk_widget_add_css_class (gtk_widget_get_last_child (name_box), "caption");
      gtk_grid_attach (self->fields_grid, name_box, 0, row, 1, 1);

      check_a = new_choice (conflict, field, CG_CONFLICT_SIDE_WINNER, label);
      check_b = new_choice (conflict, field, CG_CONFLICT_SIDE_OTHER, label);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check_b), GTK_CHECK_BUTTON (check_a));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (field->chosen == CG_CONFLICT_SIDE_OTHER ? check_b : check_a), TRUE);
      gtk_grid_attach (self->fields_grid, check_a, 1, row, 1, 1);
      gtk_grid_attach (self->fields_grid, check_b, 2, row, 1, 1);
      row++;
    }

  if (n_same > 0)
    {
      /* Translators: %s lists field names, "Phones, Tier". */
      g_autofree char *text = g_strdup_printf (_("The same in both versions: %s"), same->str);
      gtk_label_set_text (self->same_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->same_label), n_same > 0);

  {
    g_autofree char *auto_text = g_strdup_printf (ngettext ("%u field merged automatically", "%u fields merged automatically", n_auto), n_auto);
    g_autofree char *choose_text = g_strdup_printf (ngettext ("%u to choose", "%u to choose", n_choose), n_choose);
    summary = cg_conflict_get_base (conflict) != NULL
      ? g_strdup_printf ("%s · %s", auto_text, choose_text)
      : g_strdup_printf ("%s · %s", choose_text,
                         _("the version both started from is not on this device, so every difference is a choice"));
  }
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
row_selected (CgConflictsPage *self,
              GtkListBoxRow   *row)
{
  if (self->filling || row == NULL || self->conflicts == NULL)
    return;
  show_detail (self, g_ptr_array_index (self->conflicts, gtk_list_box_row_get_index (row)));
}

gboolean
cg_conflicts_page_resolve (CgConflictsPage  *self,
                           GError          **error)
{
  g_autoptr(JsonObject) merged = NULL;
  g_autofree char *title = NULL;
  g_autofree char *toast = NULL;

  g_return_val_if_fail (CG_IS_CONFLICTS_PAGE (self), FALSE);

  if (self->selected == NULL || !is_supervisor (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("Only a supervisor can resolve conflicts."));
      return FALSE;
    }
  merged = cg_conflict_build_merged (self->selected);
  if (!cg_conflict_resolve (self->watch.store, cg_conflict_get_id (self->selected), merged,
                            cg_session_get_staff_id (self->session), error))
    return FALSE;
  title = g_strdup (cg_conflict_get_title (self->selected));
  g_clear_object (&self->selected);
  /* Translators: %s names the record, a customer's name or a case number. */
  toast = g_strdup_printf (_("Resolved: %s"), title);
  cg_widget_toast_text (GTK_WIDGET (self), toast);
  cg_conflicts_page_refresh (self);
  return TRUE;
}

static void
resolve_clicked (CgConflictsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!cg_conflicts_page_resolve (self, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
cg_conflicts_page_class_init (CgConflictsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_conflicts_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-conflicts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgConflictsPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, CgConflictsPage, conflicts_list);
  gtk_widget_class_bind_template_child (widget_class, CgConflictsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CgConflictsPage, type_label);
  gtk_widget_class_bind_template_child (widget_class, CgConflictsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CgConflictsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CgConflictsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CgConflictsPage, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, CgConflictsPage, same_label);
  gtk_widget_class_bind_template_child (widget_class, CgConflictsPage, resolve_button);
  gtk_widget_class_bind_template_callback (widget_class, row_selected);
  gtk_widget_class_bind_template_callback (widget_class, resolve_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cg-conflicts-page");
}

static void
cg_conflicts_page_init (CgConflictsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cg_store_watch_init (&self->watch, NULL, store_changed, self);
  cg_store_watch_set_filter (&self->watch, store_change_matters);
}

GtkWidget *
cg_conflicts_page_new (void)
{
  return g_object_new (CG_TYPE_CONFLICTS_PAGE, NULL);
}

void
cg_conflicts_page_set_store (CgConflictsPage *self,
                             CgStore         *store)
{
  g_return_if_fail (CG_IS_CONFLICTS_PAGE (self));
  g_return_if_fail (store == NULL || CG_IS_STORE (store));

  if (!cg_store_watch_set_store (&self->watch, store))
    return;
  cg_conflicts_page_refresh (self);
}

void
cg_conflicts_page_set_session (CgConflictsPage *self,
                               CgSession       *session)
{
  g_return_if_fail (CG_IS_CONFLICTS_PAGE (self));
  g_return_if_fail (session == NULL || CG_IS_SESSION (session));

  g_set_object (&self->session, session);
  cg_conflicts_page_refresh (self);
}

guint
cg_conflicts_page_get_n_conflicts (CgConflictsPage *self)
{
  g_return_val_if_fail (CG_IS_CONFLICTS_PAGE (self), 0);
  return self->conflicts != NULL && is_supervisor (self) ? self->conflicts->len : 0;
}

gboolean
cg_conflicts_page_select (CgConflictsPage *self,
                          const char      *id)
{
  g_return_val_if_fail (CG_IS_CONFLICTS_PAGE (self), FALSE);

  for (guint i = 0; self->conflicts != NULL && i < self->conflicts->len; i++)
    if (g_strcmp0 (cg_conflict_get_id (g_ptr_array_index (self->conflicts, i)), id) == 0)
      {
        gtk_list_box_select_row (self->conflicts_list,
                                 gtk_list_box_get_row_at_index (self->conflicts_list, (int) i));
        return TRUE;
      }
  return FALSE;
}

CgConflict *
cg_conflicts_page_get_selected (CgConflictsPage *self)
{
  g_return_val_if_fail (CG_IS_CONFLICTS_PAGE (self), NULL);
  return self->selected;
}
