/* test-print-pdf.c — every document to PDF, read back with pdftotext (no display needed)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each document is exported with sp_print_export_pdf(); pdftotext must find every required
 * field, and on every page the furniture (patient name, identity number, "Sida x av y",
 * "Utskrivet"). pdftotext -bbox proves no word lies outside the text area (nothing clipped or
 * over the footer). Page 1 of each goes to PNG (pdftoppm -r 60) in print-output/ to look at.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "sp-print.h"
#include "sp-print-test-data.h"

#define NAME "Greta Testsson"
#define IDENTITY "19121212-1212"
/* The text area's bottom and the footer's top, in points (sp-print-layout.c). */
#define CONTENT_BOTTOM (SP_PRINT_PAGE_HEIGHT - 62.0)
#define FOOTER_TOP (SP_PRINT_PAGE_HEIGHT - 50.0)

static char *output_dir;

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

static guint
count_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run (argv);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* The text of each page, whitespace folded to single spaces. */
static GPtrArray *
page_texts (const char *path)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  guint n = count_pages (path);

  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *page = g_strdup_printf ("%u", i);
      const char *argv[] = { "pdftotext", "-f", page, "-l", page, path, "-", NULL };
      g_autofree char *text = run (argv);
      g_auto(GStrv) words = g_regex_split_simple ("[\\s\\x{00A0}]+", text, 0, 0);

      g_ptr_array_add (texts, g_strjoinv (" ", words));
    }

  return texts;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in: %s", needle, text);
}

/* Patient, identity, "Sida x av y" and the printing time on every page. */
static void
assert_furniture (GPtrArray  *texts,
                  const char *name,
                  const char *identity)
{
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      g_autofree char *page = g_strdup_printf ("Sida %u av %u", i + 1, texts->len);

      assert_contains (text, page);
      assert_contains (text, "Utskrivet");
      if (name != NULL)
        assert_contains (text, name);
      if (identity != NULL)
        assert_contains (text, identity);
    }
}

/* Every word lies in the text area, or in the header or footer: nothing runs off the page or
 * into the footer. */
