import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { PathField } from '@/components/PathField';
import { ChoiceToggle } from './ChoiceToggle';
import { SourceRowFrame, type SourceRowProps } from './SourceRowFrame';
import type { AnnotationFileDraft } from './training-form';

const csvFilters = [{ name: 'Annotation task (CSV)', extensions: ['csv'] }];

/**
 * One Review annotation CSV: its path, binary (with the class its yes/no labels are about) or
 * multiclass, an optional audio root, and what the server found in it.
 */
export function AnnotationFileRow(props: SourceRowProps<AnnotationFileDraft>) {
  const { row, index, summary, testId, onChange } = props;
  const patch = (next: Partial<AnnotationFileDraft>) => onChange({ ...row, ...next });
  const suggestion = summary?.suggested_class_name;
  const offerSuggestion = row.mode === 'binary' && suggestion && suggestion !== row.class_name;
  return (
    <SourceRowFrame
      {...props}
      label={`Annotation CSV ${index + 1}`}
      removeLabel={`Remove annotation CSV ${index + 1}`}
      filters={csvFilters}
    >
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-start' }}>
        <ChoiceToggle
          value={row.mode}
          choices={[
            { value: 'binary', label: 'Yes/no about one class', testId: `${testId}-binary` },
            { value: 'multiclass', label: 'Multiclass', testId: `${testId}-multiclass` },
          ]}
          onChange={(mode) => patch({ mode })}
          ariaLabel={`Labels of annotation CSV ${index + 1}`}
          color="primary"
        />
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
    </SourceRowFrame>
  );
}
