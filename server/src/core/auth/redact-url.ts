// Query parameters that carry credentials (a wall's `?token=`) are masked before a URL is logged.
const SECRET_PARAM = /([?&](?:token|key|password|access_token)=)[^&#]*/gi;

export const redactUrl = (url: string): string => url.replace(SECRET_PARAM, '$1[redacted]');
