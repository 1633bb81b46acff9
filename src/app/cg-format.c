/* cg-format.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store keeps codes ("ready_for_pickup", "csat=4 nps=9", 128000 KRW);
 * people read words. Everything here is a function of its arguments and
 * the current gettext language, nothing else, so tests pin it down without
 * a display.
 */
#define G_LOG_DOMAIN "cg-format"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cg-format.h"

/* ------------------------------------------------------------------ numbers */

char *
cg_format_count (gint64 value)
{
  g_autofree char *digits = NULL;
  GString *out = g_string_new (NULL);
  guint64 magnitude;
  gsize len;

  if (value < 0)
    {
      g_string_append_c (out, '-');
      /* Negate in unsigned arithmetic: -G_MININT64 does not fit a gint64. */
      magnitude = (guint64) 0 - (guint64) value;
    }
  else
    magnitude = (guint64) value;

  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);
  len = strlen (digits);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  const char *code;
  const char *symbol;     /* written before the number; NULL: code after it */
  guint       decimals;
} Currency;

static const Currency currencies[] = {
  { "KRW", "₩", 0 },
  { "JPY", "¥", 0 },
  { "USD", "$", 2 },
  { "EUR", "€", 2 },
  { "GBP", "£", 2 },
};

char *
cg_format_money (gint64      amount,
                 const char *currency)
{
  const Currency *found = NULL;
  g_autofree char *whole = NULL;
  guint decimals = 2;
  guint64 magnitude;
  guint64 scale = 1;
  const char *sign;

  if (currency == NULL || *currency == '\0')
    currency = "KRW";
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_ascii_strcasecmp (currencies[i].code, currency) == 0)
      found = &currencies[i];
  if (found != NULL)
    decimals = found->decimals;

  sign = amount < 0 ? "-" : "";
  magnitude = amount < 0 ? (guint64) 0 - (guint64) amount : (guint64) amount;
  for (guint i = 0; i < decimals; i++)
    scale *= 10;
  whole = cg_format_count ((gint64) (magnitude / scale));

  if (decimals == 0)
    {
      if (found != NULL)
        return g_strdup_printf ("%s%s%s", sign, found->symbol, whole);
      return g_strdup_printf ("%s%s %s", sign, whole, currency);
    }
  if (found != NULL)
    return g_strdup_printf ("%s%s%s.%0*" G_GUINT64_FORMAT, sign, found->symbol, whole,
                            (int) decimals, magnitude % scale);
  return g_strdup_printf ("%s%s.%0*" G_GUINT64_FORMAT " %s", sign, whole,
                          (int) decimals, magnitude % scale, currency);
}

/* -------------------------------------------------------------------- codes */

typedef struct {
  const char *code;
  const char *words;   /* N_() / NC_() marked, translated at lookup */
  const char *context; /* msgctxt, or NULL */
} Word;

static const char *
lookup (const Word *table,
        gsize       n,
        const char *code)
{
  if (code == NULL)
    return "";
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (table[i].code, code))
      return table[i].context
        ? g_dpgettext2 (NULL, table[i].context, table[i].words)
        : gettext (table[i].words);
  return code;
}

#define WORD(code, ctx, words) { code, words, ctx }

static const Word order_statuses[] = {
  WORD ("placed", "order status", NC_("order status", "Placed")),
  WORD ("ready_for_pickup", "order status", NC_("order status", "Ready for pickup")),
  WORD ("picked_up", "order status", NC_("order status", "Picked up")),
  WORD ("cancelled", "order status", NC_("order status", "Cancelled")),
  WORD ("returned", "order status", NC_("order status", "Returned")),
  WORD ("partially_returned", "order status", NC_("order status", "Partially returned")),
};

static const Word case_statuses[] = {
  WORD ("new", "case status", NC_("case status", "New")),
  WORD ("open", "case status", NC_("case status", "Open")),
  WORD ("pending_customer", "case status", NC_("case status", "Waiting for customer")),
  WORD ("escalated", "case status", NC_("case status", "Escalated")),
  WORD ("resolved", "case status", NC_("case status", "Resolved")),
  WORD ("closed", "case status", NC_("case status", "Closed")),
};

