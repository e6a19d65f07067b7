import type pg from 'pg';
import type { Db } from '../db/database.ts';

export const WORK_ITEMS_CHANNEL = 'keel_work_items';

export type WorkItemChange = {
  id: string;
  number: string;
  type: string;
  version: number;
  requesterId: string | null;
};

type Subscriber = (change: WorkItemChange) => void;

/**
 * One LISTEN connection per Keel process: PostgreSQL tells every process which work item changed (the
 * trigger on work_items sends it at commit), and the hub hands it to this process's open event streams. Any
 * number of Keel instances on one database therefore see each other's changes.
 */
export class LiveHub {
  private client: pg.PoolClient | undefined;
  private subscribers = new Set<Subscriber>();
  private starting: Promise<void> | undefined;
  private closed = false;
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  /** Listens lazily: a process nobody watches holds no extra connection. */
  private async listen() {
    if (this.client || this.closed) return;
    this.starting ??= (async () => {
      const client = await this.db.$client.connect();
      client.on('notification', (n) => {
        if (n.channel !== WORK_ITEMS_CHANNEL || !n.payload) return;
        const change = JSON.parse(n.payload) as WorkItemChange;
        for (const s of this.subscribers) s(change);
      });
      client.on('error', () => {
        this.client = undefined;
        this.starting = undefined;
      });
      await client.query(`listen ${WORK_ITEMS_CHANNEL}`);
      this.client = client;
    })();
    await this.starting;
  }

  async subscribe(fn: Subscriber): Promise<() => void> {
    this.subscribers.add(fn);
    await this.listen();
    return () => {
      this.subscribers.delete(fn);
    };
  }

  get size() {
    return this.subscribers.size;
  }

  async close() {
    this.closed = true;
    this.subscribers.clear();
    await this.starting?.catch(() => undefined);
    if (this.client) {
      await this.client.query(`unlisten ${WORK_ITEMS_CHANNEL}`).catch(() => undefined);
      this.client.release();
      this.client = undefined;
    }
  }
}
