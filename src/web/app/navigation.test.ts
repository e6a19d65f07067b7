import { describe, expect, it } from 'vitest';
import { isActive, navigation } from './navigation.ts';

const activeAt = (path: string) => navigation.filter((n) => isActive(n, path)).map((n) => n.key);

describe('the navigation entry the reader is in', () => {
  it('is the one whose pages they are on, a change among the work items being the change log’s', () => {
    expect(activeAt('/')).toEqual(['home']);
    expect(activeAt('/work-items')).toEqual(['workspace']);
    expect(activeAt('/work-items/INC-000042')).toEqual(['workspace']);
    expect(activeAt('/work-items/CHG-000007')).toEqual(['changes']);
    expect(activeAt('/changes/new')).toEqual(['changes']);
    expect(activeAt('/policies/3f1d')).toEqual(['policies']);
    expect(activeAt('/knowledge/KB-000003')).toEqual(['knowledge']);
    expect(activeAt('/knowledge/review')).toEqual(['knowledgeReview']);
    expect(activeAt('/work-items/PRB-000003')).toEqual(['problems']);
    expect(activeAt('/problems/new')).toEqual(['problems']);
    expect(activeAt('/problems/candidates')).toEqual(['problemCandidates']);
    expect(activeAt('/known-errors')).toEqual(['knownErrors']);
  });
});
