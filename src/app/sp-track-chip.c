/* sp-track-chip.c — a colour track (färgspår) as a labelled chip
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-track-chip"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-enum-types.h"
#include "sp-track-chip.h"

/* Colour is never the only cue: the chip says the colour's name after a circle filled
 * a little more for each higher track (grå < blå < grön < gul < röd) tells them apart in
 * grey scale; style.css adds a border that differs too. */
static const struct
{
  const char *css_class;
  const char *shape;
} looks[] = {
  [SP_TRACK_GRA] = { "sp-track-gra", "○" },
  [SP_TRACK_BLA] = { "sp-track-bla", "◔" },
  [SP_TRACK_GRON] = { "sp-track-gron", "◑" },
  [SP_TRACK_GUL] = { "sp-track-gul", "◕" },
  [SP_TRACK_ROD] = { "sp-track-rod", "●" },
};

struct _SpTrackChip
{
  GtkWidget  parent_instance;

  GtkWidget *label;
  SpTrack    track;
};

G_DEFINE_FINAL_TYPE (SpTrackChip, sp_track_chip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TRACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * sp_track_chip_get_name:
 * @track: a colour track
 *
 * The track's colour as a label shows it, in the language the app runs in ("Gul", "Yellow").
 * The core's sp_track_get_label() is the Swedish domain term, untranslated, for data.
 *
 * Returns: (transfer none): the name
 */
const char *
sp_track_chip_get_name (SpTrack track)
{
  switch (track)
    {
    case SP_TRACK_GRA:
      return C_("track", "Grey");
    case SP_TRACK_BLA:
      return C_("track", "Blue");
    case SP_TRACK_GRON:
      return C_("track", "Green");
    case SP_TRACK_GUL:
      return C_("track", "Yellow");
    case SP_TRACK_ROD:
      return C_("track", "Red");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* What a screen reader says: the predicative (neuter) form, "Spår: gult". */
static const char *
get_accessible_label (SpTrack track)
{
  switch (track)
    {
    case SP_TRACK_GRA:
      return _("Track: grey");
    case SP_TRACK_BLA:
      return _("Track: blue");
    case SP_TRACK_GRON:
      return _("Track: green");
    case SP_TRACK_GUL:
      return _("Track: yellow");
    case SP_TRACK_ROD:
      return _("Track: red");
    default:
      g_assert_not_reached ();
    }
}

static void
show_track (SpTrackChip *self)
{
  g_autofree char *text = g_strdup_printf ("%s %s", looks[self->track].shape,
                                           sp_track_chip_get_name (self->track));

  for (guint i = 0; i < G_N_ELEMENTS (looks); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), looks[i].css_class);
  gtk_widget_add_css_class (GTK_WIDGET (self), looks[self->track].css_class);

  gtk_label_set_label (GTK_LABEL (self->label), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  get_accessible_label (self->track),
                                  -1);
}

static void
sp_track_chip_dispose (GObject *object)
{
  SpTrackChip *self = SP_TRACK_CHIP (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (sp_track_chip_parent_class)->dispose (object);
}

static void
sp_track_chip_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SpTrackChip *self = SP_TRACK_CHIP (object);

  switch (prop_id)
    {
    case PROP_TRACK:
      g_value_set_enum (value, self->track);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_track_chip_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SpTrackChip *self = SP_TRACK_CHIP (object);

  switch (prop_id)
    {
    case PROP_TRACK:
      sp_track_chip_set_track (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_track_chip_class_init (SpTrackChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_track_chip_dispose;
  object_class->get_property = sp_track_chip_get_property;
  object_class->set_property = sp_track_chip_set_property;

  properties[PROP_TRACK] =
    g_param_spec_enum ("track", NULL, NULL, SP_TYPE_TRACK, SP_TRACK_GRA,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "trackchip");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* One picture with one name: the label inside is not read out on its own. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sp_track_chip_init (SpTrackChip *self)
{
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);

  self->label = gtk_label_new (NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->label),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  show_track (self);
}

/**
 * sp_track_chip_new:
 * @track: the colour track to show
 *
 * Returns: (transfer floating): a new chip
 */
GtkWidget *
sp_track_chip_new (SpTrack track)
{
  g_return_val_if_fail (track <= SP_TRACK_ROD, NULL);

  return g_object_new (SP_TYPE_TRACK_CHIP, "track", track, NULL);
}

SpTrack
sp_track_chip_get_track (SpTrackChip *self)
{
  g_return_val_if_fail (SP_IS_TRACK_CHIP (self), SP_TRACK_GRA);

  return self->track;
}

/**
 * sp_track_chip_set_track:
 * @self: a chip
 * @track: the colour track to show
 *
 * Shows @track: its shape and name (sp_track_chip_get_name()), colour and accessible
 * label.
 */
void
sp_track_chip_set_track (SpTrackChip *self,
                         SpTrack      track)
{
  g_return_if_fail (SP_IS_TRACK_CHIP (self));
  g_return_if_fail (track <= SP_TRACK_ROD);

  if (self->track == track)
    return;

  self->track = track;
  show_track (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACK]);
}
