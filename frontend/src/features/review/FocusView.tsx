import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { monoFont } from '@/theme/theme';
import { reviewLabelColors } from '@/theme/tokens';
import { parseClasses } from './annotation-values';
import { clipPlayer } from './clip-player';
import { scoreText, timeSpan } from './clip-format';
import { GROUP_STATUS_CAPTIONS } from './group-status';
import { LabelButtons } from './LabelButtons';
import { MissingAudioNotice } from './MissingAudioNotice';
import { MulticlassSelect } from './MulticlassSelect';
import type { ReviewSettings } from './review-settings';
import { SpectrogramView } from './SpectrogramView';
import { useAudioDuration } from './useAudioDuration';
import { clipEnd, FOCUS_IMAGE_PX, withContext, type MediaUrls } from './useMediaUrls';
import type { ReviewNavigation } from './useReviewNavigation';
import type { ReviewSession } from './useReviewSession';
import { useSpectrogramPlayback } from './useSpectrogramPlayback';

export interface FocusViewProps {
  session: ReviewSession;
  navigation: ReviewNavigation;
  settings: ReviewSettings;
  media: MediaUrls;
  scoreColumn: string | null;
}

/** One large clip with its context (position, file, time, score, group status) and labels. */
export function FocusView({ session, navigation, settings, media, scoreColumn }: FocusViewProps) {
  const position = navigation.activePosition;
  const row = position === null ? undefined : session.opened?.task.rows[position];
  const values = position === null ? undefined : session.values[position];
  const shownSlice = row ? withContext(row, settings.focus_context_s) : undefined;
  const audioUrl = shownSlice ? media.audio(shownSlice) : null;
  const sliceDuration_s = useAudioDuration(row?.audio_exists ? audioUrl : null);
  const filter = {
    enabled: settings.bandpass,
    lowHz: settings.bandpass_low_hz,
    highHz: settings.bandpass_high_hz,
  };
  const playback = useSpectrogramPlayback(audioUrl, filter);

  useEffect(() => {
    if (settings.auto_play && audioUrl && row?.audio_exists) clipPlayer.play(audioUrl, 0, filter);
    // Start once per clip shown, not when the filter settings change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [audioUrl, settings.auto_play]);

  if (!row || !values || position === null) {
    return <Typography color="text.secondary">No clip to show.</Typography>;
  }
  const label = session.labels[position] ?? 'unlabeled';
  const score = settings.show_score ? scoreText(row, scoreColumn) : null;
  const status = row.group ? navigation.statuses.get(row.group) : undefined;
  const slice = shownSlice ?? row;
  const length_s = sliceDuration_s ?? clipEnd(slice) - slice.start_time;
  const clipBounds: [number, number] | null =
    slice === row || length_s <= 0
      ? null
      : [
          Math.max(0, (row.start_time - slice.start_time) / length_s),
          Math.min(1, (clipEnd(row) - slice.start_time) / length_s),
        ];

  return (
    <Card
      data-testid="focus-view"
      data-label={label}
      sx={{ borderWidth: 4, borderColor: reviewLabelColors[label], p: 0 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 1, flexWrap: 'wrap' }}>
        <Tooltip title="Previous clip (J)">
          <IconButton onClick={navigation.previousClip} aria-label="Previous clip">
            <NavigateBeforeIcon />
          </IconButton>
        </Tooltip>
        <Typography data-testid="focus-position">
          Clip {navigation.cursor + 1} of {navigation.order.length}
        </Typography>
        <Tooltip title="Next clip (K)">
          <IconButton onClick={() => navigation.nextClip()} aria-label="Next clip">
            <NavigateNextIcon />
          </IconButton>
        </Tooltip>
        {settings.show_file_name && (
          <Typography
            sx={{ fontFamily: monoFont, flex: 1, minWidth: 0, wordBreak: 'break-all' }}
            variant="body2"
            data-testid="focus-file"
          >
            {row.file} · {timeSpan(row)}
          </Typography>
        )}
        {score && <Chip variant="outlined" label={score} />}
        {row.group && (
          <Chip
            label={status ? `${row.group} · ${GROUP_STATUS_CAPTIONS[status]}` : row.group}
            data-testid="focus-group"
          />
        )}
      </Box>
      {row.audio_exists ? (
        <SpectrogramView
          url={media.spectrogram(slice, FOCUS_IMAGE_PX)}
          clipBounds={clipBounds}
          playhead={playback.playhead}
          onClickAt={playback.clickAt}
          heightPx={FOCUS_IMAGE_PX.height}
          reference={
            settings.reference_line
              ? { hz: settings.reference_hz, color: settings.reference_color }
              : null
          }
          minHz={settings.min_hz}
          maxHz={settings.max_hz}
          alt={`${row.file} ${timeSpan(row)}`}
        />
      ) : (
        <MissingAudioNotice path={row.audio_path} heightPx={FOCUS_IMAGE_PX.height} />
      )}
      <Stack spacing={1.5} sx={{ p: 2 }}>
        {session.opened?.mode === 'multiclass' ? (
          <MulticlassSelect
            value={parseClasses(values.annotation)}
            classes={session.opened.classes}
            onChange={(classes) => session.setClasses(position, classes)}
            inputId="focus-classes"
          />
        ) : (
          <LabelButtons
            size="medium"
            value={label}
            onChange={(name) => {
              session.label([position], name);
              navigation.nextClip({ position, label: name });
            }}
            testIdPrefix="focus-label"
          />
        )}
        {settings.show_comments && (
          <TextField
            size="small"
            label="Comment"
            value={values.comments}
            onChange={(event) => session.comment(position, event.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'focus-comment' } }}
          />
        )}
      </Stack>
    </Card>
  );
}
