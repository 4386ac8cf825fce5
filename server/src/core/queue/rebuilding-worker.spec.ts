import { Logger } from '@nestjs/common';
import { Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { RebuildingWorker } from './rebuilding-worker';

class Host extends RebuildingWorker {
  constructor(exists: () => Promise<boolean>, rebuild: () => Promise<unknown>) {
    super(
      { RUN_WORKERS: false } as AppConfig,
      { worker: {} as Worker },
      { sweepExists: exists },
      { rebuild },
      { context: 'test', holding: 'the test queue' },
    );
  }
}

describe('RebuildingWorker', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => (warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined)));
  afterEach(() => warn.mockRestore());

  it('leaves the queue alone while its scheduler is in Redis', async () => {
    const rebuild = jest.fn().mockResolvedValue(undefined);
    await expect(new Host(async () => true, rebuild).check()).resolves.toBe(false);
    expect(rebuild).not.toHaveBeenCalled();
  });

  it('rebuilds in the feature words when the scheduler is gone', async () => {
    const rebuild = jest.fn().mockResolvedValue(undefined);
    await expect(new Host(async () => false, rebuild).check()).resolves.toBe(true);
    expect(rebuild).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('the test queue is missing from Redis; rebuilding it from PostgreSQL');
  });

  it('answers false when Redis cannot be read, for the next check to try again', async () => {
    const rebuild = jest.fn();
    await expect(new Host(() => Promise.reject(new Error('down')), rebuild).check()).resolves.toBe(false);
    expect(rebuild).not.toHaveBeenCalled();
  });
});
