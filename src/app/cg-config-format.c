/* cg-config-format.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-config-format"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cg-config-format.h"
#include "cg-format.h"

void
cg_config_leaf_free (CgConfigLeaf *leaf)
{
  if (leaf == NULL)
    return;
  g_free (leaf->path);
  g_free (leaf->group);
  g_free (leaf->title);
  g_free (leaf->value);
  g_free (leaf);
}

/* ------------------------------------------------------------ the schema */

typedef enum {
  KIND_PLAIN,        /* no words of its own: the generic rendering */
  KIND_SECONDS,
  KIND_WITHIN_MIN,   /* an SLA target in minutes: "Within 4 hours" */
  KIND_DAYS,
  KIND_DOCUMENTS,
  KIND_ON_OFF,
  KIND_SLA_CLOCK,
  KIND_FEATURES,
  KIND_LANGUAGES,
  KIND_SECRET,
  KIND_HOURS,        /* one weekday's opening periods */
  KIND_ALWAYS_OPEN,  /* business_hours: {} opts out of hours set higher up */
  KIND_BUILT_IN,     /* sla: {} */
  KIND_CATEGORIES,
  KIND_KEYS,
} Kind;

typedef struct {
  const char *path;
  const char *title;
  Kind        kind;
} Known;

/* Reading order within each group. SLA targets are generated from
 * `priorities` below. */
static const Known known[] = {
  { "sync.interval_s",            N_("Sync interval"),                  KIND_SECONDS },
  { "sync.live",                  N_("Continuous sync"),                KIND_ON_OFF },
  { "sync.backoff_max_s",         N_("Longest wait after a sync error"), KIND_SECONDS },
  { "sync.batch_size",            N_("Sync batch size"),                KIND_DOCUMENTS },
  { "kiosk.idle_timeout_s",       N_("Kiosk idle timeout"),             KIND_SECONDS },
  { "kiosk.idle_warning_s",       N_("Kiosk idle warning"),             KIND_SECONDS },
  { "kiosk.features",             N_("Kiosk features"),                 KIND_FEATURES },
  { "kiosk.languages",            N_("Kiosk languages"),                KIND_LANGUAGES },
  { "kiosk.exit_pin_hash",        N_("Kiosk exit PIN"),                 KIND_SECRET },
  { "counter.lock_timeout_s",     N_("Counter lock timeout"),           KIND_SECONDS },
  { "sla",                        N_("Service levels"),                 KIND_BUILT_IN },
  { "business_hours",             N_("Business hours"),                 KIND_ALWAYS_OPEN },
  { "business_hours.tz",          N_("Time zone"),                      KIND_PLAIN },
  { "business_hours.mon",         N_("Monday"),                         KIND_HOURS },
  { "business_hours.tue",         N_("Tuesday"),                        KIND_HOURS },
  { "business_hours.wed",         N_("Wednesday"),                      KIND_HOURS },
  { "business_hours.thu",         N_("Thursday"),                       KIND_HOURS },
  { "business_hours.fri",         N_("Friday"),                         KIND_HOURS },
  { "business_hours.sat",         N_("Saturday"),                       KIND_HOURS },
  { "business_hours.sun",         N_("Sunday"),                         KIND_HOURS },
  { "categories",                 N_("Case categories"),                KIND_CATEGORIES },
  { "retention.closed_case_days", N_("Keep closed cases for"),          KIND_DAYS },
  { "retention.checkin_days",     N_("Keep check-ins for"),             KIND_DAYS },
  { "trusted_keys",               N_("Added trusted keys"),             KIND_KEYS },
  { "revoked_keys",               N_("Revoked keys"),                   KIND_PLAIN },
};

/* Most urgent first, as the cases list sorts them. */
static const struct {
  const char *priority;
  const char *cases;
} priorities[] = {
  /* Translators: the start of an SLA setting's name, "Urgent cases: first response" */
  { "urgent", N_("Urgent cases") },
  { "high",   N_("High-priority cases") },
  { "normal", N_("Normal-priority cases") },
  { "low",    N_("Low-priority cases") },
};

