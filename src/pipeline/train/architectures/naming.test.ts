import { describe, expect, it } from 'vitest';
import { ANALYSED_OPERATIONS, isAnalysedOperation, layerName, parseLayerName } from './naming';

describe('layer names', () => {
  it('pads the depth to two digits and appends an optional suffix', () => {
    expect(layerName(0, 'input')).toBe('layer00_input');
    expect(layerName(7, 'softmax', 'id')).toBe('layer07_softmax_id');
    expect(layerName(35, 'linear')).toBe('layer35_linear');
    expect(layerName(101, 'conv')).toBe('layer101_conv');
  });

  it('parses what it writes, and nothing outside the scheme', () => {
    expect(parseLayerName('layer06_globalpool')).toEqual({ depth: 6, operation: 'globalpool' });
    expect(parseLayerName('layer00_input_left')).toEqual({ depth: 0, operation: 'input', suffix: 'left' });
    expect(parseLayerName('layer07_linear_shape')).toEqual({ depth: 7, operation: 'linear', suffix: 'shape' });
    for (const bad of ['conv2d_1', 'layer2_block-1_conv', 'layerXX_conv', 'layer03_pool', 'layer03_']) {
      expect(parseLayerName(bad)).toBeNull();
    }
  });

  it('analyses input, conv, globalpool and heads, never shortcut convs', () => {
    expect([...ANALYSED_OPERATIONS].sort()).toEqual(['conv', 'globalpool', 'input', 'linear', 'softmax']);
    expect(isAnalysedOperation('shortcut')).toBe(false);
    expect(isAnalysedOperation('bn')).toBe(false);
  });
});
