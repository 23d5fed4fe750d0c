/** Kinds of organisation: 党委 / 党总支 / 党支部 / 社区. */
export const OrgTypes = ['committee', 'general_branch', 'branch', 'community'] as const;
export type OrgType = (typeof OrgTypes)[number];

export const Genders = ['male', 'female'] as const;
export type Gender = (typeof Genders)[number];

/** 正式党员 / 预备党员. */
export const MemberStatuses = ['full', 'probationary'] as const;
export type MemberStatus = (typeof MemberStatuses)[number];

/** 党员示范岗 / 党员先锋岗 / 党员责任区. */
export const PostKinds = ['demonstration', 'vanguard', 'responsibility_zone'] as const;
export type PostKind = (typeof PostKinds)[number];

export const CommitmentStatuses = ['draft', 'pending_review', 'published', 'fulfilled', 'withdrawn'] as const;
export type CommitmentStatus = (typeof CommitmentStatuses)[number];

export const WishStatuses = ['pending_review', 'open', 'rejected', 'claimed', 'fulfilled', 'confirmed', 'expired'] as const;
export type WishStatus = (typeof WishStatuses)[number];

export const WishCategories = ['goods', 'service', 'errand'] as const;
export type WishCategory = (typeof WishCategories)[number];

export const GreetingKinds = ['political_birthday', 'birthday'] as const;
export type GreetingKind = (typeof GreetingKinds)[number];

export const ReviewKinds = ['org', 'peer', 'public'] as const;
export type ReviewKind = (typeof ReviewKinds)[number];

/** Labels for display, in Chinese. */
export const OrgTypeLabels: Record<OrgType, string> = {
  committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
  community: '社区',
};

export const PostKindLabels: Record<PostKind, string> = {
  demonstration: '党员示范岗',
  vanguard: '党员先锋岗',
  responsibility_zone: '党员责任区',
};
