/** Basic emotions as action-unit prototypes (DESIGN.md section 3); amplitudes are hand-set. */
import type { ActionUnitAmplitudes } from './actionUnits';
import { ExpressionError } from './contours';

export const EMOTIONS = ['happy', 'surprise', 'fear', 'disgust', 'anger', 'sad', 'neutral'] as const;
export type Emotion = (typeof EMOTIONS)[number];

export const EMOTION_PROTOTYPES: Readonly<Record<Emotion, Readonly<ActionUnitAmplitudes>>> = {
  happy: { AU6: 0.8, AU12: 1 },
  sad: { AU1: 0.8, AU4: 0.5, AU15: 0.8 },
  surprise: { AU1: 1, AU2: 1, AU5: 0.8, AU26: 0.8 },
  fear: { AU1: 1, AU2: 0.6, AU4: 0.6, AU5: 1, AU7: 0.5, AU20: 0.8, AU26: 0.5 },
  anger: { AU4: 1, AU5: 0.6, AU7: 0.8, AU23: 0.8 },
  disgust: { AU9: 1, AU15: 0.6, AU16: 0.5 },
  neutral: {},
};

/** The emotion's prototype with every amplitude scaled by `intensity` in [0, 1]. */
export function emotionActionUnits(emotion: Emotion, intensity = 1): ActionUnitAmplitudes {
  if (!Number.isFinite(intensity) || intensity < 0 || intensity > 1) {
    throw new ExpressionError('EXPRESSION_INTENSITY', `Emotion intensity is ${intensity}; it runs from 0 to 1`);
  }
  const prototype: ActionUnitAmplitudes = EMOTION_PROTOTYPES[emotion];
  return Object.fromEntries(Object.entries(prototype).map(([au, amplitude]) => [au, amplitude * intensity]));
}
