/* test-help.c — the guide in the app's own help window, as Yelp would show it
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under with-keyring.sh and Xvfb like the page tests, in Swedish (help) and in English
 * (help-en). What the window must show is read here from the .page files themselves (not
 * through the app's reader), from help/sv when the test runs in Swedish and help/C (the
 * English guide) otherwise: the start page lists, section by section, every page whose <info>
 * links to that section, by sort title, with its description; a link opens its page, and
 * Back returns to the link. Switching LANGUAGE switches the guide.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "sp-app-test.h"
#include "sp-help-window.h"

/* ---- What the pages say, read independently of the app ---- */

typedef struct
{
  char      *id;
  char      *type;
  char      *title;
  char      *link_title;
  char      *sort_title;
  char      *desc;
  GPtrArray *guide_links;        /* "index#roller" */
  GPtrArray *sections;           /* section ids, in document order */
} ExpectedPage;

typedef struct
{
  ExpectedPage *page;
  GPtrArray    *open;            /* element names, outermost first */
  GString      *text;            /* while inside a title or desc to keep */
  guint         text_depth;
  char         *text_field;      /* "title", "link", "sort", "desc" */
} Reader;

static GPtrArray *expected_pages;    /* the guide in the language the test runs in */
static GPtrArray *swedish_pages;     /* help/sv */
static GPtrArray *english_pages;     /* help/C */
static const char *expected_lang;    /* "sv" or "C" */

static void
expected_page_free (ExpectedPage *page)
{
  g_free (page->id);
  g_free (page->type);
  g_free (page->title);
  g_free (page->link_title);
  g_free (page->sort_title);
  g_free (page->desc);
  g_ptr_array_unref (page->guide_links);
  g_ptr_array_unref (page->sections);
  g_free (page);
}

static const char *
get_attribute (const char **names,
               const char **values,
               const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];

  return NULL;
}

static const char *
get_parent (Reader *reader)
{
  return reader->open->len > 0 ? g_ptr_array_index (reader->open, reader->open->len - 1) : NULL;
}

static void
reader_start (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  Reader *reader = user_data;
  const char *parent = get_parent (reader);
  const char *type = get_attribute (names, values, "type");

  if (g_str_equal (element, "page"))
    {
      reader->page->id = g_strdup (get_attribute (names, values, "id"));
      reader->page->type = g_strdup (type);
    }
  else if (g_str_equal (element, "section"))
    g_ptr_array_add (reader->page->sections, g_strdup (get_attribute (names, values, "id")));
  else if (g_str_equal (element, "link") && g_strcmp0 (parent, "info") == 0 &&
           g_strcmp0 (type, "guide") == 0)
    g_ptr_array_add (reader->page->guide_links,
                     g_strdup (get_attribute (names, values, "xref")));
  else if (reader->text == NULL &&
           ((g_str_equal (element, "title") && g_strcmp0 (parent, "page") == 0) ||
            (g_str_equal (element, "title") && g_strcmp0 (parent, "info") == 0 &&
             (g_strcmp0 (type, "link") == 0 || g_strcmp0 (type, "sort") == 0)) ||
            (g_str_equal (element, "desc") && g_strcmp0 (parent, "info") == 0)))
    {
      reader->text = g_string_new (NULL);
      reader->text_depth = reader->open->len;
      reader->text_field = g_strdup (g_str_equal (element, "desc") ? "desc"
                                     : type != NULL ? type : "title");
    }

  g_ptr_array_add (reader->open, g_strdup (element));
}

/* White space runs read as one space, none at the ends (Mallard's flowing text). */
static char *
flow (const char *raw)
{
  g_auto(GStrv) words = g_strsplit_set (raw, " \t\r\n", -1);
  GString *flowed = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (flowed, "%s%s", flowed->len > 0 ? " " : "", words[i]);

  return g_string_free (flowed, FALSE);
}

static void
reader_end (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  Reader *reader = user_data;
  ExpectedPage *page = reader->page;

  g_ptr_array_remove_index (reader->open, reader->open->len - 1);
  if (reader->text == NULL || reader->open->len != reader->text_depth)
    return;

  if (g_str_equal (reader->text_field, "title"))
    page->title = flow (reader->text->str);
  else if (g_str_equal (reader->text_field, "link"))
    page->link_title = flow (reader->text->str);
  else if (g_str_equal (reader->text_field, "sort"))
    page->sort_title = flow (reader->text->str);
  else
    page->desc = flow (reader->text->str);
  g_string_free (g_steal_pointer (&reader->text), TRUE);
  g_clear_pointer (&reader->text_field, g_free);
}

