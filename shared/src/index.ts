export * from './events';
export * from './event-validation';
export * from './indicators';
export * from './live';
export * from './roles';
export * from './queues';
