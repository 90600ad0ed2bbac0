import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';

export interface SaveConflictDialogProps {
  /** The server's message, or null when there is no conflict. */
  message: string | null;
  path: string | null;
  onReload: () => void;
  onSaveAs: () => void;
  /** Offered when the file was chosen with Save as… and already existed: replace it. */
  onOverwrite?: () => void;
  onClose: () => void;
}

/** The save file changed on disk since we read it: reload it, or save these labels elsewhere. */
export function SaveConflictDialog({
  message,
  path,
  onReload,
  onSaveAs,
  onOverwrite,
  onClose,
}: SaveConflictDialogProps) {
  return (
    <Dialog
      open={message !== null}
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      data-testid="review-conflict"
    >
      <DialogTitle>
        {onOverwrite ? 'The file already exists' : 'The annotation file changed on disk'}
      </DialogTitle>
      <DialogContent>
        <DialogContentText component="div">
          {message}
          {path && !onOverwrite && (
            <>
              <br />
              <br />
              Reload {path} to continue from what is on disk (your unsaved labels here are dropped),
              or save your labels as another file. Auto-save is paused until you choose.
            </>
          )}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        {onOverwrite ? (
          <Button color="error" onClick={onOverwrite} data-testid="review-conflict-overwrite">
            Replace it
          </Button>
        ) : (
          <Button onClick={onReload} data-testid="review-conflict-reload">
            Reload
          </Button>
        )}
        <Button variant="contained" onClick={onSaveAs} data-testid="review-conflict-save-as">
          Save as…
        </Button>
      </DialogActions>
    </Dialog>
  );
}
