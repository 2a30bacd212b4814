import type { Page } from '@playwright/test';
import { storeRecords } from './appDb';
import { expect, test } from './fixtures';

/**
 * Issue 12's acceptance for the compression defaults: on a 64 px dataset (backgrounds on) where
 * only one pose or light factor varies, the default analysis decodes it from the input layer
 * with R² >= 0.9. CI checks yaw on 32 identities x 16; GMF_FACTOR=xt|zr|xl checks the others the
 * same way, and GMF_IDENTITIES (a multiple of 4) sets the identities: light elevation (xl, ±90°)
 * needs 64, as its readout from pixels is limited by the training images, not the components
 * (0.880 at 32 identities with 64, 128 or 224 components; 0.907 at 64 with the defaults).
 */
const FACTORS: Record<string, string> = {
  yr: 'Rotation y',
  xt: 'Translation x',
  zr: 'Rotation z',
  xl: 'Light rotation x',
};
const FACTOR = process.env.GMF_FACTOR ?? 'yr';
const IDENTITIES = Number(process.env.GMF_IDENTITIES ?? '32');
const TRAINING_IMAGES = (IDENTITIES / 2) * 16 * (7 / 8); // half the identities, less the 12.5 % id holdout
const POSE = ['Rotation x', 'Rotation y', 'Rotation z', 'Translation x', 'Translation y', 'Translation z'];
const LIGHT = ['Light rotation x', 'Light rotation y'];

async function generateOneFactor(page: Page, label: string): Promise<void> {
  await page.goto('/#/dataset');
  const form = page.getByRole('form', { name: 'Generate a dataset' });
  await form.getByRole('button', { name: 'Tiny (for trying things)' }).click();
  await form.getByLabel('Name', { exact: true }).fill('one factor');
  await form.getByLabel('Identities', { exact: true }).fill(String(IDENTITIES));
  await form.getByLabel('Variations per identity').fill('16');
  await form.getByLabel('Resolution (pixels)').fill('64');
  await form.getByLabel('Binocular').uncheck();
  await expect(form.getByLabel('Add background')).toBeChecked();
  for (const p of [...POSE, ...LIGHT]) {
    if (p === label) continue;
    await form.getByLabel(`${p} minimum`, { exact: true }).fill('0');
    await form.getByLabel(`${p} maximum`, { exact: true }).fill('0');
  }
  await form.getByRole('button', { name: 'Generate dataset' }).click();
  const row = page.getByRole('row', { name: 'Dataset one factor' });
  await expect(row).toContainText('complete', { timeout: 600_000 });
  await row.getByText('Split and export').click();
  const group = row.getByRole('group', { name: 'Split of one factor' });
  const [training, validation, testing] = [IDENTITIES / 2, IDENTITIES / 4, IDENTITIES / 4];
  await group.getByLabel('training').fill(String(training));
  await group.getByLabel('validation').fill(String(validation));
  await group.getByLabel('testing').fill(String(testing));
  await group.getByRole('button', { name: 'Save split' }).click();
  await expect(row.getByRole('status')).toHaveText(`Saved: ${training} / ${validation} / ${testing} identities.`);
}

test(`the default analysis decodes ${FACTOR} from the input layer of a 64 px dataset where only it varies (R² >= 0.9)`, async ({
  page,
}) => {
  test.setTimeout(1_200_000);
  const label = FACTORS[FACTOR];
  if (!label) throw new Error(`GMF_FACTOR must be one of ${Object.keys(FACTORS).join(', ')}`);
  await generateOneFactor(page, label);

  await page.goto('/#/train');
  const train = page.getByRole('form', { name: 'Train a network' });
  await train.getByLabel('Dataset').selectOption({ label: `one factor (${IDENTITIES}×16, 64px)` });
  await train.getByLabel('Run name').fill('one');
  await train.getByLabel('Batch size').fill('32');
  await train.getByLabel('Epochs').fill('1');
  await train.getByLabel('Backend').selectOption('wasm');
  await train.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByRole('row', { name: 'Run one', exact: true })).toContainText('complete', { timeout: 600_000 });

  // The defaults, untouched: the form shows what they will do before anything starts.
  await page.goto('/#/analyze');
  const form = page.getByRole('form', { name: 'Analyse a run' });
  await expect(form.getByLabel('Components per layer')).toHaveValue('128');
  // A batch is at most the run's training images (224 for 32 identities).
  const batch = Math.min(256, TRAINING_IMAGES);
  await expect(form.getByLabel('Batch size')).toHaveValue(String(batch));
  const estimate = form.getByRole('region', { name: 'Compression estimate' });
  // "Match the original": compress_model.py's 2048 components from 64 batches of 2048 images, as far
  // as the 224 training images allow, and its decoding (unshuffled identity folds, no additions).
  await form.getByLabel('Identity folds (4-fold cross-validation on the testing split)').selectOption('shuffled');
  await form.getByLabel('Permutations (shuffled-label null)').fill('50');
  await form.getByRole('button', { name: 'Match the original' }).click();
  await expect(form.getByLabel('Components per layer')).toHaveValue(String(TRAINING_IMAGES));
  await expect(form.getByLabel('PCA batches')).toHaveValue('64');
  await expect(form.getByLabel('Batch size')).toHaveValue(String(TRAINING_IMAGES));
  await expect(form.getByLabel('Permutations (shuffled-label null)')).toHaveValue('0');
  await expect(form.getByLabel('Identity folds (4-fold cross-validation on the testing split)')).toHaveValue(
    'original',
  );
  await expect(estimate.getByRole('note')).toContainText('Only 1 of the 64 PCA batches will run');
  await form.getByRole('button', { name: 'Browser defaults' }).click();
  await expect(form.getByLabel('Components per layer')).toHaveValue('128');
  await expect(estimate).toContainText('No layer is sketched.');
  await expect(estimate).toContainText(
    /Peak memory about [\d,]+ MiB of the 1,024 MiB budget; about .+ to compress and decompose/,
  );
  await expect(estimate.getByRole('row', { name: 'Plan layer00_input' })).toContainText('12,288');
  const started = Date.now();
  await form.getByRole('button', { name: 'Compress, decompose and decode' }).click();
  const row = page.getByRole('row', { name: 'Analysis one analysis', exact: true });
  await expect(row).toContainText(/complete|failed/, { timeout: 900_000 });
  await expect(row).toContainText('complete');
  const [analysis] = (await storeRecords(page, 'results')) as {
    perf: { layername: string; factor: string; corr: number }[];
    layers: { name: string; sketchedTo: number | null; explainedVariance: number }[];
  }[];
  const input = analysis?.perf.find((r) => r.layername === 'layer00_input' && r.factor === FACTOR);
  const curve = analysis?.perf.filter((r) => r.factor === FACTOR).map((r) => `${r.layername} ${r.corr.toFixed(3)}`);
  const variance = analysis?.layers.map((l) => `${l.name} ${l.explainedVariance.toFixed(3)}`);
  console.log(`analysis took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${FACTOR} R² per layer: ${curve?.join(', ')}; explained variance: ${variance?.join(', ')}`);
  expect(analysis?.layers.every((l) => l.sketchedTo === null)).toBe(true);
  expect(input?.corr).toBeGreaterThanOrEqual(0.9);
});
