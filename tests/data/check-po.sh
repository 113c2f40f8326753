#!/bin/sh
# Copyright 2026 The Samplan developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-po.sh SRCDIR: every language in po/LINGUAS compiles cleanly and translates every string
# the sources have now (so a new string without a translation fails here, not in front of a
# user). Extracts a fresh template with the same keywords as meson's `glib` preset.
set -eu

srcdir=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

xgettext --package-name=samplan --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --directory="$srcdir" --files-from="$srcdir/po/POTFILES.in" --output="$tmp/samplan.pot"

status=0
for lang in $(grep -v '^#' "$srcdir/po/LINGUAS"); do
  po="$srcdir/po/$lang.po"
  # --check: format strings, header and plural forms; the statistics name fuzzy and
  # untranslated messages, which msgfmt alone accepts.
  stats=$(msgfmt --check --statistics --output-file=/dev/null "$po" 2>&1) || {
    echo "$stats"
    status=1
    continue
  }
  echo "$lang: $stats"
  case "$stats" in
    *fuzzy* | *untranslated*)
      echo "$lang: every message must be translated and none fuzzy"
      status=1
      ;;
  esac
  # msgcmp treats fuzzy and untranslated messages as missing.
  if ! msgcmp "$po" "$tmp/samplan.pot"; then
    echo "$lang: out of date with the sources: run samplan-pot and msgmerge"
    status=1
  fi
done

exit $status
