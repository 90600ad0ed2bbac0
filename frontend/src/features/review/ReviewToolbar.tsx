import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import RedoIcon from '@mui/icons-material/Redo';
import SaveAsIcon from '@mui/icons-material/SaveAs';
import TuneIcon from '@mui/icons-material/Tune';
import UndoIcon from '@mui/icons-material/Undo';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Switch from '@mui/material/Switch';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { baseName } from './clip-format';
import type { ReviewView } from './shortcuts';
import type { AutoSave, SaveStatus } from './useAutoSave';
import type { ReviewNavigation } from './useReviewNavigation';
import type { ReviewSession } from './useReviewSession';

const statusText: Record<SaveStatus, string> = {
  'no-location': 'Not saved — choose Save as…',
  saved: 'All changes saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  error: 'Save failed',
  conflict: 'File changed on disk',
};

const statusColor: Record<SaveStatus, 'default' | 'success' | 'warning' | 'error' | 'info'> = {
  'no-location': 'warning',
  saved: 'success',
  unsaved: 'info',
  saving: 'info',
  error: 'error',
  conflict: 'error',
};

export interface ReviewToolbarProps {
  session: ReviewSession;
  navigation: ReviewNavigation;
  save: AutoSave;
  mod: string;
  onToggleOpen: () => void;
  onToggleSettings: () => void;
}

/** View switch, paging, undo/redo, guided listening, save state and settings; wraps when narrow. */
export function ReviewToolbar({
  session,
  navigation,
  save,
  mod,
  onToggleOpen,
  onToggleSettings,
}: ReviewToolbarProps) {
  const grid = navigation.view === 'grid';
  return (
    <Box
      data-testid="review-toolbar"
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center', mb: 1.5 }}
    >
      <Tooltip title="Open another task / change mode and classes">
        <IconButton onClick={onToggleOpen} aria-label="Open task" data-testid="review-open-toggle">
          <FolderOpenIcon />
        </IconButton>
      </Tooltip>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={navigation.view}
        onChange={(_event, view: ReviewView | null) => view && navigation.setView(view)}
        aria-label="View"
      >
        <ToggleButton value="grid" data-testid="review-view-grid">
          Grid
        </ToggleButton>
        <ToggleButton value="focus" data-testid="review-view-focus">
          Focus
        </ToggleButton>
      </ToggleButtonGroup>
      {grid && (
        <Box sx={{ display: 'flex', alignItems: 'center' }}>
          <Tooltip title="Previous page (P)">
            <span>
              <IconButton
                onClick={navigation.previousPage}
                disabled={navigation.pageStart === 0}
                aria-label="Previous page"
              >
                <NavigateBeforeIcon />
              </IconButton>
            </span>
          </Tooltip>
          <Typography variant="body2" data-testid="review-page">
            Page {navigation.pageNumber} of {navigation.pageTotal}
          </Typography>
          <Tooltip title="Next page (N)">
            <IconButton onClick={navigation.nextPage} aria-label="Next page">
              <NavigateNextIcon />
            </IconButton>
          </Tooltip>
        </Box>
      )}
      <Tooltip title={`Undo (${mod}+Z)`}>
        <span>
          <IconButton onClick={session.undo} disabled={!session.canUndo} aria-label="Undo">
            <UndoIcon />
          </IconButton>
        </span>
      </Tooltip>
      <Tooltip title={`Redo (${mod}+Y)`}>
        <span>
          <IconButton onClick={session.redo} disabled={!session.canRedo} aria-label="Redo">
            <RedoIcon />
          </IconButton>
        </span>
      </Tooltip>
      {navigation.hasGroups && (
        <FormControlLabel
          label="Unverified groups only"
          control={
            <Switch
              size="small"
              checked={navigation.guided}
              onChange={(event) => navigation.setGuided(event.target.checked)}
              slotProps={{ input: { 'data-testid': 'review-guided' } as object }}
            />
          }
        />
      )}
      <Box sx={{ flex: 1 }} />
      <Tooltip title={save.error ?? save.target?.path ?? 'Labels are saved to a file you choose'}>
        <Chip
          size="small"
          color={statusColor[save.status]}
          label={
            save.target && save.status === 'saved'
              ? `Saved to ${baseName(save.target.path)}`
              : statusText[save.status]
          }
          data-testid="review-save-status"
          data-status={save.status}
        />
      </Tooltip>
      <Button
        size="small"
        variant="outlined"
        startIcon={<SaveAsIcon />}
        onClick={save.requestSaveAs}
        data-testid="review-save-as"
      >
        Save as…
      </Button>
      <Tooltip title="Review settings">
        <IconButton
          onClick={onToggleSettings}
          aria-label="Settings"
          data-testid="review-settings-toggle"
        >
          <TuneIcon />
        </IconButton>
      </Tooltip>
    </Box>
  );
}
