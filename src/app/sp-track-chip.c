/* sp-track-chip.c — placeholder: a helper is writing this */
#include "config.h"
#include "sp-track-chip.h"

struct _SpTrackChip
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (SpTrackChip, sp_track_chip, GTK_TYPE_WIDGET)

static void
sp_track_chip_class_init (SpTrackChipClass *klass)
{
}

static void
sp_track_chip_init (SpTrackChip *self)
{
}
