/* sp-overview-page.c — placeholder: a helper is writing this */
#include "config.h"
#include "sp-overview-page.h"

struct _SpOverviewPage
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (SpOverviewPage, sp_overview_page, GTK_TYPE_WIDGET)

static void
sp_overview_page_class_init (SpOverviewPageClass *klass)
{
}

static void
sp_overview_page_init (SpOverviewPage *self)
{
}
