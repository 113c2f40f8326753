/* test-client-address.c — whose address a request is counted under, behind trusted proxies
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-client-address.h"

static void
test_resolve (void)
{
  static const struct
  {
    const char *peer;
    const char *forwarded_for;
    const char *expected;
    const char *why;
  } cases[] = {
    { "192.0.2.1", NULL, "192.0.2.1", "no header: the peer" },
    { "192.0.2.1", "203.0.113.7", "192.0.2.1", "an untrusted peer's header is not read" },
    { "10.0.0.5", NULL, "10.0.0.5", "the proxy's own requests" },
    { "10.0.0.5", "203.0.113.7", "203.0.113.7", "what the proxy appended" },
    { "10.0.0.5", " 203.0.113.7 ", "203.0.113.7", "spaces around an entry" },
    { "10.0.0.5", "198.51.100.1, 203.0.113.7", "203.0.113.7",
      "the client's own entry stands left of the proxy's" },
    { "10.0.0.5", "203.0.113.7, 10.1.2.3", "203.0.113.7", "a second proxy of the network" },
    { "10.0.0.5", "203.0.113.7, 10.1.2.3, 10.0.0.6", "203.0.113.7", "three hops" },
    { "10.0.0.5", "10.1.2.3", "10.1.2.3", "only proxies: the farthest one" },
    { "10.0.0.5", "garbage, 203.0.113.7", "203.0.113.7", "garbage beyond the client" },
    { "10.0.0.5", "203.0.113.7, garbage", "10.0.0.5",
      "garbage where the proxy writes: nothing left of it is believed" },
    { "10.0.0.5", "", "10.0.0.5", "an empty header" },
    { "10.0.0.5", "2001:db8::7", "2001:db8::7", "IPv6" },
    { "10.0.0.5", "[2001:db8::7]", "2001:db8::7", "IPv6 in brackets" },
    { "::ffff:10.0.0.5", "203.0.113.7", "203.0.113.7",
      "an IPv4 proxy on a dual-stack socket is still the proxy" },
    { "::ffff:192.0.2.1", NULL, "192.0.2.1", "an IPv4 client on a dual-stack socket" },
    { "10.0.0.5", "::ffff:203.0.113.7", "203.0.113.7", "a mapped address in the header" },
    { "fd00::1", "203.0.113.7", "203.0.113.7", "an IPv6 proxy" },
    { "fd00::2", "203.0.113.7", "fd00::2", "only fd00::1 is trusted" },
  };
  g_autoptr(GPtrArray) trusted = g_ptr_array_new_with_free_func (g_object_unref);
  const char *proxies[] = { "10.0.0.5", "10.0.0.6", "10.1.0.0/16", "fd00::1" };

  for (guint i = 0; i < G_N_ELEMENTS (proxies); i++)
    {
      g_autoptr(GError) error = NULL;
      GInetAddressMask *mask = sp_client_address_parse_proxy (proxies[i], &error);

      g_assert_no_error (error);
      g_ptr_array_add (trusted, mask);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GInetAddress) peer = g_inet_address_new_from_string (cases[i].peer);
      g_autofree char *client = sp_client_address_resolve (peer, cases[i].forwarded_for,
                                                           trusted);

      g_test_message ("case %u: %s", i, cases[i].why);
      g_assert_cmpstr (client, ==, cases[i].expected);
    }
}

/* Without --trusted-proxy the header is never read. */
static void
test_no_proxies (void)
{
  g_autoptr(GInetAddress) peer = g_inet_address_new_from_string ("127.0.0.1");
  g_autofree char *client = sp_client_address_resolve (peer, "203.0.113.7", NULL);

  g_assert_cmpstr (client, ==, "127.0.0.1");
}

static void
test_parse_proxy (void)
{
  const char *bad[] = { "", "proxy.region.example", "10.0.0.5:8080", "10.0.0.0/33", "10.0.0.1/8" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GInetAddressMask) mask = sp_client_address_parse_proxy (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (mask);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/client-address/resolve", test_resolve);
  g_test_add_func ("/server/client-address/no-proxies", test_no_proxies);
  g_test_add_func ("/server/client-address/parse-proxy", test_parse_proxy);

  return g_test_run ();
}
