export { ApiError, apiErrorOf } from './api-error';
export { call, download, get, request, withQuery } from './http';
export type { Query, RequestOptions } from './http';
export { errorText, fieldText, fieldTexts } from './error-text';
export { siteInfo, useSiteTimeZone } from './site-zone';
