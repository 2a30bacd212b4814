import { describe, expect, it } from 'vitest';
import { serialized } from './serialize';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('serialized', () => {
  it('never interleaves two calls across their awaits, and keeps their order', async () => {
    // A shared "scene": each call sets it, awaits, then reads it back twice (as two eyes would).
    let scene = '';
    const render = async (face: string) => {
      scene = face;
      await tick();
      const left = scene;
      await tick();
      return [left, scene];
    };
    const raw = await Promise.all([render('A'), render('B')]);
    // Unserialised, A's frames show B (the failure this guards against).
    expect(raw[0]).toEqual(['B', 'B']);
    const safe = serialized(render);
    expect(await Promise.all([safe('A'), safe('B'), safe('C')])).toEqual([
      ['A', 'A'],
      ['B', 'B'],
      ['C', 'C'],
    ]);
  });

  it('lets a failed call reject for its caller without blocking the next', async () => {
    const calls: string[] = [];
    const run = serialized(async (x: string) => {
      calls.push(x);
      await tick();
      if (x === 'bad') throw new Error('GPU lost');
      return x;
    });
    const [bad, good] = await Promise.allSettled([run('bad'), run('good')]);
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('GPU lost') });
    expect(good).toEqual({ status: 'fulfilled', value: 'good' });
    expect(calls).toEqual(['bad', 'good']);
  });
});