static void
assert_nothing_clipped (const char *path)
{
  const char *argv[] = { "pdftotext", "-bbox", path, "-", NULL };
  g_autofree char *html = run (argv);
  g_autoptr(GRegex) regex = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                         "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)<",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n_words = 0;

  g_regex_match (regex, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *x_max = g_match_info_fetch (match, 3);
      g_autofree char *y_min = g_match_info_fetch (match, 2);
      g_autofree char *y_max = g_match_info_fetch (match, 4);
      g_autofree char *word = g_match_info_fetch (match, 5);
      double bottom = g_ascii_strtod (y_max, NULL);

      if (g_ascii_strtod (x_max, NULL) > SP_PRINT_PAGE_WIDTH - 50 ||
          (bottom > CONTENT_BOTTOM + 1 && g_ascii_strtod (y_min, NULL) < FOOTER_TOP))
        g_error ("“%s” lies outside the text area (x ≤ %s, y %s–%s)", word, x_max, y_min,
                 y_max);
      n_words++;
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (n_words, >, 20);
}

static char *
export (SpPrintKind  kind,
        JsonNode    *data,
        const char  *name)
{
  g_autofree char *file = g_strconcat (name, ".pdf", NULL);
  char *path = g_build_filename (output_dir, file, NULL);
  g_autofree char *prefix = g_build_filename (output_dir, name, NULL);
  const char *argv[] = { "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                         "-singlefile", path, prefix, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_true (sp_print_export_pdf (kind, data, path, &error));
  g_assert_no_error (error);
  out = run (argv);
  g_test_message ("%s and %s.png", path, prefix);
  return path;
}

static char *
join_pages (GPtrArray *texts)
{
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < texts->len; i++)
    g_string_append_printf (all, "%s ", (char *) g_ptr_array_index (texts, i));
  return g_string_free (all, FALSE);
}

static JsonNode *
patient_information_json (void)
{
  return sp_json_parse (
    "{\"episode_id\":\"e-test-1\","
    " \"patient\":{\"id\":\"p-test-1\",\"given_name\":\"Greta\",\"family_name\":\"Testsson\","
    "   \"identity\":{\"kind\":\"personnummer\",\"value\":\"191212121212\",\"region\":null}},"
    " \"going_home\":{\"estimated_discharge\":\"2026-03-16\",\"discharged_at\":null},"
    " \"care_contact\":{\"name\":\"Sara Kontakt\",\"phone\":\"08-123 456\","
    "   \"unit_id\":\"vc-norr\",\"unit_name\":\"Vårdcentralen Norr\",\"lead\":true},"
    " \"sip_meeting\":{\"sip_id\":\"s-1\",\"at\":\"2026-03-20T12:00:00Z\",\"form\":\"home\","
    "   \"place\":\"Hemma hos patienten\"},"
    " \"meets_at_home\":[{\"unit_id\":\"hsl-test\",\"text\":\"Hemsjukvården kl. 14\"}],"
    " \"if_worse\":[{\"unit_id\":\"vc-norr\",\"text\":\"Ring vårdcentralen dagtid\"}],"
    " \"medication\":[{\"unit_id\":\"avd-12\",\"text\":\"Läkemedelslista medskickad\"}],"
    " \"aids\":[{\"unit_id\":\"hsl-test\",\"text\":\"Rollator levereras\"}],"
    " \"sections\":["
    "  {\"unit_id\":\"hsl-test\",\"restricted\":false,\"revision\":2,"
    "   \"interventions\":[{\"what\":\"Såromläggning\",\"when\":\"Varannan dag\","
    "                       \"who\":\"Distriktssköterska\"}],"
    "   \"contact_details\":\"08-555 000, vardagar 8–17\","
    "   \"self_care_follow_up\":{\"unit_id\":\"vc-norr\",\"text\":\"Blodtryck\"}},"
    "  {\"unit_id\":\"sol-test\",\"restricted\":true,"
    "   \"restricted_reason\":\"Patientens samtycke saknas.\"}],"
    " \"units\":[{\"unit_id\":\"avd-12\",\"name\":\"Avdelning 12\",\"phone\":\"08-111 111\"},"
    "  {\"unit_id\":\"hsl-test\",\"name\":\"Hemsjukvården Test\",\"phone\":\"08-555 000\"},"
    "  {\"unit_id\":\"vc-norr\",\"name\":\"Vårdcentralen Norr\",\"phone\":\"08-123 456\"},"
    "  {\"unit_id\":\"sol-test\",\"name\":\"Socialtjänsten Test\",\"phone\":\"08-222 222\"}]}",
    -1, NULL);
}

static void
test_patient_information (void)
{
  g_autoptr(JsonNode) data = patient_information_json ();
  g_autofree char *path = export (SP_PRINT_PATIENT_INFORMATION, data, "patientinformation");
  g_autoptr(GPtrArray) texts = page_texts (path);
  g_autofree char *all = join_pages (texts);
  const char *required[] = {
    "Patientinformation", "Datum och tid för hemgång", "måndag 16 mars 2026",
    "Din fasta vårdkontakt", "Sara Kontakt", "08-123 456", "Vårdcentralen Norr",
    /* 12:00 UTC is 13:00 in Stockholm, whatever the machine's zone */
    "fredag 20 mars 2026 kl. 13:00", "I hemmet", "Hemma hos patienten",
    "Vem möter dig hemma", "Hemsjukvården kl. 14", "Insatser efter utskrivning",
    "Hemsjukvården Test", "Såromläggning", "Varannan dag", "Distriktssköterska",
    "08-555 000, vardagar 8–17", "Uppföljning av egenvård", "Blodtryck",
    "Patientens samtycke saknas.", "Läkemedelslista medskickad", "Rollator levereras",
    "Om du blir sämre", "Ring vårdcentralen dagtid", "112", "1177", "Kontaktuppgifter",
    "Avdelning 12", "08-111 111",
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    assert_contains (all, required[i]);
  assert_furniture (texts, NAME, IDENTITY);
  assert_nothing_clipped (path);
}

static JsonNode *
sip_with_patient (guint    n_interventions,
                  gboolean establish)
{
  g_autoptr(JsonNode) sip = test_sip_json (n_interventions, establish);
  JsonNode *patient = test_patient_json ();

  json_object_set_member (json_node_get_object (sip), "patient", patient);
  return g_steal_pointer (&sip);
}

static void
test_sip_established (void)
{
  g_autoptr(JsonNode) data = sip_with_patient (8, TRUE);
  g_autofree char *path = export (SP_PRINT_SIP, data, "sip");
  g_autoptr(GPtrArray) texts = page_texts (path);
  g_autofree char *all = join_pages (texts);
  const char *required[] = {
    "Samordnad individuell plan (SIP)", "Upprättad", "version 1", "Sara Kontakt",
    "Huvudmål", "Jag vill bo kvar hemma", "Delmål 1", "Delmål nummer 6", "Insats 1.",
    "INSATS-SLUT", "Hemsjukvården Test", "Kommun", "Region", "2026-03-16", "Varje dag 8–9",
    "Uppföljning", "måndag 4 maj 2026 kl. 10:30", "Vårdcentralen Norr", "Deltagare",
    "Distriktssköterska", "Hos patienten", "För patienten och för journalen",
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    assert_contains (all, required[i]);
  g_assert_null (strstr (all, "ARBETSMATERIAL"));
  assert_furniture (texts, NAME, IDENTITY);
  assert_nothing_clipped (path);
}

static void
test_sip_working (void)
{
  g_autoptr(JsonNode) data = sip_with_patient (20, FALSE);
  g_autofree char *path = export (SP_PRINT_SIP, data, "sip-working");
  g_autoptr(GPtrArray) texts = page_texts (path);

  g_assert_cmpuint (texts->len, >, 1);
  /* Not established: said on every page, not only the first. */
  for (guint i = 0; i < texts->len; i++)
    assert_contains (g_ptr_array_index (texts, i), "ARBETSMATERIAL – EJ UPPRÄTTAD");
  assert_contains (g_ptr_array_index (texts, 0), "Arbetsmaterial, inte upprättad");
  assert_furniture (texts, NAME, IDENTITY);
  assert_nothing_clipped (path);
}

/* A 60-intervention plan: several pages, every intervention there, nothing clipped. */
static void
test_sip_long (void)
{
  g_autoptr(JsonNode) data = sip_with_patient (60, TRUE);
  g_autofree char *path = export (SP_PRINT_SIP, data, "sip-60");
  g_autoptr(GPtrArray) texts = page_texts (path);
  g_autofree char *all = join_pages (texts);

  g_test_message ("%u pages", texts->len);
  g_assert_cmpuint (texts->len, >=, 4);
  for (guint i = 1; i <= 60; i++)
    {
      g_autofree char *needle = g_strdup_printf ("Insats %u.", i);

      assert_contains (all, needle);
    }
  assert_contains (all, "INSATS-SLUT");
  assert_contains (all, "För patienten och för journalen");
  /* The table's header is repeated on the pages it continues on. */
  assert_contains (g_ptr_array_index (texts, 2), "Huvudman");
  assert_furniture (texts, NAME, IDENTITY);
  assert_nothing_clipped (path);
}

/* One paragraph longer than a page breaks inside, and loses nothing. */
static void
test_long_paragraph (void)
{
  g_autoptr(SpPrintLayout) layout = sp_print_layout_new ("Test", 12);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = g_build_filename (output_dir, "long-paragraph.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *all = NULL;

  for (guint i = 1; i <= 600; i++)
    g_string_append_printf (text, "ord%u ", i);
  sp_print_layout_set_patient (layout, NAME, IDENTITY);
  sp_print_layout_add_heading (layout, "Rubrik", 1);
  sp_print_layout_add_paragraph (layout, text->str);
  g_assert_cmpuint (sp_print_layout_get_n_pages (layout), >=, 2);
  g_assert_true (sp_print_layout_write_pdf (layout, path, &error));
  g_assert_no_error (error);

  texts = page_texts (path);
  all = join_pages (texts);
  for (guint i = 1; i <= 600; i++)
    {
      g_autofree char *needle = g_strdup_printf ("ord%u ", i);

      assert_contains (all, needle);
    }
  assert_nothing_clipped (path);
}

/* Rows of a page image with a long bluish run: the ruled lines to write on (text and table
 * borders are black, the rules blue-grey). */
static guint
count_ruled_lines (SpPrintLayout *layout,
                   guint          page)
{
  cairo_surface_t *surface = sp_print_layout_render_page (layout, page, 2.0);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data;
  guint n_lines = 0;
  gboolean previous = FALSE;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + y * stride);
      int run = 0, longest = 0;
      gboolean ruled;

      for (int x = 0; x < width; x++)
        {
          guint red = (row[x] >> 16) & 0xff;
          guint blue = row[x] & 0xff;

          run = blue > red + 8 ? run + 1 : 0;
          longest = MAX (longest, run);
        }
      /* A rule spans at least a field's value column (two thirds of the text). */
      ruled = longest > width / 3;
      if (ruled && !previous)
        n_lines++;
      previous = ruled;
    }
  cairo_surface_destroy (surface);

  return n_lines;
}

static void
test_forms_blank (void)
{
  struct {
    SpPrintKind  kind;
    const char  *name;
    const char  *required[4];
  } forms[] = {
    { SP_PRINT_SIP_MEETING_FORM, "form-sip-meeting",
      { "Stöddokumentation vid faktiskt SIP-möte", "Huvudmål", "Deltagare", "Mötesform" } },
    { SP_PRINT_PLANNING_FORM, "form-planning",
      { "Planeringsunderlag", "korttidsvistelse", "Pågående insatser", "Nya eller förändrade" } },
    { SP_PRINT_PATIENT_INFORMATION_FORM, "form-patient-information",
      { "Patientinformation", "Datum och tid för hemgång", "Din fasta vårdkontakt",
        "Om du blir sämre" } },
  };

  for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
    {
      g_autofree char *path = export (forms[f].kind, NULL, forms[f].name);
      g_autoptr(GPtrArray) texts = page_texts (path);
      g_autofree char *all = join_pages (texts);
      g_autoptr(SpPrintLayout) layout = sp_print_layout_new_for_kind (forms[f].kind, NULL,
                                                                      NULL, NULL);
      guint n_ruled = 0;

      for (guint i = 0; i < G_N_ELEMENTS (forms[f].required); i++)
        assert_contains (all, forms[f].required[i]);
      /* Blank: room to write the patient by hand in the header of every page. */
      assert_furniture (texts, "Namn:", "Personnummer:");
      for (guint p = 0; p < sp_print_layout_get_n_pages (layout); p++)
        n_ruled += count_ruled_lines (layout, p);
      g_test_message ("%s: %u ruled lines", forms[f].name, n_ruled);
      g_assert_cmpuint (n_ruled, >=, 8);
      assert_nothing_clipped (path);
    }
}

/* Pre-filled from what the local copy has: the known values, ruled space for the rest. */
static void
test_forms_prefilled (void)
{
  g_autoptr(JsonNode) sip = test_sip_json (3, FALSE);
  g_autoptr(JsonNode) patient = test_patient_json ();
  g_autoptr(JsonNode) document = patient_information_json ();
  g_autoptr(JsonObject) bundle = json_object_new ();
  g_autoptr(JsonNode) data = NULL;
  g_autofree char *meeting = NULL, *info = NULL, *summary_path = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *all = NULL;

  json_object_set_member (bundle, "sip", json_node_copy (sip));
  json_object_set_member (bundle, "patient", json_node_copy (patient));
  json_object_set_member (bundle, "patient_information", json_node_copy (document));
  data = json_node_init_object (json_node_alloc (), bundle);

  meeting = export (SP_PRINT_SIP_MEETING_FORM, data, "form-sip-meeting-prefilled");
  texts = page_texts (meeting);
  all = join_pages (texts);
  assert_contains (all, "tisdag 10 mars 2026 kl. 13:00");
  assert_contains (all, "Hemma hos patienten, Provgatan 1");
  assert_contains (all, "☒ I hemmet");
  assert_contains (all, "Jag vill bo kvar hemma");
  assert_contains (all, "Delmål nummer 1");
  assert_contains (all, "Hemsjukvården Test");
  assert_furniture (texts, NAME, IDENTITY);
  g_clear_pointer (&texts, g_ptr_array_unref);
  g_clear_pointer (&all, g_free);

  info = export (SP_PRINT_PATIENT_INFORMATION_FORM, data, "form-patient-information-prefilled");
  texts = page_texts (info);
  all = join_pages (texts);
  assert_contains (all, "Såromläggning");
  assert_contains (all, "Sara Kontakt");
  assert_furniture (texts, NAME, IDENTITY);
  g_clear_pointer (&texts, g_ptr_array_unref);
  g_clear_pointer (&all, g_free);

  /* Offline: only the overview row of the local copy. */
  {
    g_autoptr(JsonNode) row = sp_json_parse ("{\"summary\":{\"patient_name\":\"Greta Testsson\","
                                             "\"identity\":\"19121212-1212\","
                                             "\"ward_name\":\"Avdelning 12\","
                                             "\"estimated_discharge\":\"2026-03-16\"}}", -1, NULL);

    summary_path = export (SP_PRINT_PLANNING_FORM, row, "form-planning-prefilled");
    texts = page_texts (summary_path);
    all = join_pages (texts);
    assert_contains (all, "Avdelning 12");
    assert_contains (all, "måndag 16 mars 2026");
    assert_furniture (texts, NAME, IDENTITY);
  }
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("SAMPLAN_LOCALEDIR");
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  output_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL
                                   ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                 "print-output", NULL);
  g_assert_cmpint (g_mkdir_with_parents (output_dir, 0755), ==, 0);

  /* The assertions read the Swedish paper. */
  if (!g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "sv"))
    {
      g_test_skip ("needs sv_SE.UTF-8");
      return g_test_run ();
    }

  g_test_add_func ("/print/pdf/patient-information", test_patient_information);
  g_test_add_func ("/print/pdf/sip-established", test_sip_established);
  g_test_add_func ("/print/pdf/sip-working", test_sip_working);
  g_test_add_func ("/print/pdf/sip-long", test_sip_long);
  g_test_add_func ("/print/pdf/long-paragraph", test_long_paragraph);
  g_test_add_func ("/print/pdf/forms-blank", test_forms_blank);
  g_test_add_func ("/print/pdf/forms-prefilled", test_forms_prefilled);

  status = g_test_run ();
  g_free (output_dir);
  return status;
}
