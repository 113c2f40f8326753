/* sp-overview-page.c — the SPU overview ("Översikt"): every episode of the unit, filtered
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-overview-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sp-calendar.h"
#include "sp-episode-summary.h"
#include "sp-overview-model.h"
#include "sp-deadline-monitor.h"
#include "sp-overview-page.h"
#include "sp-pending-mark.h"
#include "sp-track-chip.h"

typedef enum
{
  COLUMN_PATIENT,
  COLUMN_WARD,
  COLUMN_ADMITTED,
  COLUMN_DISCHARGE,
  COLUMN_TRACK,
  COLUMN_STATE,
  COLUMN_CARE_CONTACT,
  COLUMN_SIP,
  COLUMN_DEADLINE,
  COLUMN_UNREAD,
  N_COLUMNS
} Column;

static const char * const column_ids[N_COLUMNS] = {
  "patient_column", "ward_column", "admitted_column", "discharge_column", "track_column",
  "state_column", "care_contact_column", "sip_column", "deadline_column", "unread_column",
};

/* The track filter's bits: one per SpTrack, and one for "no track (yet)". */
#define TRACK_NONE_BIT  (SP_TRACK_ROD + 1)
#define ALL_TRACKS      ((1u << (TRACK_NONE_BIT + 1)) - 1)
#define ALL_STATES      ((1u << (SP_EPISODE_STATE_CANCELLED + 1)) - 1)
#define ACTIVE_STATES   ((1u << SP_EPISODE_STATE_PLANNING) | (1u << SP_EPISODE_STATE_READY))

/* The rows of the status dropdown, in order. */
static const struct
{
  const char *label;
  guint       states;
} state_choices[] = {
  { N_("All Statuses"), ALL_STATES },
  { N_("In Hospital"), ACTIVE_STATES },
  { N_("Planning"), 1u << SP_EPISODE_STATE_PLANNING },
  { N_("Ready for Discharge"), 1u << SP_EPISODE_STATE_READY },
  { N_("Discharged"), 1u << SP_EPISODE_STATE_DISCHARGED },
  { N_("Deceased"), 1u << SP_EPISODE_STATE_DECEASED },
  { N_("Cancelled"), 1u << SP_EPISODE_STATE_CANCELLED },
};

/* What the filter lets through; see filter_episode (). */
typedef struct
{
  char     *ward_id;    /* NULL: every ward */
  guint     tracks;
  guint     states;
  gboolean  only_overdue;
  char     *deadline_kind; /* NULL: any; else the deadline monitor's kind */
} Facets;

struct _SpOverviewPage
{
  GtkWidget            parent_instance;

  GtkWidget           *content;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *ward_dropdown;
  GtkDropDown         *track_dropdown;
  GtkDropDown         *state_dropdown;
  GtkToggleButton     *overdue_button;
  GtkWidget           *monitor;       /* overdue clocks per kind, above the filters */
  GtkLabel            *count_label;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  AdwStatusPage       *empty_page;
  GtkWidget           *clear_button;
  GtkColumnViewColumn *columns[N_COLUMNS];

  GListModel          *model;
  GtkCustomFilter     *filter;
  SpOverviewModel     *shown;         /* the model's rows, sorted and filtered */
  GtkSingleSelection  *selection;

  /* The ward dropdown lists the wards of the model; ward_ids[i] is row i + 1. */
  GtkStringList       *ward_names;
  GPtrArray           *ward_ids;
  guint                wards_idle_id;
  gboolean             updating_wards;

  char                *needle;        /* casefolded search text; NULL: no search */
  gboolean             needle_is_identity;
  Facets               facets;

  char                *selected_id;   /* the last selected episode, kept across updates */

  SpOutbox            *outbox;        /* nullable: whose commands mark rows "pending" */
  GHashTable          *state_cells;   /* GtkListItem* of the status column now bound */
};

