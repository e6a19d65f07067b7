/**
 * How big the generated organisation is and how long each measurement may run. `large` is the size the
 * benchmark issue names; `small` finishes within minutes on two cores; `tiny` is for the test suite, which
 * checks that every workload completes, not how fast.
 */
export type Scale = {
  name: 'tiny' | 'small' | 'large';
  workItems: number;
  cis: number;
  /** Knowledge articles beside the work items (generate/knowledge.ts). */
  articles: number;
  services: number;
  agreements: number;
  agents: number;
  groups: number;
  customerUsers: number;
  /** Clocks set to fall due in the same second in the SLA workload. */
  dueClocks: number;
  /** Each workload at each concurrency stops after this many operations or this many seconds. */
  maxOps: number;
  seconds: number;
  concurrency: number[];
};

/** The organisation the issue names, the same at small and large: only the history and the CMDB grow. */
const people = {
  services: 50,
  agreements: 20,
  agents: 200,
  groups: 20,
  customerUsers: 5_000,
  dueClocks: 10_000,
};

export const scales: Record<Scale['name'], Scale> = {
  tiny: {
    name: 'tiny',
    workItems: 2_000,
    cis: 1_000,
    articles: 200,
    services: 8,
    agreements: 4,
    agents: 12,
    groups: 4,
    customerUsers: 80,
    dueClocks: 200,
    maxOps: 40,
    seconds: 0.5,
    concurrency: [1, 8],
  },
  small: {
    name: 'small',
    workItems: 50_000,
    cis: 10_000,
    articles: 2_000,
    ...people,
    maxOps: 3_000,
    seconds: 3,
    concurrency: [1, 8, 32],
  },
  large: {
    name: 'large',
    workItems: 1_000_000,
    cis: 100_000,
    articles: 10_000,
    ...people,
    maxOps: 20_000,
    seconds: 10,
    concurrency: [1, 8, 32],
  },
};
