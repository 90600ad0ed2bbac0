import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { InferenceConfig } from '@/api/schemas';
import { OutputOptions } from './OutputOptions';
import { RunOptions } from './RunOptions';
import { SpeciesFilterSection } from './SpeciesFilterSection';
import { SubsetClassesField } from './SubsetClassesField';
import { WandbSection } from './WandbSection';
import { speciesFilterApplies, type AudioSource, type SubsetMode } from './inference-config';
import type { InferenceFormDispatch } from './inference-form';

interface Props {
  config: InferenceConfig;
  source: AudioSource;
  subset: SubsetMode;
  missing: string[];
  dispatch: InferenceFormDispatch;
}

/** Everything past the essentials, folded away until wanted. */
export function OptionsSection({ config, source, subset, missing, dispatch }: Props) {
  return (
    <Accordion disableGutters variant="outlined" data-testid="inference-options">
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="subtitle2">Options</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ ml: 2 }}>
          overlap, batch size, device, classes, species filter, sparse outputs, W&B…
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Stack spacing={2.5} divider={<Divider flexItem />}>
          <RunOptions config={config} missing={missing} dispatch={dispatch} />
          <SubsetClassesField config={config} subset={subset} dispatch={dispatch} />
          {speciesFilterApplies(config) && (
            <SpeciesFilterSection config={config} missing={missing} dispatch={dispatch} />
          )}
          <OutputOptions config={config} source={source} missing={missing} dispatch={dispatch} />
          <WandbSection config={config} missing={missing} dispatch={dispatch} />
        </Stack>
      </AccordionDetails>
    </Accordion>
  );
}
