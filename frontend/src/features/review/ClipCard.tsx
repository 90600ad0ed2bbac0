import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { AnnotationRow } from '@/api/review-schemas';
import { reviewLabelColors, type ReviewLabelName } from '@/theme/tokens';
import { parseClasses, type ReviewMode } from './annotation-values';
import { baseName, scoreText, timeSpan } from './clip-format';
import { LabelButtons } from './LabelButtons';
import { MissingAudioNotice } from './MissingAudioNotice';
import { MulticlassSelect } from './MulticlassSelect';
import type { ClipValues } from './review-edits';
import type { ReviewSettings } from './review-settings';
import { SpectrogramView } from './SpectrogramView';
import { useSpectrogramPlayback } from './useSpectrogramPlayback';

export interface ClipCardProps {
  row: AnnotationRow;
  values: ClipValues;
  label: ReviewLabelName;
  mode: ReviewMode;
  classes: string[];
  settings: ReviewSettings;
  audioUrl: string | null;
  spectrogramUrl: string | null;
  active: boolean;
  /** Height of the spectrogram in px. */
  imageHeightPx: number;
  scoreColumn: string | null;
  onActivate: () => void;
  onLabel: (label: ReviewLabelName) => void;
  onClasses: (classes: string[] | null) => void;
  onComment: (text: string) => void;
}

/**
 * One clip: spectrogram with click-to-play, label buttons (binary) or class selector (multiclass),
 * optional comment, file name, score and group. The outline shows the current label colour.
 */
export function ClipCard(props: ClipCardProps) {
  const { row, settings } = props;
  const playback = useSpectrogramPlayback(props.audioUrl, {
    enabled: settings.bandpass,
    lowHz: settings.bandpass_low_hz,
    highHz: settings.bandpass_high_hz,
  });
  const colour = reviewLabelColors[props.label];
  const score = settings.show_score ? scoreText(row, props.scoreColumn) : null;

  return (
    <Card
      data-testid="clip-card"
      data-label={props.label}
      data-active={props.active || undefined}
      onClick={props.onActivate}
      sx={{
        borderWidth: 3,
        borderColor: colour,
        outline: props.active ? '2px solid' : 'none',
        outlineColor: 'primary.main',
        outlineOffset: 2,
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      {row.audio_exists ? (
        <SpectrogramView
          url={props.spectrogramUrl}
          playhead={playback.playhead}
          onClickAt={playback.clickAt}
          heightPx={props.imageHeightPx}
          reference={
            settings.reference_line
              ? { hz: settings.reference_hz, color: settings.reference_color }
              : null
          }
          minHz={settings.min_hz}
          maxHz={settings.max_hz}
          alt={`${baseName(row.file)} ${timeSpan(row)}`}
        />
      ) : (
        <MissingAudioNotice path={row.audio_path} heightPx={props.imageHeightPx} />
      )}
      <Stack spacing={0.75} sx={{ p: 1 }}>
        {(settings.show_file_name || score || row.group) && (
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, alignItems: 'center' }}>
            {settings.show_file_name && (
              <Typography
                variant="caption"
                title={row.file}
                data-testid="clip-file"
                sx={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}
                noWrap
              >
                {baseName(row.file)} · {timeSpan(row)}
              </Typography>
            )}
            {score && (
              <Chip size="small" variant="outlined" label={score} data-testid="clip-score" />
            )}
            {row.group && <Chip size="small" label={row.group} data-testid="clip-group" />}
          </Box>
        )}
        {props.mode === 'binary' ? (
          <LabelButtons value={props.label} onChange={props.onLabel} testIdPrefix="label" />
        ) : (
          <MulticlassSelect
            value={parseClasses(props.values.annotation)}
            classes={props.classes}
            onChange={props.onClasses}
            inputId={`clip-classes-${row.index}`}
          />
        )}
        {settings.show_comments && (
          <TextField
            size="small"
            placeholder="Comment"
            value={props.values.comments}
            onChange={(event) => props.onComment(event.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'clip-comment' } }}
          />
        )}
      </Stack>
    </Card>
  );
}
