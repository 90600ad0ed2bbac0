import Box from '@mui/material/Box';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { NumberField } from '@/components/NumberField';
import { PathField } from '@/components/PathField';
import { SwitchRow } from '@/components/SwitchRow';
import type { ExtractionFormDispatch, ExtractionFormValues } from './extraction-form';

interface Props {
  values: ExtractionFormValues;
  missing: string[];
  dispatch: ExtractionFormDispatch;
}

/** The file names each mode writes (SPEC §5). */
const MODE_HELP = {
  binary:
    'One CSV per class: {class}_annotation_task_{timestamp}.csv, labelled yes / no / uncertain.',
  multiclass:
    'One CSV for all classes: annotation_task_{timestamp}.csv, labelled with class lists.',
} as const;

/** Output folder, binary or multiclass mode, and clip export with its duration. */
export function OutputSection({ values, missing, dispatch }: Props) {
  const patch = (next: Partial<ExtractionFormValues>) => dispatch({ type: 'patch', values: next });
  const durationInvalid = values.export_clips && missing.includes('Clip duration');
  return (
    <Stack spacing={2} component="section" aria-label="Output">
      <Typography variant="h3" component="h2">
        Output
      </Typography>
      <PathField
        label="Output folder"
        required
        value={values.output_dir}
        onChange={(value) => patch({ output_dir: value })}
        helperText="The annotation CSVs, the summary and the clips are written directly into it."
        testId="extraction-output-dir"
      />
      <Box>
        <ToggleButtonGroup
          exclusive
          size="small"
          color="primary"
          value={values.mode}
          onChange={(_event, mode: ExtractionFormValues['mode'] | null) => mode && patch({ mode })}
          aria-label="Mode"
        >
          <ToggleButton value="binary" data-testid="extraction-mode-binary">
            Binary
          </ToggleButton>
          <ToggleButton value="multiclass" data-testid="extraction-mode-multiclass">
            Multiclass
          </ToggleButton>
        </ToggleButtonGroup>
        <FormHelperText>{MODE_HELP[values.mode]}</FormHelperText>
      </Box>
      <SwitchRow
        label="Export associated audio clips"
        help="Clips centred on each detection are written under OUT/clips/ and Review opens them directly (the original recordings are not needed then)."
        checked={values.export_clips}
        onChange={(on) => patch({ export_clips: on })}
        testId="extraction-export-clips"
      >
        {values.export_clips && (
          <NumberField
            label="Clip duration"
            unit="s"
            value={values.clip_duration_s}
            error={durationInvalid}
            helperText={durationInvalid ? 'A duration above 0 s' : 'Total length of each clip'}
            onChange={(value) => patch({ clip_duration_s: value ?? Number.NaN })}
            testId="extraction-clip-duration"
          />
        )}
      </SwitchRow>
    </Stack>
  );
}
