import { expect, it } from 'vitest';
import { DEFAULT_FACE_STATE, identityOf } from './faceState';
import { renderItemOf, renderRequestFor } from './renderRequest';

it('asks for the face as the network view shows it; centreOnly drops the eyes of a binocular view', () => {
  const face = { ...DEFAULT_FACE_STATE, binocular: true, resolution: 64, renderScale: 2, backgroundIndex: 7 };
  const item = renderItemOf(face, identityOf(face, 4, 2));
  expect(item.background).toBe(7);
  expect(renderItemOf({ ...face, background: false }, item.identity).background).toBeNull();
  expect(renderRequestFor(face, [item])).toMatchObject({ width: 64, height: 64, renderScale: 2, binocular: true });
  expect(renderRequestFor(face, [item], { centreOnly: true }).binocular).toBe(false);
});
