import type { zh } from './zh';

export const en: typeof zh = {
  app: { title: 'Service Hall Live Monitor' },
  wall: {
    waiting: 'Waiting now',
    served: 'Served today',
    people: '',
    updated: 'updated {{age}} s ago',
    connecting: 'Connecting…',
    stale: 'Data interrupted: nothing received since {{since}}',
    language: '中文',
  },
};
