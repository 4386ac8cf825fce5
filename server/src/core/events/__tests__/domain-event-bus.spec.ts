import { Injectable, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig } from '../../config/app-config';
import { DomainEventBus, RelayedEvents } from '../domain-event-bus';
import type { DomainEventMeta } from '../domain-event-bus';
import { DomainEventsModule } from '../events.module';
import { domainEventHandler } from '../on-domain-event';

interface Events {
  'thing.committing': { log: string[] };
  'thing.done': { log: string[] };
}

@Injectable()
class Late {
  @domainEventHandler('thing.committing', { order: 100 })
  async last({ log }: { log: string[] }): Promise<void> {
    log.push('late');
  }
}

@Injectable()
class Early {
  fail = false;

  @domainEventHandler('thing.committing')
  async first({ log }: { log: string[] }): Promise<void> {
    await new Promise((r) => setTimeout(r, 5));
    if (this.fail) throw new Error('refused');
    log.push('early');
  }

  @domainEventHandler('thing.done')
  done({ log }: { log: string[] }, meta: DomainEventMeta): void {
    log.push(`early:${meta.remote}`);
    throw new Error('broken handler');
  }
}

@Injectable()
class Other {
  @domainEventHandler('thing.done')
  async done({ log }: { log: string[] }): Promise<void> {
    log.push('other');
    throw new Error('broken later');
  }
}

describe('DomainEventBus', () => {
  async function bus() {
    const moduleRef = await Test.createTestingModule({
      imports: [DomainEventsModule.forRoot([])],
      providers: [Other, Late, Early],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    return { events: moduleRef.get<DomainEventBus<Events>>(DomainEventBus), early: moduleRef.get(Early), close: () => moduleRef.close() };
  }

  it('awaits in-order handlers one after another, by their order', async () => {
    const { events, close } = await bus();
    const log: string[] = [];
    await events.emitInOrder('thing.committing', { log });
    expect(log).toEqual(['early', 'late']);
    await close();
  });

  it('stops at a failing in-order handler and hands its error to the emitter', async () => {
    const { events, early, close } = await bus();
    early.fail = true;
    const log: string[] = [];
    await expect(events.emitInOrder('thing.committing', { log })).rejects.toThrow('refused');
    expect(log).toEqual([]);
    await close();
  });

  it('calls every handler of an emitted event though one throws and another rejects', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { events, close } = await bus();
    const log: string[] = [];
    expect(() => events.emit('thing.done', { log })).not.toThrow();
    await new Promise((r) => setImmediate(r));
    expect(log.sort()).toEqual(['early:false', 'other']);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
    await close();
  });

  it('delivers an event nobody handles to nobody', async () => {
    const { events, close } = await bus();
    await expect(events.emitInOrder('thing.unknown' as 'thing.done', { log: [] })).resolves.toBeUndefined();
    await close();
  });

  describe('standalone (a process without the modules)', () => {
    it('runs the handlers of the objects it was given, by their order', async () => {
      const events = DomainEventBus.standalone<Events>(new RelayedEvents(new Set()), [new Late(), new Early()]);
      const log: string[] = [];
      await events.emitInOrder('thing.committing', { log });
      expect(log).toEqual(['early', 'late']);
      expect(await events.settle()).toBe(true);
      await events.close();
    });

    it('says a relayed event did not get through when Redis cannot be reached, and still delivers it here', async () => {
      const config = Object.assign(new AppConfig(), { REDIS_URL: 'redis://127.0.0.1:1', REDIS_PREFIX: 'hwt_unit' });
      const quiet = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const events = DomainEventBus.standalone<Events>(new RelayedEvents(new Set(['thing.done'])), [new Other()], config);
      const log: string[] = [];
      events.emit('thing.done', { log });
      expect(log).toEqual(['other']);
      expect(await events.settle(5_000)).toBe(false);
      await events.close();
      quiet.mockRestore();
    });
  });
});
