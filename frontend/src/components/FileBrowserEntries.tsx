import DescriptionOutlinedIcon from '@mui/icons-material/DescriptionOutlined';
import FolderIcon from '@mui/icons-material/Folder';
import StorageIcon from '@mui/icons-material/Storage';
import CircularProgress from '@mui/material/CircularProgress';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import type { FileListing } from '@/api/schemas';
import { formatBytes } from '@/lib/format-bytes';

/** Pick a folder, pick a file, or only look (`view`: files are shown but nothing is chosen). */
export type FileBrowserMode = 'folder' | 'file' | 'view';

interface Props {
  listing: FileListing | undefined;
  loading: boolean;
  mode: FileBrowserMode;
  selectedFile: string | null;
  onOpenFolder: (path: string) => void;
  onPickFile: (path: string) => void;
  onChooseFile: (path: string) => void;
}

/** The roots (when no folder is open) or the folders and files of the open folder. */
export function FileBrowserEntries(props: Props) {
  const { listing, loading, mode, selectedFile } = props;
  if (loading) return <CircularProgress size={24} sx={{ m: 2 }} />;
  if (!listing) return null;
  if (listing.path === null) {
    return (
      <List dense>
        {listing.roots.map((root) => (
          <ListItemButton
            key={root}
            data-testid="file-browser-entry"
            onClick={() => props.onOpenFolder(root)}
          >
            <ListItemIcon>
              <StorageIcon />
            </ListItemIcon>
            <ListItemText primary={root} />
          </ListItemButton>
        ))}
      </List>
    );
  }
  const entries = listing.entries;
  if (!entries.length) {
    return (
      <Typography color="text.secondary" sx={{ p: 2 }}>
        This folder is empty.
      </Typography>
    );
  }
  return (
    <List dense sx={{ maxHeight: 360, overflow: 'auto' }}>
      {entries.map((entry) => (
        <ListItemButton
          key={entry.path}
          data-testid="file-browser-entry"
          data-path={entry.path}
          selected={entry.path === selectedFile}
          disabled={mode === 'folder' && !entry.is_dir}
          onClick={() =>
            entry.is_dir ? props.onOpenFolder(entry.path) : props.onPickFile(entry.path)
          }
          onDoubleClick={() => !entry.is_dir && props.onChooseFile(entry.path)}
        >
          <ListItemIcon>{entry.is_dir ? <FolderIcon /> : <DescriptionOutlinedIcon />}</ListItemIcon>
          <ListItemText
            primary={entry.name}
            secondary={
              entry.is_dir ? undefined : entry.size === null ? undefined : formatBytes(entry.size)
            }
          />
        </ListItemButton>
      ))}
    </List>
  );
}