static const char * const sla_fields[] = { "first_response_min", "resolution_min", "business_hours" };

static const struct {
  const char *id;
  const char *title;
} groups[] = {
  { "sync",           N_("Sync") },
  { "kiosk",          N_("Kiosk") },
  { "counter",        N_("Counter") },
  { "sla",            N_("Service Levels") },
  { "business_hours", N_("Business Hours") },
  { "categories",     N_("Case Categories") },
  { "retention",      N_("Data Retention") },
  { "keys",           N_("Signing Keys") },
  { "other",          N_("Other Settings") },
};

static const Known *
find_known (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (known[i].path, path))
      return &known[i];
  return NULL;
}

/* "sla.urgent.resolution_min" → priority index 0, field index 1. */
static gboolean
parse_sla_path (const char *path,
                guint      *priority,
                guint      *field)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  if (g_strv_length (parts) != 3 || !g_str_equal (parts[0], "sla"))
    return FALSE;
  for (guint p = 0; p < G_N_ELEMENTS (priorities); p++)
    for (guint f = 0; f < G_N_ELEMENTS (sla_fields); f++)
      if (g_str_equal (parts[1], priorities[p].priority) && g_str_equal (parts[2], sla_fields[f]))
        {
          *priority = p;
          *field = f;
          return TRUE;
        }
  return FALSE;
}

static const char *
group_of (const char *path)
{
  g_autofree char *first = g_strndup (path, strcspn (path, "."));

  if (g_str_equal (first, "trusted_keys") || g_str_equal (first, "revoked_keys"))
    return "keys";
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (groups[i].id, first) && !g_str_equal (first, "keys") &&
        !g_str_equal (first, "other"))
      return groups[i].id;
  return "other";
}

static guint
group_rank (const char *group)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (groups[i].id, group))
      return i;
  return G_N_ELEMENTS (groups);
}

/* Known settings in table order, unknown ones after them. */
static guint
key_rank (const char *path)
{
  guint p, f;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (known[i].path, path))
      return i * 100;
  if (parse_sla_path (path, &p, &f))
    return 10000 + p * 10 + f;
  return G_MAXUINT;
}

const char *
cg_config_format_group (const char *group)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_strcmp0 (groups[i].id, group) == 0)
      return _(groups[i].title);
  return group;
}

char *
cg_config_format_title (const char *path)
{
  const Known *k;
  guint p, f;

  g_return_val_if_fail (path != NULL, NULL);

  if ((k = find_known (path)) != NULL)
    return g_strdup (_(k->title));
  if (parse_sla_path (path, &p, &f))
    {
      const char *cases = _(priorities[p].cases);

      switch (f)
        {
        case 0:
          /* Translators: %s is "Urgent cases", "Low-priority cases"… */
          return g_strdup_printf (_("%s: first response"), cases);
        case 1:
          /* Translators: %s is "Urgent cases", "Low-priority cases"… */
          return g_strdup_printf (_("%s: resolution"), cases);
        default:
          /* Translators: %s is "Urgent cases"…; the value says which hours the SLA clock counts */
          return g_strdup_printf (_("%s: clock"), cases);
        }
    }
  return g_strdup (path);
}

/* --------------------------------------------------------------- values */

char *
cg_config_format_duration (gint64 seconds)
{
  static const gint64 unit_s[] = { 86400, 3600, 60, 1 };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gint64 rest = MAX (seconds, 0);

  for (guint u = 0; u < G_N_ELEMENTS (unit_s) && parts->len < 2; u++)
    {
      int n = (int) MIN (rest / unit_s[u], G_MAXINT);

      rest -= (gint64) n * unit_s[u];
      if (n == 0 && !(u == G_N_ELEMENTS (unit_s) - 1 && parts->len == 0))
        continue;
      switch (u)
        {
        case 0:
          g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d day", "%d days", n), n));
          break;
        case 1:
          g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d hour", "%d hours", n), n));
          break;
        case 2:
          g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d minute", "%d minutes", n), n));
          break;
        default:
          g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d second", "%d seconds", n), n));
          break;
        }
    }
  if (parts->len == 1)
    return g_strdup (g_ptr_array_index (parts, 0));
  /* Translators: two parts of a length of time, "1 hour" and "30 minutes" */
  return g_strdup_printf (C_("duration", "%s %s"),
                          (char *) g_ptr_array_index (parts, 0),
                          (char *) g_ptr_array_index (parts, 1));
}

