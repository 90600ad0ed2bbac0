import TextField from '@mui/material/TextField';
import { PathField } from '@/components/PathField';
import { SourceRowFrame, type SourceRowProps } from './SourceRowFrame';
import type { RavenTableDraft } from './training-form';

const tableFilters = [{ name: 'Raven selection table', extensions: ['txt', 'tsv'] }];

/** One Raven selection table, the recording it annotates and its species column. */
export function RavenTableRow(props: SourceRowProps<RavenTableDraft>) {
  const { row, index, testId, onChange } = props;
  const patch = (next: Partial<RavenTableDraft>) => onChange({ ...row, ...next });
  return (
    <SourceRowFrame
      {...props}
      label={`Raven table ${index + 1}`}
      removeLabel={`Remove Raven table ${index + 1}`}
      filters={tableFilters}
    >
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
    </SourceRowFrame>
  );
}
