import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import { errorMessage } from '@/api/errors';
import { FileBrowserCrumbs } from './FileBrowserCrumbs';
import { FileBrowserEntries, type FileBrowserMode } from './FileBrowserEntries';
import { useFileBrowser } from './useFileBrowser';

export type { FileBrowserMode };

export interface FileBrowserDialogProps {
  open: boolean;
  mode: FileBrowserMode;
  title?: string;
  initialPath?: string | null;
  /** Receives the chosen folder or file (unused in `view` mode). */
  onSelect?: (path: string) => void;
  onClose: () => void;
}

const defaultTitles: Record<FileBrowserMode, string> = {
  folder: 'Choose a folder',
  file: 'Choose a file',
  view: 'Folder',
};

/**
 * Server-side file browser: roots, folders and files, up, breadcrumbs and an editable path. Used to
 * pick a path in a browser, or read-only (`view`) to show what a folder holds.
 */
export function FileBrowserDialog(props: FileBrowserDialogProps) {
  return props.open ? <FileBrowserDialogBody {...props} /> : null;
}

function FileBrowserDialogBody({
  mode,
  title,
  initialPath,
  onSelect,
  onClose,
}: FileBrowserDialogProps) {
  const browser = useFileBrowser(initialPath ?? null);
  const { path, listing, selectedFile } = browser;
  const choice = mode === 'folder' ? path : mode === 'file' ? selectedFile : null;
  const choose = () => {
    if (choice) onSelect?.(choice);
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" data-testid="file-browser">
      <DialogTitle>{title ?? defaultTitles[mode]}</DialogTitle>
      <DialogContent dividers>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <Tooltip title="Up one level">
            <span>
              <IconButton aria-label="Up one level" onClick={browser.up} disabled={path === null}>
                <ArrowUpwardIcon />
              </IconButton>
            </span>
          </Tooltip>
          <TextField
            size="small"
            fullWidth
            label="Path"
            value={browser.typed}
            onChange={(event) => browser.setTyped(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') browser.goTyped();
            }}
            slotProps={{ htmlInput: { 'data-testid': 'file-browser-path', spellCheck: false } }}
          />
          <Button onClick={browser.goTyped}>Go</Button>
        </Stack>
        <FileBrowserCrumbs path={path} onGo={browser.go} />
        {listing.isError && (
          <Alert severity="error" sx={{ my: 1 }}>
            {errorMessage(listing.error)}
          </Alert>
        )}
        <FileBrowserEntries
          listing={listing.data}
          loading={listing.isPending}
          mode={mode}
          selectedFile={selectedFile}
          onOpenFolder={browser.go}
          onPickFile={browser.setSelectedFile}
          onChooseFile={(file) => mode === 'file' && onSelect?.(file)}
        />
      </DialogContent>
      <DialogActions>
        {mode === 'view' ? (
          <Button onClick={onClose} data-testid="file-browser-close">
            Close
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              variant="contained"
              onClick={choose}
              disabled={!choice}
              data-testid="file-browser-select"
            >
              {mode === 'folder' ? 'Select this folder' : 'Select file'}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