G_DEFINE_FINAL_TYPE (SpOverviewPage, sp_overview_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

enum {
  ACTIVATE_EPISODE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static GQuark column_quark;
static GQuark summary_quark;
static GQuark page_quark;

/* Cells */

static char *
format_date_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = sp_calendar_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* GtkInscription, not GtkLabel: GTK 4.8 keeps ~200 rows of cells realized and measures them
 * all at every change; an inscription's size comes from its line count, without laying out
 * its text (only the ~20 rows on screen do that, when drawn). Every row is two lines. */
static GtkWidget *
new_cell_text (const char *css_class)
{
  GtkWidget *text = gtk_inscription_new (NULL);

  gtk_inscription_set_min_lines (GTK_INSCRIPTION (text), 2);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (text), 2);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (text),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (text), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (text, css_class);

  return text;
}

static GtkWidget *
new_cell (Column column)
{
  GtkWidget *text;

  switch (column)
    {
    case COLUMN_TRACK:
      return sp_track_chip_new (SP_TRACK_GRA);
    case COLUMN_ADMITTED:
    case COLUMN_DISCHARGE:
      return new_cell_text ("numeric");
    case COLUMN_UNREAD:
      /* A pill as wide as two digits, centred in the cell's height. */
      text = gtk_inscription_new (NULL);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (text), 2);
      gtk_inscription_set_xalign (GTK_INSCRIPTION (text), 0.5);
      gtk_widget_add_css_class (text, "sp-unread-badge");
      gtk_widget_set_halign (text, GTK_ALIGN_START);
      gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
      return text;
    case COLUMN_STATE:
      /* The status, and under it what of the user's waits to be sent (see show_state ()). */
      text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_box_append (GTK_BOX (text), new_cell_text (NULL));
      gtk_inscription_set_min_lines (GTK_INSCRIPTION (gtk_widget_get_first_child (text)), 1);
      gtk_inscription_set_nat_lines (GTK_INSCRIPTION (gtk_widget_get_first_child (text)), 1);
      return text;
    case COLUMN_PATIENT:
    case COLUMN_WARD:
    case COLUMN_SIP:
    case COLUMN_DEADLINE:
    case COLUMN_CARE_CONTACT:
      return new_cell_text (NULL);
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* Two-line cells: a main text and a smaller caption under it, escaped. */
static void set_markup (GtkWidget  *cell,
                        const char *format,
                        ...) G_GNUC_PRINTF (2, 3);

static void
set_markup (GtkWidget  *cell,
            const char *format,
            ...)
{
  g_autofree char *markup = NULL;
  va_list args;

  va_start (args, format);
  markup = g_markup_vprintf_escaped (format, args);
  va_end (args);
  gtk_inscription_set_markup (GTK_INSCRIPTION (cell), markup);
}

static void
set_text (GtkWidget  *cell,
          const char *text)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
}

/* "–" where there is nothing to show, so that an empty cell is not read as missing data. */
static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "–";
}

/* Only when it changes: in GTK 4.8 every call asks the X server where the pointer is, a
 * round trip per cell that made rebinding a screenful of rows take a third longer. */
static void
set_tooltip (GtkWidget  *cell,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (cell), text) != 0)
    gtk_widget_set_tooltip_text (cell, text);
}

static void
show_patient (GtkWidget        *cell,
              SpEpisodeSummary *summary)
{
  const char *name = sp_episode_summary_get_patient_name (summary);
  const char *identity = or_dash (sp_episode_summary_get_identity (summary));

  if (name != NULL)
    set_markup (cell, "%s\n<span size=\"small\" fgalpha=\"65%%\">%s</span>", name, identity);
  else
    set_markup (cell, "<i>%s</i>\n<span size=\"small\" fgalpha=\"65%%\">%s</span>",
                _("Not shown"), identity);
  set_tooltip (cell, sp_episode_summary_get_restricted_reason (summary));
}

/* The phone under the name: what the coordinator calls next, without hovering. */
static void
show_care_contact (GtkWidget        *cell,
                   SpEpisodeSummary *summary)
{
  const char *name = sp_episode_summary_get_care_contact (summary);
  const char *phone = sp_episode_summary_get_care_contact_phone (summary);

  if (name == NULL || phone == NULL)
    set_text (cell, or_dash (name));
  else
    set_markup (cell, "%s\n<span size=\"small\" fgalpha=\"65%%\">%s</span>", name, phone);
}

/* Overdue: red, a bold label and a warning sign, so that it does not rely on colour alone. */
static void
show_deadline (GtkWidget        *cell,
               SpEpisodeSummary *summary)
{
  GDateTime *due = sp_episode_summary_get_next_deadline (summary);
  const char *label = due != NULL ? sp_episode_summary_get_next_deadline_label (summary) : "";
  g_autofree char *text = due != NULL ? format_date_time (due) : NULL;

  if (sp_episode_summary_get_next_deadline_overdue (summary))
    {
      set_markup (cell, "%s\n<span size=\"small\" weight=\"bold\">⚠ %s</span>", or_dash (text),
                  label);
      gtk_widget_add_css_class (cell, "sp-overdue");
    }
  else
    {
      set_markup (cell, "%s\n<span size=\"small\" fgalpha=\"65%%\">%s</span>",
                  or_dash (text), label);
      gtk_widget_remove_css_class (cell, "sp-overdue");
    }
}

/* No chip before any planning answer: an empty cell, not a grey (grå) track. */
static void
show_track (GtkWidget        *cell,
            SpEpisodeSummary *summary)
{
  SpTrack track;
  gboolean has_track = sp_episode_summary_get_track (summary, &track);

  if (has_track)
    sp_track_chip_set_track (SP_TRACK_CHIP (cell), track);
  gtk_widget_set_visible (cell, has_track);
}

/* The day, and the time under it: the column stays narrow. */
static void
show_admitted (GtkWidget        *cell,
               SpEpisodeSummary *summary)
{
  g_autoptr(GDateTime) local = sp_calendar_to_local (sp_episode_summary_get_admitted (summary));
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (local, "%H:%M");

  set_markup (cell, "%s\n<span size=\"small\" fgalpha=\"65%%\">%s</span>", day, time);
}

