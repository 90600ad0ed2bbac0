/**
 * Reading a finished extraction's outputs: which of them are annotation tasks (the summary and the
 * config are not), and the prefill the Review tab takes to open one.
 */

const baseName = (path: string) => path.split(/[\\/]/).pop() || path;

/**
 * The annotation-task CSVs among an extraction's outputs, in the server's order.
 * @param outputs - Output paths (annotation CSVs first, then the summary).
 */
export function annotationCsvs(outputs: string[]): string[] {
  return outputs.filter((path) => {
    const name = baseName(path);
    return name.toLowerCase().endsWith('.csv') && /annotation_task_/.test(name);
  });
}

/** What "Open in Review" leaves in the prefill store for the Review form. */
export interface ReviewPrefillConfig extends Record<string, unknown> {
  annotation_csv: string;
  audio_root: string | null;
}

/**
 * The Review prefill for one annotation CSV.
 * @param csvPath - The annotation CSV.
 * @param reviewAudioRoot - Where its `file` paths resolve (the clips folder's parent or the audio root).
 */
export function reviewPrefillConfig(
  csvPath: string,
  reviewAudioRoot: string | null,
): ReviewPrefillConfig {
  return { annotation_csv: csvPath, audio_root: reviewAudioRoot };
}

/** A CSV's file name, for buttons and menus. */
export const outputLabel = baseName;
