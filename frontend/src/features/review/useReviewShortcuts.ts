/**
 * Wires the Review keyboard shortcuts to the window while the tab is visible and shortcuts are on.
 * Keys typed into text fields (comments, settings) never trigger a shortcut.
 */
import { useEffect, useRef } from 'react';
import {
  isMacPlatform,
  isTypingTarget,
  shortcutAction,
  type ReviewAction,
  type ReviewView,
} from './shortcuts';

/**
 * @param enabled - Shortcuts on and the Review tab visible with a task open.
 * @param view - Current view.
 * @param onAction - Runs the action.
 */
export function useReviewShortcuts(
  enabled: boolean,
  view: ReviewView,
  onAction: (action: ReviewAction) => void,
) {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  });

  useEffect(() => {
    if (!enabled) return;
    const mac = isMacPlatform();
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const action = shortcutAction(event, view, mac);
      if (!action) return;
      event.preventDefault();
      handler.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, view]);
}