static gboolean
node_int (JsonNode *node,
          gint64   *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
node_bool (JsonNode *node,
           gboolean *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *value = json_node_get_boolean (node);
  return TRUE;
}

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Any JSON in words: scalars as they are, lists of scalars joined, the
 * rest as compact JSON (only settings this version does not know). */
static char *
plain_value (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("Not set"));
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (node) ? _("On") : _("Off"));
        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];
            return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
          }
        case G_TYPE_STRING:
          if (*json_node_get_string (node) == '\0')
            return g_strdup (_("Empty"));
          return g_strdup (json_node_get_string (node));
        default:
          break;
        }
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

      if (n == 0)
        return g_strdup (_("None"));
      for (guint i = 0; i < n; i++)
        {
          JsonNode *el = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (el))
            return json_to_string (node, FALSE);
          g_ptr_array_add (parts, plain_value (el));
        }
      g_ptr_array_add (parts, NULL);
      return g_strjoinv (", ", (char **) parts->pdata);
    }
  if (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) == 0)
    return g_strdup (_("Nothing set"));
  return json_to_string (node, FALSE);
}

static const char *
feature_words (const char *feature)
{
  if (g_strcmp0 (feature, "checkin") == 0)
    return _("Check-in");
  if (g_strcmp0 (feature, "pickup") == 0)
    return _("Order pickup");
  if (g_strcmp0 (feature, "faq") == 0)
    return _("Questions and answers");
  if (g_strcmp0 (feature, "report_problem") == 0)
    return _("Report a problem");
  if (g_strcmp0 (feature, "feedback") == 0)
    return _("Feedback");
  return feature;
}

/* Category labels in the language the app is shown in (as
 * cg_config_apply() chooses them). */
static const char *
label_language (void)
{
  const char * const *langs = g_get_language_names ();

  for (guint i = 0; langs[i] != NULL; i++)
    {
      if (g_str_has_prefix (langs[i], "ko"))
        return "ko";
      if (g_str_has_prefix (langs[i], "en"))
        return "en";
    }
  return "en";
}

/* Each element of @array through @words; NULL when an element is not
 * what @words takes (then the caller falls back to the plain form). */
typedef char *(*ElementWords) (JsonNode *el);

