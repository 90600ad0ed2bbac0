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
import { FileBrowserEntries } from './FileBrowserEntries';
import { useFileBrowser } from './useFileBrowser';

export interface FileBrowserDialogProps {
  open: boolean;
  /** Pick a folder or a file. */
  mode: 'folder' | 'file';
  title?: string;
  initialPath?: string | null;
  onSelect: (path: string) => void;
  onClose: () => void;
}

/** Server-side file browser: roots, folders and files, up, breadcrumbs and an editable path. */
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
  const choice = mode === 'folder' ? path : selectedFile;
  const choose = () => {
    if (choice) onSelect(choice);
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" data-testid="file-browser">
      <DialogTitle>
        {title ?? (mode === 'folder' ? 'Choose a folder' : 'Choose a file')}
      </DialogTitle>
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
          onChooseFile={onSelect}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          onClick={choose}
          disabled={!choice}
          data-testid="file-browser-select"
        >
          {mode === 'folder' ? 'Select this folder' : 'Select file'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