static void
show_date (GtkWidget        *cell,
           SpEpisodeSummary *summary)
{
  GDate date;
  char text[16] = "–";

  if (sp_episode_summary_get_estimated_discharge (summary, &date))
    g_snprintf (text, sizeof text, "%04u-%02u-%02u", g_date_get_year (&date),
                g_date_get_month (&date), g_date_get_day (&date));
  set_text (cell, text);
}

static void
show_unread (GtkWidget        *cell,
             SpEpisodeSummary *summary)
{
  guint count = sp_episode_summary_get_unacknowledged (summary);
  char text[16];

  g_snprintf (text, sizeof text, "%u", count);
  set_text (cell, text);
  gtk_widget_set_visible (cell, count > 0);
}

/* The status; "Väntar på att skickas" under it while the outbox holds a command on the
 * episode. One hash lookup per bound row (sp_outbox_get_mark), never a scan. */
static void
show_state (GtkWidget        *cell,
            SpEpisodeSummary *summary,
            SpOverviewPage   *self)
{
  GtkWidget *text = gtk_widget_get_first_child (cell);
  GtkWidget *mark = gtk_widget_get_next_sibling (text);
  SpOutboxMark value = self != NULL && self->outbox != NULL
                       ? sp_outbox_get_mark (self->outbox, sp_episode_summary_get_id (summary))
                       : SP_OUTBOX_MARK_NONE;

  set_text (text, sp_episode_summary_get_state_text (summary));

  /* The mark is made the first time a row has one: most never do, and the view makes 200
   * rows before its first frame. */
  if (mark == NULL && value == SP_OUTBOX_MARK_NONE)
    return;
  if (mark == NULL)
    {
      mark = sp_pending_mark_new ();
      /* The column is narrow: "Ej skickat än", the whole sentence in the tooltip. */
      sp_pending_mark_set_compact (SP_PENDING_MARK (mark), TRUE);
      gtk_box_append (GTK_BOX (cell), mark);
    }
  sp_pending_mark_set_mark (SP_PENDING_MARK (mark), value);
}

static void
show_cell (GtkListItem      *list_item,
           SpEpisodeSummary *summary)
{
  Column column = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (list_item), column_quark));
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  switch (column)
    {
    case COLUMN_PATIENT:
      show_patient (cell, summary);
      break;
    case COLUMN_WARD:
      set_text (cell, sp_episode_summary_get_ward_name (summary));
      break;
    case COLUMN_ADMITTED:
      show_admitted (cell, summary);
      break;
    case COLUMN_DISCHARGE:
      show_date (cell, summary);
      break;
    case COLUMN_TRACK:
      show_track (cell, summary);
      break;
    case COLUMN_STATE:
      show_state (cell, summary, g_object_get_qdata (G_OBJECT (list_item), page_quark));
      break;
    case COLUMN_CARE_CONTACT:
      show_care_contact (cell, summary);
      break;
    case COLUMN_SIP:
      set_text (cell, or_dash (sp_episode_summary_get_sip_text (summary)));
      break;
    case COLUMN_DEADLINE:
      show_deadline (cell, summary);
      break;
    case COLUMN_UNREAD:
      show_unread (cell, summary);
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
summary_notify_cb (SpEpisodeSummary *summary,
                   GParamSpec       *pspec,
                   GtkListItem      *list_item)
{
  show_cell (list_item, summary);
}

/* The cell follows the summary its row shows: its texts change in place (a live update). */
static void
follow_summary (GtkListItem      *list_item,
                SpEpisodeSummary *summary)
{
  SpEpisodeSummary *followed = g_object_get_qdata (G_OBJECT (list_item), summary_quark);

  if (followed != NULL)
    g_signal_handlers_disconnect_by_func (followed, summary_notify_cb, list_item);
  if (summary != NULL)
    g_signal_connect_object (summary, "notify", G_CALLBACK (summary_notify_cb), list_item, 0);
  g_object_set_qdata_full (G_OBJECT (list_item), summary_quark,
                           summary != NULL ? g_object_ref (summary) : NULL, g_object_unref);
}

/* The row shows another episode now (the list was filtered or sorted). */
static void
row_summary_changed_cb (SpOverviewRow *row,
                        GParamSpec    *pspec,
                        GtkListItem   *list_item)
{
  SpEpisodeSummary *summary = sp_overview_row_get_summary (row);

  follow_summary (list_item, summary);
  show_cell (list_item, summary);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  g_object_set_qdata (G_OBJECT (list_item), column_quark, user_data);
  g_object_set_qdata (G_OBJECT (list_item), page_quark,
                      g_object_get_qdata (G_OBJECT (factory), page_quark));
  gtk_list_item_set_child (list_item, new_cell (GPOINTER_TO_UINT (user_data)));
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  SpOverviewRow *row = gtk_list_item_get_item (list_item);
  SpOverviewPage *self = g_object_get_qdata (G_OBJECT (list_item), page_quark);

  if (GPOINTER_TO_UINT (user_data) == COLUMN_STATE && self != NULL)
    g_hash_table_add (self->state_cells, list_item);
  g_signal_connect_object (row, "notify::summary", G_CALLBACK (row_summary_changed_cb),
                           list_item, 0);
  row_summary_changed_cb (row, NULL, list_item);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  SpOverviewPage *self = g_object_get_qdata (G_OBJECT (list_item), page_quark);

  if (self != NULL && self->state_cells != NULL)
    g_hash_table_remove (self->state_cells, list_item);
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item),
                                        row_summary_changed_cb, list_item);
  follow_summary (list_item, NULL);
}

