import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Role, roles } from '../../kernel/access/roles.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import { addDays, dayOf } from '../../kernel/days.ts';
import { type TestKeel, testKeel } from '../../testing/harness.ts';
import { articleAudiences, articleStates } from './lifecycle.ts';
import {
  type ArticleReadFacts,
  mayApproveVersion,
  mayChangeReaders,
  mayCountView,
  mayGiveFeedback,
  mayLinkArticles,
  mayReadArticle,
  mayRecordDeflection,
  mayRemoveArticleFile,
  mayReviewArticles,
  mayWriteArticles,
  readsAllArticles,
} from './policy.ts';
import { readableArticleSql } from './queries/articles.ts';

/** Who may do what with knowledge, as the knowledge process owner would say it: role × action × outcome. */
const me = 'u-me';
const as = (...rs: Role[]) => ({ roles: rs, userId: me });
const mine = { authorId: me };
const theirs = { authorId: 'u-other' };

type Who = ReturnType<typeof as>;
const table: Array<[string, Who, (w: Who) => boolean, boolean]> = [
  ['an agent writes drafts', as('service_desk_agent'), mayWriteArticles, true],
  ['a resolver writes drafts', as('resolver'), mayWriteArticles, true],
  ['a problem manager writes drafts', as('problem_manager'), mayWriteArticles, true],
  ['a change manager writes drafts', as('change_manager'), mayWriteArticles, true],
  ['a knowledge manager writes drafts', as('knowledge_manager'), mayWriteArticles, true],
  ['a service owner writes drafts', as('service_owner'), mayWriteArticles, true],
  ['the internal auditor writes drafts', as('internal_auditor'), mayWriteArticles, false],
  ['a customer writes drafts', as('customer'), mayWriteArticles, false],
  ['a supplier writes drafts', as('supplier'), mayWriteArticles, false],
  ['an administrator writes drafts', as('administrator'), mayWriteArticles, false],
  [
    'a knowledge manager approves another’s version',
    as('knowledge_manager'),
    (w) => mayApproveVersion(w, theirs),
    true,
  ],
  [
    'a process owner approves another’s version',
    as('process_owner'),
    (w) => mayApproveVersion(w, theirs),
    true,
  ],
  [
    'a knowledge manager approves their own version',
    as('knowledge_manager'),
    (w) => mayApproveVersion(w, mine),
    false,
  ],
  [
    'an agent approves another’s version',
    as('service_desk_agent'),
    (w) => mayApproveVersion(w, theirs),
    false,
  ],
  ['top management approves a version', as('top_management'), (w) => mayApproveVersion(w, theirs), false],
  [
    'the internal auditor approves a version',
    as('internal_auditor'),
    (w) => mayApproveVersion(w, theirs),
    false,
  ],
  ['a knowledge manager returns and retires', as('knowledge_manager'), mayReviewArticles, true],
  ['an incident manager returns and retires', as('incident_manager'), mayReviewArticles, false],
  ['the internal auditor reads drafts', as('internal_auditor'), readsAllArticles, true],
  ['an administrator reads drafts', as('administrator'), readsAllArticles, true],
  ['a customer reads drafts', as('customer'), readsAllArticles, false],
  ['a supplier reads drafts', as('supplier'), readsAllArticles, false],
  ['an agent links articles to work items', as('service_desk_agent'), mayLinkArticles, true],
  ['the internal auditor links articles', as('internal_auditor'), mayLinkArticles, false],
  ['a customer links articles', as('customer'), mayLinkArticles, false],
  ['a customer says whether it helped', as('customer'), mayGiveFeedback, true],
  ['a supplier says whether it helped', as('supplier'), mayGiveFeedback, true],
  ['the internal auditor says whether it helped', as('internal_auditor'), mayGiveFeedback, false],
  [
    'a knowledge manager approves a version whose text they changed',
    as('knowledge_manager'),
    (w) => mayApproveVersion(w, { authorId: 'u-other', contributorIds: [me] }),
    false,
  ],
  [
    'a knowledge manager approves a version others wrote and changed',
    as('knowledge_manager'),
    (w) => mayApproveVersion(w, { authorId: 'u-other', contributorIds: ['u-third'] }),
    true,
  ],
  [
    'an agent changes who reads a published article',
    as('service_desk_agent'),
    (w) => mayChangeReaders(w, { publishedVersion: 1 }),
    false,
  ],
  [
    'an agent changes who reads an article never published',
    as('service_desk_agent'),
    (w) => mayChangeReaders(w, { publishedVersion: null }),
    true,
  ],
  [
    'a process owner changes who reads a published article',
    as('process_owner'),
    (w) => mayChangeReaders(w, { publishedVersion: 3 }),
    true,
  ],
  [
    'an agent removes a file readers do not see yet',
    as('service_desk_agent'),
    (w) => mayRemoveArticleFile(w, { published: false }),
    true,
  ],
  [
    'a service owner removes a file readers do not see yet',
    as('service_owner'),
    (w) => mayRemoveArticleFile(w, { published: false }),
    true,
  ],
  [
    'an agent removes a file of the published version',
    as('service_desk_agent'),
    (w) => mayRemoveArticleFile(w, { published: true }),
    false,
  ],
  [
    'an incident manager removes a file of the published version',
    as('incident_manager'),
    (w) => mayRemoveArticleFile(w, { published: true }),
    false,
  ],
  [
    'a knowledge manager removes a file of the published version',
    as('knowledge_manager'),
    (w) => mayRemoveArticleFile(w, { published: true }),
    true,
  ],
  [
    'a process owner removes a file of the published version',
    as('process_owner'),
    (w) => mayRemoveArticleFile(w, { published: true }),
    true,
  ],
  [
    'the internal auditor removes a file readers do not see yet',
    as('internal_auditor'),
    (w) => mayRemoveArticleFile(w, { published: false }),
    false,
  ],
  [
    'a customer removes a file readers do not see yet',
    as('customer'),
    (w) => mayRemoveArticleFile(w, { published: false }),
    false,
  ],
  [
    'a customer removes a file of the published version',
    as('customer'),
    (w) => mayRemoveArticleFile(w, { published: true }),
    false,
  ],
  ['a customer counts a view', as('customer'), mayCountView, true],
  ['the internal auditor counts a view', as('internal_auditor'), mayCountView, false],
  ['a customer records a suggestion session', as('customer'), mayRecordDeflection, true],
  ['an agent records a suggestion session', as('service_desk_agent'), mayRecordDeflection, false],
  ['a supplier records a suggestion session', as('supplier'), mayRecordDeflection, false],
];

