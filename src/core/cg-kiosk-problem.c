/* cg-kiosk-problem.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Problems reported at the kiosk (a new case, or a feedback document when
 * an FAQ answer solved it) and visit ratings. Messages are read by
 * customers and name the field they are about (cg-kiosk.c).
 */
#define G_LOG_DOMAIN "cg-kiosk"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-case.h"
#include "cg-device.h"
#include "cg-json.h"
#include "cg-kiosk-private.h"
#include "cg-store.h"
#include "cg-validate.h"

#define MAX_DESCRIPTION_CHARS  500
#define MAX_COMMENT_CHARS      1000
#define MAX_SUBJECT_CHARS      80
#define MAX_OFFERED            10   /* as cg-validate.c: the flow offers 3 */

/* ------------------------------------------------------------ problems */

/* @text without surrounding white space, or NULL when nothing is left. */
static char *
trimmed (const char *text)
{
  char *s;

  if (text == NULL)
    return NULL;
  s = g_strstrip (g_strdup (text));
  if (*s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

static gboolean
check_offered (const char * const  *offered,
               GError             **error)
{
  guint n = offered != NULL ? g_strv_length ((char **) offered) : 0;

  if (n > MAX_OFFERED)
    {
      g_set_error (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                   "At most %d articles can be offered", MAX_OFFERED);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (*offered[i] == '\0')
      {
        g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                             "An offered article has no id");
        return FALSE;
      }
  return TRUE;
}

static JsonArray *
offered_array (const char * const *offered)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; offered != NULL && offered[i] != NULL; i++)
    json_array_add_string_element (array, offered[i]);
  return array;
}

/* The subject staff see in the case list: the first line of what the
 * customer wrote, shortened. */
static char *
subject_from (const char *description)
{
  const char *end = strchr (description, '\n');
  g_autofree char *line = end != NULL ? g_strndup (description, (gsize) (end - description))
                                      : g_strdup (description);

  g_strstrip (line);
  if (g_utf8_strlen (line, -1) > MAX_SUBJECT_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, MAX_SUBJECT_CHARS - 1);
      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&line);
}

char *
cg_kiosk_report_problem (CgStore              *store,
                         const CgKioskProblem *problem,
                         char                **number,
                         GError              **error)
{
  g_autofree char *description = NULL;
  g_autofree char *phone_typed = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *case_id = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  CgCaseDraft draft = { 0 };

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (problem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!cg_kiosk_is_category (store, problem->category))
    {
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("Please choose a category for your problem."));
      return NULL;
    }
  description = trimmed (problem->description);
  if (description == NULL || !g_utf8_validate (description, -1, NULL))
    {
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("Please describe the problem in the description."));
      return NULL;
    }
  if (g_utf8_strlen (description, -1) > MAX_DESCRIPTION_CHARS)
    {
      g_set_error (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                   _("The description is too long: please use at most %d characters."),
                   MAX_DESCRIPTION_CHARS);
      return NULL;
    }
  phone_typed = trimmed (problem->contact_phone);
  if (phone_typed != NULL)
    {
      phone = cg_phone_normalize (phone_typed, NULL);
      if (phone == NULL)
        {
          g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                               _("Please check the phone number: it should look like 010-1234-5678."));
          return NULL;
        }
    }
  email = trimmed (problem->contact_email);
  if (email != NULL && !cg_email_check (email, NULL))
    {
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("Please check the e-mail address: it should look like name@example.com."));
      return NULL;
    }
  if (g_strcmp0 (problem->language, "ko") != 0 && g_strcmp0 (problem->language, "en") != 0)
    {
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           "The language must be “ko” or “en”");
      return NULL;
    }
  if (!check_offered (problem->offered, error))
    return NULL;

  if (phone != NULL || email != NULL)
    {
      JsonObject *contact = json_object_new ();

      if (phone != NULL)
        json_object_set_string_member (contact, "phone", phone);
      if (email != NULL)
        json_object_set_string_member (contact, "email", email);
      json_object_set_object_member (extra, "contact", contact);
    }
  json_object_set_string_member (extra, "language", problem->language);
  if (problem->offered != NULL && problem->offered[0] != NULL)
    {
      JsonObject *self_service = json_object_new ();

      json_object_set_array_member (self_service, "offered", offered_array (problem->offered));
      json_object_set_boolean_member (self_service, "helped", FALSE);
      json_object_set_object_member (extra, "self_service", self_service);
    }

  device_id = cg_device_get_id (store);
  subject = subject_from (description);
  draft.channel = "kiosk";
  draft.category = problem->category;
  draft.subject = subject;
  draft.description = description;
  draft.priority = "normal";
  draft.created_by = device_id;
  case_id = cg_case_create_with (store, &draft, extra, cg_kiosk_now (), error);
  if (case_id == NULL)
    return NULL;

  if (number != NULL)
    {
      g_autoptr(JsonObject) doc = cg_store_get (store, case_id, FALSE, NULL);
      *number = g_strdup (doc != NULL ? cg_json_get_string (doc, "number") : NULL);
    }
  return g_steal_pointer (&case_id);
}

