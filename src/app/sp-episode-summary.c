/* sp-episode-summary.c — placeholder: a helper is writing this */
#include "config.h"
#include "sp-episode-summary.h"

struct _SpEpisodeSummary
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (SpEpisodeSummary, sp_episode_summary, G_TYPE_OBJECT)

static void
sp_episode_summary_class_init (SpEpisodeSummaryClass *klass)
{
}

static void
sp_episode_summary_init (SpEpisodeSummary *self)
{
}
