/**
 * The fields of the backend's extraction config models, read from their source
 * (backend/common/extraction_config.py), so a test can check that the form sends exactly what the
 * server's pydantic models (`extra="forbid"`) accept.
 */
import source from '../../../../backend/common/extraction_config.py?raw';

interface PydanticClass {
  base: string;
  fields: string[];
  /** The `kind` literal, for strategies. */
  kind: string | null;
}

/** Top-level classes: base class, annotated fields (in order) and `kind` literal. */
function parseClasses(text: string): Map<string, PydanticClass> {
  const classes = new Map<string, PydanticClass>();
  let current: PydanticClass | null = null;
  for (const line of text.split('\n')) {
    const head = /^class (\w+)\((\w+)\):/.exec(line);
    if (head) {
      current = { base: head[2] ?? '', fields: [], kind: null };
      classes.set(head[1] ?? '', current);
      continue;
    }
    if (/^\S/.test(line)) current = null;
    const field = /^ {4}(\w+): /.exec(line);
    if (!current || !field || field[1] === 'model_config') continue;
    current.fields.push(field[1] ?? '');
    const kind = /^ {4}kind: Literal\["(\w+)"\]/.exec(line);
    if (kind) current.kind = kind[1] ?? null;
  }
  return classes;
}

const classes = parseClasses(source);

/** A class's fields with those of its bases, sorted. */
function allFields(name: string): string[] {
  const model = classes.get(name);
  if (!model) return [];
  return [...new Set([...allFields(model.base), ...model.fields])].sort();
}

/** The sorted field names of `ExtractionConfig`. */
export const configFields = (): string[] => allFields('ExtractionConfig');

/**
 * The sorted field names of the strategy model whose `kind` is this.
 * @param kind - e.g. `hybrid`.
 */
export function strategyFields(kind: string): string[] {
  const entry = [...classes.entries()].find(([, model]) => model.kind === kind);
  if (!entry) throw new Error(`No strategy with kind "${kind}" in extraction_config.py`);
  return allFields(entry[0]);
}

/** Whether a class derives (directly or not) from `ancestor`. */
function derives(name: string, ancestor: string): boolean {
  const model = classes.get(name);
  return model !== undefined && (model.base === ancestor || derives(model.base, ancestor));
}

/** Every strategy `kind` the backend accepts (models deriving from `_CountStrategy`), sorted. */
export const strategyKinds = (): string[] =>
  [...classes.entries()]
    .flatMap(([name, model]) => (model.kind && derives(name, '_CountStrategy') ? [model.kind] : []))
    .sort();
