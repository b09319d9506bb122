import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** A lease holder id unique to this process run: `host:pid:random`, readable in the database. */
export function newLeaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
