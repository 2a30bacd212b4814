import { describe, expect, it } from 'vitest';
import { GmfError } from '../errors';
import { JobCancelledError } from '../errors';
import { RemoteJobError, isClientMessage, isWorkerMessage, serializeError } from './protocol';

class NoFacesError extends GmfError {
  constructor() {
    super('NO_FACES', 'The dataset has no identities yet');
  }
}

describe('error serialisation', () => {
  it('keeps a GmfError code and name, maps other throws to JOB_FAILED', () => {
    expect(serializeError(new NoFacesError())).toEqual({
      name: 'NoFacesError',
      code: 'NO_FACES',
      message: 'The dataset has no identities yet',
    });
    expect(serializeError(new TypeError('x is undefined'))).toEqual({
      name: 'TypeError',
      code: 'JOB_FAILED',
      message: 'x is undefined',
    });
    expect(serializeError('just a string')).toEqual({ name: 'Error', code: 'JOB_FAILED', message: 'just a string' });
  });

  it('round-trips through structured clone into a RemoteJobError', () => {
    const error = new RemoteJobError(structuredClone(serializeError(new NoFacesError())));
    expect(error).toBeInstanceOf(GmfError);
    expect(error).toMatchObject({
      name: 'NoFacesError',
      code: 'NO_FACES',
      message: 'The dataset has no identities yet',
    });
    expect(new JobCancelledError()).toMatchObject({ name: 'JobCancelledError', code: 'JOB_CANCELLED' });
  });
});

describe('message guards', () => {
  it('tell our messages from others', () => {
    expect(isClientMessage({ type: 'start', id: 1, job: 'a', input: null })).toBe(true);
    expect(isClientMessage({ type: 'result', id: 1, output: 1 })).toBe(false);
    expect(isWorkerMessage({ type: 'result', id: 1, output: 1 })).toBe(true);
    expect(isWorkerMessage({ type: 'result', id: '1' })).toBe(false);
    expect(isWorkerMessage(null)).toBe(false);
    expect(isWorkerMessage('result')).toBe(false);
  });
});
