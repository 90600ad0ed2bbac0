import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import { PathField } from './PathField';

export interface PathPromptDialogProps {
  open: boolean;
  title: string;
  description?: string;
  /** Label of the confirm button ("Save", "Open"). */
  confirmLabel: string;
  initialPath: string;
  /** What Browse picks: a file (open) or a folder (save, then the file name is typed). */
  browseMode: 'file' | 'folder';
  onConfirm: (path: string) => void;
  onClose: () => void;
}

/** Asks for a path on the server machine (browser mode's stand-in for native save/open dialogs). */
export function PathPromptDialog(props: PathPromptDialogProps) {
  return props.open ? <PathPromptBody {...props} /> : null;
}

/** Put the file name of `path` into `folder` (for "save as": browse picks a folder). */
function inFolder(folder: string, path: string): string {
  const name = path.split(/[\\/]/).pop() || 'config.json';
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return `${folder.replace(/[\\/]+$/, '')}${sep}${name}`;
}

function PathPromptBody(props: PathPromptDialogProps) {
  const [path, setPath] = useState(props.initialPath);
  const ok = path.trim().length > 0;
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm" data-testid="path-prompt">
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        {props.description && (
          <DialogContentText sx={{ mb: 2 }}>{props.description}</DialogContentText>
        )}
        <PathField
          label="Path on the server"
          value={path}
          onChange={setPath}
          mode={props.browseMode}
          onBrowsed={
            props.browseMode === 'folder' ? (folder) => setPath(inFolder(folder, path)) : setPath
          }
          testId="path-prompt-input"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={!ok}
          onClick={() => props.onConfirm(path.trim())}
          data-testid="path-prompt-confirm"
        >
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
