import Stack from '@mui/material/Stack';
import type { InferenceConfig } from '@/api/schemas';
import { NumberField } from '@/components/NumberField';
import { DEFAULT_SPARSE_FLOOR, DEFAULT_TEST_FILES, type AudioSource } from './inference-config';
import type { InferenceFormDispatch } from './inference-form';
import { SwitchRow } from '@/components/SwitchRow';

interface Props {
  config: InferenceConfig;
  source: AudioSource;
  missing: string[];
  dispatch: InferenceFormDispatch;
}

/** What gets written: test mode, one output per subfolder, and sparse outputs with a logit floor. */
export function OutputOptions({ config, source, missing, dispatch }: Props) {
  const patch = (values: Partial<InferenceConfig>) => dispatch({ type: 'patch', values });
  const testMode = config.test_mode_files !== null;
  const sparse = config.sparse_save_threshold !== null;
  return (
    <Stack spacing={2}>
      <SwitchRow
        label="Test mode"
        help="Run on a few randomly chosen files first to check the settings."
        checked={testMode}
        onChange={(on) => patch({ test_mode_files: on ? DEFAULT_TEST_FILES : null })}
        testId="inference-test-mode"
      >
        {testMode && (
          <>
            <NumberField
              label="Files"
              unit="files"
              value={config.test_mode_files}
              onChange={(value) => patch({ test_mode_files: value })}
              error={missing.includes('Test mode files')}
              testId="inference-test-mode-files"
            />
            <NumberField
              label="Random seed"
              value={config.seed}
              onChange={(value) => patch({ seed: value ?? Number.NaN })}
              error={missing.includes('Seed')}
              helperText="Same seed, same files."
              testId="inference-seed"
            />
          </>
        )}
      </SwitchRow>
      <SwitchRow
        label="Separate inference by subfolders"
        help={
          source === 'folder'
            ? 'One output per subfolder of the audio folder, named by its relative path.'
            : 'Needs a Folder audio source: subfolders are those of the audio folder.'
        }
        disabled={source !== 'folder'}
        checked={source === 'folder' && config.split_by_subfolder}
        onChange={(on) => patch({ split_by_subfolder: on })}
        testId="inference-split-by-subfolder"
      />
      <SwitchRow
        label="Save sparse outputs"
        help="Drop scores below the floor and save sparse_predictions.pkl instead of predictions.csv — much smaller for long recordings."
        checked={sparse}
        onChange={(on) => patch({ sparse_save_threshold: on ? DEFAULT_SPARSE_FLOOR : null })}
        testId="inference-sparse"
      >
        {sparse && (
          <NumberField
            label="Logit floor"
            unit="logit"
            value={config.sparse_save_threshold}
            onChange={(value) => patch({ sparse_save_threshold: value ?? Number.NaN })}
            error={missing.includes('Logit floor')}
            helperText={`Scores below this are not saved (default ${DEFAULT_SPARSE_FLOOR}).`}
            testId="inference-sparse-floor"
          />
        )}
      </SwitchRow>
    </Stack>
  );
}
