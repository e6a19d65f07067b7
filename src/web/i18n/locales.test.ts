import { describe, expect, it } from 'vitest';
import da from './locales/da.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import nl from './locales/nl.json' with { type: 'json' };

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('Dutch and Danish have exactly the English keys, with the same placeholders', () => {
    const flat = (o: object) =>
      Object.fromEntries(
        keys(o).map((k) => [k, k.split('.').reduce((a: never, p) => a[p], o as never) as string]),
      );
    const base = flat(en);
    for (const other of [flat(nl), flat(da)]) {
      expect(Object.keys(other).sort()).toEqual(Object.keys(base).sort());
      for (const [k, v] of Object.entries(base)) expect(placeholders(other[k]!), k).toEqual(placeholders(v));
    }
  });

  it('names every role Keel has', async () => {
    const { roles } = await import('../../kernel/access/roles.ts');
    expect(Object.keys(en.roles).sort()).toEqual([...roles].sort());
  });

  it('names and describes every navigation entry, as the start page lists them', async () => {
    const { navigation } = await import('../app/navigation.ts');
    const nav = en.nav as Record<string, string>;
    const links = en.home.links as Record<string, string>;
    const entries = navigation.filter((n) => n.key !== 'home').map((n) => n.key);
    expect(entries.filter((k) => !nav[k])).toEqual([]);
    expect(entries.filter((k) => !links[k])).toEqual([]);
  });
});