static void
reader_text (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  Reader *reader = user_data;

  if (reader->text != NULL)
    g_string_append_len (reader->text, text, length);
}

static const GMarkupParser reader_parser = { reader_start, reader_end, reader_text, NULL, NULL };

/* The pages of help/@lang. */
static GPtrArray *
read_pages (const char *lang)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "..", "help", lang, NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *pages;
  const char *name;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) expected_page_free);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *data = NULL;
      g_autoptr(GMarkupParseContext) context = NULL;
      g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
      ExpectedPage *page;
      Reader reader = { NULL, open, NULL, 0, NULL };
      gsize size;

      if (!g_str_has_suffix (name, ".page"))
        continue;

      g_assert_true (g_file_get_contents (path, &data, &size, &error));
      page = g_new0 (ExpectedPage, 1);
      page->guide_links = g_ptr_array_new_with_free_func (g_free);
      page->sections = g_ptr_array_new_with_free_func (g_free);
      reader.page = page;
      context = g_markup_parse_context_new (&reader_parser, 0, &reader, NULL);
      g_assert_true (g_markup_parse_context_parse (context, data, size, &error));
      g_assert_true (g_markup_parse_context_end_parse (context, &error));
      g_assert_no_error (error);
      g_assert_nonnull (page->id);
      g_assert_nonnull (page->title);
      g_ptr_array_add (pages, page);
    }

  g_assert_cmpuint (pages->len, >, 0);
  return pages;
}

static ExpectedPage *
get_page (GPtrArray  *pages,
          const char *id)
{
  for (guint i = 0; i < pages->len; i++)
    {
      ExpectedPage *page = g_ptr_array_index (pages, i);

      if (g_strcmp0 (page->id, id) == 0)
        return page;
    }

  g_error ("No page %s in the guide", id);
}

static ExpectedPage *
get_expected (const char *id)
{
  return get_page (expected_pages, id);
}

static const char *
get_sort_key (ExpectedPage *page)
{
  return page->sort_title != NULL ? page->sort_title
         : page->link_title != NULL ? page->link_title
         : page->title;
}

static int
compare_expected (gconstpointer a,
                  gconstpointer b)
{
  ExpectedPage *page_a = *(ExpectedPage **) a;
  ExpectedPage *page_b = *(ExpectedPage **) b;
  int order = g_utf8_collate (get_sort_key (page_a), get_sort_key (page_b));

  return order != 0 ? order : g_strcmp0 (page_a->id, page_b->id);
}

/* The @pages that link to @xref ("index#roller"), in Yelp's order. */
static GPtrArray *
list_topics (GPtrArray  *pages,
             const char *xref)
{
  GPtrArray *topics = g_ptr_array_new ();

  for (guint i = 0; i < pages->len; i++)
    {
      ExpectedPage *page = g_ptr_array_index (pages, i);

      if (g_ptr_array_find_with_equal_func (page->guide_links, xref, g_str_equal, NULL))
        g_ptr_array_add (topics, page);
    }

  g_ptr_array_sort (topics, compare_expected);
  return topics;
}

static GPtrArray *
list_expected_topics (const char *xref)
{
  return list_topics (expected_pages, xref);
}

/* ---- What the window shows ---- */

static void
collect_links (GtkWidget *widget,
               GPtrArray *links)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LINK_BUTTON (widget))
    g_ptr_array_add (links, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_links (child, links);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0 && gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The shown label whose text is @text, or (@markup) whose markup has @text in it. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text,
            gboolean    markup)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      (markup ? strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL
              : g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text, markup);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The shown heading @text (a page's or section's title, not a link's). */
static GtkWidget *
find_heading (GtkWidget  *root,
              const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (root)) == GTK_ACCESSIBLE_ROLE_HEADING &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_heading (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static const char *
get_link_page (GtkWidget *link)
{
  const char *uri = gtk_link_button_get_uri (GTK_LINK_BUTTON (link));

  g_assert_true (g_str_has_prefix (uri, "help:samplan/"));
  return uri + strlen ("help:samplan/");
}

/* The links of the section (or page) @box, not those of its subsections. */
static GPtrArray *
collect_own_links (GtkWidget         *box,
                   const char *const *section_ids)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *own = g_ptr_array_new ();

  collect_links (box, all);
  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *link = g_ptr_array_index (all, i);
      GtkWidget *section = gtk_widget_get_parent (link);

      while (section != box && !g_strv_contains (section_ids, gtk_widget_get_name (section)))
        section = gtk_widget_get_parent (section);
      if (section == box)
        g_ptr_array_add (own, link);
    }

  return own;
}

