/* cg-business-hours.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening hours are stored per weekday as minutes since local midnight and
 * turned into instants one local day at a time, with the zone's rules for
 * that day: a day is not 86400 seconds when daylight saving time starts or
 * ends, so no sum here ever adds "one day" to an instant. Local days are
 * Julian day numbers (GDate), and local wall time is converted to an
 * instant with g_time_zone_adjust_time(), which avoids a GDateTime per
 * opening period: an SLA report evaluates thousands of cases, each over
 * days or weeks.
 *
 * Wall times that do not exist (the hour skipped in spring) move to the
 * change itself; wall times that happen twice (the hour repeated in autumn)
 * are taken in standard time, the second pass. Either way an opening
 * period never runs backwards, so counting stays monotonic.
 */
#define G_LOG_DOMAIN "cg-business-hours"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-business-hours.h"
#include "cg-json.h"

#define SECONDS_PER_DAY (24 * 60 * 60)

struct _CgBusinessHours
{
  GTimeZone *tz;            /* NULL: always open */
  /* Per weekday, 0 = Monday: opening and closing times alternating, in
   * minutes since local midnight, strictly increasing, at most 1440. */
  guint16    bounds[7][2 * CG_BUSINESS_HOURS_MAX_PERIODS];
  guint      n_bounds[7];
};

static const char * const day_keys[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static void
business_hours_clear (gpointer data)
{
  CgBusinessHours *self = data;

  g_clear_pointer (&self->tz, g_time_zone_unref);
}

CgBusinessHours *
cg_business_hours_new_always_open (void)
{
  return g_atomic_rc_box_new0 (CgBusinessHours);
}

CgBusinessHours *
cg_business_hours_ref (CgBusinessHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
cg_business_hours_unref (CgBusinessHours *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, business_hours_clear);
}

gboolean
cg_business_hours_is_always_open (const CgBusinessHours *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->tz == NULL;
}

GTimeZone *
cg_business_hours_get_timezone (const CgBusinessHours *self)
{
  static GTimeZone *utc;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->tz != NULL)
    return self->tz;
  if (g_once_init_enter (&utc))
    g_once_init_leave (&utc, g_time_zone_new_utc ());
  return utc;
}

/* ------------------------------------------------------------- parsing */

/* "HH:MM", 00:00 to 24:00. */
static gboolean
parse_time (const char *text,
            guint      *minutes)
{
  guint hours, mins;

  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  hours = (guint) (text[0] - '0') * 10 + (guint) (text[1] - '0');
  mins = (guint) (text[3] - '0') * 10 + (guint) (text[4] - '0');
  if (mins > 59 || hours > 24 || (hours == 24 && mins != 0))
    return FALSE;
  *minutes = hours * 60 + mins;
  return TRUE;
}

static gboolean
parse_day (CgBusinessHours  *self,
           guint             weekday,
           JsonNode         *node,
           GError          **error)
{
  const char *key = day_keys[weekday];
  JsonArray *array;
  guint length;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_WRONG_TYPE,
                   _("Business hours for “%s” must be a list of opening and closing times, "
                     "for example [\"10:00\", \"22:00\"]."), key);
      return FALSE;
    }
  array = json_node_get_array (node);
  length = json_array_get_length (array);
  if (length % 2 != 0)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("Business hours for “%s” must pair each opening time with a closing time."),
                   key);
      return FALSE;
    }
  if (length > 2 * CG_BUSINESS_HOURS_MAX_PERIODS)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("Business hours for “%s” have more than %d opening periods."),
                   key, CG_BUSINESS_HOURS_MAX_PERIODS);
      return FALSE;
    }

  for (guint i = 0; i < length; i++)
    {
      const char *text = cg_json_array_get_string (array, i);
      guint minutes;

      if (!parse_time (text, &minutes))
        {
          /* A number or another non-string shows as "?": the message must
           * say which day is wrong even when the value cannot be printed. */
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("Business hours for “%s”: “%s” is not a time of day (HH:MM, 00:00 to 24:00)."),
                       key, text != NULL ? text : "?");
          return FALSE;
        }
      if (i > 0 && minutes <= self->bounds[weekday][i - 1])
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("Business hours for “%s” must be in increasing order within the day; "
                         "split a shift that runs past midnight over two days."),
                       key);
          return FALSE;
        }
      self->bounds[weekday][i] = (guint16) minutes;
    }
  self->n_bounds[weekday] = length;
  return TRUE;
}

