import AddIcon from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import { useApi } from '@/api/ApiProvider';
import { FileBrowserDialog } from '@/components/FileBrowserDialog';
import { LinesField } from '@/components/LinesField';

const csvFilters = [{ name: 'Annotation CSV', extensions: ['csv', 'CSV'] }];

const LABEL = 'Already-labelled annotation files';

/** The folder holding a file (where the browser opens), or null. */
const folderOf = (path: string | undefined) => path?.replace(/[\\/][^\\/]*$/, '') || null;

interface Props {
  files: string[];
  onChange: (files: string[]) => void;
  /** The reason the list is invalid (a file that is not a CSV), or null. */
  error: string | null;
}

/**
 * Reviewed annotation CSVs whose labelled windows must not be picked again: paste paths one per
 * line, or add them with "Add CSV files…" (a native multi-select dialog in Electron) / "Add CSV
 * file…" (the server file browser, one at a time).
 */
export function LabelledFilesField({ files, onChange, error }: Props) {
  const api = useApi();
  const [browsing, setBrowsing] = useState(false);
  const add = (paths: string[]) => {
    const fresh = paths.filter((path) => !files.includes(path));
    if (fresh.length) onChange([...files, ...fresh]);
  };
  const browse = async () => {
    if (!api.dialogs) {
      setBrowsing(true);
      return;
    }
    add(await api.dialogs.openFiles({ title: `Add ${LABEL.toLowerCase()}`, filters: csvFilters }));
  };
  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      <LinesField
        label={LABEL}
        value={files}
        onChange={onChange}
        error={error !== null}
        placeholder={'/data/round_1/Parus major_Great Tit_annotation_task_20260501_100000.csv'}
        helperText={
          error ??
          'Annotation CSVs already reviewed, one absolute path per line. Their labelled clips are ' +
            'never picked again by any strategy, and diversity and hybrid pick far from them.'
        }
        testId="extraction-labelled-files"
      />
      <Button
        size="small"
        startIcon={<AddIcon />}
        onClick={() => void browse()}
        data-testid="extraction-labelled-files-add"
      >
        {api.dialogs ? 'Add CSV files…' : 'Add CSV file…'}
      </Button>
      <FileBrowserDialog
        open={browsing}
        mode="file"
        title="Add an annotation CSV"
        initialPath={folderOf(files.at(-1))}
        onClose={() => setBrowsing(false)}
        onSelect={(path) => {
          setBrowsing(false);
          add([path]);
        }}
      />
    </Stack>
  );
}