describe('knowledge policy', () => {
  it.each(table)('%s: %s', (_what, who, rule, expected) => {
    expect(rule(who)).toBe(expected);
  });

  it('lets nobody approve a version when they are not signed in as someone', () => {
    expect(mayApproveVersion({ roles: ['knowledge_manager'] }, { authorId: null })).toBe(false);
  });
});

const today = '2026-06-15';
const facts = (over: Partial<ArticleReadFacts>): ArticleReadFacts => ({
  state: 'published',
  audience: 'everyone',
  expiresOn: null,
  customerIds: [],
  ...over,
});
const reader = (rs: Role[], customerId: string | null = null) => ({ roles: rs, customerId });

describe('who reads an article (mayReadArticle)', () => {
  const rows: Array<[string, ReturnType<typeof reader>, ArticleReadFacts, boolean]> = [
    [
      'an agent reads a draft for agents',
      reader(['service_desk_agent']),
      facts({ state: 'draft', audience: 'agents' }),
      true,
    ],
    ['the auditor reads a retired article', reader(['internal_auditor']), facts({ state: 'retired' }), true],
    ['a customer reads a published article for everyone', reader(['customer'], 'c1'), facts({}), true],
    ['a customer reads a draft for everyone', reader(['customer'], 'c1'), facts({ state: 'draft' }), false],
    ['a customer reads a retired article', reader(['customer'], 'c1'), facts({ state: 'retired' }), false],
    [
      'a customer reads an article for agents',
      reader(['customer'], 'c1'),
      facts({ audience: 'agents' }),
      false,
    ],
    [
      'a customer reads one for all customers',
      reader(['customer'], 'c1'),
      facts({ audience: 'customers' }),
      true,
    ],
    [
      'a customer reads one for their organisation',
      reader(['customer'], 'c1'),
      facts({ audience: 'customers', customerIds: ['c1'] }),
      true,
    ],
    [
      'a customer reads one for another organisation',
      reader(['customer'], 'c2'),
      facts({ audience: 'customers', customerIds: ['c1'] }),
      false,
    ],
    [
      'a customer without an organisation reads a restricted one',
      reader(['customer']),
      facts({ audience: 'customers', customerIds: ['c1'] }),
      false,
    ],
    ['a customer reads one expiring today', reader(['customer'], 'c1'), facts({ expiresOn: today }), true],
    [
      'a customer reads one that expired yesterday',
      reader(['customer'], 'c1'),
      facts({ expiresOn: addDays(today, -1) }),
      false,
    ],
    ['a supplier reads one for everyone', reader(['supplier']), facts({}), true],
    ['a supplier reads one for customers', reader(['supplier']), facts({ audience: 'customers' }), false],
    ['someone with no role reads one for everyone', reader([]), facts({}), false],
  ];
  it.each(rows)('%s', (_what, who, a, expected) => {
    expect(mayReadArticle(who, a, today)).toBe(expected);
  });
});

