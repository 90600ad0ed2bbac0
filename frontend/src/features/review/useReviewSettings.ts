/** Review settings state, stored in localStorage on every change. */
import { useCallback, useState } from 'react';
import { loadReviewSettings, storeReviewSettings, type ReviewSettings } from './review-settings';

export function useReviewSettings() {
  const [settings, setSettings] = useState<ReviewSettings>(() => loadReviewSettings());
  const update = useCallback((patch: Partial<ReviewSettings>) => {
    setSettings((current) => {
      const next = { ...current, ...patch };
      storeReviewSettings(next);
      return next;
    });
  }, []);
  return { settings, update };
}
