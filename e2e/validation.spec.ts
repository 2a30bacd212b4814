/**
 * Issue 14 section 1: nothing physically meaningless is accepted in the Dataset and Train forms,
 * each refusal says why next to its field, and no name, however long, widens the page (records
 * stored before names had a limit included).
 */
import type { Page } from '@playwright/test';
import { putStoredRecords } from './appDb';
import { expect, test } from './fixtures';
import { storedDataset as legacyDataset } from './storedDataset';

/** Writes dataset records into the app's IndexedDB, as if stored before this version, and reloads. */
async function storeDatasets(page: Page, records: object[]): Promise<void> {
  await putStoredRecords(page, 'datasets', records);
  await page.reload();
}

async function expectNoWiderThanViewport(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

const LEGACY_NAME = 'L'.repeat(10_000);

test('the Dataset form refuses meaningless values with the reason, and long names never widen the page', async ({
  page,
}) => {
  await page.goto('/#/dataset');
  await storeDatasets(page, [
    legacyDataset('legacy-long', LEGACY_NAME, [-5, 11, 2], { broken: 'age <' }),
    legacyDataset('legacy-faces', 'faces', [8, 2, 2], {}),
  ]);
  await expect(page.getByRole('row', { name: /^Dataset faces/ })).toBeVisible();
  await expectNoWiderThanViewport(page);

  const form = page.getByRole('form', { name: 'Generate a dataset' });
  const generate = form.getByRole('button', { name: 'Generate dataset' });
  await form.getByRole('button', { name: 'Tiny (for trying things)' }).click();
  await expect(generate).toBeEnabled();
  const field = (label: string) => form.getByLabel(label, { exact: true });

  await field('Age maximum').fill('100000');
  await expect(field('Age maximum')).toHaveAccessibleDescription(
    'Age must lie between 0 and 100 years (a human lifespan: the age directions of the face model mean nothing beyond it), got 25..100000.',
  );
  await field('Rotation y maximum').fill('1e9');
  await expect(field('Rotation y maximum')).toHaveAccessibleDescription(
    'Rotation y (yr) must stay within ±180° (one full turn: a turn beyond it repeats a view already in the range), got -30..1000000000.',
  );
  await form.getByText('Shape and texture coefficients').click(); // folded: most datasets keep them
  await field('Shape coefficient SD').fill('1e308');
  await expect(field('Shape coefficient SD')).toHaveAccessibleDescription(
    /^Shape SD must be between 0 and 5 \(.*\), got 1e\+308\.$/,
  );
  await field('Translation z maximum').fill('5000');
  await expect(field('Translation z maximum')).toHaveAccessibleDescription(
    /^Translation z must keep the face 220 to 880 mm in front of the camera: .*z from -480 to 180 mm, got -100\.\.5000/,
  );
  await field('Name').fill('faces');
  await expect(field('Name')).toHaveAccessibleDescription(
    "There is already a dataset called 'faces': choose another name, e.g. 'faces (2)'.",
  );
  await field('Name').fill('n'.repeat(10_000));
  await expect(field('Name')).toHaveAccessibleDescription(
    'A dataset name has at most 80 characters (this one has 10000): it is shown in lists, legends and file names.',
  );
  await expect(generate).toBeDisabled();
  await expectNoWiderThanViewport(page);

  // A 300-character name shown in the list (stored before the limit) is cut, whole in its title.
  await storeDatasets(page, [legacyDataset('legacy-300', 'm'.repeat(300), [8, 2, 2], {})]);
  await expect(page.getByTitle('m'.repeat(300))).toBeVisible();
  await expectNoWiderThanViewport(page);

  // A saved split that cannot be read says so instead of "Reading the table…" for ever.
  const legacy = page.getByRole('row', { name: `Dataset ${LEGACY_NAME}` });
  await legacy.getByText('Split and export').click();
  await expect(legacy.getByRole('alert')).toContainText(
    'The table cannot be read: The number of training identities must be a whole number of 0 or more, got -5.',
  );
  await expect(legacy.getByRole('list', { name: 'Saved queries' })).toContainText('Cannot be used:');
  // Saving that split again is refused with the rule imports use.
  await legacy.getByRole('button', { name: 'Save split' }).click();
  await expect(legacy.getByRole('alert').first()).toBeVisible();
  await expect(legacy.getByText(/A split needs at least 1 training identity/)).toBeVisible();
  await expectNoWiderThanViewport(page);
});

test('the Train form refuses meaningless values with the reason next to each field', async ({ page }) => {
  await page.goto('/#/train');
  await storeDatasets(page, [legacyDataset('legacy-long', LEGACY_NAME, [8, 2, 2], {})]);
  const form = page.getByRole('form', { name: 'Train a network' });
  await expect(form.getByLabel('Dataset')).toHaveValue('legacy-long');
  const start = form.getByRole('button', { name: 'Start training' });
  const field = (label: string) => form.getByLabel(label, { exact: true });

  await field('Learning rate').fill('1e9');
  await expect(field('Learning rate')).toHaveAccessibleDescription(
    'The learning rate must be at most 1, got 1000000000: Adam moves every weight by about the learning rate each step, so above 1 the weights jump past any minimum and the loss diverges (0.001 is the usual start).',
  );
  await field('Epochs').fill('1e9');
  await expect(field('Epochs')).toHaveAccessibleDescription(
    /^Epochs must be a whole number from 1 to 1000, got 1000000000: /,
  );
  // Folded with the options most runs keep.
  await form.getByText('Batch-norm momentum, early stop').click();
  await form.getByLabel('Early stop metric', { exact: false }).fill('foo');
  await expect(form.getByLabel('Early stop metric', { exact: false })).toHaveAccessibleDescription(
    "Early stop metric 'foo' is not one this run reports: choose one of val_loss, val_id_acc, loss, id_acc (empty: no early stop).",
  );
  await field('Run name').fill('r'.repeat(10_000));
  await expect(field('Run name')).toHaveAccessibleDescription(
    'A run name has at most 80 characters (this one has 10000): it is shown in lists, legends and file names.',
  );
  await expect(start).toBeDisabled();
  await expectNoWiderThanViewport(page);
});
