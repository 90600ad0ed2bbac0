import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { useApi } from '@/api/ApiProvider';
import { errorMessage } from '@/api/errors';
import { FileBrowserDialog } from '@/components/FileBrowserDialog';
import { useToasts } from '@/stores/toasts';

/**
 * "Show job folder": the system file manager in Electron; in a browser, a read-only listing of the
 * folder from the server's file browser (the files live on the server's machine).
 */
export function TaskShowFolder({ path }: { path: string }) {
  const api = useApi();
  const { push } = useToasts();
  const [viewing, setViewing] = useState(false);

  const show = async () => {
    if (!api.dialogs) {
      setViewing(true);
      return;
    }
    try {
      await api.dialogs.showFolder(path);
    } catch (error) {
      push({ message: `Could not open the folder: ${errorMessage(error)}`, tone: 'error' });
    }
  };

  return (
    <>
      <Button
        size="small"
        startIcon={<FolderOpenIcon />}
        onClick={() => void show()}
        data-testid="task-show-folder"
      >
        Show job folder
      </Button>
      <FileBrowserDialog
        open={viewing}
        mode="view"
        title="Job folder"
        initialPath={path}
        onClose={() => setViewing(false)}
      />
    </>
  );
}
