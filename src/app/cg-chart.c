/* cg-chart.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout, top to bottom: the title; for lines, a legend; the plot; the
 * x labels. Bar labels wrap to their slot (two lines at most, ellipsized
 * after), so a longer Korean label takes a second line instead of running
 * into its neighbour. Line charts show only as many x labels as fit.
 */
#define G_LOG_DOMAIN "cg-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "cg-chart.h"

#define PAD 12.0
#define GAP 8.0

struct _CgChart
{
  GtkWidget    parent_instance;

  CgChartKind  kind;
  CgChartData *data;
};

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (CgChart, cg_chart, GTK_TYPE_WIDGET)

typedef struct {
  GdkRGBA fg;
  GdkRGBA accent;
  GdkRGBA grid;
} Colors;

static void
get_colors (CgChart *self,
            Colors  *colors)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, &colors->fg);
  /* libadwaita's named colours; accent_color is the one meant for use
   * on the window background (readable in both styles). */
  if (!gtk_style_context_lookup_color (context, "accent_color", &colors->accent))
    colors->accent = (GdkRGBA) { 0.21, 0.52, 0.89, 1.0 };
  colors->grid = colors->fg;
  colors->grid.alpha *= 0.15;
}

static PangoLayout *
new_layout (CgChart    *self,
            const char *text,
            gboolean    bold,
            double      scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

static double
layout_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

static void
show_layout (cairo_t       *cr,
             PangoLayout   *layout,
             const GdkRGBA *color,
             double         x,
             double         y)
{
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static double
scale_top (const CgChartData *data)
{
  double max = 0;

  if (data->max_value > 0)
    return data->max_value;
  for (guint s = 0; s < data->series->len; s++)
    {
      const CgChartSeries *series = g_ptr_array_index (data->series, s);
      for (guint i = 0; i < data->n_points; i++)
        if (!isnan (series->values[i]))
          max = MAX (max, series->values[i]);
    }
  if (max <= 0)
    return 1;
  /* A round top: 1, 2, 5 × 10^n. */
  {
    double magnitude = pow (10, floor (log10 (max)));
    double steps[] = { 1, 2, 2.5, 5, 10 };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      if (steps[i] * magnitude >= max)
        return steps[i] * magnitude;
    return 10 * magnitude;
  }
}

static void
draw_bars (CgChart      *self,
           cairo_t      *cr,
           const Colors *colors,
           double        x0,
           double        y0,
           double        width,
           double        height)
{
  const CgChartData *data = self->data;
  const CgChartSeries *series = g_ptr_array_index (data->series, 0);
  guint n = data->n_points;
  double slot = width / MAX (n, 1);
  double label_h = 0, value_h, top, plot_h, base;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      PangoLayout *layout = new_layout (self, data->labels[i], FALSE, 0.9);

      pango_layout_set_width (layout, (int) ((slot - 4) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -2);   /* two lines at most */
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      label_h = MAX (label_h, layout_height (layout));
      g_ptr_array_add (labels, layout);
    }
  {
    g_autoptr(PangoLayout) probe = new_layout (self, "0", TRUE, 1.0);
    value_h = layout_height (probe);
  }

  base = y0 + height - label_h - GAP;
  plot_h = base - y0 - value_h - 4;
  top = scale_top (data);
  if (plot_h < 10)
    return;

  /* Baseline. */
  gdk_cairo_set_source_rgba (cr, &colors->grid);
  cairo_rectangle (cr, x0, base, width, 1);
  cairo_fill (cr);

  for (guint i = 0; i < n; i++)
    {
      double value = series->values[i];
      double bar_w = MIN (slot * 0.6, 72);
      double cx = x0 + slot * i + slot / 2;
      double bar_h = isnan (value) ? 0 : plot_h * CLAMP (value / top, 0, 1);
      g_autoptr(PangoLayout) value_layout = new_layout (self, series->value_labels[i], TRUE, 1.0);
      PangoLayout *label = g_ptr_array_index (labels, i);
      GdkRGBA value_color = colors->fg;

      if (bar_h > 0)
        {
          /* At least a sliver, so a small value is visibly not zero. */
          bar_h = MAX (bar_h, 2);
          gdk_cairo_set_source_rgba (cr, &colors->accent);
          cairo_rectangle (cr, cx - bar_w / 2, base - bar_h, bar_w, bar_h);
          cairo_fill (cr);
        }
      if (isnan (value))
        value_color.alpha *= 0.55;
      show_layout (cr, value_layout, &value_color,
                   cx - layout_width (value_layout) / 2, base - bar_h - value_h - 2);
      show_layout (cr, label, &colors->fg, x0 + slot * i + 2, base + GAP);
    }
}

static void
draw_lines (CgChart      *self,
            cairo_t      *cr,
            const Colors *colors,
            double        x0,
            double        y0,
            double        width,
            double        height)
{
  const CgChartData *data = self->data;
  guint n = data->n_points;
  double top = scale_top (data);
  g_autofree char *top_text = NULL;
  g_autoptr(PangoLayout) top_layout = NULL;
  g_autoptr(PangoLayout) zero_layout = NULL;
  double axis_w, label_h, plot_x, plot_w, plot_top, base, step;
  guint every = 1;

  top_text = g_strdup_printf ("%.0f", top);
  top_layout = new_layout (self, top_text, FALSE, 0.85);
  zero_layout = new_layout (self, "0", FALSE, 0.85);
  axis_w = MAX (layout_width (top_layout), layout_width (zero_layout)) + GAP;

  /* Legend, right-aligned on one line. */
  {
    double lx = x0 + width;
    double legend_h = 0;

    for (gint s = (gint) data->series->len - 1; s >= 0; s--)
      {
        const CgChartSeries *series = g_ptr_array_index (data->series, s);
        g_autoptr(PangoLayout) name = new_layout (self, series->name, FALSE, 0.9);
        double h = layout_height (name);

        lx -= layout_width (name);
        show_layout (cr, name, &colors->fg, lx, y0);
        lx -= 22;
        gdk_cairo_set_source_rgba (cr, s == 0 ? &colors->accent : &colors->fg);
        cairo_set_line_width (cr, 2.5);
        if (s > 0)
          cairo_set_dash (cr, (double[]) { 5, 3 }, 2, 0);
        cairo_move_to (cr, lx, y0 + h / 2);
        cairo_line_to (cr, lx + 16, y0 + h / 2);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        lx -= 16;
        legend_h = MAX (legend_h, h);
      }
    y0 += legend_h + GAP;
    height -= legend_h + GAP;
  }

  {
    g_autoptr(PangoLayout) probe = new_layout (self, "00:00", FALSE, 0.85);
    label_h = layout_height (probe);
  }
  plot_x = x0 + axis_w;
  plot_w = width - axis_w;
  plot_top = y0 + layout_height (top_layout) / 2;
  base = y0 + height - label_h - GAP;
  if (base - plot_top < 10 || n == 0)
    return;
  step = n > 1 ? plot_w / (n - 1) : 0;

  /* Grid at 0, half and top, with the scale on the left. */
  for (guint g = 0; g <= 2; g++)
    {
      double y = base - (base - plot_top) * g / 2.0;

      gdk_cairo_set_source_rgba (cr, &colors->grid);
      cairo_rectangle (cr, plot_x, floor (y), plot_w, 1);
      cairo_fill (cr);
    }
  show_layout (cr, top_layout, &colors->fg, x0, plot_top - layout_height (top_layout) / 2);
  show_layout (cr, zero_layout, &colors->fg, x0 + axis_w - GAP - layout_width (zero_layout),
               base - layout_height (zero_layout) / 2);

  /* As many x labels as fit without touching. */
  {
    double widest = 0;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(PangoLayout) label = new_layout (self, data->labels[i], FALSE, 0.85);
        widest = MAX (widest, layout_width (label));
      }
    if (step > 0)
      every = (guint) ceil ((widest + GAP * 2) / step);
    every = MAX (every, 1);
  }
  for (guint i = 0; i < n; i += every)
    {
      g_autoptr(PangoLayout) label = new_layout (self, data->labels[i], FALSE, 0.85);
      double x = n > 1 ? plot_x + step * i : plot_x + plot_w / 2;
      double lx = CLAMP (x - layout_width (label) / 2, x0, x0 + width - layout_width (label));

      show_layout (cr, label, &colors->fg, lx, base + GAP);
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < data->series->len; s++)
    {
      const CgChartSeries *series = g_ptr_array_index (data->series, s);

      gdk_cairo_set_source_rgba (cr, s == 0 ? &colors->accent : &colors->fg);
      cairo_set_line_width (cr, 2.5);
      if (s > 0)
        cairo_set_dash (cr, (double[]) { 5, 3 }, 2, 0);
      for (guint i = 0; i < n; i++)
        {
          double v = isnan (series->values[i]) ? 0 : series->values[i];
          double x = n > 1 ? plot_x + step * i : plot_x + plot_w / 2;
          double y = base - (base - plot_top) * CLAMP (v / top, 0, 1);

          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      /* Points, so a single day still shows. */
      if (n <= 40)
        for (guint i = 0; i < n; i++)
          {
            double v = isnan (series->values[i]) ? 0 : series->values[i];
            double x = n > 1 ? plot_x + step * i : plot_x + plot_w / 2;
            double y = base - (base - plot_top) * CLAMP (v / top, 0, 1);

            cairo_arc (cr, x, y, 3, 0, 2 * G_PI);
            cairo_fill (cr);
          }
    }
}

static void
cg_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  CgChart *self = CG_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) title = NULL;
  cairo_t *cr;
  Colors colors;
  double y;

  if (self->data == NULL || width < 2 * PAD || height < 2 * PAD)
    return;

  get_colors (self, &colors);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  title = new_layout (self, self->data->title, TRUE, 1.0);
  pango_layout_set_width (title, (int) ((width - 2 * PAD) * PANGO_SCALE));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  show_layout (cr, title, &colors.fg, PAD, PAD);
  y = PAD + layout_height (title) + GAP;

  if (self->data->n_points > 0 && self->data->series->len > 0)
    {
      if (self->kind == CG_CHART_BARS)
        draw_bars (self, cr, &colors, PAD, y, width - 2 * PAD, height - y - PAD);
      else
        draw_lines (self, cr, &colors, PAD, y, width - 2 * PAD, height - y - PAD);
    }
  cairo_destroy (cr);
}

