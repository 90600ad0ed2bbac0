import HeadphonesIcon from '@mui/icons-material/HeadphonesOutlined';
import Button from '@mui/material/Button';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useState } from 'react';
import { annotationCsvs, outputLabel, reviewPrefillConfig } from '@/lib/extraction-outputs';
import { useFormPrefill } from '@/stores/formPrefill';
import { navigate } from '@/stores/route';

interface Props {
  /** The extraction's outputs (annotation CSVs first). */
  outputs: string[];
  /** Folder Review resolves the CSV's `file` paths against. */
  reviewAudioRoot: string | null;
  /** Where it came from, shown by the Review tab (e.g. the task's title). */
  source: string;
}

/**
 * "Open in Review": leaves `{annotation_csv, audio_root}` in the prefill store for the Review form
 * and switches to the Review tab. With several annotation CSVs (binary mode: one per class) a menu
 * asks which one.
 */
export function OpenInReviewButton({ outputs, reviewAudioRoot, source }: Props) {
  const prefill = useFormPrefill();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const csvs = annotationCsvs(outputs);

  const open = (csvPath: string) => {
    setAnchor(null);
    prefill.offer({
      form: 'review',
      config: reviewPrefillConfig(csvPath, reviewAudioRoot),
      name: null,
      source,
    });
    navigate('review');
  };

  return (
    <>
      <Button
        size="small"
        variant="contained"
        startIcon={<HeadphonesIcon />}
        disabled={!csvs.length}
        onClick={(event) => {
          const [only] = csvs;
          if (csvs.length === 1 && only) open(only);
          else setAnchor(event.currentTarget);
        }}
        aria-haspopup={csvs.length > 1 ? 'menu' : undefined}
        data-testid="open-in-review"
      >
        Open in Review{csvs.length > 1 ? '…' : ''}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {csvs.map((path) => (
          <MenuItem key={path} onClick={() => open(path)} data-testid="open-in-review-csv">
            {outputLabel(path)}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
