/* cg-kiosk-ticket-print.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn with Pango on the print context's cairo surface in points (a PDF
 * export is 72 points per inch). The number is shrunk until it fits the
 * 72 mm between the margins, so a long prefix never runs off the slip.
 */
#define G_LOG_DOMAIN "cg-kiosk"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-kiosk-ticket-print.h"

typedef struct {
  char      *ticket;
  char      *store_name;
  char      *reason_label;
  GDateTime *at;
} TicketJob;

static void
ticket_job_free (TicketJob *job)
{
  g_free (job->ticket);
  g_free (job->store_name);
  g_free (job->reason_label);
  g_clear_pointer (&job->at, g_date_time_unref);
  g_free (job);
}

GtkPageSetup *
cg_kiosk_ticket_page_setup (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  GtkPaperSize *paper = gtk_paper_size_new_custom ("changgu-ticket-80mm",
                                                   /* Translators: a paper size, the kiosk's receipt roll. */
                                                   _("80 mm receipt"),
                                                   CG_KIOSK_TICKET_WIDTH_MM,
                                                   CG_KIOSK_TICKET_HEIGHT_MM,
                                                   GTK_UNIT_MM);

  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (setup, CG_KIOSK_TICKET_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, CG_KIOSK_TICKET_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, CG_KIOSK_TICKET_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, CG_KIOSK_TICKET_MARGIN_MM, GTK_UNIT_MM);
  gtk_paper_size_free (paper);
  return setup;
}

/* Draws @text centred at @y in @font (points), wrapped to @width; returns
 * the height used. */
static double
draw_text (cairo_t         *cr,
           GtkPrintContext *context,
           const char      *text,
           const char      *font,
           double           width,
           double           y)
{
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  int text_width, text_height;

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &text_width, &text_height);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
  return (double) text_height / PANGO_SCALE;
}

/* The number, in the largest size up to 72 pt that fits @width on one
 * line. */
static double
draw_number (cairo_t         *cr,
             GtkPrintContext *context,
             const char      *number,
             double           width,
             double           y)
{
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string ("Sans Bold");
  PangoRectangle ink, logical;
  double size;

  pango_layout_set_text (layout, number, -1);
  for (size = 72; size > 12; size -= 2)
    {
      pango_font_description_set_size (description, (int) (size * PANGO_SCALE));
      pango_layout_set_font_description (layout, description);
      pango_layout_get_extents (layout, &ink, &logical);
      if ((double) logical.width / PANGO_SCALE <= width)
        break;
    }
  cairo_move_to (cr, (width - (double) logical.width / PANGO_SCALE) / 2, y);
  pango_cairo_show_layout (cr, layout);
  return (double) logical.height / PANGO_SCALE;
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              TicketJob         *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autoptr(GDateTime) local = g_date_time_to_local (job->at);
  /* Translators: the date and time on a printed queue ticket, in
   * g_date_time_format() syntax; Korean would be "%Y년 %-m월 %-d일 %H:%M". */
  /* xgettext:no-c-format */
  g_autofree char *when = g_date_time_format (local, _("%Y-%m-%d %H:%M"));
  double y = 0;

  cairo_set_source_rgb (cr, 0, 0, 0);
  if (job->store_name != NULL && *job->store_name != '\0')
    y += draw_text (cr, context, job->store_name, "Sans Bold 12", width, y) + 6;

  /* Translators: above the number on a printed queue ticket. */
  y += draw_text (cr, context, _("Your number"), "Sans 11", width, y) + 2;
  y += draw_number (cr, context, job->ticket, width, y) + 4;

  if (job->reason_label != NULL && *job->reason_label != '\0')
    y += draw_text (cr, context, job->reason_label, "Sans Bold 13", width, y) + 4;
  y += draw_text (cr, context, when, "Sans 11", width, y) + 10;

  /* A rule between what the slip is and what to do. */
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, 0, y);
  cairo_line_to (cr, width, y);
  cairo_stroke (cr);
  y += 10;

  draw_text (cr, context, _("Please wait until your number is called."), "Sans 12", width, y);
}

gboolean
cg_kiosk_print_ticket (GtkWindow   *parent,
                       const char  *ticket,
                       const char  *store_name,
                       const char  *reason_label,
                       GDateTime   *at,
                       const char  *export_pdf_path,
                       GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  GtkPrintOperationResult result;
  TicketJob *job;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (ticket != NULL && *ticket != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = g_new0 (TicketJob, 1);
  job->ticket = g_strdup (ticket);
  job->store_name = g_strdup (store_name);
  job->reason_label = g_strdup (reason_label);
  job->at = at != NULL ? g_date_time_ref (at) : g_date_time_new_now_local ();

  operation = gtk_print_operation_new ();
  setup = cg_kiosk_ticket_page_setup ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* Translators: the print job's name, as a printer queue shows it; %s is the ticket number. */
  {
    g_autofree char *job_name = g_strdup_printf (_("Ticket %s"), ticket);
    gtk_print_operation_set_job_name (operation, job_name);
  }
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page),
                         job, (GClosureNotify) (void (*) (void)) ticket_job_free, 0);

  if (export_pdf_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_pdf_path);
  result = gtk_print_operation_run (operation,
                                    export_pdf_path != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                            : GTK_PRINT_OPERATION_ACTION_PRINT,
                                    parent, error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;
  if (result == GTK_PRINT_OPERATION_RESULT_CANCEL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The ticket was not printed."));
      return FALSE;
    }
  return TRUE;
}
