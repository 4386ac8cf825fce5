// One list of BullMQ queue names, shared by producers, processors and the worker process.
export enum QueueName {
  Maintenance = 'maintenance',
  Patrol = 'patrol',
  Rectification = 'rectification',
  FollowUps = 'follow-ups',
  Rollups = 'rollups',
  Notify = 'notify',
  Retention = 'retention',
  Reports = 'reports',
  AlertRouting = 'alert-routing',
}
