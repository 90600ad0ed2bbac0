import AddIcon from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import { useApi } from '@/api/ApiProvider';
import { FileBrowserDialog } from '@/components/FileBrowserDialog';
import { LinesField } from '@/components/LinesField';

const audioFilters = [
  { name: 'Audio', extensions: ['wav', 'flac', 'mp3', 'ogg', 'WAV', 'FLAC', 'MP3', 'OGG'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * A list of audio files: paste paths one per line, or add them with "Add files…" (a native
 * multi-select dialog in Electron) / "Add file…" (the server file browser, one at a time).
 */
export function AudioFilesField({
  files,
  onChange,
}: {
  files: string[];
  onChange: (files: string[]) => void;
}) {
  const api = useApi();
  const [browsing, setBrowsing] = useState(false);
  const add = (path: string) => onChange(files.includes(path) ? files : [...files, path]);

  const browse = async () => {
    if (!api.dialogs) {
      setBrowsing(true);
      return;
    }
    const chosen = await api.dialogs.openFiles({ title: 'Add audio files', filters: audioFilters });
    const fresh = chosen.filter((path) => !files.includes(path));
    if (fresh.length) onChange([...files, ...fresh]);
  };

  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      <LinesField
        label="Audio files"
        value={files}
        onChange={onChange}
        placeholder={'/data/site1/rec_0001.wav\n/data/site2/rec_0002.flac'}
        helperText="One absolute path per line (paste a list, or add files one by one)."
        testId="inference-audio-files"
      />
      <Button size="small" startIcon={<AddIcon />} onClick={() => void browse()}>
        {api.dialogs ? 'Add files…' : 'Add file…'}
      </Button>
      <FileBrowserDialog
        open={browsing}
        mode="file"
        title="Add audio file"
        initialPath={null}
        onClose={() => setBrowsing(false)}
        onSelect={(path) => {
          setBrowsing(false);
          add(path);
        }}
      />
    </Stack>
  );
}
