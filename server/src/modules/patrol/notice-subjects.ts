import type { NoticeSource, PatrolNoticeDocumentView } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PatrolNotice } from './entities/patrol-notice.entity';

/** What a notice's printed form says of a finding that is not a patrol round's. */
export interface NoticeSubjectDocument {
  addressee: PatrolNoticeDocumentView['department'];
  facts: PatrolNoticeDocumentView['facts'];
}

export interface NoticeSubjectReader {
  document(em: EntityManager, notice: PatrolNotice, photoUrl: string): Promise<NoticeSubjectDocument>;
  photo(em: EntityManager, notice: PatrolNotice): Promise<{ type: string; bytes: Buffer } | null>;
}

/**
 * Readers of the findings other features send notices about (a visit's, to a town centre):
 * they register here, so the one notice machinery (number, deadline jobs, reply, acceptance,
 * printed form) serves them without patrol knowing those features.
 */
@Injectable()
export class NoticeSubjects {
  private readonly readers = new Map<NoticeSource, NoticeSubjectReader>();

  register(source: Exclude<NoticeSource, 'patrol'>, reader: NoticeSubjectReader): void {
    this.readers.set(source, reader);
  }

  readerOf(notice: PatrolNotice): NoticeSubjectReader | null {
    return notice.source === 'patrol' ? null : (this.readers.get(notice.source) ?? null);
  }
}
