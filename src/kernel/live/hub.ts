import type pg from 'pg';
import { type Db, type Listening, listenOn } from '../db/database.ts';

export const WORK_ITEMS_CHANNEL = 'keel_work_items';

export type WorkItemChange = {
  id: string;
  number: string;
  type: string;
  version: number;
  requesterId: string | null;
  /** The item's customer organisation (missing from changes sent before migration 0032). */
  customerId?: string | null;
};

type Subscriber = { change: (c: WorkItemChange) => void; lost: () => void };

/**
 * One LISTEN connection per Keel process: PostgreSQL tells every process which work item changed (the
 * trigger on work_items sends it at commit), and the hub hands it to this process's open event streams. Any
 * number of Keel instances on one database therefore see each other's changes. If the connection is lost,
 * every stream is ended so browsers reconnect (EventSource does) and fetch what they show again; the next
 * subscriber listens anew.
 */
export class LiveHub {
  private client: pg.PoolClient | undefined;
  private release: ((err?: Error) => void) | undefined;
  private subscribers = new Set<Subscriber>();
  private starting: Promise<void> | undefined;
  private closed = false;
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  /** Listens lazily: a process nobody watches holds no extra connection. */
  private listen(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.starting ??= (async () => {
      const { client, release } = await listenOn(this.db, WORK_ITEMS_CHANNEL, {
        notification: (n) => {
          if (n.channel !== WORK_ITEMS_CHANNEL || !n.payload) return;
          const change = JSON.parse(n.payload) as WorkItemChange;
          for (const s of this.subscribers) s.change(change);
        },
        lost: (lost, err) => this.lose(lost, err),
      });
      this.client = client;
      this.release = release;
    })().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private lose(listening: Listening, err: Error) {
    if (this.client === listening.client) this.client = undefined;
    listening.release(err);
    const ended = [...this.subscribers];
    this.subscribers.clear();
    for (const s of ended) s.lost();
  }

  /** Adds a stream; throws (and adds nothing) when PostgreSQL cannot be listened to now. */
  async subscribe(change: Subscriber['change'], lost: Subscriber['lost']): Promise<() => void> {
    await this.listen();
    const s = { change, lost };
    this.subscribers.add(s);
    return () => {
      this.subscribers.delete(s);
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
      this.release?.();
      this.client = undefined;
    }
  }
}
