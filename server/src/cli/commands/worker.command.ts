import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../../core/config/app-config';
import { boundStop } from '../../core/startup/bounded-stop';
import { Clock } from '../../core/time/clock';
import { WorkerModule } from '../../worker.module';
import { CliCommand, parseArgs } from './command';

/**
 * Runs the BullMQ workers as their own process. Run the servers with RUN_WORKERS=false when
 * workers run this way; any number of worker processes may run side by side.
 */
export const workerCommand: CliCommand = {
  name: 'worker',
  usage: 'worker [--clock-offset-ms <ms>]',
  summary: 'run the BullMQ workers (patrol rounds, notices, follow-ups, look-back) without the HTTP server',
  async run(config: AppConfig, args: string[]) {
    const opts = parseArgs(args);
    const workerConfig = Object.assign(new AppConfig(), config, { RUN_WORKERS: true });
    const clock = new Clock(workerConfig);
    // Drills and tests run the hall at another hour; the offset is from the real clock, so time still passes.
    if (opts['clock-offset-ms']) {
      const offset = Number(opts['clock-offset-ms']);
      if (!Number.isFinite(offset)) throw new Error('--clock-offset-ms must be a number of milliseconds');
      clock.setNow(new Date(Date.now() + offset));
    }
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(workerConfig, clock), { bufferLogs: true });
    app.useLogger(app.get(Logger));
    console.log('Hallwatch worker running; stop with Ctrl-C');
    // A job that will not end must not keep the process past the orchestrator's grace.
    boundStop(workerConfig.SHUTDOWN_GRACE_MS, null);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    // Closing lets the workers finish their current jobs and release their locks before the process ends.
    await app.close();
    return 0;
  },
};
