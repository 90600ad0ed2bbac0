import { describe, expect, it } from 'vitest';
import { isMacPlatform, isTypingTarget, shortcutAction } from '@/features/review/shortcuts';

const key = (
  k: string,
  mods: Partial<Record<'ctrl' | 'meta' | 'shift' | 'alt', boolean>> = {},
) => ({
  key: k,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
});

describe('shortcut mapping', () => {
  it('focus view: A/S/D/F label, J/K move, Space plays, Esc goes to the grid', () => {
    expect(shortcutAction(key('a'), 'focus', false)).toEqual({
      type: 'label',
      label: 'yes',
      scope: 'clip',
    });
    expect(shortcutAction(key('f'), 'focus', false)).toMatchObject({ label: 'unlabeled' });
    expect(shortcutAction(key('j'), 'focus', false)).toEqual({ type: 'previousClip' });
    expect(shortcutAction(key('k'), 'focus', false)).toEqual({ type: 'nextClip' });
    expect(shortcutAction(key(' '), 'focus', false)).toEqual({ type: 'togglePlay' });
    expect(shortcutAction(key('Escape'), 'focus', false)).toEqual({ type: 'showGrid' });
  });

  it('grid view: P/N and Ctrl+J/K page, Shift or Ctrl + A/S/D/F label the page', () => {
    expect(shortcutAction(key('n'), 'grid', false)).toEqual({ type: 'nextPage' });
    expect(shortcutAction(key('p'), 'grid', false)).toEqual({ type: 'previousPage' });
    expect(shortcutAction(key('k', { ctrl: true }), 'grid', false)).toEqual({ type: 'nextPage' });
    expect(shortcutAction(key('J', { ctrl: true }), 'grid', false)).toEqual({
      type: 'previousPage',
    });
    expect(shortcutAction(key('A', { shift: true }), 'grid', false)).toEqual({
      type: 'label',
      label: 'yes',
      scope: 'page',
    });
    expect(shortcutAction(key('s', { ctrl: true }), 'grid', false)).toMatchObject({
      label: 'no',
      scope: 'page',
    });
    expect(shortcutAction(key('C', { ctrl: true, shift: true }), 'grid', false)).toEqual({
      type: 'toggleComments',
    });
    expect(shortcutAction(key('ArrowDown'), 'grid', false)).toEqual({
      type: 'move',
      columns: 0,
      rows: 1,
    });
    expect(shortcutAction(key('Escape'), 'grid', false)).toEqual({ type: 'showFocus' });
  });

  it('uses Cmd on macOS and ignores Ctrl there', () => {
    expect(shortcutAction(key('z', { meta: true }), 'grid', true)).toEqual({ type: 'undo' });
    expect(shortcutAction(key('y', { meta: true }), 'focus', true)).toEqual({ type: 'redo' });
    expect(shortcutAction(key('z', { ctrl: true }), 'grid', true)).toBeNull();
    expect(shortcutAction(key('z', { ctrl: true }), 'grid', false)).toEqual({ type: 'undo' });
    expect(shortcutAction(key('Z', { ctrl: true, shift: true }), 'grid', false)).toEqual({
      type: 'redo',
    });
    expect(shortcutAction(key('a', { meta: true }), 'grid', false)).toBeNull();
    expect(isMacPlatform({ platform: 'MacIntel', userAgent: '' })).toBe(true);
    expect(isMacPlatform({ platform: 'Linux x86_64', userAgent: '' })).toBe(false);
  });

  it('never fires while typing in a text field', () => {
    const input = document.createElement('input');
    const textarea = document.createElement('textarea');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget(textarea)).toBe(true);
    expect(isTypingTarget(checkbox)).toBe(false);
    expect(isTypingTarget(document.createElement('button'))).toBe(false);
    const menu = document.createElement('ul');
    menu.setAttribute('role', 'listbox');
    const item = menu.appendChild(document.createElement('li'));
    expect(isTypingTarget(item)).toBe(true);
  });
});
