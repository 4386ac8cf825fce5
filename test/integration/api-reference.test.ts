import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_DOCUMENT_PATH, API_UI_PATH } from '../../server/src/core/openapi/api-document';
import { LIVE_ASYNCAPI_PATH } from '../../server/src/core/openapi/live-asyncapi';
import { ApiDoc, openApiPath, operationGaps } from '../support/api-walk';
import { routeTable, RouteEntry } from '../support/route-table';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(300_000);

// Every route Nest serves is in the API document with what a client needs to call it: its
// answer's schema, its body's schema, its path parameters and its refusals in the error shape.
// A new route without its decorators fails here (see core/openapi/shared-schema.ts for them).
describe('the API reference', () => {
  let t: TestApp;
  let doc: ApiDoc;
  let routes: RouteEntry[];

  beforeAll(async () => {
    // A dashboard build beside it, so that its page fallback is in play as in production.
    const dashboard = mkdtempSync(join(tmpdir(), 'hw-dash-'));
    writeFileSync(join(dashboard, 'index.html'), '<!doctype html><title>dashboard fallback</title>');
    t = await startTestApp({ DASHBOARD_DIR: dashboard });
    doc = (await (await fetch(t.url + API_DOCUMENT_PATH)).json()) as ApiDoc;
    routes = routeTable(t.app);
  });
  afterAll(() => t?.close());

  const key = (r: RouteEntry): string => `${r.method} ${r.path}`;
  /** Prometheus's scrape: text for a scraper, not an API (docs/operations.md). */
  const UNDOCUMENTED = new Set(['GET /metrics']);

  it('documents every route completely', () => {
    const gaps = routes
      .filter((r) => !UNDOCUMENTED.has(key(r)))
      .map((r) => [key(r), operationGaps(doc, r, r.takesBody)] as const)
      .filter(([, g]) => g.length > 0);
    expect(gaps.map(([k, g]) => `${k}: ${g.join('; ')}`)).toEqual([]);
  });

  it('has no operation Nest does not serve', () => {
    const served = new Set(routes.map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`));
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(documented.filter((op) => !served.has(op))).toEqual([]);
  });

  it('resolves every reference', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect([...new Set(refs)].filter((name) => !doc.components.schemas[name])).toEqual([]);
  });

  it('serves Swagger UI from its own files under a CSP that allows no inline script', async () => {
    const res = await fetch(t.url + API_UI_PATH);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('swagger-ui');
    expect(html).not.toContain('dashboard fallback');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
    const assets = [...html.matchAll(/(?:src|href)=["']([^"']+\.(?:js|css|png))["']/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      const got = await fetch(new URL(asset, `${t.url}${API_UI_PATH}/`));
      expect([asset, got.status]).toEqual([asset, 200]);
      expect(got.headers.get('content-type')).not.toContain('text/html');
    }
  });

  it('serves the live socket protocol as AsyncAPI beside it', async () => {
    const live = (await (await fetch(t.url + LIVE_ASYNCAPI_PATH)).json()) as {
      asyncapi: string;
      channels: { live: { address: string; messages: Record<string, unknown> } };
      components: { schemas: Record<string, unknown> };
    };
    expect(live.asyncapi).toBe('3.0.0');
    expect(live.channels.live.address).toBe('/live');
    expect(Object.keys(live.channels.live.messages).sort()).toEqual([
      'alert',
      'denied',
      'district',
      'error',
      'heartbeat',
      'snapshot',
      'update',
    ]);
    const refs = [...JSON.stringify(live).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect([...new Set(refs)].filter((name) => !live.components.schemas[name])).toEqual([]);
  });
});
