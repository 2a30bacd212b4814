/**
 * One call at a time: each call of the returned function starts once every earlier call has
 * settled (resolved or rejected), in the order they were made. For state that an async body
 * changes across its awaits (a shared 3D scene: a second render resumed between two of the
 * first's draws would draw its own face into the first's frames).
 */
export function serialized<A extends unknown[], R>(body: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let tail: Promise<unknown> = Promise.resolve();
  return (...args: A) => {
    const result = tail.then(() => body(...args));
    // A failed call does not hold up the next one; its caller sees the failure.
    tail = result.catch(() => undefined);
    return result;
  };
}