static char *
join_array (JsonNode     *node,
            ElementWords  words)
{
  JsonArray *array;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return g_strdup (_("None"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      char *text = words (json_array_get_element (array, i));

      if (text == NULL)
        return NULL;
      g_ptr_array_add (parts, text);
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static char *
feature_element (JsonNode *el)
{
  const char *s = node_string (el);
  return s ? g_strdup (feature_words (s)) : NULL;
}

static char *
language_element (JsonNode *el)
{
  const char *s = node_string (el);
  return s ? g_strdup (cg_format_language (s)) : NULL;
}

static char *
category_element (JsonNode *el)
{
  JsonObject *cat, *label;
  const char *text = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (el))
    return NULL;
  cat = json_node_get_object (el);
  label = cg_json_get_object (cat, "label");
  if (label != NULL)
    text = cg_json_get_string (label, label_language ());
  if (text == NULL || *text == '\0')
    text = cg_json_get_string (cat, "id");
  return text ? g_strdup (text) : NULL;
}

static char *
key_element (JsonNode *el)
{
  const char *id;

  if (!JSON_NODE_HOLDS_OBJECT (el))
    return NULL;
  id = cg_json_get_string (json_node_get_object (el), "key_id");
  return id ? g_strdup (id) : NULL;
}

/* ["10:00", "14:00", "15:00", "22:00"] → "10:00–14:00, 15:00–22:00". */
static char *
hours_words (JsonNode *node)
{
  JsonArray *array;
  guint n;
  g_autoptr(GString) text = g_string_new (NULL);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("Closed"));
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0)
    return g_strdup (_("Closed"));
  if (n % 2 != 0)
    return NULL;
  for (guint i = 0; i < n; i += 2)
    {
      const char *open = cg_json_array_get_string (array, i);
      const char *close = cg_json_array_get_string (array, i + 1);

      if (open == NULL || close == NULL)
        return NULL;
      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: an opening period, "10:00–22:00" */
      g_string_append_printf (text, C_("hours", "%s–%s"), open, close);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
known_value (Kind      kind,
             JsonNode *node)
{
  gint64 n;
  gboolean b;

  switch (kind)
    {
    case KIND_SECONDS:
      return node_int (node, &n) ? cg_config_format_duration (n) : NULL;
    case KIND_WITHIN_MIN:
      if (node_int (node, &n))
        {
          g_autofree char *duration = cg_config_format_duration (n * 60);
          /* Translators: an SLA target, "Within 4 hours" */
          return g_strdup_printf (_("Within %s"), duration);
        }
      return NULL;
    case KIND_DAYS:
      return node_int (node, &n)
        ? g_strdup_printf (ngettext ("%d day", "%d days", (int) n), (int) n) : NULL;
    case KIND_DOCUMENTS:
      if (node_int (node, &n))
        {
          g_autofree char *count = cg_format_count (n);
          return g_strdup_printf (ngettext ("%s document at a time", "%s documents at a time", (gulong) n),
                                  count);
        }
      return NULL;
    case KIND_ON_OFF:
      return node_bool (node, &b) ? g_strdup (b ? _("On") : _("Off")) : NULL;
    case KIND_SLA_CLOCK:
      return node_bool (node, &b)
        ? g_strdup (b ? _("Business hours only") : _("Around the clock")) : NULL;
    case KIND_FEATURES:
      return join_array (node, feature_element);
    case KIND_LANGUAGES:
      return join_array (node, language_element);
    case KIND_CATEGORIES:
      return join_array (node, category_element);
    case KIND_KEYS:
      return join_array (node, key_element);
    case KIND_SECRET:
      {
        /* Never the hash itself: whether one is set is all staff need. */
        const char *hash = node_string (node);
        return g_strdup (hash != NULL && *hash != '\0' ? _("Set") : _("Not set"));
      }
    case KIND_HOURS:
      return hours_words (node);
    case KIND_ALWAYS_OPEN:
      if (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) == 0)
        return g_strdup (_("Always open"));
      return NULL;
    case KIND_BUILT_IN:
      if (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) == 0)
        return g_strdup (_("Built-in targets"));
      return NULL;
    case KIND_PLAIN:
    default:
      return NULL;
    }
}

char *
cg_config_format_value (const char *path,
                        JsonNode   *node)
{
  const Known *k;
  guint p, f;
  char *text = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if ((k = find_known (path)) != NULL)
    text = known_value (k->kind, node);
  else if (parse_sla_path (path, &p, &f))
    text = known_value (f == 2 ? KIND_SLA_CLOCK : KIND_WITHIN_MIN, node);
  /* A known setting of an unexpected type (validation keeps them out)
   * still shows what is there. */
  return text != NULL ? text : plain_value (node);
}

/* --------------------------------------------------------------- leaves */

static void
collect (JsonObject *object,
         const char *prefix,
         GPtrArray  *leaves)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (object, name);
      g_autofree char *path = prefix ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);
      CgConfigLeaf *leaf;

      if (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) > 0)
        {
          collect (json_node_get_object (node), path, leaves);
          continue;
        }
      leaf = g_new0 (CgConfigLeaf, 1);
      leaf->group = g_strdup (group_of (path));
      leaf->title = cg_config_format_title (path);
      leaf->value = cg_config_format_value (path, node);
      leaf->path = g_steal_pointer (&path);
      g_ptr_array_add (leaves, leaf);
    }
}