/* Sorting */

/* Empty texts and missing times go last, whichever way the column sorts. */
static int
compare_nullable (gconstpointer a,
                  gconstpointer b)
{
  return (a == NULL) - (b == NULL);
}

static int
compare_keys (const char *a,
              const char *b)
{
  if (a == NULL || b == NULL)
    return compare_nullable (a, b);

  return strcmp (a, b);
}

static int
compare_dates (SpEpisodeSummary *a,
               SpEpisodeSummary *b)
{
  GDate date_a;
  GDate date_b;
  gboolean has_a = sp_episode_summary_get_estimated_discharge (a, &date_a);
  gboolean has_b = sp_episode_summary_get_estimated_discharge (b, &date_b);

  if (!has_a || !has_b)
    return has_b - has_a;

  return g_date_compare (&date_a, &date_b);
}

/* No track sorts below grå: it is the least known. */
static int
get_track_rank (SpEpisodeSummary *summary)
{
  SpTrack track;

  return sp_episode_summary_get_track (summary, &track) ? (int) track : -1;
}

static int
compare_numbers (int a,
                 int b)
{
  return (a > b) - (a < b);
}

static int
compare_numbers_64 (gint64 a,
                    gint64 b)
{
  return (a > b) - (a < b);
}

static int
compare_column (SpEpisodeSummary *a,
                SpEpisodeSummary *b,
                Column            column)
{
  switch (column)
    {
    case COLUMN_PATIENT:
      return compare_keys (sp_episode_summary_get_sort_key (a, SP_EPISODE_SUMMARY_KEY_PATIENT),
                           sp_episode_summary_get_sort_key (b, SP_EPISODE_SUMMARY_KEY_PATIENT));
    case COLUMN_WARD:
      return compare_keys (sp_episode_summary_get_sort_key (a, SP_EPISODE_SUMMARY_KEY_WARD),
                           sp_episode_summary_get_sort_key (b, SP_EPISODE_SUMMARY_KEY_WARD));
    case COLUMN_CARE_CONTACT:
      return compare_keys (
        sp_episode_summary_get_sort_key (a, SP_EPISODE_SUMMARY_KEY_CARE_CONTACT),
        sp_episode_summary_get_sort_key (b, SP_EPISODE_SUMMARY_KEY_CARE_CONTACT));
    case COLUMN_ADMITTED:
      /* As numbers: a GDateTime each would be made for every row (sp-episode-summary.c). */
      return compare_numbers_64 (sp_episode_summary_get_admitted_usec (a),
                                 sp_episode_summary_get_admitted_usec (b));
    case COLUMN_DISCHARGE:
      return compare_dates (a, b);
    case COLUMN_TRACK:
      return compare_numbers (get_track_rank (a), get_track_rank (b));
    case COLUMN_STATE:
      /* In the order of the process, and the longest waiting ready patient first. */
      if (sp_episode_summary_get_state (a) != sp_episode_summary_get_state (b))
        return compare_numbers (sp_episode_summary_get_state (a),
                                sp_episode_summary_get_state (b));
      return compare_numbers (sp_episode_summary_get_days_after_ready (b),
                              sp_episode_summary_get_days_after_ready (a));
    case COLUMN_SIP:
      /* A handful of fixed texts: byte order groups them, no collation needed. */
      return compare_keys (sp_episode_summary_get_sip_text (a),
                           sp_episode_summary_get_sip_text (b));
    case COLUMN_DEADLINE:
      /* The default order: as numbers, none (G_MAXINT64) last. */
      return compare_numbers_64 (sp_episode_summary_get_next_deadline_usec (a),
                                 sp_episode_summary_get_next_deadline_usec (b));
    case COLUMN_UNREAD:
      return compare_numbers (sp_episode_summary_get_unacknowledged (a),
                              sp_episode_summary_get_unacknowledged (b));
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static gint64
get_deadline_key (gpointer item)
{
  return sp_episode_summary_get_next_deadline_usec (item);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  /* Plain casts: a sort of 100,000 rows makes 1.7 million comparisons. */
  return compare_column ((SpEpisodeSummary *) a, (SpEpisodeSummary *) b,
                         GPOINTER_TO_UINT (user_data));
}

/* Filtering */

static gboolean
filter_episode (gpointer item,
                gpointer user_data)
{
  SpOverviewPage *self = user_data;
  SpEpisodeSummary *summary = item;
  const Facets *facets = &self->facets;

  /* Cheapest first: the search text is looked at last. */
  if (facets->only_overdue && !sp_episode_summary_get_overdue (summary))
    return FALSE;
  if (facets->deadline_kind != NULL &&
      !sp_deadline_monitor_matches (summary, facets->deadline_kind))
    return FALSE;
  if (!(facets->states & (1u << sp_episode_summary_get_state (summary))))
    return FALSE;
  if (facets->tracks != ALL_TRACKS)
    {
      int rank = get_track_rank (summary);

      if (!(facets->tracks & (1u << (rank < 0 ? TRACK_NONE_BIT : rank))))
        return FALSE;
    }
  if (facets->ward_id != NULL &&
      !g_str_equal (facets->ward_id, sp_episode_summary_get_ward_id (summary)))
    return FALSE;

  return self->needle == NULL ||
         sp_episode_summary_matches (summary, self->needle, self->needle_is_identity);
}

/* A typed number ("19450312-1234", "4503") searches identity numbers, digits only; anything
 * else searches names, casefolded. */
static char *
parse_query (const char *text,
             gboolean   *out_identity)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *normalised = NULL;
  GString *digits;

  *out_identity = FALSE;
  if (*trimmed == '\0')
    return NULL;

  digits = g_string_new (NULL);
  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != '-' && *p != '+' && *p != ' ')
        break;

      if (p[1] == '\0' && digits->len > 0)
        {
          *out_identity = TRUE;
          return g_string_free (digits, FALSE);
        }
    }
  g_string_free (digits, TRUE);

  normalised = g_utf8_normalize (trimmed, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  return g_utf8_casefold (normalised, -1);
}

