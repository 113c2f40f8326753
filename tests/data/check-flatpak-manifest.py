#!/usr/bin/env python3
# Copyright 2026 The Samplan developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-flatpak-manifest.py MANIFEST APP_ID: the manifest cannot be built without network, so
# check what can be checked offline: it parses, names the app and its command, grants what
# the app needs, and builds Samplan itself last, from this tree, with meson.

import json
import sys

REQUIRED_FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=fallback-x11',
    '--socket=wayland',
    '--device=dri',
    '--talk-name=org.freedesktop.secrets',
}


def main(path, app_id):
    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)

    errors = []
    if manifest.get('id', manifest.get('app-id')) != app_id:
        errors.append(f'id is not {app_id}')
    if manifest.get('command') != 'samplan':
        errors.append('command is not samplan')
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        errors.append('runtime and sdk must be org.gnome.Platform and org.gnome.Sdk')
    missing = REQUIRED_FINISH_ARGS - set(manifest.get('finish-args', []))
    if missing:
        errors.append('finish-args lack ' + ', '.join(sorted(missing)))

    modules = manifest.get('modules', [])
    names = [m.get('name') for m in modules if isinstance(m, dict)]
    if 'libsodium' not in names:
        errors.append('no libsodium module')
    last = modules[-1] if modules else {}
    if last.get('name') != 'samplan' or last.get('buildsystem') != 'meson':
        errors.append('the last module must be samplan, built with meson')
    elif {'type': 'dir', 'path': '..'} not in last.get('sources', []):
        errors.append('samplan must be built from this tree (a dir source with path "..")')

    for error in errors:
        print(f'{path}: {error}')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
