import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { fontSizes, fonts, radii } from '@/theme/tokens';
import { filterClasses } from './model-format';

/** Rows drawn at once; the filter narrows long lists (BirdNET has 6,522 classes). */
export const MAX_SHOWN_CLASSES = 300;

interface Props {
  open: boolean;
  onClose: () => void;
  /** Model name or file name, for the title. */
  title: string;
  /** The classes; null while unknown (then `message` or `loading` says why). */
  classes: string[] | null;
  loading?: boolean;
  message?: string | null;
  /** Keep only these classes (the filtered ones) as the form's class subset. */
  onUseAsSubset?: (classes: string[]) => void;
}

/** A model's class list with a filter box (every typed word must appear, any case). */
export function ModelClassesDialog({
  open,
  onClose,
  title,
  classes,
  loading,
  message,
  onUseAsSubset,
}: Props) {
  const [filter, setFilter] = useState('');
  const matches = useMemo(() => filterClasses(classes ?? [], filter), [classes, filter]);
  const shown = matches.slice(0, MAX_SHOWN_CLASSES);
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Classes of {title}</DialogTitle>
      <DialogContent dividers>
        {loading && <CircularProgress size={20} aria-label="Loading classes" />}
        {!loading && classes === null && (
          <Alert severity="info" data-testid="model-classes-message">
            {message || 'The class list is not known yet.'}
          </Alert>
        )}
        {classes !== null && (
          <>
            <TextField
              fullWidth
              size="small"
              label="Filter"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'model-classes-filter' } }}
              sx={{ mb: 1.5 }}
              autoFocus
            />
            <Typography variant="body2" color="text.secondary" data-testid="model-classes-count">
              {matches.length === classes.length
                ? `${classes.length.toLocaleString('en-US')} classes`
                : `${matches.length.toLocaleString('en-US')} of ${classes.length.toLocaleString('en-US')} classes match`}
              {matches.length > shown.length && ` (first ${shown.length} shown; type to narrow)`}
            </Typography>
            <Box
              component="ol"
              data-testid="model-classes-list"
              sx={{
                mt: 1,
                mb: 0,
                pl: 4,
                maxHeight: 360,
                overflowY: 'auto',
                fontFamily: fonts.mono,
                fontSize: `${fontSizes.sm}rem`,
                borderRadius: `${radii.sm}px`,
              }}
            >
              {shown.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </Box>
          </>
        )}
      </DialogContent>
      <DialogActions>
        {onUseAsSubset && classes !== null && (
          <Button
            disabled={!matches.length || matches.length === classes.length}
            onClick={() => {
              onUseAsSubset(matches);
              onClose();
            }}
            data-testid="model-classes-use-subset"
          >
            Keep only these {matches.length.toLocaleString('en-US')} classes
          </Button>
        )}
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
