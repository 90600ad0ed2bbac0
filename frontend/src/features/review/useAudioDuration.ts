/**
 * Length in seconds of an audio URL, read from its metadata (a slice past the end of a recording is
 * shorter than asked for, so the focus view asks the audio itself where the clip lies).
 */
import { useEffect, useState } from 'react';

/** @returns The duration in seconds, or null until known. */
export function useAudioDuration(url: string | null): number | null {
  const [known, setKnown] = useState<{ url: string; duration_s: number } | null>(null);
  useEffect(() => {
    if (!url || typeof Audio === 'undefined') return;
    const audio = new Audio();
    audio.preload = 'metadata';
    const onMetadata = () => {
      if (Number.isFinite(audio.duration) && audio.duration > 0) {
        setKnown({ url, duration_s: audio.duration });
      }
    };
    audio.addEventListener('loadedmetadata', onMetadata);
    audio.src = url;
    return () => {
      audio.removeEventListener('loadedmetadata', onMetadata);
      audio.removeAttribute('src');
    };
  }, [url]);
  return known && known.url === url ? known.duration_s : null;
}
