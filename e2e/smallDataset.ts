/** A small dataset generated through the UI for the training and analysis e2e tests. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export interface SmallDatasetOptions {
  name: string;
  identities: number;
  variations: number;
  split: [number, number, number];
}

/** `identities` x `variations` at 32 px, monocular, only head yaw varying (-30..30); split saved. */
export async function generateSmallDataset(
  page: Page,
  { name, identities, variations, split }: SmallDatasetOptions,
): Promise<void> {
  await page.goto('/#/dataset');
  const form = page.getByRole('form', { name: 'Generate a dataset' });
  await form.getByRole('button', { name: 'Tiny (for trying things)' }).click();
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Identities', { exact: true }).fill(String(identities));
  await form.getByLabel('Variations per identity').fill(String(variations));
  await form.getByLabel('Resolution (pixels)').fill('32');
  await form.getByLabel('Binocular').uncheck();
  for (const p of [
    'Rotation x',
    'Rotation z',
    'Translation x',
    'Translation y',
    'Translation z',
    'Light rotation x',
    'Light rotation y',
  ]) {
    await form.getByLabel(`${p} minimum`, { exact: true }).fill('0');
    await form.getByLabel(`${p} maximum`, { exact: true }).fill('0');
  }
  await form.getByRole('button', { name: 'Generate dataset' }).click();
  const row = page.getByRole('row', { name: `Dataset ${name}` });
  await expect(row).toContainText('complete', { timeout: 120_000 });
  await row.getByText('Split and export').click();
  const group = row.getByRole('group', { name: `Split of ${name}` });
  const [training, validation, testing] = split;
  await group.getByLabel('training').fill(String(training));
  await group.getByLabel('validation').fill(String(validation));
  await group.getByLabel('testing').fill(String(testing));
  await group.getByRole('button', { name: 'Save split' }).click();
  await expect(row.getByRole('status')).toHaveText(`Saved: ${training} / ${validation} / ${testing} identities.`);
}

export interface SmallRunOptions {
  name: string;
  /** The dataset's label in the Train form, e.g. "exp (4×4, 32px)". */
  dataset: string;
  targets: string[];
  batchSize: number;
  epochs: number;
  /** Stored images (the form's default) or streamed ones, rendered as the run trains. */
  data?: 'stored' | 'streamed';
}

/** Trains a ResNet6 (the form's default) on wasm through the Train form and waits until it is complete. */
export async function trainSmallRun(page: Page, { name, dataset, targets, batchSize, epochs, data }: SmallRunOptions) {
  await page.goto('/#/train');
  const form = page.getByRole('form', { name: 'Train a network' });
  await form.getByLabel('Run name').fill(name);
  await form.getByLabel('Dataset').selectOption({ label: dataset });
  const group = form.getByRole('group', { name: 'Targets' });
  for (const box of await group.getByRole('checkbox').all()) await box.uncheck();
  for (const target of targets) await group.getByRole('checkbox', { name: target, exact: true }).check();
  if (data) await form.getByLabel('Training data').selectOption(data);
  await form.getByLabel('Batch size').fill(String(batchSize));
  await form.getByLabel('Epochs').fill(String(epochs));
  await form.getByLabel('Backend').selectOption('wasm');
  await expect(form.getByText(/\d+ training and \d+ validation images/)).toBeVisible({ timeout: 60_000 });
  await form.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByRole('row', { name: `Run ${name}` })).toContainText('complete', { timeout: 240_000 });
}
