import { LiveHandshakeAuth } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Site } from '../../modules/registry/site.entity';

export interface LivePrincipal {
  site: Site;
}

// The seam where the Accounts work plugs in sessions and display tokens. Until then a
// client names its site; the site must exist.
@Injectable()
export class LiveAuthenticator {
  constructor(private readonly ds: DataSource) {}

  async authenticate(auth: LiveHandshakeAuth | undefined): Promise<LivePrincipal | null> {
    const code = typeof auth?.site === 'string' ? auth.site : null;
    if (!code) return null;
    const site = await this.ds.getRepository(Site).findOneBy({ code });
    return site ? { site } : null;
  }
}
