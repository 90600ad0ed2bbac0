import ListIcon from '@mui/icons-material/FormatListBulleted';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { errorMessage } from '@/api/errors';
import type { InferenceConfig } from '@/api/schemas';
import { modelSourceOf, type ModelSource } from './inference-config';
import type { InferenceFormDispatch } from './inference-form';
import { EmbeddingCacheOption } from './EmbeddingCacheOption';
import { LocalModelFileField } from './LocalModelFileField';
import { ModelClassesDialog } from './ModelClassesDialog';
import { useModelClasses, useModelFileInfo } from '@/hooks/useModelCatalog';
import { ZooModelSelect } from './ZooModelSelect';

interface Props {
  config: InferenceConfig;
  dispatch: InferenceFormDispatch;
}

/**
 * The model choice: a model-zoo model by name, or a local model file (OpenSoundscape or Dipper),
 * with a "Show classes" dialog for whichever is chosen (its filtered classes can become the
 * class subset).
 */
export function ModelField({ config, dispatch }: Props) {
  const source = modelSourceOf(config);
  const modelFile = config.model_file ?? '';
  const [showClasses, setShowClasses] = useState(false);
  const fileInfo = useModelFileInfo(source === 'file' ? modelFile : '');
  const zooClasses = useModelClasses(config.model, showClasses && source === 'zoo');

  const setSource = (value: ModelSource | null) => {
    if (!value || value === source) return;
    dispatch({ type: 'patch', values: { model_file: value === 'file' ? '' : null } });
  };

  const dialog =
    source === 'zoo'
      ? {
          title: config.model,
          classes: zooClasses.data?.classes ?? null,
          loading: zooClasses.isFetching,
          message: zooClasses.isError
            ? errorMessage(zooClasses.error)
            : (zooClasses.data?.message ?? null),
        }
      : {
          title: modelFile.split(/[\\/]/).pop() || 'the model file',
          classes: fileInfo.data?.classes ?? null,
          loading: false,
          message: 'Choose a model file first.',
        };

  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="body2">Model</Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={source}
          onChange={(_event, value: ModelSource | null) => setSource(value)}
          aria-label="Where the model comes from"
        >
          <ToggleButton value="zoo" data-testid="inference-model-source-zoo">
            Model zoo
          </ToggleButton>
          <ToggleButton value="file" data-testid="inference-model-source-file">
            Local model file
          </ToggleButton>
        </ToggleButtonGroup>
        <Button
          size="small"
          startIcon={<ListIcon />}
          onClick={() => setShowClasses(true)}
          disabled={source === 'file' && !fileInfo.data}
          data-testid="inference-show-classes"
        >
          Show classes
        </Button>
      </Stack>
      <Box>
        {source === 'zoo' ? (
          <ZooModelSelect
            value={config.model}
            onChange={(model) => dispatch({ type: 'patch', values: { model } })}
          />
        ) : (
          <LocalModelFileField
            value={modelFile}
            onChange={(path) => dispatch({ type: 'patch', values: { model_file: path } })}
            info={fileInfo}
          />
        )}
      </Box>
      {source === 'file' && fileInfo.data?.kind === 'dipper-shallow-classifier' && (
        <EmbeddingCacheOption config={config} dispatch={dispatch} />
      )}
      <ModelClassesDialog
        open={showClasses}
        onClose={() => setShowClasses(false)}
        onUseAsSubset={(classes) => {
          dispatch({ type: 'setSubset', value: 'list' });
          dispatch({ type: 'patch', values: { subset_classes: classes } });
        }}
        {...dialog}
      />
    </Stack>
  );
}