/* More strict when the new needle contains the old one: the filter model then only looks
 * at the rows still shown. */
static GtkFilterChange
compare_needles (const char *old_needle,
                 gboolean    old_identity,
                 const char *new_needle,
                 gboolean    new_identity)
{
  if (old_needle == NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (new_needle == NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  if (old_identity != new_identity)
    return GTK_FILTER_CHANGE_DIFFERENT;
  if (strstr (new_needle, old_needle) != NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (strstr (old_needle, new_needle) != NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;

  return GTK_FILTER_CHANGE_DIFFERENT;
}

static void
search_changed_cb (SpOverviewPage *self)
{
  gboolean identity;
  g_autofree char *needle = parse_query (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                         &identity);
  GtkFilterChange change;

  if (g_strcmp0 (needle, self->needle) == 0 && identity == self->needle_is_identity)
    return;

  change = compare_needles (self->needle, self->needle_is_identity, needle, identity);
  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  self->needle_is_identity = identity;
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
stop_search_cb (SpOverviewPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* -1: @b lets fewer rows through than @a, 1: more, 0: the same, 2: neither. */
static int
compare_sets (guint a,
              guint b)
{
  if (a == b)
    return 0;
  if ((a & b) == b)
    return -1;
  if ((a & b) == a)
    return 1;

  return 2;
}

static int
compare_facets (const Facets *a,
                const Facets *b)
{
  int wards = g_strcmp0 (a->ward_id, b->ward_id) == 0 ? 0
              : a->ward_id == NULL ? -1
              : b->ward_id == NULL ? 1 : 2;
  int parts[] = {
    wards,
    compare_sets (a->tracks, b->tracks),
    compare_sets (a->states, b->states),
    compare_numbers (a->only_overdue, b->only_overdue),
    g_strcmp0 (a->deadline_kind, b->deadline_kind) == 0 ? 0
    : a->deadline_kind == NULL ? -1
    : b->deadline_kind == NULL ? 1 : 2,
  };
  int result = 0;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == 0)
        continue;
      if (parts[i] == 2 || (result != 0 && result != parts[i]))
        return 2;
      result = parts[i];
    }

  return result;
}

static guint
get_selected_tracks (SpOverviewPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->track_dropdown);

  /* Row 0: every track; rows 1–5: grå…röd; row 6: no track yet. */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return ALL_TRACKS;

  return 1u << (selected - 1);
}

static void
facets_changed_cb (SpOverviewPage *self)
{
  guint ward = gtk_drop_down_get_selected (self->ward_dropdown);
  guint state = gtk_drop_down_get_selected (self->state_dropdown);
  Facets facets = {
    .ward_id = ward != 0 && ward <= self->ward_ids->len
               ? g_strdup (g_ptr_array_index (self->ward_ids, ward - 1)) : NULL,
    .tracks = get_selected_tracks (self),
    .states = state < G_N_ELEMENTS (state_choices) ? state_choices[state].states : ALL_STATES,
    .only_overdue = gtk_toggle_button_get_active (self->overdue_button),
    .deadline_kind = g_strdup (self->facets.deadline_kind),
  };
  int change;

  if (self->updating_wards)
    {
      g_free (facets.ward_id);
      g_free (facets.deadline_kind);
      return;
    }

  change = compare_facets (&self->facets, &facets);
  g_free (self->facets.ward_id);
  g_free (self->facets.deadline_kind);
  self->facets = facets;

  if (change == -1)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_MORE_STRICT);
  else if (change == 1)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
  else if (change == 2)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Wards */

static int
compare_ward_rows (gconstpointer a,
                   gconstpointer b)
{
  SpEpisodeSummary *row_a = *(SpEpisodeSummary **) a;
  SpEpisodeSummary *row_b = *(SpEpisodeSummary **) b;

  return compare_keys (sp_episode_summary_get_sort_key (row_a, SP_EPISODE_SUMMARY_KEY_WARD),
                       sp_episode_summary_get_sort_key (row_b, SP_EPISODE_SUMMARY_KEY_WARD));
}

static gboolean
same_wards (GPtrArray *ids,
            GPtrArray *rows)
{
  if (ids->len != rows->len)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    if (!g_str_equal (g_ptr_array_index (ids, i),
                      sp_episode_summary_get_ward_id (g_ptr_array_index (rows, i))))
      return FALSE;

  return TRUE;
}

/* Lists the model's wards by name, one row of each as their example; keeps the choice. */
static gboolean
refresh_wards_cb (gpointer user_data)
{
  SpOverviewPage *self = user_data;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  guint selected = 0;

  self->wards_idle_id = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpEpisodeSummary) summary = g_list_model_get_item (self->model, i);

      if (g_hash_table_add (seen, (gpointer) sp_episode_summary_get_ward_id (summary)))
        g_ptr_array_add (rows, g_steal_pointer (&summary));
    }
  g_ptr_array_sort (rows, compare_ward_rows);

  if (same_wards (self->ward_ids, rows))
    return G_SOURCE_REMOVE;

  self->updating_wards = TRUE;
  g_ptr_array_set_size (self->ward_ids, 0);
  gtk_string_list_splice (self->ward_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->ward_names)) - 1, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      SpEpisodeSummary *summary = g_ptr_array_index (rows, i);

      g_ptr_array_add (self->ward_ids, g_strdup (sp_episode_summary_get_ward_id (summary)));
      gtk_string_list_append (self->ward_names, sp_episode_summary_get_ward_name (summary));
      if (g_strcmp0 (self->facets.ward_id, sp_episode_summary_get_ward_id (summary)) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_selected (self->ward_dropdown, selected);
  self->updating_wards = FALSE;

  /* A chosen ward that is gone leaves nothing to filter on. */
  facets_changed_cb (self);

  return G_SOURCE_REMOVE;
}

/* What is shown */

static void
update_view (SpOverviewPage *self)
{
  guint total = sp_overview_model_get_n_total (self->shown);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  g_autofree char *count = NULL;

  /* Translators: "12 of 40 episodes" above the overview */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u episode", "%u of %u episodes",
                                        total),
                           shown, total);
  gtk_label_set_label (self->count_label, count);

  if (shown > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (total == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "se.samplan.Samplan-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Episodes"));
      adw_status_page_set_description (self->empty_page,
                                       _("Episodes appear here when an admission notice "
                                         "concerns your unit."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Matching Episodes"));
      adw_status_page_set_description (self->empty_page,
                                       _("No episode matches the search and filters."));
    }
  gtk_widget_set_visible (self->clear_button, total > 0);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
shown_changed_cb (SpOverviewPage *self)
{
  update_view (self);
}

static void
model_items_changed_cb (SpOverviewPage *self)
{
  update_view (self);
  if (self->wards_idle_id == 0)
    self->wards_idle_id = g_idle_add (refresh_wards_cb, self);
}

/* Selection */

static void
selected_item_changed_cb (SpOverviewPage *self)
{
  SpOverviewRow *row = gtk_single_selection_get_selected_item (self->selection);

  /* Not forgotten when it disappears: it may come back as a newer copy of itself. */
  if (row != NULL)
    sp_set_str (&self->selected_id, sp_episode_summary_get_id (sp_overview_row_get_summary (row)));
}

/* The rows show other episodes now: the selection goes where the selected episode is. */
static void
rows_changed_cb (SpOverviewPage *self)
{
  guint position;

  if (self->selected_id == NULL)
    return;

  position = sp_overview_model_find (self->shown, self->selected_id);
  if (position != gtk_single_selection_get_selected (self->selection))
    gtk_single_selection_set_selected (self->selection, position);
}

static void
column_view_activate_cb (SpOverviewPage *self,
                         guint           position)
{
  g_autoptr(SpOverviewRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  g_return_if_fail (row != NULL);

  g_signal_emit (self, signals[ACTIVATE_EPISODE], 0,
                 sp_episode_summary_get_id (sp_overview_row_get_summary (row)));
}

/* Actions */

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SpOverviewPage *self = SP_OVERVIEW_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SpOverviewPage *self = SP_OVERVIEW_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->ward_dropdown, 0);
  gtk_drop_down_set_selected (self->track_dropdown, 0);
  gtk_drop_down_set_selected (self->state_dropdown, 0);
  gtk_toggle_button_set_active (self->overdue_button, FALSE);
  sp_overview_page_filter_deadline (self, NULL);
}

