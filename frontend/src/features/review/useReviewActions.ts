/** Runs a keyboard action against the session, navigation, settings and player. */
import { useCallback } from 'react';
import { clipPlayer } from './clip-player';
import type { ReviewSettings } from './review-settings';
import type { ReviewAction } from './shortcuts';
import { withContext, type MediaUrls } from './useMediaUrls';
import type { ReviewNavigation } from './useReviewNavigation';
import type { ReviewSession } from './useReviewSession';

export function useReviewActions(
  session: ReviewSession,
  navigation: ReviewNavigation,
  settings: ReviewSettings,
  updateSettings: (patch: Partial<ReviewSettings>) => void,
  media: MediaUrls,
) {
  return useCallback(
    (action: ReviewAction) => {
      const active = navigation.activePosition;
      const row = active === null ? undefined : session.opened?.task.rows[active];
      switch (action.type) {
        case 'label':
          if (action.scope === 'page') {
            session.label(navigation.pagePositions, action.label);
          } else if (active !== null) {
            session.label([active], action.label);
            const binary = session.opened?.mode === 'binary';
            if (navigation.view === 'focus' && binary) {
              navigation.nextClip({ position: active, label: action.label });
            }
          }
          return;
        case 'nextClip':
          return navigation.nextClip();
        case 'previousClip':
          return navigation.previousClip();
        case 'nextPage':
          return navigation.nextPage();
        case 'previousPage':
          return navigation.previousPage();
        case 'showFocus':
          return navigation.setView('focus');
        case 'showGrid':
          return navigation.setView('grid');
        case 'toggleComments':
          return updateSettings({ show_comments: !settings.show_comments });
        case 'undo':
          return session.undo();
        case 'redo':
          return session.redo();
        case 'move':
          return navigation.move(action);
        case 'togglePlay': {
          // The focus view plays the clip with its context (the same audio it shows).
          const slice =
            row && navigation.view === 'focus' ? withContext(row, settings.focus_context_s) : row;
          const url = slice?.audio_exists ? media.audio(slice) : null;
          if (url) {
            clipPlayer.toggle(url, {
              enabled: settings.bandpass,
              lowHz: settings.bandpass_low_hz,
              highHz: settings.bandpass_high_hz,
            });
          }
          return;
        }
      }
    },
    [session, navigation, settings, updateSettings, media],
  );
}
