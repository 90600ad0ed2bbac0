import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import { errorMessage } from '@/api/errors';
import { PathField } from '@/components/PathField';
import { AnnotationFileRow } from './AnnotationFileRow';
import { RavenTableRow } from './RavenTableRow';
import { SourceSummaryLine, summaryFor } from './SourceSummaryLine';
import { newAnnotationFile, newRavenTable, type LabelSourcesDraft } from './training-form';
import type { LabelSummaryQuery } from './useLabelSummary';

interface Props {
  sources: LabelSourcesDraft;
  onChange: (sources: LabelSourcesDraft) => void;
  query: LabelSummaryQuery;
  /** Prefix of the data-testids, e.g. `training-labels`. */
  testId: string;
}

/**
 * Label sources: Review annotation CSVs, Raven selection tables and a folder of labelled
 * recordings, each with what the server found in it (classes, counts, problems).
 */
export function LabelSourcesEditor({ sources, onChange, query, testId }: Props) {
  const summary = query.settling ? undefined : query.data;
  const patch = (next: Partial<LabelSourcesDraft>) => onChange({ ...sources, ...next });
  const { annotation_files: files, raven_tables: tables } = sources;
  const waiting = query.active && (query.settling || query.isFetching);
  return (
    <Stack spacing={1.5}>
      {files.map((row, index) => (
        <AnnotationFileRow
          key={row.key}
          row={row}
          index={index}
          summary={summaryFor(summary, 'annotation_file', row.path)}
          testId={`${testId}-csv-${index}`}
          onChange={(next) => patch({ annotation_files: files.map((r) => (r === row ? next : r)) })}
          onRemove={() => patch({ annotation_files: files.filter((r) => r !== row) })}
        />
      ))}
      {tables.map((row, index) => (
        <RavenTableRow
          key={row.key}
          row={row}
          index={index}
          summary={summaryFor(summary, 'raven_table', row.path)}
          testId={`${testId}-raven-${index}`}
          onChange={(next) => patch({ raven_tables: tables.map((r) => (r === row ? next : r)) })}
          onRemove={() => patch({ raven_tables: tables.filter((r) => r !== row) })}
        />
      ))}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        <Button
          size="small"
          variant="outlined"
          startIcon={<AddIcon />}
          onClick={() => patch({ annotation_files: [...files, newAnnotationFile()] })}
          data-testid={`${testId}-add-csv`}
        >
          Add annotation CSV
        </Button>
        <Button
          size="small"
          variant="outlined"
          startIcon={<AddIcon />}
          onClick={() => patch({ raven_tables: [...tables, newRavenTable()] })}
          data-testid={`${testId}-add-raven`}
        >
          Add Raven table
        </Button>
      </Box>
      <PathField
        label="Folder of labelled recordings (optional)"
        value={sources.folder_labels_dir}
        onChange={(folder_labels_dir) => patch({ folder_labels_dir })}
        helperText="One subfolder per class (the folder name is the class); a subfolder named “negative” holds recordings of none of them."
        testId={`${testId}-folder`}
      />
      <SourceSummaryLine
        source={summaryFor(summary, 'folder', sources.folder_labels_dir)}
        testId={`${testId}-folder-summary`}
      />
      {waiting && <LinearProgress aria-label="Reading the labels" />}
      {query.isError && !query.settling && (
        <Alert severity="error" data-testid={`${testId}-error`}>
          {errorMessage(query.error)}
        </Alert>
      )}
    </Stack>
  );
}
