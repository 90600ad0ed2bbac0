import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '@/app/App';
import { taskJson } from '../support/factories';
import { defaultTransport, renderWithApp } from '../support/render';

const TABS = ['Inference', 'Training', 'Extraction', 'Review', 'Explore', 'Tasks', 'Settings'];

describe('App shell', () => {
  it('has all seven tabs in the nav bar, each with a tooltip', async () => {
    const user = userEvent.setup();
    renderWithApp(<App />);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const buttons = within(nav).getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(TABS);
    for (const label of TABS) {
      const button = screen.getByTestId(`nav-${label.toLowerCase()}`);
      await user.hover(button);
      expect(await screen.findByRole('tooltip')).toHaveTextContent(label);
      await user.unhover(button);
      await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());
    }
  });

  it('gives each tab its own scroll position: top when new, where it was when back', async () => {
    const user = userEvent.setup();
    const scrollTo = vi.spyOn(window, 'scrollTo');
    renderWithApp(<App />);
    const scrollWindow = (y: number) => {
      Object.defineProperty(window, 'scrollY', { value: y, configurable: true });
      window.dispatchEvent(new Event('scroll'));
    };
    scrollWindow(640);
    await user.click(screen.getByTestId('nav-tasks'));
    await waitFor(() => expect(scrollTo).toHaveBeenLastCalledWith(0, 0));
    scrollWindow(120);
    await user.click(screen.getByTestId('nav-inference'));
    await waitFor(() => expect(scrollTo).toHaveBeenLastCalledWith(0, 640));
    await user.click(screen.getByTestId('nav-tasks'));
    await waitFor(() => expect(scrollTo).toHaveBeenLastCalledWith(0, 120));
    scrollTo.mockRestore();
  });

  it('says an unbuilt tab is not built yet and keeps the tab in the address', async () => {
    const user = userEvent.setup();
    renderWithApp(<App />);
    await user.click(screen.getByTestId('nav-explore'));
    await waitFor(() => expect(window.location.hash).toBe('#/explore'));
    expect(await screen.findByText('Not built yet — coming in a later release')).toBeVisible();
    expect(screen.getByText(/Browse detections and embeddings/)).toBeVisible();
  });

  it('shows running and queued counts in the task indicator, which opens Tasks', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport().ok('GET', '/api/tasks', {
      tasks: [
        taskJson({
          status: 'running',
          progress: { fraction: 0.5, message: '', eta_s: 10, updated_at: null },
        }),
        taskJson({ status: 'queued' }),
        taskJson({ status: 'queued' }),
      ],
    });
    renderWithApp(<App />, { transport });
    const indicator = screen.getByTestId('task-indicator');
    await waitFor(() => expect(indicator).toHaveAttribute('data-running', '1'));
    expect(indicator).toHaveAttribute('data-queued', '2');
    expect(indicator).toHaveTextContent('+2 queued');
    await user.click(indicator);
    await waitFor(() => expect(window.location.hash).toBe('#/tasks'));
    expect(await screen.findAllByTestId('task-card')).toHaveLength(3);
  });

  it('refills the Inference form from a task with "Load config"', async () => {
    const user = userEvent.setup();
    const done = taskJson({
      name: 'Old run',
      status: 'completed',
      config: {
        model: 'BirdNET',
        audio_dir: '/field/site7',
        extensions: ['.wav'],
        output_dir: '/results',
        batch_size: 1,
        num_workers: 0,
        activation: 'logits',
      },
    });
    const transport = defaultTransport().ok('GET', '/api/tasks', {
      tasks: [done],
    });
    window.location.hash = '#/tasks';
    renderWithApp(<App />, { transport });
    await user.click(await screen.findByTestId('task-load-config'));
    await waitFor(() => expect(window.location.hash).toBe('#/inference'));
    await waitFor(() =>
      expect(screen.getByTestId('inference-audio-dir')).toHaveValue('/field/site7'),
    );
    expect(screen.getByTestId('inference-output-dir')).toHaveValue('/results');
    expect(screen.getByTestId('inference-name')).toHaveValue('Old run');
  });
});
