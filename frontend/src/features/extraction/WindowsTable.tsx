import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { TimePicker } from '@mui/x-date-pickers/TimePicker';
import dayjs, { type Dayjs } from 'dayjs';
import { newRowKey, type DateWindowDraft } from './extraction-form';

/** Dates travel as `YYYY-MM-DD`, times as `HH:MM` (24 h). */
const FORMATS = { date: 'YYYY-MM-DD', time: 'HH:mm' } as const;

/**
 * Text of a picked value, null when empty or not a valid date/time yet.
 * @param value - The picker's value.
 * @param kind - Date or time of day.
 */
export function pickedText(value: Dayjs | null, kind: 'date' | 'time'): string | null {
  return value && value.isValid() ? value.format(FORMATS[kind]) : null;
}

/** The picker's value for a stored text. */
export function pickerValue(text: string | null, kind: 'date' | 'time'): Dayjs | null {
  if (!text) return null;
  const parsed = kind === 'date' ? dayjs(text) : dayjs(`2000-01-01T${text}`);
  return parsed.isValid() ? parsed : null;
}

interface Props {
  kind: 'date' | 'time';
  /** Table title, e.g. "Date windows". */
  title: string;
  /** One sentence under the title. */
  description: string;
  rows: DateWindowDraft[];
  onChange: (rows: DateWindowDraft[]) => void;
  /** Prefix of the rows' and buttons' data-testids. */
  testId: string;
}

/**
 * A table of start–end windows with add/delete rows: two DatePickers per row (start ≤ end is
 * checked) or two 24-hour TimePickers (a window may wrap midnight, 22:00–02:00).
 */
export function WindowsTable({ kind, title, description, rows, onChange, testId }: Props) {
  const Picker = kind === 'date' ? DatePicker : TimePicker;
  const update = (key: number, field: 'start' | 'end', value: Dayjs | null) =>
    onChange(
      rows.map((row) => (row.key === key ? { ...row, [field]: pickedText(value, kind) } : row)),
    );
  const picker = (row: DateWindowDraft, field: 'start' | 'end', invalid: boolean) => (
    <Picker
      label={field === 'start' ? 'Start' : 'End'}
      value={pickerValue(row[field], kind)}
      onChange={(value) => update(row.key, field, value)}
      format={FORMATS[kind]}
      {...(kind === 'time' ? { ampm: false } : {})}
      slotProps={{
        textField: {
          size: 'small',
          error: invalid,
          helperText: invalid ? 'Start is after end' : undefined,
          'data-testid': `${testId}-${field}`,
        } as object,
      }}
    />
  );

  return (
    <Box data-testid={testId}>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
        <Box sx={{ mr: 'auto' }}>
          <Typography variant="subtitle2">{title}</Typography>
          <Typography variant="body2" color="text.secondary">
            {description}
          </Typography>
        </Box>
        <Button
          size="small"
          startIcon={<AddIcon />}
          onClick={() => onChange([...rows, { key: newRowKey(), start: null, end: null }])}
          data-testid={`${testId}-add`}
        >
          Add window
        </Button>
      </Box>
      {rows.length > 0 && (
        <Table size="small" sx={{ mt: 1 }}>
          <TableHead>
            <TableRow>
              <TableCell>#</TableCell>
              <TableCell>Start</TableCell>
              <TableCell>End</TableCell>
              <TableCell align="right" />
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row, index) => {
              const invalid =
                kind === 'date' && Boolean(row.start && row.end && row.start > row.end);
              return (
                <TableRow key={row.key} data-testid={`${testId}-row`}>
                  <TableCell>{index + 1}</TableCell>
                  <TableCell>{picker(row, 'start', invalid)}</TableCell>
                  <TableCell>{picker(row, 'end', false)}</TableCell>
                  <TableCell align="right">
                    <IconButton
                      aria-label={`Delete window ${index + 1}`}
                      onClick={() => onChange(rows.filter((item) => item.key !== row.key))}
                      data-testid={`${testId}-delete`}
                    >
                      <DeleteIcon />
                    </IconButton>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