static const Word checkin_statuses[] = {
  WORD ("waiting", "visit status", NC_("visit status", "Waiting")),
  WORD ("called", "visit status", NC_("visit status", "Called")),
  WORD ("serving", "visit status", NC_("visit status", "Being served")),
  WORD ("done", "visit status", NC_("visit status", "Done")),
  WORD ("no_show", "visit status", NC_("visit status", "No-show")),
};

static const Word checkin_reasons[] = {
  WORD ("help", "visit reason", NC_("visit reason", "Help")),
  WORD ("pickup", "visit reason", NC_("visit reason", "Pickup")),
  WORD ("return", "visit reason", NC_("visit reason", "Return")),
  WORD ("other", "visit reason", NC_("visit reason", "Other")),
};

static const Word note_visibilities[] = {
  WORD ("internal", "note visibility", NC_("note visibility", "internal")),
  WORD ("customer", "note visibility", NC_("note visibility", "to customer")),
};

static const Word languages[] = {
  /* Each language is named in the user's language here (the profile is
   * read by staff); the kiosk names each language in itself. */
  WORD ("ko", "language", NC_("language", "Korean")),
  WORD ("en", "language", NC_("language", "English")),
};

static const Word channels[] = {
  WORD ("sms", "contact channel", NC_("contact channel", "Text message (SMS)")),
  WORD ("email", "contact channel", NC_("contact channel", "E-mail")),
  WORD ("phone", "contact channel", NC_("contact channel", "Phone call")),
  WORD ("none", "contact channel", NC_("contact channel", "Do not contact")),
};

static const Word tiers[] = {
  WORD ("basic", "customer tier", NC_("customer tier", "Basic")),
  WORD ("standard", "customer tier", NC_("customer tier", "Standard")),
  WORD ("member", "customer tier", NC_("customer tier", "Member")),
  WORD ("bronze", "customer tier", NC_("customer tier", "Bronze")),
  WORD ("silver", "customer tier", NC_("customer tier", "Silver")),
  WORD ("gold", "customer tier", NC_("customer tier", "Gold")),
  WORD ("platinum", "customer tier", NC_("customer tier", "Platinum")),
  WORD ("vip", "customer tier", NC_("customer tier", "VIP")),
};

const char *cg_format_order_status (const char *s) { return lookup (order_statuses, G_N_ELEMENTS (order_statuses), s); }
const char *cg_format_case_status (const char *s) { return lookup (case_statuses, G_N_ELEMENTS (case_statuses), s); }
const char *cg_format_checkin_status (const char *s) { return lookup (checkin_statuses, G_N_ELEMENTS (checkin_statuses), s); }
const char *cg_format_checkin_reason (const char *s) { return lookup (checkin_reasons, G_N_ELEMENTS (checkin_reasons), s); }
const char *cg_format_note_visibility (const char *s) { return lookup (note_visibilities, G_N_ELEMENTS (note_visibilities), s); }
const char *cg_format_language (const char *s) { return lookup (languages, G_N_ELEMENTS (languages), s); }
const char *cg_format_channel (const char *s) { return lookup (channels, G_N_ELEMENTS (channels), s); }
const char *cg_format_tier (const char *s) { return lookup (tiers, G_N_ELEMENTS (tiers), s); }

/* -------------------------------------------------------------------- times */

static GDateTime *
parse_local (const char *iso8601)
{
  g_autoptr(GDateTime) utc = NULL;

  if (iso8601 == NULL || *iso8601 == '\0')
    return NULL;
  utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  return utc ? g_date_time_to_local (utc) : NULL;
}

static gint
days_between (GDateTime *earlier,
              GDateTime *later)
{
  int y1, m1, d1, y2, m2, d2;
  g_autoptr(GDate) a = NULL;
  g_autoptr(GDate) b = NULL;

  g_date_time_get_ymd (earlier, &y1, &m1, &d1);
  g_date_time_get_ymd (later, &y2, &m2, &d2);
  a = g_date_new_dmy ((GDateDay) d1, (GDateMonth) m1, (GDateYear) y1);
  b = g_date_new_dmy ((GDateDay) d2, (GDateMonth) m2, (GDateYear) y2);
  return g_date_days_between (a, b);
}

