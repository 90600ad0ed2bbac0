import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import { errorMessage } from '@/api/errors';
import type { LabelSourceSummary } from '@/api/training-schemas';
import { PathField } from '@/components/PathField';
import { AnnotationFileRow } from './AnnotationFileRow';
import { RavenTableRow } from './RavenTableRow';
import type { SourceRowProps } from './SourceRowFrame';
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
  /**
   * The props of a row of `list`: its summary, its test id (`<testId>-<idPart>-<index>`), and
   * `update` with the list after it changed or went.
   */
  function rowProps<Row extends { path: string }>(
    list: Row[],
    row: Row,
    index: number,
    kind: LabelSourceSummary['kind'],
    idPart: string,
    update: (rows: Row[]) => void,
  ): SourceRowProps<Row> {
    return {
      row,
      index,
      summary: summaryFor(summary, kind, row.path),
      testId: `${testId}-${idPart}-${index}`,
      onChange: (next) => update(list.map((r) => (r === row ? next : r))),
      onRemove: () => update(list.filter((r) => r !== row)),
    };
  }
  return (
    <Stack spacing={1.5}>
      {files.map((row, index) => (
        <AnnotationFileRow
          key={row.key}
          {...rowProps(files, row, index, 'annotation_file', 'csv', (annotation_files) =>
            patch({ annotation_files }),
          )}
        />
      ))}
      {tables.map((row, index) => (
        <RavenTableRow
          key={row.key}
          {...rowProps(tables, row, index, 'raven_table', 'raven', (raven_tables) =>
            patch({ raven_tables }),
          )}
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