/* The same count clicked again shows every row again. */
static void
filter_requested_cb (SpOverviewPage *self,
                     const char     *kind)
{
  sp_overview_page_filter_deadline (self, g_strcmp0 (self->facets.deadline_kind, kind) == 0
                                          ? NULL : kind);
}

/* Setup */

static void
setup_columns (SpOverviewPage *self)
{
  for (Column column = 0; column < N_COLUMNS; column++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = NULL;

      g_object_set_qdata (G_OBJECT (factory), page_quark, self);
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (column));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (column));
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), NULL);
      gtk_column_view_column_set_factory (self->columns[column], factory);

      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cb, GUINT_TO_POINTER (column), NULL));
      gtk_column_view_column_set_sorter (self->columns[column], sorter);
    }
}

static void
setup_dropdowns (SpOverviewPage *self)
{
  g_autoptr(GtkStringList) tracks = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);

  self->ward_names = gtk_string_list_new ((const char * const[]) { _("All Wards"), NULL });
  gtk_drop_down_set_model (self->ward_dropdown, G_LIST_MODEL (self->ward_names));

  gtk_string_list_append (tracks, _("All Tracks"));
  /* The chip's translated names: the core's labels are the Swedish terms, kept as data. */
  for (SpTrack track = SP_TRACK_GRA; track <= SP_TRACK_ROD; track++)
    gtk_string_list_append (tracks, sp_track_chip_get_name (track));
  gtk_string_list_append (tracks, _("No Track Yet"));
  gtk_drop_down_set_model (self->track_dropdown, G_LIST_MODEL (tracks));

  for (guint i = 0; i < G_N_ELEMENTS (state_choices); i++)
    gtk_string_list_append (states, _(state_choices[i].label));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));
}

