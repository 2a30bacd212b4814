import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module (its gate is module state) and no marks left from another test. */
async function freshGate() {
  vi.resetModules();
  performance.clearMarks();
  return import('./startupGate');
}

const settled = async (promise: Promise<void>): Promise<boolean> => {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  // Long enough for an observer callback and the promise's reactions.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return done;
};

describe('startup gate', () => {
  afterEach(() => {
    vi.useRealTimers();
    performance.clearMarks();
  });

  it('is open when no page said it expects a face (another tab, tests, workers)', async () => {
    const gate = await freshGate();
    expect(await settled(gate.afterFirstFace())).toBe(true);
  });

  it('opening on Explore, holds deferred work until the first face is drawn', async () => {
    const gate = await freshGate();
    gate.expectFirstFace();
    const waiting = gate.afterFirstFace();
    expect(await settled(waiting)).toBe(false);
    gate.markFirstFaceDrawn();
    expect(await settled(waiting)).toBe(true);
    expect(performance.getEntriesByName(gate.FIRST_FACE_MARK, 'mark')).toHaveLength(1);
    // Drawn once: a second face (another model, another renderer) adds no mark.
    gate.markFirstFaceDrawn();
    expect(performance.getEntriesByName(gate.FIRST_FACE_MARK, 'mark')).toHaveLength(1);
  });

  it('opens after its longest wait when no face is ever drawn', async () => {
    const gate = await freshGate();
    vi.useFakeTimers();
    gate.expectFirstFace(5_000);
    let open = false;
    void gate.afterFirstFace().then(() => {
      open = true;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(open).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(open).toBe(true);
  });

  it('is open at once when the face was drawn before anyone asked', async () => {
    const gate = await freshGate();
    gate.markFirstFaceDrawn();
    gate.expectFirstFace();
    expect(await settled(gate.afterFirstFace())).toBe(true);
  });
});
