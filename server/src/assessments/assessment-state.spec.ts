import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@xianfeng/shared';
import { mayTake, refusal } from './assessment-state.js';

describe('the assessment lifecycle', () => {
  it('edits only a draft, scores only once started, publishes once started', () => {
    expect([mayTake('edit', 'draft'), mayTake('edit', 'started'), mayTake('edit', 'published')]).toEqual([true, false, false]);
    expect([mayTake('score', 'draft'), mayTake('score', 'started'), mayTake('score', 'published')]).toEqual([false, true, false]);
    expect([mayTake('publish', 'draft'), mayTake('publish', 'started'), mayTake('publish', 'published')]).toEqual([false, true, false]);
  });

  it('names the refusal by the status: frozen, published or not started', () => {
    expect(refusal('edit', 'started').code).toBe(ErrorCode.ASSESSMENT_FROZEN);
    expect(refusal('score', 'published').code).toBe(ErrorCode.ASSESSMENT_PUBLISHED);
    expect(refusal('score', 'draft').code).toBe(ErrorCode.ASSESSMENT_NOT_STARTED);
    expect(refusal('start', 'started').statusCode).toBe(409);
  });
});
