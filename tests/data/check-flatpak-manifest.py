#!/usr/bin/env python3
# Copyright 2026 The Samplan developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-flatpak-manifest.py MANIFEST APP_ID: the manifest cannot be built without network, so
# check what can be checked offline, as flatpak-builder's schema would: it parses, has only
# known top-level and module keys, names the app and its command, runs on a recent GNOME
# runtime, grants what the app needs and nothing of the user's files, pins every downloaded
# source by checksum or commit, and builds Samplan itself last, from this tree, with meson.

import json
import re
import sys

REQUIRED_FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=fallback-x11',
    '--socket=wayland',
    '--device=dri',
    '--talk-name=org.freedesktop.secrets',
}

# What the app must never get: the user's files, the host, or the session bus as a whole.
FORBIDDEN_FINISH_ARGS = re.compile(r'--filesystem=(home|host|host-os|host-etc)(:.*)?$|'
                                   r'--socket=session-bus|--socket=system-bus|--device=all')
# The oldest GNOME runtime the manifest may use (older ones are end of life).
OLDEST_RUNTIME = 47

TOP_LEVEL_KEYS = {
    'id', 'app-id', 'runtime', 'runtime-version', 'sdk', 'command', 'finish-args', 'cleanup',
    'cleanup-commands', 'modules', 'build-options', 'sdk-extensions', 'rename-icon',
    'rename-desktop-file', 'rename-appdata-file', 'branch', 'separate-locales',
}
MODULE_KEYS = {
    'name', 'buildsystem', 'config-opts', 'make-args', 'make-install-args', 'build-commands',
    'post-install', 'sources', 'cleanup', 'build-options', 'builddir', 'subdir', 'modules',
    'no-autogen', 'disabled', 'run-tests', 'test-rule', 'test-commands',
}
BUILDSYSTEMS = {'autotools', 'cmake', 'cmake-ninja', 'meson', 'simple', 'qmake'}
# A source fetched from the network must say exactly what it is.
PINNED = {'archive': 'sha256', 'file': 'sha256', 'git': 'commit'}


def check_module(module, errors):
    name = module.get('name', '?')
    for key in set(module) - MODULE_KEYS:
        errors.append(f'module {name}: unknown key {key}')
    if module.get('buildsystem', 'autotools') not in BUILDSYSTEMS:
        errors.append(f'module {name}: unknown buildsystem {module["buildsystem"]}')
    if module.get('buildsystem') == 'simple' and not module.get('build-commands'):
        errors.append(f'module {name}: a simple module needs build-commands')
    for source in module.get('sources', []):
        kind = source.get('type')
        if kind in PINNED:
            pin = PINNED[kind]
            if kind == 'git' and 'commit' not in source:
                errors.append(f'module {name}: git source without a commit')
            elif kind != 'git' and not re.fullmatch(r'[0-9a-f]{64}', source.get(pin, '')):
                errors.append(f'module {name}: {kind} source without a sha256')
            if not source.get('url', '').startswith('https://'):
                errors.append(f'module {name}: source not fetched over https')
        elif kind not in ('dir', 'patch', 'shell'):
            errors.append(f'module {name}: unknown source type {kind}')
    for child in module.get('modules', []):
        check_module(child, errors)


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
    for key in set(manifest) - TOP_LEVEL_KEYS:
        errors.append(f'unknown top-level key {key}')
    version = str(manifest.get('runtime-version', ''))
    if not version.isdigit() or int(version) < OLDEST_RUNTIME:
        errors.append(f'runtime-version {version!r}: not a GNOME runtime from '
                      f'{OLDEST_RUNTIME} on')
    finish_args = manifest.get('finish-args', [])
    missing = REQUIRED_FINISH_ARGS - set(finish_args)
    if missing:
        errors.append('finish-args lack ' + ', '.join(sorted(missing)))
    for arg in finish_args:
        if FORBIDDEN_FINISH_ARGS.match(arg):
            errors.append(f'finish-args grant too much: {arg}')

    modules = manifest.get('modules', [])
    names = [m.get('name') for m in modules if isinstance(m, dict)]
    if 'libsodium' not in names:
        errors.append('no libsodium module')
    for module in modules:
        check_module(module, errors)
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