/* A feedback document with the kiosk's channel and stamp, written. */
static gboolean
put_feedback (CgStore     *store,
              JsonObject  *doc,
              GError     **error)
{
  g_autofree char *id = cg_device_new_doc_id ("feedback");
  g_autofree char *stamp = cg_json_timestamp_now ();
  g_autofree char *device_id = cg_device_get_id (store);
  g_autofree char *rev = NULL;

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "feedback");
  json_object_set_string_member (doc, "channel", "kiosk");
  json_object_set_string_member (doc, "created_at", stamp);
  cg_device_stamp_change (store, doc, device_id, stamp);
  rev = cg_store_put (store, doc, error);
  return rev != NULL;
}

gboolean
cg_kiosk_record_helped (CgStore            *store,
                        const char         *category,
                        const char * const *offered,
                        const char         *article_id,
                        GError            **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  JsonObject *self_service;
  JsonArray *list;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!cg_kiosk_is_category (store, category))
    {
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("Please choose a category for your problem."));
      return FALSE;
    }
  if (article_id == NULL || *article_id == '\0')
    {
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           "Which article helped is not known");
      return FALSE;
    }
  if (!check_offered (offered, error))
    return FALSE;

  self_service = json_object_new ();
  json_object_set_string_member (self_service, "category", category);
  list = offered_array (offered);
  /* The answer that helped was one of those offered, whatever the caller
   * passed. */
  if (!(offered != NULL && g_strv_contains (offered, article_id)) &&
      json_array_get_length (list) < MAX_OFFERED)
    json_array_add_string_element (list, article_id);
  json_object_set_array_member (self_service, "offered", list);
  json_object_set_boolean_member (self_service, "helped", TRUE);
  json_object_set_string_member (self_service, "article_id", article_id);
  json_object_set_object_member (doc, "self_service", self_service);
  return put_feedback (store, doc, error);
}

/* ------------------------------------------------------------ feedback */

gboolean
cg_kiosk_rate_visit (CgStore     *store,
                     int          csat,
                     int          nps,
                     const char  *comment,
                     GError     **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *text = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (csat < 0 || csat > 5)
    {
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("Please rate your visit from 1 to 5."));
      return FALSE;
    }
  if (nps < -1 || nps > 10)
    {
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("Please choose a number from 0 to 10."));
      return FALSE;
    }
  if (csat == 0 && nps == -1)
    {
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("Please choose a rating first."));
      return FALSE;
    }
  text = trimmed (comment);
  if (text != NULL && (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > MAX_COMMENT_CHARS))
    {
      g_set_error (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                   _("The comment is too long: please use at most %d characters."),
                   MAX_COMMENT_CHARS);
      return FALSE;
    }

  if (csat > 0)
    json_object_set_int_member (doc, "csat", csat);
  if (nps >= 0)
    json_object_set_int_member (doc, "nps", nps);
  if (text != NULL)
    json_object_set_string_member (doc, "comment", text);
  return put_feedback (store, doc, error);
}
