import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import type { ReactNode } from 'react';
import type { LabelSourceSummary } from '@/api/training-schemas';
import { PathField, type PathFieldProps } from '@/components/PathField';
import { SourceSummaryLine } from './SourceSummaryLine';

/** What a list gives each of its label-source rows. */
export interface SourceRowProps<Row> {
  row: Row;
  /** Its place in the list (0 = first). */
  index: number;
  /** What the server found in it (undefined while asking, or for an empty path). */
  summary: LabelSourceSummary | undefined;
  testId: string;
  onChange: (row: Row) => void;
  onRemove: () => void;
}

type Props<Row> = SourceRowProps<Row> & {
  /** Label of the path field, e.g. "Raven table 2". */
  label: string;
  /** Accessible name of the remove button, e.g. "Remove Raven table 2". */
  removeLabel: string;
  /** File types the file browser offers. */
  filters: PathFieldProps['filters'];
  /** The source's own fields, between the path and the summary. */
  children: ReactNode;
};

/**
 * The frame of one label-source file in a list: its path with a remove button, the source's own
 * fields, and what the server found in it. The row's data-testid is `testId`; its path field and
 * summary get `-path` and `-summary` added.
 */
export function SourceRowFrame<Row extends { path: string }>({
  row,
  summary,
  testId,
  onChange,
  onRemove,
  label,
  removeLabel,
  filters,
  children,
}: Props<Row>) {
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid={testId}>
      <Stack spacing={1.5}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1 }}>
            <PathField
              label={label}
              mode="file"
              filters={filters}
              value={row.path}
              onChange={(path) => onChange({ ...row, path })}
              testId={`${testId}-path`}
            />
          </Box>
          <IconButton aria-label={removeLabel} onClick={onRemove}>
            <DeleteIcon />
          </IconButton>
        </Box>
        {children}
        <SourceSummaryLine source={summary} testId={`${testId}-summary`} />
      </Stack>
    </Paper>
  );
}
