import { describe, expect, it } from 'vitest';
import { mayActByMail, mayCreateSenderByMail, unknownSenderRoles } from './policy.ts';

/** Mail intake's own rules, as a table: what a mail may do by who sent it and how Keel is set. */
const table: Array<{ what: string; holds: () => boolean; expected: boolean }> = [
  { what: 'an active person acts by mail', holds: () => mayActByMail({ active: true }), expected: true },
  {
    what: 'a deactivated person acts by mail',
    holds: () => mayActByMail({ active: false }),
    expected: false,
  },
  {
    what: 'an unknown sender is made an end user where the setting says create',
    holds: () => mayCreateSenderByMail('create'),
    expected: true,
  },
  {
    what: 'an unknown sender is made an end user where the setting says reject',
    holds: () => mayCreateSenderByMail('reject'),
    expected: false,
  },
];

describe('mail intake policy', () => {
  it.each(table)('$what: $expected', ({ holds, expected }) => {
    expect(holds()).toBe(expected);
  });

  it('makes an unknown sender an end user, never staff', () => {
    expect(unknownSenderRoles).toEqual(['customer']);
  });
});
