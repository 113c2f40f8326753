#!/usr/bin/env python3
# Copyright 2026 The Samplan developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-shortcuts.py SOURCE_ROOT: every key the app binds in src/app (widget class bindings,
# shortcut controllers, application accelerators) is listed in ui/help-overlay.ui, the
# shortcuts window (Ctrl+?), so that keyboard users can find it.

import pathlib
import re
import sys
import xml.etree.ElementTree as ET

MASKS = {'GDK_CONTROL_MASK': 'control', 'GDK_SHIFT_MASK': 'shift', 'GDK_ALT_MASK': 'alt',
         'GDK_SUPER_MASK': 'super', '0': None}
MODIFIER_NAMES = {'control': 'control', 'ctrl': 'control', 'primary': 'control',
                  'shift': 'shift', 'alt': 'alt', 'super': 'super'}

# gtk_widget_class_add_binding_action (class, GDK_KEY_x, MASKS, "action", …) and the SIP
# outline's add_key (controller, self, GDK_KEY_x, MASKS, "action").
BINDING = re.compile(r'(?:gtk_widget_class_add_binding_action|add_key)\s*\(\s*\w+\s*,\s*'
                     r'(?:\w+\s*,\s*)?GDK_KEY_(\w+)\s*,\s*([\w\s|]+?)\s*,\s*"([\w.-]+)"')
TRIGGER = re.compile(r'gtk_keyval_trigger_new\s*\(\s*GDK_KEY_(\w+)\s*,\s*([\w\s|]+?)\s*\)')
# sp-application.c's table: { "app.quit", { "<Control>q", NULL } },
ACCELS = re.compile(r'\{\s*"([\w-]+\.[\w-]+)"\s*,\s*\{\s*((?:"[^"]+"\s*,\s*)+)NULL\s*\}\s*\}')


def from_code(key, masks):
    modifiers = set()
    for mask in masks.split('|'):
        name = MASKS.get(mask.strip(), 'unknown:' + mask.strip())
        if name:
            modifiers.add(name)
    return (key.lower(), frozenset(modifiers))


def from_accelerator(accel):
    modifiers = set(MODIFIER_NAMES.get(m.lower(), 'unknown:' + m)
                    for m in re.findall(r'<(\w+)>', accel))
    return (re.sub(r'<\w+>', '', accel).lower(), frozenset(modifiers))


def describe(binding):
    key, modifiers = binding
    return '+'.join(sorted(modifiers) + [key])


def main(root):
    root = pathlib.Path(root)
    in_code = {}
    for path in sorted((root / 'src' / 'app').rglob('*.c')):
        text = path.read_text(encoding='utf-8')
        for key, masks, action in BINDING.findall(text):
            in_code.setdefault(from_code(key, masks), set()).add(f'{action} ({path.name})')
        for key, masks in TRIGGER.findall(text):
            if key == 'Tab' or key == 'ISO_Left_Tab':
                continue
            in_code.setdefault(from_code(key, masks), set()).add(f'a shortcut ({path.name})')
        for action, accels in ACCELS.findall(text):
            for accel in re.findall(r'"([^"]+)"', accels):
                in_code.setdefault(from_accelerator(accel), set()).add(f'{action} ({path.name})')

    overlay = ET.parse(root / 'ui' / 'help-overlay.ui')
    listed = set()
    for shortcut in overlay.iter('object'):
        if shortcut.get('class') != 'GtkShortcutsShortcut':
            continue
        for prop in shortcut.findall('property'):
            if prop.get('name') == 'accelerator':
                listed.update(from_accelerator(a) for a in prop.text.split())

    errors = []
    if len(in_code) < 10:
        errors.append(f'only {len(in_code)} bindings found in src/app: is the pattern stale?')
    for binding, where in sorted(in_code.items(), key=lambda item: describe(item[0])):
        if binding not in listed:
            errors.append(f'{describe(binding)} of {", ".join(sorted(where))} is not in '
                          'ui/help-overlay.ui')
    for error in errors:
        print(error)
    print(f'{len(in_code)} keys bound in src/app, {len(listed)} listed')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