/**
 * The rule is written twice — policy.ts for one article in hand, queries.ts as SQL for every read path — and
 * must not disagree: every combination of state, audience, expiry and organisations, for every kind of reader.
 */
describe('the SQL audience rule agrees with mayReadArticle', () => {
  let k: TestKeel;
  let orgs: [string, string];
  const made: Array<{ id: string; facts: ArticleReadFacts }> = [];
  const now = dayOf(new Date());

  beforeAll(async () => {
    k = await testKeel();
    const ids = await k.db.execute<{ id: string }>(sql`
      insert into customers (code, name) values ('A', 'A'), ('B', 'B') returning id`);
    orgs = [ids.rows[0]!.id, ids.rows[1]!.id];
    let n = 0;
    for (const state of articleStates)
      for (const audience of articleAudiences)
        for (const expiresOn of [null, addDays(now, -1), now])
          for (const customerIds of [[], [orgs[0]], orgs]) {
            n += 1;
            const r = await k.db.execute<{ id: string }>(sql`
              insert into articles (number, type, audience, language, state, title, expires_on)
              values (${`KB-T${n}`}, 'faq', ${audience}, 'en', ${state}, 't', ${expiresOn}) returning id`);
            const id = r.rows[0]!.id;
            for (const c of customerIds)
              await k.db.execute(
                sql`insert into article_customers (article_id, customer_id) values (${id}, ${c})`,
              );
            made.push({ id, facts: { state, audience, expiresOn, customerIds } });
          }
  });

  it('for every role, organisation and article', async () => {
    const readers: Array<Pick<Principal, 'roles' | 'customerId'>> = [
      ...roles.map((r) => ({ roles: [r], customerId: null })),
      { roles: ['customer'], customerId: null },
      { roles: ['customer'], customerId: 'org0' },
      { roles: ['customer'], customerId: 'org1' },
      { roles: ['customer', 'supplier'], customerId: 'org1' },
      { roles: [], customerId: null },
    ];
    for (const r of readers) {
      const who = {
        ...r,
        customerId: r.customerId === 'org0' ? orgs[0] : r.customerId === 'org1' ? orgs[1] : r.customerId,
      };
      const res = await k.db.execute<{ id: string }>(
        sql`select a.id from articles a where ${readableArticleSql(who)}`,
      );
      const bySql = new Set(res.rows.map((x) => x.id));
      const byRule = new Set(made.filter((m) => mayReadArticle(who, m.facts, now)).map((m) => m.id));
      expect([...bySql].sort(), JSON.stringify(r)).toEqual([...byRule].sort());
    }
  });
});