char *
cg_format_time (const char *iso8601,
                GDateTime  *now)
{
  g_autoptr(GDateTime) when = parse_local (iso8601);
  g_autoptr(GDateTime) reference = NULL;
  const char *format;
  gint days;

  if (when == NULL)
    return NULL;
  reference = now ? g_date_time_to_local (now) : g_date_time_new_now_local ();
  days = days_between (when, reference);

  if (days == 0)
    /* Translators: a time today, in g_date_time_format() syntax
     * (https://docs.gtk.org/glib/method.DateTime.format.html). */
    /* xgettext:no-c-format */
    format = _("Today, %H:%M");
  else if (days == 1)
    /* Translators: a time yesterday, in g_date_time_format() syntax. */
    /* xgettext:no-c-format */
    format = _("Yesterday, %H:%M");
  else if (g_date_time_get_year (when) == g_date_time_get_year (reference))
    /* Translators: a date this year and a time, in g_date_time_format()
     * syntax; Korean would be "%-m월 %-d일 %H:%M". */
    /* xgettext:no-c-format */
    format = _("%b %-d, %H:%M");
  else
    /* Translators: a date in another year and a time, in
     * g_date_time_format() syntax; Korean would be "%Y년 %-m월 %-d일 %H:%M". */
    /* xgettext:no-c-format */
    format = _("%b %-d %Y, %H:%M");

  return g_date_time_format (when, format);
}

char *
cg_format_time_long (const char *iso8601)
{
  g_autoptr(GDateTime) when = parse_local (iso8601);

  if (when == NULL)
    return NULL;
  /* Translators: a full date and time for a tooltip, in
   * g_date_time_format() syntax; Korean would be "%Y년 %-m월 %-d일 %A %H:%M:%S". */
  /* xgettext:no-c-format */
  return g_date_time_format (when, _("%A, %B %-d %Y, %H:%M:%S"));
}

static char *
format_month_year (const char *iso8601)
{
  g_autoptr(GDateTime) when = parse_local (iso8601);

  if (when == NULL)
    return NULL;
  /* Translators: a month and year ("Mar 2025"), in g_date_time_format()
   * syntax; Korean would be "%Y년 %-m월". */
  /* xgettext:no-c-format */
  return g_date_time_format (when, _("%b %Y"));
}

/* --------------------------------------------------------------- timeline */

static const char *SEPARATOR = " · ";

char *
cg_format_feedback_scores (const char *detail)
{
  g_auto(GStrv) parts = NULL;
  GPtrArray *words;

  if (detail == NULL || *detail == '\0')
    return NULL;

  words = g_ptr_array_new_with_free_func (g_free);
  parts = g_strsplit (detail, " ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 value;

      if (g_str_has_prefix (parts[i], "csat=") &&
          g_ascii_string_to_signed (parts[i] + 5, 10, 1, 5, &value, NULL))
        /* Translators: customer satisfaction score out of 5. */
        g_ptr_array_add (words, g_strdup_printf (_("CSAT %d/5"), (int) value));
      else if (g_str_has_prefix (parts[i], "nps=") &&
               g_ascii_string_to_signed (parts[i] + 4, 10, 0, 10, &value, NULL))
        /* Translators: Net Promoter Score, 0 to 10. */
        g_ptr_array_add (words, g_strdup_printf (_("NPS %d"), (int) value));
    }
  if (words->len == 0)
    {
      g_ptr_array_unref (words);
      return NULL;
    }
  g_ptr_array_add (words, NULL);
  {
    char *joined = g_strjoinv (SEPARATOR, (char **) words->pdata);
    g_ptr_array_unref (words);
    return joined;
  }
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* "A · B · C" of the non-empty parts. */
static char *
join_parts (const char *first,
            ...)
{
  GString *out = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *part = first; part != (const char *) -1; part = va_arg (args, const char *))
    {
      if (is_empty (part))
        continue;
      if (out->len > 0)
        g_string_append (out, SEPARATOR);
      g_string_append (out, part);
    }
  va_end (args);
  return g_string_free (out, FALSE);
}
#define END_PARTS ((const char *) -1)

