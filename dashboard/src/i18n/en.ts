import type { zh } from './zh';

export const en: typeof zh = {
  app: { title: 'Service Hall Live Monitor' },
};
