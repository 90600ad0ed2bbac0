import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { LabelSourceSummary } from '@/api/training-schemas';
import { PathField } from '@/components/PathField';
import type { RavenTableDraft } from './training-form';
import { SourceSummaryLine } from './SourceSummaryLine';

const tableFilters = [{ name: 'Raven selection table', extensions: ['txt', 'tsv'] }];

interface Props {
  row: RavenTableDraft;
  index: number;
  summary: LabelSourceSummary | undefined;
  testId: string;
  onChange: (row: RavenTableDraft) => void;
  onRemove: () => void;
}

/** One Raven selection table, the recording it annotates and its species column. */
export function RavenTableRow({ row, index, summary, testId, onChange, onRemove }: Props) {
  const patch = (next: Partial<RavenTableDraft>) => onChange({ ...row, ...next });
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid={testId}>
      <Stack spacing={1.5}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1 }}>
            <PathField
              label={`Raven table ${index + 1}`}
              mode="file"
              filters={tableFilters}
              value={row.path}
              onChange={(path) => patch({ path })}
              testId={`${testId}-path`}
            />
          </Box>
          <IconButton aria-label={`Remove Raven table ${index + 1}`} onClick={onRemove}>
            <DeleteIcon />
          </IconButton>
        </Box>
        <PathField
          label="Recording it annotates"
          mode="file"
          required
          value={row.audio_file}
          onChange={(audio_file) => patch({ audio_file })}
          helperText="The recording is taken as fully annotated: 3 s stretches without a selection of a class are its negatives."
          testId={`${testId}-audio`}
        />
        <TextField
          size="small"
          label="Species column (optional)"
          value={row.species_column}
          placeholder="Species, Annotation, Class, Label, Common Name or Species Code"
          onChange={(event) => patch({ species_column: event.target.value })}
          slotProps={{
            inputLabel: { shrink: true },
            htmlInput: { 'data-testid': `${testId}-species-column`, spellCheck: false },
          }}
        />
        <SourceSummaryLine source={summary} testId={`${testId}-summary`} />
      </Stack>
    </Paper>
  );
}