char *
cg_format_timeline_title (const char *kind,
                          const char *title,
                          const char *detail,
                          const char *status,
                          gboolean    has_amount,
                          gint64      amount,
                          const char *currency)
{
  if (g_strcmp0 (kind, "order") == 0)
    {
      g_autofree char *money = has_amount ? cg_format_money (amount, currency) : NULL;
      g_autofree char *rest = join_parts (money, cg_format_order_status (status), END_PARTS);

      if (*rest == '\0')
        /* Translators: %s is an order number. */
        return g_strdup_printf (_("Order %s"), title ? title : "");
      /* Translators: first %s is an order number, then its total and status,
       * "Order W24001234 · ₩128,000 · Ready for pickup". */
      return g_strdup_printf (_("Order %s · %s"), title ? title : "", rest);
    }

  if (g_strcmp0 (kind, "case") == 0)
    {
      const char *words = cg_format_case_status (status);

      if (is_empty (words))
        /* Translators: a case number and its subject,
         * "Case 0421-C1-000123: Broken zipper". */
        return g_strdup_printf (_("Case %s: %s"), detail ? detail : "", title ? title : "");
      /* Translators: a case number, its subject and its status,
       * "Case 0421-C1-000123: Broken zipper · Open". */
      return g_strdup_printf (_("Case %s: %s · %s"), detail ? detail : "",
                              title ? title : "", words);
    }

  if (g_strcmp0 (kind, "note") == 0)
    {
      /* Translators: a note on a case; the first %s is who may read it
       * ("internal", "to customer"), the second its text. */
      return g_strdup_printf (_("Note (%s): %s"),
                              is_empty (detail) ? C_("note visibility", "internal")
                                                : cg_format_note_visibility (detail),
                              title ? title : "");
    }

  if (g_strcmp0 (kind, "visit") == 0)
    {
      g_autofree char *rest = join_parts (cg_format_checkin_reason (detail),
                                          cg_format_checkin_status (status), END_PARTS);
      if (*rest == '\0')
        /* Translators: %s is a queue ticket number, "Visit K1-042". */
        return g_strdup_printf (_("Visit %s"), title ? title : "");
      /* Translators: a queue ticket, then the reason and status of the visit,
       * "Visit K1-042 · Pickup · Done". */
      return g_strdup_printf (_("Visit %s · %s"), title ? title : "", rest);
    }

  if (g_strcmp0 (kind, "feedback") == 0)
    {
      g_autofree char *scores = cg_format_feedback_scores (detail);
      g_autofree char *rest = join_parts (scores, title, END_PARTS);

      if (*rest == '\0')
        return g_strdup (_("Feedback"));
      /* Translators: scores and comment, "Feedback: CSAT 4/5 · NPS 9 · Friendly staff". */
      return g_strdup_printf (_("Feedback: %s"), rest);
    }

  return g_strdup (title ? title : "");
}

char *
cg_format_timeline_entry (CgTimelineEntry *entry)
{
  gint64 amount = 0;
  gboolean has_amount;

  g_return_val_if_fail (CG_IS_TIMELINE_ENTRY (entry), NULL);

  has_amount = cg_timeline_entry_get_amount (entry, &amount);
  /* The feedback row's amount is its CSAT score, already in the detail. */
  if (g_strcmp0 (cg_timeline_entry_get_kind (entry), "order") != 0)
    has_amount = FALSE;
  return cg_format_timeline_title (cg_timeline_entry_get_kind (entry),
                                   cg_timeline_entry_get_title (entry),
                                   cg_timeline_entry_get_detail (entry),
                                   cg_timeline_entry_get_status (entry),
                                   has_amount, amount,
                                   cg_timeline_entry_get_currency (entry));
}

char *
cg_format_timeline_subtitle (CgTimelineEntry *entry)
{
  const char *detail;

  g_return_val_if_fail (CG_IS_TIMELINE_ENTRY (entry), NULL);

  if (g_strcmp0 (cg_timeline_entry_get_kind (entry), "order") != 0)
    return NULL;
  detail = cg_timeline_entry_get_detail (entry);
  return is_empty (detail) ? NULL : g_strdup (detail);
}

const char *
cg_format_timeline_icon (const char *kind)
{
  if (g_strcmp0 (kind, "order") == 0)
    return "package-x-generic-symbolic";
  if (g_strcmp0 (kind, "case") == 0)
    return "system-help-symbolic";
  if (g_strcmp0 (kind, "note") == 0)
    return "document-edit-symbolic";
  if (g_strcmp0 (kind, "visit") == 0)
    return "emoji-people-symbolic";
  if (g_strcmp0 (kind, "feedback") == 0)
    return "starred-symbolic";
  return "document-open-recent-symbolic";
}

/* ------------------------------------------------------------------ profile */

