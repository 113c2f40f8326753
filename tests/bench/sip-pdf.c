/* sip-pdf.c — a 60-intervention SIP to PDF: time and page count
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by hand: _build/tests/bench/sip-pdf-bench [N_INTERVENTIONS]
 * Builds the SIP with the core (tests/print/sp-print-test-data.h), then exports it with
 * sp_print_export_pdf() as "Spara som PDF" does: layout, pagination and the PDF file. The
 * first export also loads the fonts (the app has them loaded already); the figure is the
 * median of the exports after it. Target: < 300 ms. Last line: "sip-pdf: T ms, N pages".
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <locale.h>

#include "sp-print.h"
#include "../print/sp-print-test-data.h"

#define RUNS 7

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  guint n_interventions = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 60;
  g_autoptr(JsonNode) sip = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  double times[RUNS];
  guint n_pages;

  setlocale (LC_ALL, "");
  sip = test_sip_json (n_interventions, TRUE);
  json_object_set_member (json_node_get_object (sip), "patient", test_patient_json ());
  dir = g_dir_make_tmp ("sip-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "sip.pdf", NULL);

  for (guint i = 0; i < RUNS + 1; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!sp_print_export_pdf (SP_PRINT_SIP, sip, path, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (i == 0)
        g_print ("first export (fonts loaded): %.1f ms\n", ms);
      else
        times[i - 1] = ms;
    }
  qsort (times, RUNS, sizeof (double), compare_doubles);

  {
    g_autoptr(SpPrintLayout) layout = sp_print_layout_new_for_kind (SP_PRINT_SIP, sip, NULL, NULL);

    n_pages = sp_print_layout_get_n_pages (layout);
  }

  g_unlink (path);
  g_rmdir (dir);
  g_print ("%u interventions; median of %d exports; fastest %.1f ms, slowest %.1f ms\n",
           n_interventions, RUNS, times[0], times[RUNS - 1]);
  g_print ("sip-pdf: %.0f ms, %u pages\n", times[RUNS / 2], n_pages);
  return 0;
}