/* One model sorts and filters (see sp-overview-model.c): GTK 4.8's sort and filter list
 * models made a keystroke that hides most of 100,000 rows cost up to a second. */
static void
setup_models (SpOverviewPage *self)
{
  self->filter = gtk_custom_filter_new (filter_episode, self, NULL);
  self->shown = sp_overview_model_new (gtk_column_view_get_sorter (self->column_view),
                                       GTK_FILTER (self->filter));

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect_swapped (self->shown, "items-changed", G_CALLBACK (shown_changed_cb), self);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selected_item_changed_cb), self);
  g_signal_connect_swapped (self->shown, "rows-changed", G_CALLBACK (rows_changed_cb), self);

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

static void
sp_overview_page_dispose (GObject *object)
{
  SpOverviewPage *self = SP_OVERVIEW_PAGE (object);

  /* Nothing may call back into the page while its template goes away. */
  g_clear_handle_id (&self->wards_idle_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);

  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  g_clear_object (&self->outbox);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_OVERVIEW_PAGE);
  g_clear_pointer (&self->state_cells, g_hash_table_unref);

  g_clear_object (&self->model);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->ward_names);

  G_OBJECT_CLASS (sp_overview_page_parent_class)->dispose (object);
}

static void
sp_overview_page_finalize (GObject *object)
{
  SpOverviewPage *self = SP_OVERVIEW_PAGE (object);

  g_clear_pointer (&self->ward_ids, g_ptr_array_unref);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->facets.ward_id, g_free);
  g_clear_pointer (&self->facets.deadline_kind, g_free);
  g_clear_pointer (&self->selected_id, g_free);

  G_OBJECT_CLASS (sp_overview_page_parent_class)->finalize (object);
}

