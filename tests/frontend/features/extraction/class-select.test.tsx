import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { MultiSelectField } from '@/components/MultiSelectField';
import { renderWithApp } from '../../support/render';

/** As many classes as BirdNET has, named like its labels. */
const CLASSES = Array.from({ length: 6522 }, (_, i) => `Genus${i} species_Bird ${i}`);

function ClassSelect() {
  const [value, setValue] = useState<string[]>([]);
  return (
    <MultiSelectField
      label="Classes"
      inputId="classes"
      bulkActions
      options={CLASSES.map((name) => ({ value: name, label: name }))}
      value={value}
      onChange={setValue}
      maxMenuOptions={50}
      maxChips={5}
    />
  );
}

const menuOptions = () => document.querySelectorAll('.dipper-select__option');
const chips = () =>
  [...document.querySelectorAll('.dipper-select__multi-value__label')].map((el) => el.textContent);

describe('the class select with thousands of classes', () => {
  it('lists only the first matches of what is typed, case-insensitively', async () => {
    const user = userEvent.setup();
    renderWithApp(<ClassSelect />);
    await user.click(screen.getByLabelText('Classes'));
    expect(menuOptions()).toHaveLength(50);
    await user.type(screen.getByLabelText('Classes'), 'BIRD 652');
    expect([...menuOptions()].map((el) => el.textContent)).toEqual([
      'Genus652 species_Bird 652',
      'Genus6520 species_Bird 6520',
      'Genus6521 species_Bird 6521',
    ]);
  });

  it('draws a bounded number of chips after "Select all" and counts the rest', async () => {
    const user = userEvent.setup();
    renderWithApp(<ClassSelect />);
    await user.click(screen.getByTestId('classes-all'));
    expect(chips()).toEqual(CLASSES.slice(0, 5));
    expect(screen.getByText('+6517 more')).toBeVisible();
    await user.click(screen.getByTestId('classes-clear'));
    expect(chips()).toEqual([]);
    expect(screen.queryByText(/more$/)).toBeNull();
  });
});
