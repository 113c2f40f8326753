#!/bin/sh
# Copyright 2026 The Samplan developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-potfiles.sh SRCDIR: every file with translatable strings is listed in po/POTFILES.in
# (and every listed file exists), so no string silently stays English.
set -eu

srcdir=$1
cd "$srcdir"

if [ -d .git ] || [ -f .git ]; then
  # Untracked files count too: a new file must be listed before it is committed.
  files=$(git ls-files --cached --others --exclude-standard)
else
  files=$(find . -path ./.git -prune -o -path './_build*' -prune -o -type f -print | sed 's|^\./||')
fi

listed=$(grep -v -e '^#' -e '^$' po/POTFILES.in | sort -u)
status=0

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done

for f in $files; do
  case "$f" in
    tests/*) continue ;;
    *.c | *.h) grep -qE '(^|[^A-Za-z0-9_])(N|C|NC)?_\(' "$f" || continue ;;
    *.ui) grep -q 'translatable="yes"' "$f" || continue ;;
    *.desktop.in | *.metainfo.xml.in) ;;
    *.gschema.xml) grep -q 'gettext-domain=' "$f" || continue ;;
    *) continue ;;
  esac
  if ! printf '%s\n' "$listed" | grep -qxF "$f"; then
    echo "$f has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done

exit $status