static void
sp_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SpOverviewPage *self = SP_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SpOverviewPage *self = SP_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      sp_overview_page_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_overview_page_class_init (SpOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_overview_page_dispose;
  object_class->finalize = sp_overview_page_finalize;
  object_class->get_property = sp_overview_page_get_property;
  object_class->set_property = sp_overview_page_set_property;

  /**
   * SpOverviewPage:model: (type Gio.ListModel)
   *
   * The episodes to show, #SpEpisodeSummary items. Replace a changed episode's item in
   * place (same position): the page keeps it selected and the view where it was.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SpOverviewPage::activate-episode:
   * @self: the page
   * @id: the episode's id
   *
   * A row was double-clicked or Enter was pressed on it: open that episode.
   */
  signals[ACTIVATE_EPISODE] =
    g_signal_new ("activate-episode", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  column_quark = g_quark_from_static_string ("sp-overview-column");
  summary_quark = g_quark_from_static_string ("sp-overview-summary");
  page_quark = g_quark_from_static_string ("sp-overview-page");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/sp-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpOverviewPage, content);
  gtk_widget_class_bind_template_child (widget_class, SpOverviewPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SpOverviewPage, ward_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpOverviewPage, track_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpOverviewPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpOverviewPage, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, SpOverviewPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SpOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SpOverviewPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SpOverviewPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SpOverviewPage, clear_button);
  for (Column column = 0; column < N_COLUMNS; column++)
    gtk_widget_class_bind_template_child_full (widget_class, column_ids[column], FALSE,
                                               G_STRUCT_OFFSET (SpOverviewPage,
                                                                columns[column]));
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, facets_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "overview.focus-search", NULL,
                                   focus_search_action);
  gtk_widget_class_install_action (widget_class, "overview.clear-filters", NULL,
                                   clear_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "overview.focus-search", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sp_overview_page_init (SpOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->ward_ids = g_ptr_array_new_with_free_func (g_free);
  self->state_cells = g_hash_table_new (NULL, NULL);
  self->facets.tracks = ALL_TRACKS;
  self->facets.states = ALL_STATES;

  /* The filter first: the dropdowns report their first choice as they get their rows. */
  setup_models (self);
  setup_columns (self);
  setup_dropdowns (self);

  /* Most urgent first: what a coordinator acts on next. The model sorts it by the number
   * until the user sorts otherwise (as compare_column () does: none last). */
  gtk_column_view_sort_by_column (self->column_view, self->columns[COLUMN_DEADLINE],
                                  GTK_SORT_ASCENDING);
  sp_overview_model_set_sort_key (self->shown, get_deadline_key);
  update_view (self);
}

/**
 * sp_overview_page_new:
 *
 * Returns: (transfer floating): a new, empty overview
 */
GtkWidget *
sp_overview_page_new (void)
{
  return g_object_new (SP_TYPE_OVERVIEW_PAGE, NULL);
}

/**
 * sp_overview_page_get_model:
 *
 * Returns: (transfer none) (nullable): the episodes shown
 */
GListModel *
sp_overview_page_get_model (SpOverviewPage *self)
{
  g_return_val_if_fail (SP_IS_OVERVIEW_PAGE (self), NULL);

  return self->model;
}

/**
 * sp_overview_page_set_model:
 * @self: the overview
 * @model: (nullable): a list of #SpEpisodeSummary
 *
 * Shows @model, filtered and sorted as the user chose.
 */
void
sp_overview_page_set_model (SpOverviewPage *self,
                            GListModel     *model)
{
  g_return_if_fail (SP_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));
  g_return_if_fail (model == NULL ||
                    g_type_is_a (g_list_model_get_item_type (model), SP_TYPE_EPISODE_SUMMARY));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_swapped (model, "items-changed", G_CALLBACK (model_items_changed_cb),
                              self);

  sp_overview_model_set_model (self->shown, model);
  model_items_changed_cb (self);

  /* The monitor counts over the same rows; a new one per model. */
  if (self->monitor != NULL)
    gtk_box_remove (GTK_BOX (self->content), self->monitor);
  self->monitor = NULL;
  if (model != NULL)
    {
      self->monitor = sp_deadline_monitor_new (model);
      g_signal_connect_object (self->monitor, "filter-requested",
                               G_CALLBACK (filter_requested_cb), self, G_CONNECT_SWAPPED);
      gtk_box_prepend (GTK_BOX (self->content), self->monitor);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * sp_overview_page_filter_deadline:
 * @kind: (nullable): a kind of the deadline monitor; %NULL shows every row again
 *
 * Shows only the rows whose overdue clock is of @kind (clicked in the deadline monitor).
 * "Rensa filter" clears it with the other filters.
 */
void
sp_overview_page_filter_deadline (SpOverviewPage *self,
                                  const char     *kind)
{
  g_return_if_fail (SP_IS_OVERVIEW_PAGE (self));

  if (g_strcmp0 (self->facets.deadline_kind, kind) == 0)
    return;

  g_free (self->facets.deadline_kind);
  self->facets.deadline_kind = g_strdup (kind);
  gtk_filter_changed (GTK_FILTER (self->filter), kind != NULL ? GTK_FILTER_CHANGE_DIFFERENT
                                                              : GTK_FILTER_CHANGE_LESS_STRICT);
}

/* The outbox kept, sent or held a command: the bound rows of that episode show it. Only the
 * ~200 bound rows are looked at, whatever the length of the list. */
static void
marks_changed_cb (SpOverviewPage *self,
                  const char     *record_id)
{
  GHashTableIter iter;
  gpointer list_item;

  g_hash_table_iter_init (&iter, self->state_cells);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    {
      SpEpisodeSummary *summary = g_object_get_qdata (list_item, summary_quark);

      if (summary != NULL &&
          (record_id == NULL ||
           g_strcmp0 (sp_episode_summary_get_id (summary), record_id) == 0))
        show_state (gtk_list_item_get_child (list_item), summary, self);
    }
}

/**
 * sp_overview_page_set_outbox:
 * @outbox: (nullable): the session's outbox
 *
 * Marks the rows of the episodes that @outbox holds commands on ("Väntar på att skickas",
 * or "Väntar på ditt beslut" when the server refused one), as long as it does.
 */
void
sp_overview_page_set_outbox (SpOverviewPage *self,
                             SpOutbox       *outbox)
{
  g_return_if_fail (SP_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (outbox == NULL || SP_IS_OUTBOX (outbox));

  if (self->outbox == outbox)
    return;

  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  g_set_object (&self->outbox, outbox);
  if (outbox != NULL)
    g_signal_connect_swapped (outbox, "marks-changed", G_CALLBACK (marks_changed_cb), self);
  marks_changed_cb (self, NULL);
}
