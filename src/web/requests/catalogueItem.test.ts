import { describe, expect, it } from 'vitest';
import { emptyItem, parseOptions, shownPaths } from './catalogueItem.ts';

describe('the catalogue item editor', () => {
  it('says a refusal on the input that shows it, and only the inputs the item shows', () => {
    const item = {
      ...emptyItem('svc'),
      form: [
        { key: 'size', type: 'choice' as const, label: { en: 'Size' } },
        { key: 'when', type: 'date' as const, label: { en: 'When' } },
      ],
      approval: { mode: 'any' as const, approvers: [{ kind: 'role' as const, role: 'service_owner' }] },
      tasks: [{ title: 'Set it up' }],
    };
    const shown = shownPaths(item);
    expect(shown.has('form.0.options')).toBe(true);
    expect(shown.has('form.0.min')).toBe(false);
    expect(shown.has('form.1.min')).toBe(true);
    expect(shown.has('approval.approvers.0.role')).toBe(true);
    expect(shown.has('approval.approvers.0.userId')).toBe(false);
    expect(shown.has('tasks.0.title')).toBe(true);
    // without approval, its approvers are not shown, so their refusals go below the form
    expect(shownPaths({ ...item, approval: { mode: 'none', approvers: [] } }).has('approval.approvers')).toBe(
      false,
    );
  });

  it('reads options typed as "value | English | Nederlands | Dansk"', () => {
    expect(parseOptions('10 | 10 GB | 10 GB\nbig | Big\n')).toEqual([
      { value: '10', label: { en: '10 GB', nl: '10 GB' } },
      { value: 'big', label: { en: 'Big' } },
    ]);
  });
});
