/* sp-sip-mapping-page.c — the kartläggning in SBAR form
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sip-mapping-page"

#include "config.h"

#include "sp-sip-fields.h"
#include "sp-sip-mapping-page.h"
#include "sp-ui-util.h"

struct _SpSipMappingPage
{
  GtkWidget    parent_instance;

  GtkWidget   *group;
  AdwEntryRow *situation_row;
  AdwEntryRow *background_row;
  AdwEntryRow *current_state_row;
  AdwEntryRow *recommendation_row;

  gboolean     loading;
};

G_DEFINE_FINAL_TYPE (SpSipMappingPage, sp_sip_mapping_page, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changed_cb (SpSipMappingPage *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
sp_sip_mapping_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_SIP_MAPPING_PAGE);

  G_OBJECT_CLASS (sp_sip_mapping_page_parent_class)->dispose (object);
}

static void
sp_sip_mapping_page_class_init (SpSipMappingPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sp_sip_mapping_page_dispose;

  /**
   * SpSipMappingPage::changed:
   *
   * The user changed the mapping.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/samplan/Samplan/ui/sip/sp-sip-mapping-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSipMappingPage, group);
  gtk_widget_class_bind_template_child (widget_class, SpSipMappingPage, situation_row);
  gtk_widget_class_bind_template_child (widget_class, SpSipMappingPage, background_row);
  gtk_widget_class_bind_template_child (widget_class, SpSipMappingPage, current_state_row);
  gtk_widget_class_bind_template_child (widget_class, SpSipMappingPage, recommendation_row);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
sp_sip_mapping_page_init (SpSipMappingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sp_sip_mapping_page_load:
 * @mapping: (nullable): the mapping so far
 * @editable: %FALSE before the invitation is sent, and for a closed SIP
 */
void
sp_sip_mapping_page_load (SpSipMappingPage   *self,
                          const SpSipMapping *mapping,
                          gboolean            editable)
{
  g_return_if_fail (SP_IS_SIP_MAPPING_PAGE (self));

  self->loading = TRUE;
  sp_sip_fields_set_text (GTK_EDITABLE (self->situation_row),
                          mapping != NULL ? mapping->situation : NULL);
  sp_sip_fields_set_text (GTK_EDITABLE (self->background_row),
                          mapping != NULL ? mapping->background : NULL);
  sp_sip_fields_set_text (GTK_EDITABLE (self->current_state_row),
                          mapping != NULL ? mapping->current_state : NULL);
  sp_sip_fields_set_text (GTK_EDITABLE (self->recommendation_row),
                          mapping != NULL ? mapping->recommendation : NULL);
  gtk_widget_set_sensitive (self->group, editable);
  self->loading = FALSE;
}

/**
 * sp_sip_mapping_page_dup_mapping:
 *
 * Returns: (transfer full): the mapping as the page shows it
 */
SpSipMapping *
sp_sip_mapping_page_dup_mapping (SpSipMappingPage *self)
{
  g_autofree char *situation = NULL;
  g_autofree char *background = NULL;
  g_autofree char *current_state = NULL;
  g_autofree char *recommendation = NULL;

  g_return_val_if_fail (SP_IS_SIP_MAPPING_PAGE (self), NULL);

  situation = sp_ui_dup_text (GTK_EDITABLE (self->situation_row));
  background = sp_ui_dup_text (GTK_EDITABLE (self->background_row));
  current_state = sp_ui_dup_text (GTK_EDITABLE (self->current_state_row));
  recommendation = sp_ui_dup_text (GTK_EDITABLE (self->recommendation_row));

  return sp_sip_mapping_new (situation, background, current_state, recommendation);
}
