import type { CommitmentStatus, Gender, GreetingKind, MemberStatus, ReviewKind, WishCategory, WishStatus } from './enums.js';
import type { CommitmentOwnerType } from './commitments.js';
import type { WishAction } from './wishes.js';
import type { OccasionKind } from './api.js';
import type { RankingWeights } from './stats.js';
import type { DeedSource, DeedStatus, ServiceGrade, ServiceReportStatus } from './service.js';

/**
 * What users read for each status and kind, one table per enum, used by the mini-program's tags and
 * by the server's messages (subscribe messages, refusals), so both say the same word.
 */

/** 践诺中 is what residents see on a published commitment: it is public and being carried out. */
export const CommitmentStatusLabels: Record<CommitmentStatus, string> = {
  draft: '草稿',
  pending_review: '待审核',
  published: '践诺中',
  fulfilled: '已践诺',
  withdrawn: '已撤回',
};

export const CommitmentOwnerTypeLabels: Record<CommitmentOwnerType, string> = {
  member: '党员承诺',
  branch: '支部承诺',
};

export const ReviewKindLabels: Record<ReviewKind, string> = {
  org: '组织点评',
  peer: '党员互评',
  public: '群众评议',
};

export const WishStatusLabels: Record<WishStatus, string> = {
  pending_review: '待审核',
  open: '可认领',
  rejected: '未通过',
  claimed: '进行中',
  fulfilled: '已完成·待确认',
  confirmed: '已完成',
  expired: '已过期',
};

export const WishCategoryLabels: Record<WishCategory, string> = {
  goods: '物品',
  service: '服务',
  errand: '跑腿',
};

/** A wish's history, one line per step. */
export const WishActionLabels: Record<WishAction, string> = {
  post: '发布心愿',
  approve: '审核通过，心愿上墙',
  reject: '审核未通过',
  claim: '党员认领',
  release: '认领人释放，心愿重新待领',
  fulfil: '党员完成心愿',
  confirm: '确认完成',
  expire: '到期未被认领，已撤下',
  clear_held: '内容复核通过',
};

export const GreetingKindLabels: Record<GreetingKind, string> = {
  political_birthday: '政治生日',
  birthday: '生日',
};

export const OccasionKindLabels: Record<OccasionKind, string> = {
  birthday: '生日',
  political_birthday: '政治生日',
  work_anniversary: '工龄',
};

export const GenderLabels: Record<Gender, string> = { male: '男', female: '女' };

export const MemberStatusLabels: Record<MemberStatus, string> = { full: '正式党员', probationary: '预备党员' };

/** The ranking formula's terms (比学赶超), as the weights page and the ranking chart name them. */
export const RankingWeightLabels: Record<keyof RankingWeights, string> = {
  commitmentsFulfilled: '践诺',
  wishesCompleted: '心愿完成',
  greetingsSent: '政治生日关怀',
  reviewAverage: '评议均分',
  serviceMinutes: '服务时长',
};

/** The figures of `OrgStats` (and the monthly activity), as the dashboard names them. */
export const StatsFigureLabels = {
  members: '党员人数',
  commitmentsPublished: '承诺发布',
  commitmentsFulfilled: '承诺践诺',
  wishesPosted: '心愿征集',
  wishesOpen: '心愿待认领',
  wishesClaimed: '心愿已认领',
  wishesFulfilled: '心愿已完成',
  wishesConfirmed: '心愿已确认',
  greetingsSent: '生日关怀',
  reviewsCount: '评议次数',
  reviewsAverage: '评议均分',
  serviceMinutes: '服务时长',
  deeds: '办实事',
} as const;

/** 报到 as both sides see it. */
export const ServiceReportStatusLabels: Record<ServiceReportStatus, string> = {
  pending: '待社区确认',
  active: '已报到',
  declined: '未通过',
  ended: '已结束',
};

/** 一卡反馈 grades. */
export const ServiceGradeLabels: Record<ServiceGrade, string> = {
  excellent: '优秀',
  good: '合格',
  basic: '基本合格',
  poor: '不合格',
};

export const DeedStatusLabels: Record<DeedStatus, string> = {
  pending: '待确认',
  confirmed: '已确认',
  returned: '已退回',
};

export const DeedSourceLabels: Record<DeedSource, string> = {
  logged: '办实事',
  wish: '微心愿',
};
