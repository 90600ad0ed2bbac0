import { screen } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';

type User = ReturnType<typeof userEvent.setup>;

/**
 * Type into a field at once (paste), as typing char by char re-renders the whole form each time;
 * an empty `text` just clears the field.
 */
export async function fill(user: User, testId: string, text: string) {
  const field = screen.getByTestId(testId);
  await user.clear(field);
  if (!text) return;
  await user.click(field);
  await user.paste(text);
}

/** Why the button (by data-testid) is disabled, as its hover says; null when it is not. */
export const reasonOf = (testId: string) =>
  screen.getByTestId(testId).parentElement?.getAttribute('data-disabled-reason') ?? null;
