import { COMMITMENT_LIMITS } from './commitments.js';

/**
 * Field limits the server enforces (`@MaxLength(Limits.…)` in the request DTOs) and the forms use
 * for `maxlength` and counters: one number per field, so the phone never accepts what the server refuses.
 */
export const Limits = {
  org: { name: 100 },
  member: {
    name: 50,
    postTitle: 50,
    duties: 500,
    photoUrl: 500,
    /** 13800138000 or 0755-12345678, with room for spaces the form strips. */
    phone: 20,
  },
  bindCode: { min: 4, max: 32 },
  wish: {
    title: 30,
    description: 500,
    wisherName: 50,
    rejectReason: 200,
    fulfilNote: 500,
    photos: 9,
    thanks: 200,
  },
  commitment: COMMITMENT_LIMITS,
  greeting: { template: 300, message: 500, batch: 200 },
  assessment: {
    title: 50,
    indicators: 30,
    indicatorKey: 32,
    indicatorName: 50,
    /** Full marks of one indicator. */
    indicatorMax: 1000,
    evidence: 1000,
    evidencePhotos: 9,
    reason: 200,
  },
  contest: { title: 50, presenters: 60, judgeCode: 6 },
  memberReview: { comment: 500 },
  /** An uploaded image's URL, wherever a body carries one. */
  photoUrl: 500,
} as const;
