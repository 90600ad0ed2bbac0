import type { InferenceConfig } from '@/api/schemas';
import { ConfigFileButtons as FileButtons } from '@/components/ConfigFileButtons';
import { useConfigFile } from '@/hooks/useConfigFile';
import { parseLoadedConfig } from './inference-config';

/** "Save config as…" and "Open config…" for the inference form. */
export function ConfigFileButtons({
  config,
  onLoaded,
}: {
  config: InferenceConfig;
  onLoaded: (config: InferenceConfig, path: string) => void;
}) {
  const file = useConfigFile({
    config,
    outputDir: config.output_dir,
    fileName: 'inference_config.json',
    parse: parseLoadedConfig,
    onLoaded: (loaded, path) => onLoaded(loaded.config, path),
  });
  return <FileButtons file={file} testIdPrefix="inference" />;
}
