import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { errorMessage } from '@/api/errors';
import type { ExtractionScan } from '@/api/extraction-schemas';
import type { useExtractionScan } from '@/hooks/useExtractionQueries';
import { fontSizes, fonts } from '@/theme/tokens';

const baseName = (path: string) => path.split(/[\\/]/).pop() || path;

const count = (n: number, word: string, plural = `${word}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? word : plural}`;

/** "3 files (2 sparse, 1 dense), 12,400 rows, 6,522 classes". */
export function scanHeadline(scan: ExtractionScan): string {
  const sparse = scan.files.filter((file) => file.format === 'sparse').length;
  const dense = scan.files.length - sparse;
  const formats = [dense && `${dense} dense`, sparse && `${sparse} sparse`].filter(Boolean);
  return (
    `${count(scan.files.length, 'predictions file')} (${formats.join(', ')}), ` +
    `${count(scan.rows, 'row')}, ${count(scan.classes.length, 'class', 'classes')}`
  );
}

/** Timestamps parsed from recorder file names: a date range, or how many could not be read. */
export function timestampLine(scan: ExtractionScan): string {
  const { parsed_files: parsed, unparsed_count: unparsed, first_date, last_date } = scan.timestamps;
  const range = first_date && last_date ? ` (${first_date} to ${last_date})` : '';
  if (!unparsed)
    return `Recording times read from the names of all ${count(parsed, 'file')}${range}.`;
  return (
    `Recording times read from ${count(parsed, 'file')}${range}; ` +
    `${count(unparsed, 'file')} unparsed — date and time-of-day filters and week strata skip them.`
  );
}

/** What the scan of the predictions folder found, with problems per file and timestamp parsing. */
export function ScanSummary({ scan }: { scan: ReturnType<typeof useExtractionScan> }) {
  if (!scan.active) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="extraction-scan">
        Choose the folder of an inference job (or any folder of predictions.csv /
        sparse_predictions.pkl files) to see what it holds.
      </Typography>
    );
  }
  if (scan.isError && !scan.settling) {
    return (
      <Alert severity="error" data-testid="extraction-scan">
        {errorMessage(scan.error)}
      </Alert>
    );
  }
  const data = scan.settling ? undefined : scan.data;
  if (!data) {
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <CircularProgress size={16} />
        <Typography variant="body2" color="text.secondary" data-testid="extraction-scan">
          Reading the predictions folder…
        </Typography>
      </Stack>
    );
  }
  if (!data.files.length) {
    return (
      <Alert severity="warning" data-testid="extraction-scan">
        No predictions.csv or sparse_predictions.pkl files in {data.predictions_dir}. Pick the job
        folder of a completed inference task.
      </Alert>
    );
  }
  const examples = data.timestamps.unparsed_files.slice(0, 5);
  return (
    <Box data-testid="extraction-scan">
      <Typography variant="body2" data-testid="extraction-scan-headline">
        {scanHeadline(data)}
      </Typography>
      <Typography variant="body2" color="text.secondary" data-testid="extraction-scan-timestamps">
        {timestampLine(data)}
      </Typography>
      {examples.length > 0 && (
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ fontFamily: fonts.mono, fontSize: `${fontSizes.xs}rem`, wordBreak: 'break-all' }}
        >
          e.g.{' '}
          {examples.map((file, index) => (
            <span key={file} title={file}>
              {index ? ', ' : ''}
              {baseName(file)}
            </span>
          ))}
        </Typography>
      )}
      {data.problems.length > 0 && (
        <Alert severity="warning" sx={{ mt: 1 }} data-testid="extraction-scan-problems">
          {data.problems.map((problem, index) => (
            <div key={index} title={problem.path ?? undefined}>
              {problem.message}
            </div>
          ))}
        </Alert>
      )}
    </Box>
  );
}
