/* sp-client-address.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Behind nginx every request comes from nginx. A proxy named with `serve --trusted-proxy`
 * appends the address it got the request from to X-Forwarded-For; the client is the last
 * address in that list that is not one of our proxies, read from the right. Whatever a
 * client writes into the header itself stands to the left of that and is never reached,
 * and from a peer that is not a trusted proxy the header is not read at all: nobody can
 * choose the address the sign-in limits count.
 */

#define G_LOG_DOMAIN "sp-client-address"

#include "config.h"

#include <string.h>

#include "sp-client-address.h"

/* An IPv4 client of a dual-stack socket arrives as ::ffff:a.b.c.d; it is still a.b.c.d. */
static GInetAddress *
normalise (GInetAddress *address)
{
  const guint8 *bytes = g_inet_address_to_bytes (address);
  static const guint8 mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 &&
      memcmp (bytes, mapped, sizeof mapped) == 0)
    return g_inet_address_new_from_bytes (bytes + 12, G_SOCKET_FAMILY_IPV4);

  return g_object_ref (address);
}

/* One entry of the header: "192.0.2.7", "2001:db8::7" or "[2001:db8::7]". */
static GInetAddress *
parse_entry (const char *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (entry));
  g_autoptr(GInetAddress) address = NULL;
  gsize length = strlen (text);

  if (length > 2 && text[0] == '[' && text[length - 1] == ']')
    {
      text[length - 1] = '\0';
      address = g_inet_address_new_from_string (text + 1);
    }
  else
    {
      address = g_inet_address_new_from_string (text);
    }

  return address != NULL ? normalise (address) : NULL;
}

static gboolean
is_trusted (GPtrArray    *trusted_proxies,
            GInetAddress *address)
{
  for (guint i = 0; trusted_proxies != NULL && i < trusted_proxies->len; i++)
    if (g_inet_address_mask_matches (g_ptr_array_index (trusted_proxies, i), address))
      return TRUE;

  return FALSE;
}

/**
 * sp_client_address_parse_proxy:
 * @text: an address ("10.0.0.5", "::1") or a network ("10.0.0.0/24")
 *
 * Returns: (transfer full): the proxies @text names, or %NULL with @error set
 */
GInetAddressMask *
sp_client_address_parse_proxy (const char  *text,
                               GError     **error)
{
  g_autoptr(GInetAddressMask) mask = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  mask = g_inet_address_mask_new_from_string (text, &local_error);
  if (mask == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/24)",
                   text);
      return NULL;
    }

  return g_steal_pointer (&mask);
}

/**
 * sp_client_address_resolve:
 * @peer: the address the connection came from
 * @forwarded_for: (nullable): the request's X-Forwarded-For, all of its lines joined by ","
 * @trusted_proxies: (element-type GInetAddressMask) (nullable): the proxies to believe
 *
 * Returns: (transfer full): the client's address as text
 */
char *
sp_client_address_resolve (GInetAddress *peer,
                           const char   *forwarded_for,
                           GPtrArray    *trusted_proxies)
{
  g_autoptr(GInetAddress) client = NULL;
  g_auto(GStrv) entries = NULL;

  g_return_val_if_fail (G_IS_INET_ADDRESS (peer), NULL);

  client = normalise (peer);
  if (forwarded_for == NULL || !is_trusted (trusted_proxies, client))
    return g_inet_address_to_string (client);

  entries = g_strsplit (forwarded_for, ",", -1);
  for (guint i = g_strv_length (entries); i > 0 && is_trusted (trusted_proxies, client); i--)
    {
      GInetAddress *next = parse_entry (entries[i - 1]);

      /* Not an address: our proxy did not write that, so nothing left of it counts. */
      if (next == NULL)
        break;
      g_object_unref (client);
      client = next;
    }

  return g_inet_address_to_string (client);
}
