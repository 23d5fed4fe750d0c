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
  service: {
    residentialArea: 100,
    skill: 20,
    skills: 10,
    declineReason: 200,
    activityTitle: 50,
    activityDescription: 1000,
    place: 100,
    capacity: 10000,
    radiusMinM: 10,
    radiusMaxM: 5000,
    repeatWeeklyMin: 2,
    repeatWeeklyMax: 52,
    /** An activity lasts at most this long (a day's service post, or an overnight watch). */
    activityHoursMax: 24,
    checkinCode: 32,
    correctionReason: 200,
    deedTitle: 50,
    deedDescription: 1000,
    beneficiary: 100,
    deedPhotos: 9,
    returnReason: 200,
    ratingComment: 500,
  },
  /** An uploaded image's URL, wherever a body carries one. */
  photoUrl: 500,
} as const;