void
cg_profile_line_free (CgProfileLine *line)
{
  if (line == NULL)
    return;
  g_free (line->label);
  g_free (line->value);
  g_free (line);
}

static void
add_line (GPtrArray      *lines,
          CgProfileGroup  group,
          const char     *label,
          char           *value,   /* transfer full */
          const char     *icon_name)
{
  CgProfileLine *line = g_new0 (CgProfileLine, 1);

  line->group = group;
  line->label = g_strdup (label);
  line->value = value;
  line->icon_name = icon_name;
  g_ptr_array_add (lines, line);
}

static char *
format_consent (JsonObject *customer)
{
  JsonObject *consent = cg_json_get_object (customer, "consent");
  g_autofree char *since = NULL;
  const char *words;
  gboolean marketing, processing;

  if (consent == NULL)
    return g_strdup (C_("consent", "Not recorded"));

  marketing = cg_json_get_bool (consent, "marketing", FALSE);
  processing = cg_json_get_bool (consent, "data_processing", FALSE);
  if (processing && marketing)
    words = C_("consent", "Data processing and marketing");
  else if (processing)
    words = C_("consent", "Data processing only, no marketing");
  else if (marketing)
    words = C_("consent", "Marketing only");
  else
    words = C_("consent", "None given");

  since = format_month_year (cg_json_get_string (consent, "at"));
  if (since == NULL)
    return g_strdup (words);
  /* Translators: consent and the month it was given, "Data processing only, no marketing (since Mar 2025)". */
  return g_strdup_printf (C_("consent", "%s (since %s)"), words, since);
}

GPtrArray *
cg_profile_lines (JsonObject *customer)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_profile_line_free);
  JsonArray *phones, *emails;
  const char *value;

  g_return_val_if_fail (customer != NULL, lines);

  phones = cg_json_get_array (customer, "phones");
  for (guint i = 0; phones != NULL && i < json_array_get_length (phones); i++)
    {
      const char *phone = cg_json_array_get_string (phones, i);
      if (!is_empty (phone))
        add_line (lines, CG_PROFILE_GROUP_CONTACT, _("Phone"),
                  cg_phone_format (phone), "phone-symbolic");
    }

  emails = cg_json_get_array (customer, "emails");
  for (guint i = 0; emails != NULL && i < json_array_get_length (emails); i++)
    {
      const char *email = cg_json_array_get_string (emails, i);
      if (!is_empty (email))
        add_line (lines, CG_PROFILE_GROUP_CONTACT, _("E-mail"),
                  g_strdup (email), "mail-unread-symbolic");
    }

  value = cg_json_get_string (customer, "preferred_channel");
  if (!is_empty (value))
    add_line (lines, CG_PROFILE_GROUP_DETAILS, _("Preferred channel"),
              g_strdup (cg_format_channel (value)), NULL);

  value = cg_json_get_string (customer, "language");
  if (!is_empty (value))
    add_line (lines, CG_PROFILE_GROUP_DETAILS, _("Language"),
              g_strdup (cg_format_language (value)), NULL);

  value = cg_json_get_string (customer, "tier");
  if (!is_empty (value))
    add_line (lines, CG_PROFILE_GROUP_DETAILS, _("Tier"),
              g_strdup (cg_format_tier (value)), NULL);

  add_line (lines, CG_PROFILE_GROUP_DETAILS, _("Consent"), format_consent (customer), NULL);

  return lines;
}

char *
cg_profile_headline (JsonObject *customer)
{
  g_autofree char *since = NULL;
  g_autofree char *since_text = NULL;
  const char *tier, *language;
  char *line;

  g_return_val_if_fail (customer != NULL, NULL);

  /* What staff need before the first word: which tier, which language. */
  tier = cg_json_get_string (customer, "tier");
  language = cg_json_get_string (customer, "language");
  since = format_month_year (cg_json_get_string (customer, "created_at"));
  if (since != NULL)
    /* Translators: %s is a month and year, "Customer since Mar 2025". */
    since_text = g_strdup_printf (_("Customer since %s"), since);

  line = join_parts (is_empty (tier) ? NULL : cg_format_tier (tier),
                     is_empty (language) ? NULL : cg_format_language (language),
                     since_text, END_PARTS);
  if (*line == '\0')
    g_clear_pointer (&line, g_free);
  return line;
}
