import type { AbsenceEntryView, AbsenceListView } from '@hallwatch/shared';
import type { RegisterAction } from './hall-simulation';

// The hall's clerks at the outing and leave register (外出报备 / 请销假), played through the
// public API like the devices: one supervisor files, another decides, each under their own
// session. A filing the server already holds (a restarted demo replaying the day) is found again
// rather than filed twice.

export interface Clerk {
  username: string;
  password: string;
}

export interface RegisterClerks {
  /** Files the entries (综合科). */
  filer: Clerk;
  /** Decides them: never the one who filed (督查室). */
  approver: Clerk;
}

export interface RegisterTotals {
  filed: number;
  approved: number;
  rejected: number;
  failed: number;
}

const FAILURES_SHOWN = 5;

export class RegisterClient {
  readonly totals: RegisterTotals = { filed: 0, approved: 0, rejected: 0, failed: 0 };
  private readonly ids = new Map<string, string>();
  private readonly tokens = new Map<string, string>();
  private readonly base: string;

  constructor(private readonly o: { url: string; site: string; clerks: RegisterClerks; log: (line: string) => void }) {
    this.base = o.url.replace(/\/+$/, '');
  }

  async perform(actions: readonly RegisterAction[]): Promise<void> {
    for (const a of actions) {
      try {
        if (a.act === 'file') await this.file(a);
        else await this.decide(a);
      } catch (err) {
        this.fail(`${a.act} ${a.key}: ${(err as Error).message}`);
      }
    }
  }

  private async file(a: Extract<RegisterAction, { act: 'file' }>): Promise<void> {
    const res = await this.call(this.o.clerks.filer, 'POST', '', a.filing);
    if (res.status === 201) {
      this.ids.set(a.key, (res.body as AbsenceEntryView).id);
      this.totals.filed++;
      return;
    }
    if (res.status === 409) {
      // Filed by an earlier run of the same day: carry on with that entry.
      const list = await this.call(this.o.clerks.filer, 'GET', `?day=${a.filing.from.slice(0, 10)}`);
      const same = (list.body as AbsenceListView).entries?.find(
        (e) => e.staff === a.filing.staff && e.kind === a.filing.kind && Date.parse(e.from) === Date.parse(a.filing.from),
      );
      if (same) return void this.ids.set(a.key, same.id);
    }
    this.fail(`filing ${a.key}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
  }

  private async decide(a: Extract<RegisterAction, { act: 'decide' }>): Promise<void> {
    const id = this.ids.get(a.key);
    if (!id) return;
    const res = await this.call(this.o.clerks.approver, 'POST', `/${id}/decision`, {
      decision: a.decision,
      ...(a.note ? { note: a.note } : {}),
    });
    if (res.status === 200) this.totals[a.decision]++;
    // Decided by an earlier run: nothing left to do.
    else if (res.status !== 409) this.fail(`deciding ${a.key}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
  }

  private async call(clerk: Clerk, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.token(clerk);
      const res = await fetch(`${this.base}/api/v1/admin/sites/${encodeURIComponent(this.o.site)}/absences${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      // A session that ended (the demo restarted and reset the clerks' passwords): sign in again once.
      if (res.status === 401 && attempt === 0) {
        this.tokens.delete(clerk.username);
        continue;
      }
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : {} };
    }
  }

  private async token(clerk: Clerk): Promise<string> {
    const known = this.tokens.get(clerk.username);
    if (known) return known;
    const res = await fetch(`${this.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: clerk.username, password: clerk.password, bearer: true }),
    });
    const body = (await res.json()) as { token?: string; message?: string };
    if (!res.ok || !body.token) throw new Error(`sign-in of ${clerk.username} failed: ${res.status} ${body.message ?? ''}`);
    this.tokens.set(clerk.username, body.token);
    return body.token;
  }

  private fail(line: string): void {
    if (++this.totals.failed <= FAILURES_SHOWN) this.o.log(`Register: ${line}`);
  }
}
