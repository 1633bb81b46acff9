/* cg-phone.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phone numbers and e-mail addresses as people type them at a counter.
 * Stored form is E.164; Korean numbers are the common case, so a number
 * without a country code is read as Korean (leading 0 = trunk prefix).
 */
#define G_LOG_DOMAIN "cg-validate"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-validate.h"

char *
cg_phone_normalize (const char  *raw,
                    GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean plus = FALSE;
  const char *p;

  if (raw == NULL || *raw == '\0')
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("Enter a phone number."));
      return NULL;
    }

  for (p = raw; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("The phone number is not valid text."));
          return NULL;
        }
      if (c >= '0' && c <= '9')
        g_string_append_c (digits, (char) c);
      else if (c == '+' && digits->len == 0 && !plus)
        plus = TRUE;
      else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/')
        continue;
      else
        {
          char buf[8] = { 0 };
          g_unichar_to_utf8 (c, buf);
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("“%s” cannot be part of a phone number. Use digits, spaces or dashes, and + only at the start (for example 010-1234-5678)."),
                       buf);
          return NULL;
        }
    }

  if (!plus && g_str_has_prefix (digits->str, "00"))
    {
      g_string_erase (digits, 0, 2);   /* international access code */
      plus = TRUE;
    }

  if (plus)
    {
      /* +82 0 10…: people often keep the trunk 0 after the country code. */
      if (g_str_has_prefix (digits->str, "820"))
        g_string_erase (digits, 2, 1);
      if (digits->len < 8 || digits->len > 15)
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("An international number has 8 to 15 digits after the +; “%s” has %u."),
                       raw, (guint) digits->len);
          return NULL;
        }
      return g_strconcat ("+", digits->str, NULL);
    }

  if (digits->len == 0 || digits->str[0] != '0')
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("Enter the number with its area or mobile code, like 010-1234-5678, or in international form starting with +."));
      return NULL;
    }
  /* Lengths by prefix: 010 mobiles have 11 digits, Seoul (02) 9–10, the
   * other area codes, old mobiles (011, 016–019) and 070 10–11. A digit too
   * few is the most common typo at a counter, so it must not pass. */
  {
    guint min = 10, max = 11;
    if (g_str_has_prefix (digits->str, "010"))
      min = max = 11;
    else if (g_str_has_prefix (digits->str, "02"))
      min = 9, max = 10;

    if (digits->len < min || digits->len > max)
      {
        if (min == max)
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("A mobile number starting with 010 has 11 digits; “%s” has %u. Check for a missing or extra digit."),
                       raw, (guint) digits->len);
        else
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("A Korean phone number starting with %.3s has %u to %u digits; “%s” has %u. Check for a missing or extra digit."),
                       digits->str, min, max, raw, (guint) digits->len);
        return NULL;
      }
  }
  return g_strconcat ("+82", digits->str + 1, NULL);
}

gboolean
cg_phone_is_e164 (const char *phone)
{
  size_t n;

  if (phone == NULL || phone[0] != '+')
    return FALSE;
  n = strlen (phone + 1);
  if (n < 8 || n > 15 || phone[1] == '0')
    return FALSE;
  for (const char *p = phone + 1; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

char *
cg_phone_national_digits (const char *e164)
{
  if (e164 == NULL)
    return g_strdup ("");
  if (g_str_has_prefix (e164, "+82"))
    return g_strconcat ("0", e164 + 3, NULL);
  return g_strdup (e164[0] == '+' ? e164 + 1 : e164);
}

char *
cg_phone_format (const char *e164)
{
  g_autofree char *n = NULL;
  size_t len;

  if (e164 == NULL || !g_str_has_prefix (e164, "+82"))
    return g_strdup (e164 ? e164 : "");
  n = cg_phone_national_digits (e164);
  len = strlen (n);
  if (g_str_has_prefix (n, "02") && (len == 9 || len == 10))
    return g_strdup_printf ("02-%.*s-%s", (int) (len - 6), n + 2, n + len - 4);
  if (len == 10 || len == 11)
    return g_strdup_printf ("%.3s-%.*s-%s", n, (int) (len - 7), n + 3, n + len - 4);
  return g_strdup (n);
}

gboolean
cg_email_check (const char  *email,
                GError     **error)
{
  const char *at;
  const char *dot;

  if (email == NULL || *email == '\0')
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("Enter an e-mail address."));
      return FALSE;
    }
  if (!g_utf8_validate (email, -1, NULL) || strlen (email) > 254)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("The e-mail address is too long or not valid text."));
      return FALSE;
    }
  for (const char *p = email; *p; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      {
        g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                     _("“%s” is not an e-mail address: it contains a space or “%c”."),
                     email, g_ascii_isspace (*p) ? ' ' : *p);
        return FALSE;
      }
  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("“%s” is not an e-mail address: it needs exactly one @ with a name before it."),
                   email);
      return FALSE;
    }
  dot = strrchr (at, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0' || strstr (at, "..") != NULL)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("“%s” is not an e-mail address: the part after @ should be a domain like example.com."),
                   email);
      return FALSE;
    }
  return TRUE;
}