/* @links show @expected: the titles in order, each with its description beside it. */
static void
check_links (GPtrArray  *links,
             GPtrArray  *expected,
             const char *where)
{
  for (guint i = 0; i < MIN (links->len, expected->len); i++)
    {
      GtkWidget *link = g_ptr_array_index (links, i);
      ExpectedPage *page = g_ptr_array_index (expected, i);
      GtkWidget *desc = gtk_widget_get_next_sibling (link);

      g_test_message ("%s %u: %s “%s”", where, i, get_link_page (link),
                      gtk_button_get_label (GTK_BUTTON (link)));
      g_assert_cmpstr (get_link_page (link), ==, page->id);
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (link)), ==,
                       page->link_title != NULL ? page->link_title : page->title);
      if (page->desc != NULL)
        {
          g_assert_true (GTK_IS_LABEL (desc));
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (desc)), ==, page->desc);
        }
    }
  g_assert_cmpuint (links->len, ==, expected->len);
}

/* The header's Back button (by its action). */
static GtkWidget *
find_back_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), "help.back") == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_back_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static SpHelpWindow *
open_help (void)
{
  g_autoptr(GAppInfo) yelp = g_app_info_get_default_for_uri_scheme ("help");
  GtkWindow *window;

  /* F1, as a user opens it; with Yelp installed the app would hand the guide to Yelp. */
  if (yelp == NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  else
    gtk_window_present (GTK_WINDOW (sp_help_window_new (NULL)));

  WAIT_UNTIL ((window = find_toplevel (SP_TYPE_HELP_WINDOW)) != NULL, 20);
  wait_until_mapped (GTK_WIDGET (window));
  return SP_HELP_WINDOW (window);
}

/* The window shows the index of @pages: its title, and in each section (by title, with its
 * description) the pages that link to it. Returns how many links it lists. */
static guint
check_index (SpHelpWindow *window,
             GPtrArray    *pages)
{
  ExpectedPage *index = get_page (pages, "index");
  g_autoptr(GPtrArray) section_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) page_links = NULL;
  g_autoptr(GPtrArray) page_expected = list_topics (pages, "index");
  guint n_listed = 0;

  g_assert_cmpstr (sp_help_window_get_page_id (window), ==, "index");
  g_assert_nonnull (find_heading (GTK_WIDGET (window), index->title));

  for (guint i = 0; i < index->sections->len; i++)
    g_ptr_array_add (section_ids, g_ptr_array_index (index->sections, i));
  g_ptr_array_add (section_ids, NULL);

  for (guint i = 0; i < index->sections->len; i++)
    {
      const char *section_id = g_ptr_array_index (index->sections, i);
      g_autofree char *xref = g_strconcat ("index#", section_id, NULL);
      g_autoptr(GPtrArray) expected = list_topics (pages, xref);
      g_autoptr(GPtrArray) links = NULL;
      GtkWidget *section = find_named (GTK_WIDGET (window), section_id);

      g_assert_nonnull (section);
      links = collect_own_links (section, (const char *const *) section_ids->pdata);
      check_links (links, expected, section_id);
      n_listed += links->len;
    }

  /* Links to the page itself (none yet) come before its sections. */
  page_links = collect_own_links (find_named (GTK_WIDGET (window), "page"),
                                  (const char *const *) section_ids->pdata);
  check_links (page_links, page_expected, "index");
  n_listed += page_links->len;

  return n_listed;
}

/* The start page lists every page that links to it, in the section it names. */
static void
test_index (void)
{
  SpHelpWindow *window = open_help ();
  guint n_listed = check_index (window, expected_pages);
  guint n_linking = 0;

  /* Every topic that says it belongs in the index is there: none left out. */
  for (guint i = 0; i < expected_pages->len; i++)
    {
      ExpectedPage *page = g_ptr_array_index (expected_pages, i);

      for (guint j = 0; j < page->guide_links->len; j++)
        if (g_str_has_prefix (g_ptr_array_index (page->guide_links, j), "index"))
          n_linking++;
    }
  g_assert_cmpuint (n_linking, >=, 4);
  g_assert_cmpuint (n_listed, ==, n_linking);

  save_screenshot (GTK_WIDGET (window),
                   g_str_equal (expected_lang, "sv") ? "samplan-help-index.png"
                                                     : "samplan-help-index-en.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_link_to (GtkWidget  *root,
              const char *page_id)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new ();

  collect_links (root, links);
  for (guint i = 0; i < links->len; i++)
    if (g_strcmp0 (get_link_page (g_ptr_array_index (links, i)), page_id) == 0)
      return g_ptr_array_index (links, i);

  return NULL;
}

