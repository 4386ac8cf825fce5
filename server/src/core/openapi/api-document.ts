import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { errorResponse } from './api-errors';
import { dtoSchemas } from './dto-schemas';
import { LIVE_ASYNCAPI_PATH, liveAsyncApi } from './live-asyncapi';
import { declareRouteResponses } from './route-responses';
import { declaredSchemas } from './shared-schema';
import SHARED_SCHEMAS from './shared-schemas.json';

export const API_UI_PATH = '/api/docs';
export const API_DOCUMENT_PATH = '/api/docs-json';

type Schemas = Record<string, unknown>;

/** The shared schemas a document refers to, followed through their own references. */
function referencedShared(doc: object): Schemas {
  const all = { ...(SHARED_SCHEMAS as Schemas), ...declaredSchemas() };
  const out: Schemas = {};
  const pending = [JSON.stringify(doc)];
  while (pending.length) {
    for (const [, name] of pending.pop()!.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (out[name] || !all[name]) continue;
      out[name] = all[name];
      pending.push(JSON.stringify(all[name]));
    }
  }
  return out;
}

/** A DTO class without OpenAPI decorators is given the schema of its validation rules. */
function isEmpty(schema: unknown): boolean {
  const s = schema as { properties?: object; allOf?: unknown; oneOf?: unknown };
  return !s.allOf && !s.oneOf && (!s.properties || Object.keys(s.properties).length === 0);
}

export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Hallwatch API')
    .setDescription(
      'Devices post events with a device key (Bearer hwk_…, optionally signed with X-Hallwatch-Signature); people sign in at ' +
        '/api/v1/auth/login (session cookie, or Bearer hws_…); wall TVs use display tokens (hwd_…). Every refusal has the shape ' +
        'ApiErrorBody (docs/api-errors.md). The live socket `/live` is described in docs/contracts/live-socket.md and, as ' +
        `AsyncAPI, at ${LIVE_ASYNCAPI_PATH}.`,
    )
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth('hw_session')
    .addGlobalResponse(errorResponse(503))
    .build();
  declareRouteResponses(app);
  const doc = SwaggerModule.createDocument(app, config);
  const schemas = (doc.components!.schemas ??= {}) as Schemas;
  const fromRules = dtoSchemas();
  for (const [name, schema] of Object.entries(schemas)) if (isEmpty(schema) && fromRules[name]) schemas[name] = fromRules[name];
  Object.assign(schemas, referencedShared(doc), { ...schemas });
  return doc;
}

/**
 * Swagger UI at /api/docs and the document at /api/docs-json. The UI's files are served from
 * swagger-ui-dist by the server itself (no CDN), and its start script is a file of its own, so
 * the Content-Security-Policy of every other page (script-src 'self') holds here too.
 */
export function serveApiDocument(app: INestApplication): void {
  let doc: OpenAPIObject | undefined;
  SwaggerModule.setup(API_UI_PATH, app, () => (doc ??= buildApiDocument(app)), {
    jsonDocumentUrl: API_DOCUMENT_PATH,
    raw: ['json'],
    customSiteTitle: 'Hallwatch API',
    swaggerOptions: { validatorUrl: null, docExpansion: 'list', defaultModelsExpandDepth: 0, tryItOutEnabled: false },
  });
  let live: object | undefined;
  app.getHttpAdapter().get(LIVE_ASYNCAPI_PATH, (_req: unknown, res: { json(body: unknown): void }) => {
    live ??= (() => {
      const draft = liveAsyncApi({});
      return liveAsyncApi(referencedShared(draft));
    })();
    res.json(live);
  });
}
