/** Content-Disposition for a Chinese file name, with an ASCII fallback for old clients. */
export const attachment = (name: string, fallback: string): string =>
  `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
