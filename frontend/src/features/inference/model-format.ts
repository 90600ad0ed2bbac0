/**
 * Words for the model picker: a zoo model's menu line and helper text, a local model file's
 * summary, and the class-list filter.
 */
import type { CatalogModel, ModelFileInfo } from '@/api/models-schemas';

const count = (n: number) => n.toLocaleString('en-US');

/** "3 s windows · 6,522 classes" (parts left out when unknown). */
export function modelFacts(model: {
  sample_duration_s: number | null;
  num_classes: number | null;
}): string {
  const parts: string[] = [];
  if (model.sample_duration_s !== null) parts.push(`${model.sample_duration_s} s windows`);
  if (model.num_classes !== null)
    parts.push(`${count(model.num_classes)} ${model.num_classes === 1 ? 'class' : 'classes'}`);
  return parts.join(' · ');
}

/** Why a zoo model cannot be chosen here, or null when it can. */
export function unavailableReason(model: CatalogModel): string | null {
  if (!model.missing_packages.length) return null;
  return `needs ${model.missing_packages.join(', ')} (not in the model environment)`;
}

/** The helper line under the zoo select for the chosen model. */
export function zooHelperText(model: CatalogModel | undefined): string {
  if (!model) return 'A model name from the model zoo.';
  const download = model.needs_download
    ? 'Downloads its weights on first use (needs internet once; Settings can pre-download).'
    : 'Runs offline; no download needed.';
  return `${model.description} ${download}`;
}

const KIND_LABELS: Record<ModelFileInfo['kind'], string> = {
  opensoundscape: 'OpenSoundscape model',
  'dipper-shallow-classifier': 'Dipper classifier',
};

/** "OpenSoundscape model (resnet18) · 2 s windows · 2 classes". */
export function modelFileSummary(info: ModelFileInfo): string {
  const what =
    info.kind === 'dipper-shallow-classifier' && info.embedding_model
      ? `${KIND_LABELS[info.kind]} (${info.architecture} on ${info.embedding_model} embeddings)`
      : `${KIND_LABELS[info.kind]} (${info.architecture})`;
  const facts = modelFacts(info);
  return facts ? `${what} · ${facts}` : what;
}

/** Classes containing every word of `filter` (any case, any order). */
export function filterClasses(classes: readonly string[], filter: string): string[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...classes];
  return classes.filter((name) => {
    const lower = name.toLowerCase();
    return words.every((word) => lower.includes(word));
  });
}
