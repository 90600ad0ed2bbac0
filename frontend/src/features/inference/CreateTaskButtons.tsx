import type { InferenceConfig } from '@/api/schemas';
import { CreateTaskButtons as Buttons } from '@/components/CreateTaskButtons';

interface Props {
  /** The resolved config (only the picked audio source, trimmed). */
  config: InferenceConfig;
  name: string;
  missing: string[];
}

/** "Create task" and "Create and run" for an inference task. */
export function CreateTaskButtons({ config, name, missing }: Props) {
  return (
    <Buttons
      kind="inference"
      config={config}
      name={name}
      missing={missing}
      testIdPrefix="inference"
    />
  );
}
