import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Edits, edit, movedUnder, settle, shown, unsaved } from './drafts.ts';

type Rca = { cause: string; timeline: string };
type Workaround = { workaround: string; workaroundPublic: boolean };

describe("a section's unsaved edits beside the saved record", () => {
  it('keeps what is typed when another section is saved, and shows that save', () => {
    let rca: Edits<Rca> = {};
    let wa: Edits<Workaround> = {};
    const saved1 = { cause: '', timeline: '', workaround: '', workaroundPublic: false };
    rca = edit(saved1, rca, { cause: 'The session store runs out' });
    wa = edit(saved1, wa, { workaround: 'Clear the cookie' });
    // the workaround section saves: the record's version moves on, the cause is still being typed
    const saved2 = { ...saved1, workaround: 'Clear the cookie' };
    wa = settle(wa, unsaved(saved1, wa));
    expect(shown(saved2, rca).cause).toBe('The session store runs out');
    expect(unsaved(saved2, rca)).toEqual({ cause: 'The session store runs out' });
    expect(movedUnder(saved2, rca)).toEqual([]);
    expect(unsaved(saved2, wa)).toEqual({});
    expect(shown(saved2, wa).workaround).toBe('Clear the cookie');
  });

  it('shows a live update of an untouched field, and notices one under an edit', () => {
    let rca: Edits<Rca> = {};
    const saved1: Rca = { cause: 'old cause', timeline: '' };
    rca = edit(saved1, rca, { cause: 'my cause' });
    const saved2: Rca = { cause: 'their cause', timeline: '08:00 first report' };
    expect(shown(saved2, rca)).toEqual({ cause: 'my cause', timeline: '08:00 first report' });
    expect(movedUnder(saved2, rca)).toEqual(['cause']);
    // a save sends only the fields edited: their timeline is not overwritten with the old one
    expect(unsaved(saved2, rca)).toEqual({ cause: 'my cause' });
    // saving settles it: nothing unsaved, nothing moved
    rca = settle(rca, { cause: 'my cause' });
    const saved3 = { ...saved2, cause: 'my cause' };
    expect(unsaved(saved3, rca)).toEqual({});
    expect(movedUnder(saved3, rca)).toEqual([]);
  });

  it('starts an edit afresh once it matches what is saved again', () => {
    let rca: Edits<Rca> = {};
    rca = edit({ cause: 'a', timeline: '' }, rca, { cause: 'b' });
    // the cause became "b" elsewhere (the known-error dialog saved it): typing on is an edit of "b"
    const saved: Rca = { cause: 'b', timeline: '' };
    expect(unsaved(saved, rca)).toEqual({});
    rca = edit(saved, rca, { cause: 'bc' });
    expect(movedUnder(saved, rca)).toEqual([]);
  });

  it('keeps typing done while a save was on its way', () => {
    let wa: Edits<Workaround> = {};
    const saved1 = { workaround: '', workaroundPublic: false };
    wa = edit(saved1, wa, { workaround: 'Clear' });
    const sent = unsaved(saved1, wa);
    wa = edit(saved1, wa, { workaround: 'Clear the cookie' });
    wa = settle(wa, sent);
    const saved2 = { workaround: 'Clear', workaroundPublic: false };
    expect(unsaved(saved2, wa)).toEqual({ workaround: 'Clear the cookie' });
    expect(movedUnder(saved2, wa)).toEqual([]);
  });

  it('property: untouched fields show what is saved; touched ones what was typed last', () => {
    const record = fc.record({ cause: fc.string(), timeline: fc.string() });
    const step = fc.oneof(
      fc.record({ type: fc.constant('type' as const), patch: fc.record({ cause: fc.string() }) }),
      fc.record({ type: fc.constant('saved' as const), record }),
    );
    fc.assert(
      fc.property(record, fc.array(step, { maxLength: 8 }), (start, steps) => {
        let saved = start;
        let edits: Edits<Rca> = {};
        let typed: string | undefined;
        for (const s of steps)
          if (s.type === 'type') {
            edits = edit(saved, edits, s.patch);
            typed = s.patch.cause;
          } else saved = s.record;
        const now = shown(saved, edits);
        expect(now.timeline).toBe(saved.timeline);
        expect(now.cause).toBe(typed ?? saved.cause);
        expect(Object.keys(unsaved(saved, edits))).toEqual(
          typed !== undefined && typed !== saved.cause ? ['cause'] : [],
        );
      }),
    );
  });
});
