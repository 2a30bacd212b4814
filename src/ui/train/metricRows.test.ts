import { describe, expect, it } from 'vitest';
import { metricRows } from './metricRows';

describe('metricRows', () => {
  it('puts the total loss first, then one row per target with its loss before its metric', () => {
    expect(metricRows(['yr_mae', 'id_acc', 'loss', 'yr_loss', 'id_loss'])).toEqual([
      ['loss'],
      ['id_loss', 'id_acc'],
      ['yr_loss', 'yr_mae'],
    ]);
  });

  it('keeps targets whose names hold underscores together, and a lone metric as its own row', () => {
    expect(metricRows(['light_x_loss', 'light_x_r2', 'acc'])).toEqual([['acc'], ['light_x_loss', 'light_x_r2']]);
    expect(metricRows([])).toEqual([]);
  });
});
