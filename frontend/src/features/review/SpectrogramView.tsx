import FastRewindIcon from '@mui/icons-material/FastRewind';
import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type MouseEvent } from 'react';
import { reviewDefaults } from '@/theme/tokens';
import { loadSpectrogram, readySpectrogram, type SpectrogramImage } from './spectrogram-cache';
import { REWIND_ZONE_FRACTION } from './useSpectrogramPlayback';

export interface SpectrogramViewProps {
  url: string | null;
  /** Playhead 0..1 or null. */
  playhead: number | null;
  onClickAt: (fraction: number) => void;
  heightPx: number;
  /** Reference frequency line: Hz and colour, or null for none. */
  reference: { hz: number; color: string } | null;
  /** Bottom of the frequency axis (settings), in Hz. */
  minHz: number;
  /** Top of the frequency axis when set in the settings; else the server's reported maximum. */
  maxHz: number | null;
  alt: string;
  /** Where the clip lies in a wider (context) image, as fractions of its width; null = all of it. */
  clipBounds?: [number, number] | null;
}

/** Keeps showing the last ready image until the new one has loaded (no blank flash). */
function useSpectrogramImage(url: string | null) {
  const [last, setLast] = useState<{
    url: string;
    image: SpectrogramImage | null;
    error: string | null;
  }>();
  useEffect(() => {
    if (!url || readySpectrogram(url)) return;
    let live = true;
    loadSpectrogram(url).then(
      (image) => live && setLast({ url, image, error: null }),
      (caught: unknown) =>
        live &&
        setLast((previous) => ({
          url,
          image: previous?.image ?? null,
          error: caught instanceof Error ? caught.message : String(caught),
        })),
    );
    return () => {
      live = false;
    };
  }, [url]);
  const ready = url ? readySpectrogram(url) : null;
  const error = last && last.url === url ? last.error : null;
  return { shown: ready ?? (error ? null : (last?.image ?? null)), error };
}

/** Dims the context around a clip in the focus view. */
const contextShade = {
  position: 'absolute',
  top: 0,
  bottom: 0,
  bgcolor: 'rgba(0,0,0,0.28)',
  pointerEvents: 'none',
} as const;

/**
 * A clip's spectrogram: click to play/pause, click the left 20% to rewind (icon on hover), a moving
 * playhead, and an optional reference frequency line drawn over the image.
 */
export function SpectrogramView(props: SpectrogramViewProps) {
  const { shown, error } = useSpectrogramImage(props.url);
  const [hoverRewind, setHoverRewind] = useState(false);
  const fractionOf = (event: MouseEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return box.width > 0 ? (event.clientX - box.left) / box.width : 0.5;
  };
  const top = props.maxHz ?? shown?.maxHz ?? null;
  const referenceTop =
    props.reference && top !== null && top > props.minHz
      ? 1 - (props.reference.hz - props.minHz) / (top - props.minHz)
      : null;

  return (
    <Box
      role="button"
      aria-label={`Play ${props.alt}`}
      data-testid="spectrogram"
      onClick={(event) => props.onClickAt(fractionOf(event))}
      onMouseMove={(event) => setHoverRewind(fractionOf(event) < REWIND_ZONE_FRACTION)}
      onMouseLeave={() => setHoverRewind(false)}
      sx={{
        position: 'relative',
        height: props.heightPx,
        bgcolor: 'action.hover',
        cursor: 'pointer',
        overflow: 'hidden',
        userSelect: 'none',
      }}
    >
      {shown ? (
        <Box
          component="img"
          src={shown.src}
          alt={props.alt}
          draggable={false}
          sx={{ width: '100%', height: '100%', display: 'block', objectFit: 'fill' }}
        />
      ) : error ? (
        <Typography variant="body2" color="error" sx={{ p: 1 }}>
          {error}
        </Typography>
      ) : (
        <Skeleton variant="rectangular" width="100%" height="100%" />
      )}
      {referenceTop !== null && referenceTop >= 0 && referenceTop <= 1 && (
        <Box
          data-testid="reference-line"
          sx={{
            position: 'absolute',
            left: 0,
            right: 0,
            top: `${referenceTop * 100}%`,
            borderTop: `2px dashed ${props.reference?.color}`,
            pointerEvents: 'none',
          }}
        />
      )}
      {props.clipBounds && (
        <>
          <Box
            data-testid="context-before"
            sx={{
              ...contextShade,
              left: 0,
              width: `${props.clipBounds[0] * 100}%`,
              borderRight: `2px solid ${reviewDefaults.playheadColor}`,
            }}
          />
          <Box
            data-testid="context-after"
            sx={{
              ...contextShade,
              left: `${props.clipBounds[1] * 100}%`,
              right: 0,
              borderLeft: `2px solid ${reviewDefaults.playheadColor}`,
            }}
          />
        </>
      )}
      {props.playhead !== null && (
        <Box
          data-testid="playhead"
          sx={{
            position: 'absolute',
            top: 0,
            bottom: 0,
            left: `${props.playhead * 100}%`,
            width: 2,
            bgcolor: reviewDefaults.playheadColor,
            pointerEvents: 'none',
          }}
        />
      )}
      {hoverRewind && (
        <Box
          sx={{
            position: 'absolute',
            inset: 0,
            width: `${REWIND_ZONE_FRACTION * 100}%`,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            bgcolor: 'rgba(0,0,0,0.25)',
            color: '#fff',
            pointerEvents: 'none',
          }}
        >
          <FastRewindIcon fontSize="large" aria-label="Rewind to start" />
        </Box>
      )}
    </Box>
  );
}