CgBusinessHours *
cg_business_hours_new_from_json (JsonObject  *settings,
                                 GError     **error)
{
  g_autoptr(CgBusinessHours) self = NULL;
  const char *tz_name;
  gboolean open_some_day = FALSE;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A merged config cannot delete a key (CONFIG.md: objects merge key by
   * key), so an empty object is how a store opts out of hours set higher
   * up. */
  if (settings == NULL || json_object_get_size (settings) == 0)
    return cg_business_hours_new_always_open ();

  self = cg_business_hours_new_always_open ();
  tz_name = cg_json_get_string (settings, "tz");
  if (tz_name == NULL || *tz_name == '\0')
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                   _("Business hours need a time zone (“tz”), for example “Asia/Seoul”."));
      return NULL;
    }
  self->tz = g_time_zone_new_identifier (tz_name);
  if (self->tz == NULL)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("Business hours: “%s” is not a known time zone."), tz_name);
      return NULL;
    }

  for (guint weekday = 0; weekday < 7; weekday++)
    {
      JsonNode *node = json_object_get_member (settings, day_keys[weekday]);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;   /* closed */
      if (!parse_day (self, weekday, node, error))
        return NULL;
      if (self->n_bounds[weekday] > 0)
        open_some_day = TRUE;
    }

  /* Without a single opening, no due time could ever be reached. */
  if (!open_some_day)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("Business hours must open on at least one day of the week."));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* ----------------------------------------------------------- local days */

/* GDate's Julian day numbers (1 = Monday 1 January of year 1) of
 * 1 January 1970 and of 31 December 9999. */
#define EPOCH_JULIAN G_GINT64_CONSTANT (719163)
#define LAST_JULIAN 3652059

/* The local day (Julian day number) that @instant falls on; 0 when outside
 * the years 1 to 9999. */
static guint32
local_day (GTimeZone *tz,
           gint64     instant)
{
  gint interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant);
  gint64 wall = instant + g_time_zone_get_offset (tz, interval);
  gint64 days = wall / SECONDS_PER_DAY;
  gint64 julian;

  if (wall % SECONDS_PER_DAY < 0)
    days--;   /* floor, for instants before 1970 */
  julian = days + EPOCH_JULIAN;
  if (julian < 1 || julian > LAST_JULIAN)
    return 0;
  return (guint32) julian;
}

/* The instant of wall time @minutes past midnight of local day @julian;
 * 1440 is the next midnight. */
static gint64
local_instant (GTimeZone *tz,
               guint32    julian,
               guint      minutes)
{
  gint64 wall = ((gint64) julian - EPOCH_JULIAN) * SECONDS_PER_DAY + (gint64) minutes * 60;
  gint interval = g_time_zone_adjust_time (tz, G_TIME_TYPE_STANDARD, &wall);

  return wall - g_time_zone_get_offset (tz, interval);
}

static guint
weekday_of (guint32 julian)
{
  /* Julian day 1 (1 January of year 1) was a Monday. */
  return (julian - 1) % 7;
}

/* -------------------------------------------------------------- counting */

gint64
cg_business_hours_count_seconds (const CgBusinessHours *self,
                                 gint64                 from,
                                 gint64                 to)
{
  gint64 total = 0;
  guint32 day;

  g_return_val_if_fail (self != NULL, 0);

  if (to < from)
    return -cg_business_hours_count_seconds (self, to, from);
  if (self->tz == NULL)
    return to - from;

  /* Periods end by the next midnight, so none of an earlier local day
   * reaches past @from. */
  for (day = local_day (self->tz, from); day != 0 && day <= LAST_JULIAN; day++)
    {
      guint weekday = weekday_of (day);

      if (local_instant (self->tz, day, 0) >= to)
        break;
      for (guint i = 0; i + 1 < self->n_bounds[weekday]; i += 2)
        {
          gint64 open = local_instant (self->tz, day, self->bounds[weekday][i]);
          gint64 close = local_instant (self->tz, day, self->bounds[weekday][i + 1]);
          gint64 lo = MAX (open, from);
          gint64 hi = MIN (close, to);

          if (hi > lo)
            total += hi - lo;
        }
    }
  return total;
}

gint64
cg_business_hours_add_seconds (const CgBusinessHours *self,
                               gint64                 start,
                               gint64                 seconds)
{
  guint32 day;

  g_return_val_if_fail (self != NULL, start);
  g_return_val_if_fail (seconds >= 0, start);

  if (seconds == 0)
    return start;
  if (self->tz == NULL)
    return seconds > G_MAXINT64 - start ? G_MAXINT64 : start + seconds;

  for (day = local_day (self->tz, start); day != 0 && day <= LAST_JULIAN; day++)
    {
      guint weekday = weekday_of (day);

      for (guint i = 0; i + 1 < self->n_bounds[weekday]; i += 2)
        {
          gint64 open = local_instant (self->tz, day, self->bounds[weekday][i]);
          gint64 close = local_instant (self->tz, day, self->bounds[weekday][i + 1]);
          gint64 from = MAX (open, start);

          if (close <= from)
            continue;
          /* ≤, not <: a target that ends at closing time is due at closing
           * time, not when the store opens again. */
          if (seconds <= close - from)
            return from + seconds;
          seconds -= close - from;
        }
    }
  return G_MAXINT64;
}

gint64
cg_business_hours_add_minutes (const CgBusinessHours *self,
                               gint64                 start,
                               gint64                 minutes)
{
  g_return_val_if_fail (self != NULL, start);
  g_return_val_if_fail (minutes >= 0, start);

  if (minutes > G_MAXINT64 / 60)
    return G_MAXINT64;
  return cg_business_hours_add_seconds (self, start, minutes * 60);
}
