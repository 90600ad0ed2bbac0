/**
 * Playback state of one clip card: whether it plays, where the playhead is, and the click handler
 * (left 20% of the image rewinds to the start, elsewhere toggles play/pause).
 */
import { useCallback, useSyncExternalStore } from 'react';
import { clipPlayer, type PlaybackFilter } from './clip-player';

/** Share of the image width, from the left, where a click rewinds. */
export const REWIND_ZONE_FRACTION = 0.2;

/**
 * @param audioSrc - The clip's /api/audio URL (null while unknown).
 * @param filter - Playback bandpass.
 */
export function useSpectrogramPlayback(audioSrc: string | null, filter: PlaybackFilter) {
  const state = useSyncExternalStore(clipPlayer.subscribe, clipPlayer.snapshot);
  const mine = audioSrc !== null && state.key === audioSrc;
  const { enabled, lowHz, highHz } = filter;

  const toggle = useCallback(() => {
    if (audioSrc) clipPlayer.toggle(audioSrc, { enabled, lowHz, highHz });
  }, [audioSrc, enabled, lowHz, highHz]);

  const rewind = useCallback(() => {
    if (audioSrc) clipPlayer.play(audioSrc, 0, { enabled, lowHz, highHz });
  }, [audioSrc, enabled, lowHz, highHz]);

  /** Click on the image at a horizontal fraction 0..1. */
  const clickAt = useCallback(
    (fraction: number) => (fraction < REWIND_ZONE_FRACTION ? rewind() : toggle()),
    [rewind, toggle],
  );

  return {
    playing: mine && state.playing,
    /** Playhead 0..1, or null when this clip is not loaded in the player. */
    playhead: mine ? state.fraction : null,
    toggle,
    rewind,
    clickAt,
  };
}
