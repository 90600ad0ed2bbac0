import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import type { LabelSourceSummary } from '@/api/training-schemas';
import { PathField } from '@/components/PathField';
import type { AnnotationFileDraft } from './training-form';
import { SourceSummaryLine } from './SourceSummaryLine';

const csvFilters = [{ name: 'Annotation task (CSV)', extensions: ['csv'] }];

interface Props {
  row: AnnotationFileDraft;
  index: number;
  summary: LabelSourceSummary | undefined;
  testId: string;
  onChange: (row: AnnotationFileDraft) => void;
  onRemove: () => void;
}

/**
 * One Review annotation CSV: its path, binary (with the class its yes/no labels are about) or
 * multiclass, an optional audio root, and what the server found in it.
 */
export function AnnotationFileRow({ row, index, summary, testId, onChange, onRemove }: Props) {
  const patch = (next: Partial<AnnotationFileDraft>) => onChange({ ...row, ...next });
  const suggestion = summary?.suggested_class_name;
  const offerSuggestion = row.mode === 'binary' && suggestion && suggestion !== row.class_name;
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid={testId}>
      <Stack spacing={1.5}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1 }}>
            <PathField
              label={`Annotation CSV ${index + 1}`}
              mode="file"
              filters={csvFilters}
              value={row.path}
              onChange={(path) => patch({ path })}
              testId={`${testId}-path`}
            />
          </Box>
          <IconButton aria-label={`Remove annotation CSV ${index + 1}`} onClick={onRemove}>
            <DeleteIcon />
          </IconButton>
        </Box>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-start' }}>
          <ToggleButtonGroup
            exclusive
            size="small"
            color="primary"
            value={row.mode}
            onChange={(_event, mode: AnnotationFileDraft['mode'] | null) => mode && patch({ mode })}
            aria-label={`Labels of annotation CSV ${index + 1}`}
          >
            <ToggleButton value="binary" data-testid={`${testId}-binary`}>
              Yes/no about one class
            </ToggleButton>
            <ToggleButton value="multiclass" data-testid={`${testId}-multiclass`}>
              Multiclass
            </ToggleButton>
          </ToggleButtonGroup>
          {row.mode === 'binary' && (
            <TextField
              size="small"
              label="Class for yes/no labels"
              required
              value={row.class_name}
              onChange={(event) => patch({ class_name: event.target.value })}
              sx={{ minWidth: 240, flex: '1 1 240px' }}
              slotProps={{ htmlInput: { 'data-testid': `${testId}-class`, spellCheck: false } }}
            />
          )}
          {offerSuggestion && (
            <Button
              size="small"
              onClick={() => patch({ class_name: suggestion })}
              data-testid={`${testId}-use-suggestion`}
              sx={{ alignSelf: 'center' }}
            >
              Use “{suggestion}”
            </Button>
          )}
        </Box>
        <PathField
          label="Audio root (optional)"
          value={row.audio_root}
          onChange={(audio_root) => patch({ audio_root })}
          helperText="Where relative clip paths start; empty: the CSV's folder (as in Review)."
          testId={`${testId}-audio-root`}
        />
        <SourceSummaryLine source={summary} testId={`${testId}-summary`} />
      </Stack>
    </Paper>
  );
}
