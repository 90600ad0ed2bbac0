/**
 * A tiny hash router: the current tab lives in `location.hash` as `#/<tab>` so a reload keeps it.
 */
import { useCallback, useSyncExternalStore } from 'react';

export const TAB_IDS = [
  'inference',
  'training',
  'extraction',
  'review',
  'explore',
  'tasks',
  'settings',
] as const;
export type TabId = (typeof TAB_IDS)[number];

const DEFAULT_TAB: TabId = 'inference';

/**
 * Parse a location hash into a tab id (unknown → the default tab).
 * @param hash - e.g. `#/tasks`.
 */
export function tabFromHash(hash: string): TabId {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (TAB_IDS as readonly string[]).includes(name) ? (name as TabId) : DEFAULT_TAB;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** Go to a tab (updates the hash, which every `useRoute` listens to). */
export function navigate(tab: TabId): void {
  if (tabFromHash(window.location.hash) === tab && window.location.hash) return;
  window.location.hash = `#/${tab}`;
}

/** Current tab and a navigate function. */
export function useRoute(): { tab: TabId; navigate: (tab: TabId) => void } {
  const tab = useSyncExternalStore(subscribe, () => tabFromHash(window.location.hash));
  const go = useCallback((next: TabId) => navigate(next), []);
  return { tab, navigate: go };
}
