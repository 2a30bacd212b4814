import { describe, expect, it } from 'vitest';
import { ExpressionError } from './actionUnits';
import { EMOTION_PROTOTYPES, EMOTIONS, emotionActionUnits } from './emotions';

/** DESIGN.md section 3, written out independently of the table under test. */
const DESIGN_AUS: Record<string, number[]> = {
  happy: [6, 12],
  sad: [1, 4, 15],
  surprise: [1, 2, 5, 26],
  fear: [1, 2, 4, 5, 7, 20, 26],
  anger: [4, 5, 7, 23],
  disgust: [9, 15, 16],
  neutral: [],
};

describe('emotion prototypes', () => {
  it('list the seven emotions', () => {
    expect([...EMOTIONS].sort()).toEqual(Object.keys(DESIGN_AUS).sort());
  });

  it.each(EMOTIONS)('%s uses exactly the design AUs, with amplitudes in (0, 1]', (emotion) => {
    const prototype = EMOTION_PROTOTYPES[emotion];
    expect(new Set(Object.keys(prototype))).toEqual(new Set((DESIGN_AUS[emotion] ?? []).map((n) => `AU${n}`)));
    for (const amplitude of Object.values(prototype)) {
      expect(amplitude).toBeGreaterThan(0);
      expect(amplitude).toBeLessThanOrEqual(1);
    }
  });

  it('scales by intensity and validates it', () => {
    expect(emotionActionUnits('happy', 0.5)).toEqual({ AU6: 0.4, AU12: 0.5 });
    expect(emotionActionUnits('sad')).toEqual(EMOTION_PROTOTYPES.sad);
    expect(emotionActionUnits('neutral')).toEqual({});
    expect(() => emotionActionUnits('anger', 2)).toThrow(ExpressionError);
  });
});
