import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { InferenceConfig } from '@/api/schemas';
import { LinesField } from '@/components/LinesField';
import { PathField } from '@/components/PathField';
import { AudioFilesField } from './AudioFilesField';
import { AudioMatchSummary } from './AudioMatchSummary';
import { audioMatchRequest, type AudioSource } from './inference-config';
import type { InferenceFormDispatch } from './inference-form';

const SOURCES: { value: AudioSource; label: string }[] = [
  { value: 'folder', label: 'Folder' },
  { value: 'files', label: 'Files' },
  { value: 'globs', label: 'Glob patterns' },
  { value: 'list', label: 'List file' },
];

const withDot = (extension: string) => (extension.startsWith('.') ? extension : `.${extension}`);

function ExtensionsField({
  config,
  onChange,
}: {
  config: InferenceConfig;
  onChange: (extensions: string[]) => void;
}) {
  return (
    <LinesField
      label="Extensions"
      separator="comma"
      value={config.extensions}
      normalize={withDot}
      onChange={onChange}
      error={!config.extensions.length}
      helperText="File endings to include, e.g. .wav, .flac (case does not matter)."
      testId="inference-extensions"
    />
  );
}

interface Props {
  config: InferenceConfig;
  /** The resolved config: its audio fields are what the match preview asks about. */
  resolved: InferenceConfig;
  source: AudioSource;
  dispatch: InferenceFormDispatch;
}

/** Where the audio comes from (folder, files, glob patterns or a list file) and what it matches. */
export function AudioSourceSection({ config, resolved, source, dispatch }: Props) {
  const patch = (values: Partial<InferenceConfig>) => dispatch({ type: 'patch', values });
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="subtitle2">Audio</Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={source}
          onChange={(_event, value: AudioSource | null) =>
            value && dispatch({ type: 'setSource', value })
          }
          aria-label="Audio source"
        >
          {SOURCES.map((option) => (
            <ToggleButton
              key={option.value}
              value={option.value}
              data-testid={`inference-source-${option.value}`}
            >
              {option.label}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Stack>
      {source === 'folder' && (
        <>
          <PathField
            label="Audio folder"
            required
            value={config.audio_dir ?? ''}
            onChange={(value) => patch({ audio_dir: value })}
            testId="inference-audio-dir"
          />
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            <ExtensionsField config={config} onChange={(extensions) => patch({ extensions })} />
            <FormControlLabel
              sx={{ flexShrink: 0, mt: 0.5 }}
              control={
                <Checkbox
                  checked={config.recursive}
                  onChange={(event) => patch({ recursive: event.target.checked })}
                  slotProps={{ input: { 'data-testid': 'inference-recursive' } as object }}
                />
              }
              label="Include subfolders"
            />
          </Stack>
        </>
      )}
      {source === 'files' && (
        <AudioFilesField
          files={config.audio_files}
          onChange={(audio_files) => patch({ audio_files })}
        />
      )}
      {source === 'globs' && (
        <LinesField
          label="Glob patterns"
          value={config.audio_globs}
          onChange={(audio_globs) => patch({ audio_globs })}
          placeholder={'/data/site*/2024-05-*/*.wav\n/data/**/*.flac'}
          helperText="One pattern per line, absolute paths; ** matches any depth of subfolders."
          testId="inference-audio-globs"
        />
      )}
      {source === 'globs' && (
        <ExtensionsField config={config} onChange={(extensions) => patch({ extensions })} />
      )}
      {source === 'list' && (
        <PathField
          label="List file"
          mode="file"
          required
          value={config.audio_list_file ?? ''}
          onChange={(value) => patch({ audio_list_file: value })}
          helperText="A text file with one audio file path per line."
          testId="inference-audio-list-file"
        />
      )}
      <AudioMatchSummary request={audioMatchRequest(resolved)} />
    </Stack>
  );
}
