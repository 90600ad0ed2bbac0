/**
 * Smooth paging: the page on screen changes only once the next page's spectrograms are loaded (or a
 * timeout passes), and the page after it is prefetched.
 */
import { useEffect, useState } from 'react';
import { preloadSpectrograms } from './spectrogram-cache';

/**
 * @param positions - Clips of the page the user asked for.
 * @param urls - Their spectrogram URLs (nulls skipped).
 * @param nextUrls - Spectrogram URLs of the following page (prefetched).
 * @returns The clips to show now.
 */
export function useSmoothPage(
  positions: number[],
  urls: (string | null)[],
  nextUrls: (string | null)[],
): number[] {
  const [shown, setShown] = useState<number[]>(positions);
  const key = positions.join(',');
  const urlKey = urls.join('\n');
  const nextKey = nextUrls.join('\n');

  useEffect(() => {
    let live = true;
    const wanted = urlKey ? urlKey.split('\n').filter(Boolean) : [];
    const target = key ? key.split(',').map(Number) : [];
    void preloadSpectrograms(wanted).then(() => {
      if (live) setShown(target);
    });
    return () => {
      live = false;
    };
  }, [key, urlKey]);

  useEffect(() => {
    const upcoming = nextKey ? nextKey.split('\n').filter(Boolean) : [];
    if (upcoming.length) void preloadSpectrograms(upcoming, 10_000);
  }, [nextKey]);

  return shown;
}
