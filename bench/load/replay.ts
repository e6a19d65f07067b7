import type pg from 'pg';

/** A statement as Keel sent it to PostgreSQL: its text, its values and, when Keel prepared it, its name. */
export type Statement = { text: string; values: unknown[]; name?: string };

/**
 * The statements one operation sent, sent again without Keel: recorded by the benchmark's Keel server
 * (bench/server.ts) while a few warm-up operations ran, then sent from the benchmark process over a pool
 * of its own, one after another as Keel sent them (prepared where Keel prepared them). Their time is what
 * PostgreSQL and the driver need for the operation's own work; what an operation takes beyond it is Keel's
 * (HTTP, authentication, building statements, turning rows into JSON) and waiting for the CPU.
 */
export type Replay = {
  /** Starts recording the statements Keel's HTTP requests send. */
  record: () => Promise<void>;
  /** Stops recording; the statements sent since `record`. */
  recorded: () => Promise<Statement[]>;
  /** Sends one operation's statements again, in order, on one connection. */
  send: (statements: Statement[]) => Promise<void>;
};

export async function sendAgain(pool: pg.Pool, statements: Statement[]): Promise<void> {
  const client = await pool.connect();
  try {
    for (const s of statements)
      await client.query(
        s.name ? { name: s.name, text: s.text, values: s.values } : { text: s.text, values: s.values },
      );
  } finally {
    client.release();
  }
}
