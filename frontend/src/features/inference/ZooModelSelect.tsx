import Chip from '@mui/material/Chip';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { errorMessage } from '@/api/errors';
import { modelFacts, unavailableReason, zooHelperText } from './model-format';
import { useModelCatalog } from '@/hooks/useModelCatalog';

interface Props {
  value: string;
  onChange: (model: string) => void;
}

/**
 * The model-zoo select: every catalog model with its window length and class count; models that
 * download weights are marked, models whose packages the environment lacks are disabled. A loaded
 * config naming a model the catalog does not list still shows it.
 */
export function ZooModelSelect({ value, onChange }: Props) {
  const catalog = useModelCatalog();
  const models = catalog.data?.models ?? [];
  const chosen = models.find((model) => model.name === value);
  const helperText = catalog.isError
    ? `The model list could not be loaded: ${errorMessage(catalog.error)}`
    : zooHelperText(chosen);
  return (
    <TextField
      select
      fullWidth
      size="small"
      label="Model"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      helperText={helperText}
      error={catalog.isError}
      slotProps={{
        select: {
          SelectDisplayProps: { 'data-testid': 'inference-model' } as object,
          renderValue: (selected) => {
            const model = models.find((m) => m.name === selected);
            const facts = model ? modelFacts(model) : '';
            return facts ? `${String(selected)} — ${facts}` : String(selected);
          },
        },
      }}
    >
      {models.map((model) => {
        const reason = unavailableReason(model);
        return (
          <MenuItem
            key={model.name}
            value={model.name}
            disabled={reason !== null}
            data-testid={`inference-model-option-${model.name}`}
          >
            <ListItemText
              primary={model.name}
              secondary={[modelFacts(model), reason].filter(Boolean).join(' · ') || null}
            />
            {model.needs_download && (
              <Chip size="small" variant="outlined" label="needs download" sx={{ ml: 1 }} />
            )}
          </MenuItem>
        );
      })}
      {!chosen && (
        <MenuItem value={value} data-testid={`inference-model-option-${value}`}>
          {value}
        </MenuItem>
      )}
    </TextField>
  );
}
