import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const API_DOCUMENT_PATH = '/api/docs-json';

export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Hallwatch API')
    .setDescription(
      'Devices post events with a device key (Bearer hwk_…, optionally signed with X-Hallwatch-Signature); people sign in at ' +
        '/api/v1/auth/login (session cookie, or Bearer hws_…); wall TVs use display tokens (hwd_…).',
    )
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth('hw_session')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** The OpenAPI document as JSON only (no UI, whose inline scripts the CSP would block). */
export function serveApiDocument(app: INestApplication): void {
  SwaggerModule.setup(API_DOCUMENT_PATH.replace(/-json$/, ''), app, () => buildApiDocument(app), { ui: false, raw: ['json'] });
}
