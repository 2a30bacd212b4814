import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { LAYERS, synthetic } from '../../../test/support/analysisExportFixture';
import { openWorkbenchDb, putRecord, putRecords, putTypedArray, type WorkbenchDb } from '../../lib/storage';
import { analysisKeys } from '../analyze/records';
import { SPLIT_NAMES } from '../dataset/splits';
import { type AnalysisExportData, loadAnalysisExport } from './exportData';

describe('loadAnalysisExport (IndexedDB)', () => {
  let db: WorkbenchDb | undefined;
  afterEach(() => {
    db?.close();
    db = undefined;
  });

  async function stored(data: AnalysisExportData): Promise<WorkbenchDb> {
    const opened = await openWorkbenchDb({ name: 'analysis-export', factory: new IDBFactory() });
    db = opened;
    const { id } = data.record;
    await putRecord(opened, 'results', data.record);
    for (const [layer, { mu, W }] of data.pca) {
      await putTypedArray(opened, { key: analysisKeys.mu(id, layer), owner: id, array: mu });
      await putTypedArray(opened, { key: analysisKeys.components(id, layer), owner: id, array: W });
    }
    for (const split of SPLIT_NAMES) {
      for (const [layer, a] of data.splits[split].activations)
        await putTypedArray(opened, { key: analysisKeys.activations(id, split, layer), owner: id, array: a });
    }
    await putRecords(opened, 'activations', [...SPLIT_NAMES.map((s) => data.splits[s].factors), ...data.predictions]);
    return opened;
  }

  it('loads back every array and record that the analysis stored', async () => {
    const data = synthetic();
    const loaded = await loadAnalysisExport(await stored(data), 'a1');
    expect(loaded).toEqual(data);
    expect([...loaded.pca.keys()]).toEqual(LAYERS.map((l) => l.name));
    expect(loaded.predictions.map((p) => p.layer)).toEqual(LAYERS.map((l) => l.name));
  });

  it('refuses clearly: a missing array, an unfinished analysis, an unknown id', async () => {
    const data = synthetic();
    data.splits.validation.activations.delete('layer03_conv');
    const incomplete = synthetic();
    incomplete.record = { ...incomplete.record, id: 'a2', status: 'running', stage: 'decode' };
    const opened = await stored(data);
    await putRecord(opened, 'results', incomplete.record);
    await expect(loadAnalysisExport(opened, 'a1')).rejects.toMatchObject({
      code: 'ANALYSIS_EXPORT_MISSING',
      message: expect.stringContaining('validation activations of layer03_conv') as unknown,
    });
    await expect(loadAnalysisExport(opened, 'a2')).rejects.toMatchObject({
      code: 'ANALYSIS_NOT_COMPLETE',
      message: expect.stringContaining('not complete') as unknown,
    });
    await expect(loadAnalysisExport(opened, 'nope')).rejects.toMatchObject({ code: 'ANALYSIS_MISSING' });
  });
});
