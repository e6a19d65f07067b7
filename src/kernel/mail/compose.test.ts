import { describe, expect, it } from 'vitest';
import { subjectOf } from './compose.ts';

describe('subjectOf', () => {
  it('puts a work item’s number in brackets before its title, and leaves other notices as they are', () => {
    expect(
      subjectOf({
        text: 'INC-000001 was assigned to you: Printer',
        params: { number: 'INC-000001', title: 'Printer' },
      }),
    ).toBe('[INC-000001] Printer');
    expect(subjectOf({ text: 'Major incident INC-000002: Wi-Fi', params: { number: 'INC-000002' } })).toBe(
      'Major incident INC-000002: Wi-Fi',
    );
    expect(subjectOf({ text: 'Escalated', params: { number: 'INC-000003' } })).toBe('[INC-000003] Escalated');
    // a policy notice has a title but no work item: no "[undefined]" in its subject
    const policy = 'Please read and acknowledge POL-SM-01 Service management policy (version 1).';
    expect(
      subjectOf({ text: policy, params: { identifier: 'POL-SM-01', title: 'Service management policy' } }),
    ).toBe(policy);
  });
});