static int
compare_leaves (gconstpointer a,
                gconstpointer b)
{
  const CgConfigLeaf *la = *(CgConfigLeaf **) a, *lb = *(CgConfigLeaf **) b;
  guint ga = group_rank (la->group), gb = group_rank (lb->group);
  guint ka = key_rank (la->path), kb = key_rank (lb->path);

  if (ga != gb)
    return ga < gb ? -1 : 1;
  if (ka != kb)
    return ka < kb ? -1 : 1;
  return strcmp (la->path, lb->path);
}

GPtrArray *
cg_config_format_leaves (JsonObject *settings)
{
  GPtrArray *leaves = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_config_leaf_free);

  if (settings != NULL)
    collect (settings, NULL, leaves);
  g_ptr_array_sort (leaves, compare_leaves);
  return leaves;
}

/* --------------------------------------------------------------- sources */

char *
cg_config_format_source (const char *scope,
                         gint64      version)
{
  g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, version);

  if (scope == NULL)
    return g_strdup (_("Built-in default"));
  if (g_str_equal (scope, "global"))
    /* Translators: %s is a version number */
    return g_strdup_printf (_("From the global settings, version %s"), v);
  if (g_str_has_prefix (scope, "region:"))
    /* Translators: %s is a version number */
    return g_strdup_printf (_("From the region’s settings, version %s"), v);
  if (g_str_has_prefix (scope, "store:"))
    /* Translators: %s is a version number */
    return g_strdup_printf (_("From the store’s settings, version %s"), v);
  if (g_str_has_prefix (scope, "device:"))
    /* Translators: %s is a version number */
    return g_strdup_printf (_("From this device’s settings, version %s"), v);
  /* Translators: the first %s is a config scope as written ("store:0421"), the second a version */
  return g_strdup_printf (_("From “%s”, version %s"), scope, v);
}

void
cg_config_format_rejection (JsonObject  *rejection,
                            char       **title,
                            char       **subtitle)
{
  const char *scope, *reason, *at;
  gint64 version = 0;
  g_autofree char *v = NULL;
  g_autofree char *when = NULL;

  g_return_if_fail (rejection != NULL);
  g_return_if_fail (title != NULL && subtitle != NULL);

  scope = cg_json_get_string (rejection, "scope");
  reason = cg_json_get_string (rejection, "reason");
  at = cg_json_get_string (rejection, "at");
  cg_json_get_int (rejection, "version", &version);
  v = g_strdup_printf ("%" G_GINT64_FORMAT, version);

  if (scope == NULL)
    *title = g_strdup (_("Refused: a configuration without a scope"));
  else if (g_str_equal (scope, "global"))
    /* Translators: %s is a version number */
    *title = g_strdup_printf (_("Refused: the global settings, version %s"), v);
  else if (g_str_has_prefix (scope, "region:"))
    /* Translators: %s is a version number */
    *title = g_strdup_printf (_("Refused: the region’s settings, version %s"), v);
  else if (g_str_has_prefix (scope, "store:"))
    /* Translators: %s is a version number */
    *title = g_strdup_printf (_("Refused: the store’s settings, version %s"), v);
  else if (g_str_has_prefix (scope, "device:"))
    /* Translators: %s is a version number */
    *title = g_strdup_printf (_("Refused: this device’s settings, version %s"), v);
  else
    /* Translators: the first %s is a config scope as written ("store:0421"), the second a version */
    *title = g_strdup_printf (_("Refused: “%s”, version %s"), scope, v);

  /* The reason is a sentence of its own (it may end with a full stop). */
  when = at != NULL ? cg_format_time (at, NULL) : NULL;
  if (when != NULL)
    /* Translators: the first %s is why a config was refused, the second when ("Today, 14:05") */
    *subtitle = g_strdup_printf (_("%s\nRefused: %s. The settings in force did not change."),
                                 reason ? reason : _("No reason was recorded."), when);
  else
    /* Translators: %s is why a config was refused */
    *subtitle = g_strdup_printf (_("%s\nThe settings in force did not change."),
                                 reason ? reason : _("No reason was recorded."));
}
