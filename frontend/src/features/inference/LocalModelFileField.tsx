import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { errorMessage } from '@/api/errors';
import type { ModelFileInfo } from '@/api/models-schemas';
import { PathField } from '@/components/PathField';
import { modelFileSummary } from './model-format';
import type { useModelFileInfo } from '@/hooks/useModelCatalog';

/** File types offered by the native dialog. */
const MODEL_FILE_FILTERS = [
  { name: 'Model files', extensions: ['pt', 'pth', 'model', 'ckpt'] },
  { name: 'All files', extensions: ['*'] },
];

/** What `useModelFileInfo` returns for the typed path. */
export type ModelFileQuery = ReturnType<typeof useModelFileInfo>;

interface Props {
  value: string;
  onChange: (path: string) => void;
  /** The inspection of `value` (from `useModelFileInfo(value)`). */
  info: ModelFileQuery;
}

/** A local model file (browse or type) and what the server found in it, or why it is no model. */
export function LocalModelFileField({ value, onChange, info }: Props) {
  return (
    <Stack spacing={1}>
      <PathField
        label="Model file"
        mode="file"
        required
        value={value}
        onChange={onChange}
        filters={MODEL_FILE_FILTERS}
        helperText="An OpenSoundscape model (saved with model.save) or a Dipper model (*.dipper.pt) from the Training tab."
        testId="inference-model-file"
      />
      <ModelFileStatus info={info} />
    </Stack>
  );
}

function ModelFileStatus({ info }: { info: ModelFileQuery }) {
  if (!info.active) return null;
  if (info.settling || info.isFetching) {
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <CircularProgress size={16} />
        <Typography
          variant="body2"
          color="text.secondary"
          data-testid="inference-model-file-status"
        >
          Reading the model file…
        </Typography>
      </Stack>
    );
  }
  if (info.isError) {
    return (
      <Alert severity="error" data-testid="inference-model-file-status">
        {errorMessage(info.error)}
      </Alert>
    );
  }
  const data: ModelFileInfo | undefined = info.data;
  if (!data) return null;
  return (
    <Alert severity="success" data-testid="inference-model-file-status">
      {modelFileSummary(data)}
    </Alert>
  );
}
