import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, loadPreferences, savePreferences } from './preferences';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

describe('preferences', () => {
  it('round-trips every field, the theme included', () => {
    const storage = memoryStorage();
    savePreferences({ backend: 'wasm', renderer: 'webgpu', theme: 'dark' }, storage);
    expect(loadPreferences(storage)).toEqual({ backend: 'wasm', renderer: 'webgpu', theme: 'dark' });
  });

  it('falls back per field: preferences saved before themes existed, and unknown values', () => {
    const storage = memoryStorage();
    storage.setItem('gmf-workbench:preferences', JSON.stringify({ backend: 'cpu', renderer: 'webgl' }));
    expect(loadPreferences(storage)).toEqual({ backend: 'cpu', renderer: 'webgl', theme: 'system' });
    storage.setItem('gmf-workbench:preferences', JSON.stringify({ backend: 'x', renderer: 'y', theme: 'sepia' }));
    expect(loadPreferences(storage)).toEqual(DEFAULT_PREFERENCES);
    storage.setItem('gmf-workbench:preferences', '{not json');
    expect(loadPreferences(storage)).toEqual(DEFAULT_PREFERENCES);
  });
});