static void
cg_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 220;
      *natural = 420;
    }
  else
    {
      *minimum = 200;
      *natural = 240;
    }
}

static void
cg_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cg_chart_parent_class)->css_changed (widget, change);
  /* Light/dark and accent changes. */
  gtk_widget_queue_draw (widget);
}

static void
update_accessible (CgChart *self)
{
  g_autofree char *description = self->data != NULL ? cg_chart_data_describe (self->data) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->data != NULL ? self->data->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "",
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
}

void
cg_chart_set_data (CgChart           *self,
                   const CgChartData *data)
{
  g_return_if_fail (CG_IS_CHART (self));

  g_clear_pointer (&self->data, cg_chart_data_free);
  if (data != NULL)
    self->data = cg_chart_data_copy (data);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const CgChartData *
cg_chart_get_data (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), NULL);
  return self->data;
}

CgChartKind
cg_chart_get_kind (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), CG_CHART_BARS);
  return self->kind;
}

void
cg_chart_set_kind (CgChart     *self,
                   CgChartKind  kind)
{
  g_return_if_fail (CG_IS_CHART (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_KIND]);
}

static void
cg_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CgChart *self = CG_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CgChart *self = CG_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      cg_chart_set_kind (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_chart_finalize (GObject *object)
{
  CgChart *self = CG_CHART (object);

  g_clear_pointer (&self->data, cg_chart_data_free);
  G_OBJECT_CLASS (cg_chart_parent_class)->finalize (object);
}

static void
cg_chart_class_init (CgChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cg_chart_finalize;
  object_class->get_property = cg_chart_get_property;
  object_class->set_property = cg_chart_set_property;
  widget_class->snapshot = cg_chart_snapshot;
  widget_class->measure = cg_chart_measure;
  widget_class->css_changed = cg_chart_css_changed;

  /* An int rather than an enum type: the kind has no GType of its own. */
  props[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, CG_CHART_BARS, CG_CHART_LINES, CG_CHART_BARS,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_css_name (widget_class, "cg-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cg_chart_init (CgChart *self)
{
}

GtkWidget *
cg_chart_new (CgChartKind kind)
{
  return g_object_new (CG_TYPE_CHART, "kind", kind, NULL);
}
