import Box from '@mui/material/Box';
import type { ReviewLabelName } from '@/theme/tokens';
import { ClipCard } from './ClipCard';
import type { ReviewSettings } from './review-settings';
import type { MediaUrls } from './useMediaUrls';
import type { ReviewNavigation } from './useReviewNavigation';
import type { ReviewSession } from './useReviewSession';
import { useSmoothPage } from './useSmoothPage';

export interface ClipGridProps {
  session: ReviewSession;
  navigation: ReviewNavigation;
  settings: ReviewSettings;
  media: MediaUrls;
  scoreColumn: string | null;
}

/** Spectrogram height in grid cards, in px, by number of columns. */
function imageHeightPx(columns: number): number {
  return Math.round(Math.max(90, Math.min(220, 640 / columns)));
}

/** A page of clip cards, rows × columns; the previous page stays until the next is ready. */
export function ClipGrid({ session, navigation, settings, media, scoreColumn }: ClipGridProps) {
  const rows = session.opened?.task.rows ?? [];
  const urlOf = (position: number) => {
    const row = rows[position];
    return row?.audio_exists ? media.spectrogram(row) : null;
  };
  const pageSize = settings.rows * settings.columns;
  const next = navigation.order.slice(
    navigation.pageStart + pageSize,
    navigation.pageStart + 2 * pageSize,
  );
  const shown = useSmoothPage(
    navigation.pagePositions,
    navigation.pagePositions.map(urlOf),
    next.map(urlOf),
  );
  const active = navigation.activePosition;

  return (
    <Box
      data-testid="clip-grid"
      sx={{
        display: 'grid',
        gridTemplateColumns: `repeat(${settings.columns}, minmax(0, 1fr))`,
        gap: 1.5,
      }}
    >
      {shown.map((position) => {
        const row = rows[position];
        const values = session.values[position];
        if (!row || !values) return null;
        const label: ReviewLabelName = session.labels[position] ?? 'unlabeled';
        return (
          <ClipCard
            key={row.index}
            row={row}
            values={values}
            label={label}
            mode={session.opened?.mode ?? 'binary'}
            classes={session.opened?.classes ?? []}
            settings={settings}
            audioUrl={media.audio(row)}
            spectrogramUrl={urlOf(position)}
            active={position === active}
            imageHeightPx={imageHeightPx(settings.columns)}
            scoreColumn={scoreColumn}
            onActivate={() => navigation.select(position)}
            onLabel={(name) => session.label([position], name)}
            onClasses={(classes) => session.setClasses(position, classes)}
            onComment={(text) => session.comment(position, text)}
          />
        );
      })}
    </Box>
  );
}
