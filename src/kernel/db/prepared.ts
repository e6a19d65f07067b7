import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Statements Keel sends again and again (an incident's view, a clock's insert, the token lookup) are
 * prepared once per connection, so PostgreSQL parses them once and, where its plan cache finds a generic
 * plan as good as a custom one, plans them once. A create spends about half of PostgreSQL's time parsing
 * and planning statements it has seen before (docs/performance.md).
 *
 * Only statements with parameters are prepared (a text without them may hold several statements, which
 * the extended protocol refuses), and only once their exact text has been seen `PREPARE_AFTER` times in
 * this process: texts with constants written in (a search's words) rarely repeat and are left alone. Each
 * connection prepares at most `PER_CONNECTION` statements; the pool replaces idle connections, so a long
 * run does not pin statements for ever. A statement whose best plan depends on its values holds
 * `PLAN_EACH_TIME` and is never prepared.
 */
export const PREPARE_AFTER = 3;
export const PER_CONNECTION = 400;
/** How many distinct texts are counted before the count starts over (bounds the process's memory). */
const SEEN_LIMIT = 4000;

/**
 * Marks a statement that must be planned for its values every time, anywhere in its text: PostgreSQL may
 * settle on a generic plan for a prepared one, which cannot see how many rows the values find. The service
 * level report's generic plan took 520 ms instead of 300; a search's, which cannot see its words, 38 ms
 * instead of 6.
 */
export const PLAN_EACH_TIME = '/* planned each time */';

const seen = new Map<string, number>();

/** The statement's name: the same for the same text in every process, distinct for distinct texts. */
export function statementName(text: string): string {
  return `k${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
}

/** Counts one more sending of `text`; true when it has been sent often enough to be worth preparing. */
function often(text: string): boolean {
  const n = (seen.get(text) ?? 0) + 1;
  if (n === 1 && seen.size >= SEEN_LIMIT) seen.clear();
  seen.set(text, n);
  return n >= PREPARE_AFTER;
}

type QueryConfig = { text?: unknown; name?: unknown; values?: unknown; submit?: unknown };

export class PreparingClient extends pg.Client {
  readonly #names = new Map<string, string>();

  // pg's query has many overloads; this one only adds a name to a plain { text } config and passes the rest on
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const named = this.#named(config, values);
    // biome-ignore lint/suspicious/noExplicitAny: forwarding pg's own overloaded arguments unchanged
    return (super.query as any).call(this, named, values, callback) as never;
  }

  #named(config: unknown, values: unknown): unknown {
    if (!config || typeof config !== 'object') return config;
    const c = config as QueryConfig;
    if (typeof c.text !== 'string' || c.name !== undefined || typeof c.submit === 'function') return config;
    const params = values ?? c.values;
    if (!Array.isArray(params) || params.length === 0) return config;
    let name = this.#names.get(c.text);
    if (name === undefined) {
      if (!often(c.text) || this.#names.size >= PER_CONNECTION || c.text.includes(PLAN_EACH_TIME))
        return config;
      name = statementName(c.text);
      this.#names.set(c.text, name);
    }
    return { ...c, name };
  }
}