/* A link opens its page; Back goes to the index again, onto the link followed. */
static void
test_follow_link (void)
{
  SpHelpWindow *window = open_help ();
  g_autoptr(GPtrArray) roles = list_expected_topics ("index#roller");
  ExpectedPage *target;
  GtkWidget *link;
  GtkWidget *focus;

  g_assert_cmpuint (roles->len, >, 0);
  target = g_ptr_array_index (roles, roles->len - 1);
  /* Nowhere to go back to yet. */
  g_assert_false (gtk_widget_is_sensitive (find_back_button (GTK_WIDGET (window))));

  link = find_link_to (GTK_WIDGET (window), target->id);
  g_assert_nonnull (link);
  /* What a click or Enter on it does. */
  g_assert_true (gtk_widget_activate (link));
  WAIT_UNTIL (g_strcmp0 (sp_help_window_get_page_id (window), target->id) == 0, 20);
  WAIT_UNTIL (find_heading (GTK_WIDGET (window), target->title) != NULL, 20);
  g_assert_true (gtk_widget_is_sensitive (find_back_button (GTK_WIDGET (window))));
  g_assert_null (find_heading (GTK_WIDGET (window), get_expected ("index")->title));
  /* The way back in the page, too: "More Information" links to the guide. */
  g_assert_nonnull (find_link_to (find_named (GTK_WIDGET (window), "more-information"),
                                  "index"));
  save_screenshot (GTK_WIDGET (window), "samplan-help-topic.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "help.back", NULL));
  g_assert_cmpstr (sp_help_window_get_page_id (window), ==, "index");
  g_assert_nonnull (find_heading (GTK_WIDGET (window), get_expected ("index")->title));
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  link = find_link_to (GTK_WIDGET (window), target->id);
  g_assert_true (focus == link || gtk_widget_is_ancestor (focus, link));
  g_assert_false (gtk_widget_is_sensitive (find_back_button (GTK_WIDGET (window))));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A link in running text (the index's to the outage page) opens its page too. */
static void
test_inline_link (void)
{
  SpHelpWindow *window = open_help ();
  GtkWidget *label = find_label (GTK_WIDGET (window), "help:samplan/outage", TRUE);
  gboolean handled = FALSE;

  g_assert_nonnull (label);
  g_signal_emit_by_name (label, "activate-link", "help:samplan/outage", &handled);
  g_assert_true (handled);
  WAIT_UNTIL (g_strcmp0 (sp_help_window_get_page_id (window), "outage") == 0, 20);
  g_assert_nonnull (find_heading (GTK_WIDGET (window), get_expected ("outage")->title));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The guide follows the language the app is in: Swedish for sv, the English original for
 * English (and any language without pages), whatever language the test started in. */
static void
test_language (void)
{
  static const struct { const char *language; const char *lang; } cases[] = {
    { "sv", "sv" }, { "en", "C" }, { "de", "C" }, { "sv_SE:en", "sv" },
  };
  g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));

  /* Two guides, not one under two names: the test could not tell them apart. */
  g_assert_cmpstr (get_page (swedish_pages, "index")->title, !=,
                   get_page (english_pages, "index")->title);
  /* gettext ignores LANGUAGE in the C locale (the app is in English there). */
  g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), !=, "C");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean swedish = g_str_equal (cases[i].lang, "sv");
      GPtrArray *pages = swedish ? swedish_pages : english_pages;
      GPtrArray *other = swedish ? english_pages : swedish_pages;
      SpHelpWindow *window;

      g_test_message ("LANGUAGE=%s: help/%s", cases[i].language, cases[i].lang);
      g_setenv ("LANGUAGE", cases[i].language, TRUE);
      window = open_help ();
      check_index (window, pages);
      g_assert_null (find_heading (GTK_WIDGET (window), get_page (other, "index")->title));
      gtk_window_destroy (GTK_WINDOW (window));
    }

  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The Swedish run reads help/sv, the English one help/C: the app must show the same. */
  expected_lang = app_test_init (&argc, &argv) ? "sv" : "C";
  swedish_pages = read_pages ("sv");
  english_pages = read_pages ("C");
  expected_pages = g_str_equal (expected_lang, "sv") ? swedish_pages : english_pages;

  g_test_add_func ("/app/help/index", test_index);
  g_test_add_func ("/app/help/follow-link", test_follow_link);
  g_test_add_func ("/app/help/inline-link", test_inline_link);
  g_test_add_func ("/app/help/language", test_language);

  status = g_test_run ();
  g_ptr_array_unref (swedish_pages);
  g_ptr_array_unref (english_pages);
  app_test_finish ();
  return status;
}
