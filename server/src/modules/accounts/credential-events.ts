import { Injectable } from '@nestjs/common';

export type RevokedCredential = { kind: 'session' | 'display'; id: string };
type Listener = (revoked: RevokedCredential[]) => void;

/**
 * Tells the live gateway which sessions and display tokens just ended, so their sockets are
 * closed at once on every instance. Revocations made elsewhere (the CLI) are caught by the
 * gateway's periodic sweep instead.
 */
@Injectable()
export class CredentialEvents {
  private readonly listeners: Listener[] = [];

  onRevoked(listener: Listener): void {
    this.listeners.push(listener);
  }

  revoked(list: RevokedCredential[]): void {
    if (!list.length) return;
    for (const l of this.listeners) l(list);
  }
}
