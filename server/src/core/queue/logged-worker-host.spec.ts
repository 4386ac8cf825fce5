import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from './logged-worker-host';

class Host extends LoggedWorkerHost {
  constructor(options?: { jobIds?: boolean }) {
    super('test', options);
  }

  async process(): Promise<unknown> {
    return null;
  }
}

describe('LoggedWorkerHost', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => (warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined)));
  afterEach(() => warn.mockRestore());

  it('logs a worker error once until a job completes again', () => {
    const host = new Host();
    host.onError(new Error('connect ECONNREFUSED'));
    host.onError(new Error('connect ECONNREFUSED'));
    host.onCompleted();
    host.onError(new Error('Connection is closed.'));
    expect(warn.mock.calls).toEqual([['worker: connect ECONNREFUSED'], ['worker: Connection is closed.']]);
  });

  it('names a failed job, with its id where the queue asks for it', () => {
    const job = { name: 'round-step', id: 'round.7.remind.1000' } as Job;
    new Host().onFailed(job, new Error('boom'));
    new Host({ jobIds: true }).onFailed(job, new Error('boom'));
    new Host().onFailed(undefined, new Error('lost'));
    expect(warn.mock.calls).toEqual([['round-step failed: boom'], ['round-step round.7.remind.1000 failed: boom'], ['job failed: lost']]);
  });
});
