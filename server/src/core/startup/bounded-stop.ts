import type { Server } from 'node:http';

/**
 * Bounds how long the process takes to stop after SIGTERM or SIGINT. Nest closes the HTTP server
 * by waiting for the requests under way, and a device whose upload stalled half-sent keeps one
 * under way for as long as its socket lives: the process never stopped, and a rolling restart
 * waited for the orchestrator's kill. After `graceMs` the connections still open are cut (a device
 * sends its batch again; ingest counts it once), so the close completes and the workers release
 * their jobs; should anything else still hold it `graceMs` later, the process exits with 1 and says so.
 */
export function boundStop(graceMs: number, server: Server | null, log: (line: string) => void = console.error): void {
  const arm = (signal: NodeJS.Signals) => {
    if (server)
      setTimeout(() => {
        log(`Hallwatch: requests still under way ${graceMs / 1000} s after ${signal}; closing their connections`);
        server.closeAllConnections();
      }, graceMs).unref();
    setTimeout(() => {
      log(`Hallwatch: still stopping ${(2 * graceMs) / 1000} s after ${signal}; exiting without waiting further`);
      process.exit(1);
    }, 2 * graceMs).unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}
