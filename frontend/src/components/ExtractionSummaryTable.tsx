import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ExtractionSummaryRow } from '@/api/extraction-schemas';

/** Height of the scrolling table in px (long strata lists scroll inside it). */
const TABLE_MAX_HEIGHT_PX = 320;

/**
 * "Selected 42 of 48 requested · 3 classes" (summed over the rows: a window two strategies both
 * picked counts for each).
 */
export function summaryHeadline(rows: ExtractionSummaryRow[]): string {
  const selected = rows.reduce((sum, row) => sum + row.selected, 0);
  const requested = rows.reduce((sum, row) => sum + row.requested, 0);
  const classes = new Set(rows.map((row) => row.class)).size;
  return `Selected ${selected} of ${requested} requested · ${classes} class${classes === 1 ? '' : 'es'}`;
}

/**
 * A finished extraction's summary: one row per class × stratum × strategy with the candidates
 * available, the clips requested and selected, and a note where fewer were found.
 */
export function ExtractionSummaryTable({ rows }: { rows: ExtractionSummaryRow[] }) {
  return (
    <Box data-testid="extraction-summary">
      <Typography variant="body2" sx={{ mb: 0.5 }} data-testid="extraction-summary-headline">
        {summaryHeadline(rows)}
      </Typography>
      <TableContainer sx={{ maxHeight: TABLE_MAX_HEIGHT_PX }}>
        <Table size="small" stickyHeader>
          <TableHead>
            <TableRow>
              <TableCell>Class</TableCell>
              <TableCell>Stratum</TableCell>
              <TableCell>Strategy</TableCell>
              <TableCell align="right">Available</TableCell>
              <TableCell align="right">Requested</TableCell>
              <TableCell align="right">Selected</TableCell>
              <TableCell>Note</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row, index) => (
              <TableRow
                key={`${row.class}|${row.stratum}|${row.strategy}|${index}`}
                data-testid="extraction-summary-row"
              >
                <TableCell>{row.class}</TableCell>
                <TableCell>{row.stratum || 'all'}</TableCell>
                <TableCell>{row.strategy}</TableCell>
                <TableCell align="right">{row.available}</TableCell>
                <TableCell align="right">{row.requested}</TableCell>
                <TableCell
                  align="right"
                  sx={{ color: row.selected < row.requested ? 'warning.main' : undefined }}
                >
                  {row.selected}
                </TableCell>
                <TableCell>{row.note}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Box>
  );
}
