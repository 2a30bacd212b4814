import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

/**
 * Issue 15 §1: the guided first experiment end to end at a tiny size — set up from Explore's
 * first-visit panel, then generate, split, train, analyse and open Results, each step opening
 * its own tab as it starts; a reload mid-way continues the flow.
 */
test('the guided first experiment runs every step in its tab, survives a reload and ends on the results', async ({
  page,
}) => {
  test.setTimeout(480_000);
  // Every tab the page shows, in order, kept across the reload: a step may be over before a
  // poll of the URL sees its tab (a tiny analysis takes about a second).
  await page.addInitScript(() => {
    const record = () => {
      const seen = JSON.parse(sessionStorage.getItem('e2e-tabs') ?? '[]') as string[];
      if (seen.at(-1) !== location.hash) seen.push(location.hash);
      sessionStorage.setItem('e2e-tabs', JSON.stringify(seen));
    };
    record();
    addEventListener('hashchange', record);
  });
  await page.goto('/');
  const panel = page.getByRole('region', { name: 'Start here: a first experiment' });
  await expect(panel).toBeVisible();
  const form = panel.getByRole('form', { name: 'Set up the first experiment' });
  // Every choice is explained in a sentence and checked against its range.
  await form.getByLabel('Identities').fill('8');
  await expect(form.getByLabel('Identities')).toHaveAccessibleDescription(/from 16 to 400/);
  await expect(form.getByRole('button', { name: 'Start the first experiment' })).toBeDisabled();
  await form.getByLabel('Identities').fill('16');
  await expect(form.getByLabel('Identities')).toHaveAccessibleDescription(
    'Different people: 8 train the network, 4 validate it, 4 are decoded.',
  );
  // Before any measurement, training and analysis say so rather than guess.
  const estimate = form.getByLabel('First experiment estimate');
  await expect(estimate.getByRole('listitem').nth(1)).toContainText(
    /Training ResNet-6 for 8 epochs over 96 images: not measured/,
  );
  // Sized to this machine: a few faces rendered and a few training steps timed at these settings,
  // the identities fitted to a few minutes for the whole flow.
  await form.getByRole('button', { name: 'Size to this machine' }).click();
  await expect(form.getByRole('button', { name: 'Size to this machine' })).toBeEnabled({ timeout: 120_000 });
  await expect(estimate.getByRole('listitem').first()).toContainText('from 1 measurement here at 64 px');
  await expect(estimate.getByRole('listitem').nth(1)).toContainText(
    /about .+ \(a probe of bare steps here, ResNet6 at 64 px, batch 16, (wasm|webgpu|webgl|cpu)\)/,
  );
  const sized = Number(await form.getByLabel('Identities').inputValue());
  expect(sized % 4).toBe(0);
  expect(sized).toBeGreaterThanOrEqual(16);
  // Tiny for this test.
  await form.getByLabel('Identities').fill('16');
  await form.getByLabel('Variations per identity').fill('4');
  await form.getByLabel('Resolution').fill('32');
  await form.getByLabel('Epochs').fill('1');
  await expect(form.getByLabel('First experiment estimate')).toContainText('64 images');
  await form.getByRole('button', { name: 'Start the first experiment' }).click();

  // Generation: in the Dataset tab, as the ordinary job.
  await expect(page).toHaveURL(/#\/dataset$/);
  await expect(page.getByRole('row', { name: /^Dataset first experiment/ })).toBeVisible({ timeout: 60_000 });
  // Then training, in the Train tab; a reload there changes nothing about the flow.
  await expect(page).toHaveURL(/#\/train$/, { timeout: 240_000 });
  await expect(page.getByRole('row', { name: 'Dataset first experiment' })).toHaveCount(0); // the Dataset tab is left
  await page.reload();
  await expect(page).toHaveURL(/#\/(train|analyze|results)$/);
  // The analysis, in the Analyze tab, then the Results.
  await expect(page).toHaveURL(/#\/results$/, { timeout: 300_000 });
  const tabs = await page.evaluate(() => JSON.parse(sessionStorage.getItem('e2e-tabs') ?? '[]') as string[]);
  const order = ['#/dataset', '#/train', '#/analyze', '#/results'];
  expect(tabs.filter((tab) => order.includes(tab)).filter((tab, i, all) => tab !== all[i - 1])).toEqual(order);
  await expect(page.getByRole('figure', { name: 'Layerwise decoding' })).toBeVisible({ timeout: 60_000 });
  // What a researcher sees at the end (an artifact, next to a11y.spec.ts's empty-tab screenshots).
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({
    path: join(test.info().project.outputDir, 'screenshots', 'results-first-experiment-1280x800.png'),
  });

  // The Results tab with real charts passes axe too (a11y.spec.ts checks the tabs without data).
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);

  // Every step done, in the header's dialog; each made an ordinary, stored item.
  await page.getByRole('button', { name: 'First experiment', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'A first experiment' });
  const steps = dialog.getByRole('region', { name: 'Guided first experiment' }).getByRole('listitem');
  await expect(steps).toHaveCount(5);
  for (const step of await steps.all()) await expect(step).toContainText('✓ done');
  await dialog.getByRole('button', { name: 'Close the guided experiment' }).click();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await page.goto('/#/train');
  await expect(page.getByRole('row', { name: 'Run first experiment run' })).toContainText('complete');
});
