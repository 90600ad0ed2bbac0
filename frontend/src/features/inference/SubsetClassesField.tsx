import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { InferenceConfig } from '@/api/schemas';
import { LinesField } from '@/components/LinesField';
import { PathField } from '@/components/PathField';
import type { SubsetMode } from './inference-config';
import type { InferenceFormDispatch } from './inference-form';

interface Props {
  config: InferenceConfig;
  subset: SubsetMode;
  dispatch: InferenceFormDispatch;
}

/** Keep all of the model's classes, a typed list, or the classes named in a text file. */
export function SubsetClassesField({ config, subset, dispatch }: Props) {
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="body2">Classes</Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={subset}
          onChange={(_event, value: SubsetMode | null) =>
            value && dispatch({ type: 'setSubset', value })
          }
          aria-label="Classes to keep"
        >
          <ToggleButton value="all" data-testid="inference-subset-all">
            All
          </ToggleButton>
          <ToggleButton value="list" data-testid="inference-subset-list">
            Typed list
          </ToggleButton>
          <ToggleButton value="file" data-testid="inference-subset-file">
            Text file
          </ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      {subset === 'list' && (
        <LinesField
          label="Subset classes"
          value={config.subset_classes}
          onChange={(subset_classes) => dispatch({ type: 'patch', values: { subset_classes } })}
          placeholder={'Turdus migratorius_American Robin\nCardinalis cardinalis_Northern Cardinal'}
          helperText="One class per line, spelled exactly as in the model's class list."
          testId="inference-subset-classes"
        />
      )}
      {subset === 'file' && (
        <PathField
          label="Subset classes file"
          mode="file"
          value={config.subset_classes_file ?? ''}
          onChange={(value) => dispatch({ type: 'patch', values: { subset_classes_file: value } })}
          helperText="A text file with one class name per line."
          testId="inference-subset-classes-file"
        />
      )}
    </Stack>
  );
}
