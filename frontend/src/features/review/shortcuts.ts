/**
 * Keyboard shortcuts of the Review tab (SPEC §6), as a pure mapping from a key event to an action.
 * "Mod" is Cmd on macOS and Ctrl elsewhere.
 */
import type { ReviewLabelName } from '@/theme/tokens';

export type ReviewView = 'grid' | 'focus';

export type ReviewAction =
  | { type: 'label'; label: ReviewLabelName; scope: 'clip' | 'page' }
  | { type: 'nextClip' }
  | { type: 'previousClip' }
  | { type: 'nextPage' }
  | { type: 'previousPage' }
  | { type: 'togglePlay' }
  | { type: 'showFocus' }
  | { type: 'showGrid' }
  | { type: 'toggleComments' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'move'; columns: number; rows: number };

/** The parts of a KeyboardEvent the mapping reads. */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const LABEL_KEYS: Record<string, ReviewLabelName> = {
  a: 'yes',
  s: 'no',
  d: 'uncertain',
  f: 'unlabeled',
};

const ARROWS: Record<string, { columns: number; rows: number }> = {
  ArrowLeft: { columns: -1, rows: 0 },
  ArrowRight: { columns: 1, rows: 0 },
  ArrowUp: { columns: 0, rows: -1 },
  ArrowDown: { columns: 0, rows: 1 },
};

/**
 * True on macOS (Cmd is the modifier there).
 * @param nav - The navigator to inspect (injectable for tests).
 */
export function isMacPlatform(nav: Pick<Navigator, 'platform' | 'userAgent'> = navigator): boolean {
  return /mac|iphone|ipad/i.test(nav.platform || nav.userAgent);
}

/**
 * The action a key press means, or null when it means nothing here.
 * @param event - The key press.
 * @param view - Current view.
 * @param mac - Use Cmd (true) or Ctrl (false) as the modifier.
 */
export function shortcutAction(
  event: KeyInput,
  view: ReviewView,
  mac: boolean,
): ReviewAction | null {
  if (event.altKey) return null;
  const mod = mac ? event.metaKey : event.ctrlKey;
  const other = mac ? event.ctrlKey : event.metaKey;
  if (other) return null;
  const letter = event.key.length === 1 ? event.key.toLowerCase() : null;

  if (mod && letter === 'z') return event.shiftKey ? { type: 'redo' } : { type: 'undo' };
  if (mod && letter === 'y') return { type: 'redo' };

  const label = letter ? LABEL_KEYS[letter] : undefined;
  if (view === 'focus') {
    if (mod) return null;
    if (label) return { type: 'label', label, scope: 'clip' };
    if (letter === 'j') return { type: 'previousClip' };
    if (letter === 'k') return { type: 'nextClip' };
    if (event.key === ' ') return { type: 'togglePlay' };
    if (event.key === 'Escape') return { type: 'showGrid' };
    return null;
  }

  if (mod && event.shiftKey && letter === 'c') return { type: 'toggleComments' };
  if (label && (mod || event.shiftKey)) return { type: 'label', label, scope: 'page' };
  if (mod && letter === 'j') return { type: 'previousPage' };
  if (mod && letter === 'k') return { type: 'nextPage' };
  if (mod) return null;
  if (label) return { type: 'label', label, scope: 'clip' };
  if (letter === 'p') return { type: 'previousPage' };
  if (letter === 'n') return { type: 'nextPage' };
  if (event.key === ' ') return { type: 'togglePlay' };
  if (event.key === 'Escape') return { type: 'showFocus' };
  const arrow = ARROWS[event.key];
  if (arrow && !event.shiftKey) return { type: 'move', ...arrow };
  return null;
}

/**
 * True when keys should go to the element, not to shortcuts (text fields, selects, editable text).
 * @param target - The event target.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  // An open menu or list (colour map, class selector) takes the keys.
  if (target.closest('[role="listbox"], [role="menu"], [role="option"]')) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'range', 'submit'].includes(type);
}

/** Rows of the shortcut table shown in the settings panel and docs/review.md. */
export function shortcutTable(mac: boolean): { keys: string; action: string }[] {
  const mod = mac ? 'Cmd' : 'Ctrl';
  return [
    { keys: 'A / S / D / F', action: 'Yes / No / Uncertain / Unlabeled (focus: then next clip)' },
    { keys: 'J / K', action: 'Previous / next clip (focus)' },
    { keys: 'Space', action: 'Play / pause' },
    { keys: 'Esc', action: 'Switch grid ↔ focus' },
    { keys: `P / N, ${mod}+J / ${mod}+K`, action: 'Previous / next page (grid)' },
    { keys: `Shift+A/S/D/F, ${mod}+A/S/D/F`, action: 'Label every clip on the page (grid)' },
    { keys: 'Arrow keys', action: 'Move the active clip (grid)' },
    { keys: `${mod}+Shift+C`, action: 'Show / hide comments' },
    { keys: `${mod}+Z / ${mod}+Y`, action: 'Undo / redo' },
  ];
}
