import type { CommitmentStatus, Gender, GreetingKind, MemberStatus, ReviewKind, WishCategory, WishStatus } from './enums.js';
import type { CommitmentOwnerType } from './commitments.js';
import type { WishAction } from './wishes.js';
import type { OccasionKind } from './api.js';
import type { RankingWeights } from './stats.js';
import type { DeedSource, DeedStatus, ServiceGrade, ServiceReportStatus } from './service.js';
import type { AssessmentMetric, AssessmentStatus, ContestStatus, IndicatorKind, RoundStatus } from './assessment.js';
import type { ReviewAction, ReviewItemKind } from './workbench.js';

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

/** The staff review queue (待审核): what each item is, each button, and the toast once it is done. */
export const ReviewItemKindLabels: Record<ReviewItemKind, string> = { wish: '微心愿', commitment: '承诺', photo: '照片' };

export const ReviewActionLabels: Record<ReviewAction, string> = {
  approve: '通过',
  reject: '不通过',
  return: '退回修改',
  clear_held: '内容无误',
  remove: '移除',
};

export const ReviewActionDoneLabels: Record<ReviewAction, string> = {
  approve: '已通过',
  reject: '已驳回',
  return: '已退回',
  clear_held: '已放行',
  remove: '已移除',
};

/** A held photo in the review queue: its title, and why it waits for a person (WeChat said review, or said nothing in time). */
export const HeldPhotoLabels = {
  title: '待复核的照片',
  review: '微信安全检测建议人工复核',
  noVerdict: '微信安全检测未及时给出结果',
} as const;

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
/** The figures automatic assessment indicators are computed from (评星定级). */
export const AssessmentMetricLabels: Record<AssessmentMetric, string> = {
  commitment_fulfilment_rate: '承诺践诺率',
  wishes_completed_per_member: '人均完成心愿',
  service_minutes_per_member: '人均服务时长（分钟）',
  greeting_coverage: '政治生日关怀覆盖率',
  review_average: '评议均分',
};

export const IndicatorKindLabels: Record<IndicatorKind, string> = {
  auto: '自动计算',
  judged: '上级评分',
};

export const AssessmentStatusLabels: Record<AssessmentStatus, string> = {
  draft: '编辑中',
  started: '评分中',
  published: '已公布',
};

export const ContestStatusLabels: Record<ContestStatus, string> = {
  running: '进行中',
  ended: '已结束',
};

export const RoundStatusLabels: Record<RoundStatus, string> = {
  pending: '待上场',
  open: '打分中',
  closed: '已完成',
};

/** 民主评议 names its kinds as commitment reviews do: 组织点评 / 党员互评 / 群众评议. */
export const MemberReviewKindLabels = ReviewKindLabels;
