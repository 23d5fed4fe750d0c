import dayjs from 'dayjs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { todayInShanghai } from '../common/dates.js';
import { dataSourceOptions } from './data-source.js';

/** Deterministic pseudo-random numbers, so every fresh demo looks the same. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface OrgSeed {
  key: string;
  name: string;
  type: 'committee' | 'general_branch' | 'branch' | 'community';
  parent?: string;
  members: number;
}

const ORGS: OrgSeed[] = [
  { key: 'street', name: '红旗街道党工委', type: 'committee', members: 3 },
  { key: 'xfl', name: '幸福里社区党委', type: 'community', parent: 'street', members: 2 },
  { key: 'xfl1', name: '幸福里社区第一党支部', type: 'branch', parent: 'xfl', members: 7 },
  { key: 'xfl2', name: '幸福里社区第二党支部', type: 'branch', parent: 'xfl', members: 6 },
  { key: 'yg', name: '阳光社区党支部', type: 'branch', parent: 'street', members: 7 },
  { key: 'firms', name: '红旗街道非公企业党总支', type: 'general_branch', parent: 'street', members: 1 },
  { key: 'xc', name: '星辰科技有限公司党支部', type: 'branch', parent: 'firms', members: 6 },
  { key: 'ly', name: '绿源物流有限公司党支部', type: 'branch', parent: 'firms', members: 5 },
  { key: 'jg', name: '街道机关党支部', type: 'branch', parent: 'street', members: 4 },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = ['建国', '秀英', '志强', '桂兰', '海燕', '红梅', '卫东', '丽华', '国强', '晓明', '淑芬', '德胜', '玉珍', '文杰', '雪梅', '振华', '春燕', '立新', '美玲', '永强', '思远', '若溪', '子涵', '浩然', '欣怡', '一鸣', '佳琪', '宇航'];
const POSTS: Array<['demonstration' | 'vanguard' | 'responsibility_zone' | null, string | null, string | null]> = [
  ['demonstration', '便民服务窗口示范岗', '负责社区居民事务咨询、证明开具，首问负责、限时办结'],
  ['vanguard', '楼栋长先锋岗', '联系 3 号楼 48 户居民，收集诉求，每周走访独居老人'],
  ['responsibility_zone', '垃圾分类责任区', '督导小区 A 区垃圾分类投放，每周两次桶边值守'],
  ['vanguard', '志愿服务先锋岗', '组织周末义剪、义诊等志愿服务活动'],
  ['demonstration', '技术攻关示范岗', '牵头产品质量攻关小组，带教新员工'],
  ['responsibility_zone', '消防安全责任区', '每月检查楼道消防通道与灭火器，排查电动车充电隐患'],
  ['vanguard', '平安巡逻先锋岗', '每晚参与小区平安巡逻，协助调解邻里纠纷'],
  [null, null, null],
  [null, null, null],
];

type Manager = { query: (sql: string, params?: unknown[]) => Promise<Array<Record<string, string>>> };

/** A few commitments in different states, so the 亮承诺 pages have something to show. */
async function seedCommitments(m: Manager, users: Record<string, string>, branchId: string, base: dayjs.Dayjs) {
  const [member] = await m.query(`SELECT id FROM member WHERE user_id = $1`, [users['demo-member']]);
  const day = (n: number) => base.add(n, 'day').format('YYYY-MM-DD');
  const rows: Array<[string | null, string, string, string[], string, string, string]> = [
    [member.id, '每周为独居老人送一次菜', '每周六上午为 3 号楼的三位独居老人代买蔬菜，并陪同聊天半小时。', ['每周六送菜', '每月一次健康提醒'], day(90), 'published', users['demo-member']],
    [member.id, '帮助社区完成垃圾分类宣传', '在小区门口设宣传点，讲解垃圾分类要点。', ['制作宣传海报', '两次现场讲解'], day(30), 'pending_review', users['demo-member']],
    [null, '支部全年开展 12 次主题党日', '每月第一个周六开展主题党日活动，覆盖全体党员。', ['每月一次主题党日', '年底总结表彰'], day(200), 'published', users['demo-branch']],
    [null, '为辖区商户开展消防安全检查', '联合物业对沿街 40 家商户开展消防安全检查。', ['检查灭火器', '清理消防通道'], day(-20), 'fulfilled', users['demo-branch']],
  ];
  const ids: string[] = [];
  for (const [ownerMemberId, title, content, items, dueOn, status, createdBy] of rows) {
    const [c] = await m.query(
      `INSERT INTO commitment (owner_type, owner_member_id, org_id, title, content, items, due_on, status, created_by, submitted_at, published_at, fulfilled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() - interval '10 days',
               CASE WHEN $8 IN ('published','fulfilled') THEN now() - interval '9 days' END,
               CASE WHEN $8 = 'fulfilled' THEN now() - interval '1 day' END)
       RETURNING id`,
      [ownerMemberId ? 'member' : 'branch', ownerMemberId, branchId, title, content, JSON.stringify(items), dueOn, status, createdBy],
    );
    ids.push(c.id);
  }
  await m.query(`INSERT INTO commitment_progress (commitment_id, text, created_by) VALUES ($1, '本周已为王奶奶、李爷爷送菜，老人们身体都好。', $2)`, [ids[0], users['demo-member']]);
  await m.query(
    `INSERT INTO commitment_review (commitment_id, kind, reviewer_user_id, score, comment) VALUES
       ($1, 'org', $3, 5, '坚持得好，值得大家学习。'), ($1, 'public', $4, 5, '小王每周都来，谢谢！'), ($2, 'public', $4, 4, '检查很细致。')`,
    [ids[0], ids[3], users['demo-branch'], users['demo-resident']],
  );
}

/** A wish wall with wishes at every step, each with the history a real one would have. */
async function seedWishes(m: Manager, users: Record<string, string>, communityId: string, base: dayjs.Dayjs) {
  const [claimer] = await m.query(`SELECT id FROM member WHERE user_id = $1`, [users['demo-member']]);
  const staff = users['demo-branch'];
  const resident = users['demo-resident'];
  const wishes: Array<{ title: string; description: string; category: string; status: string; onBehalf?: [string, string] }> = [
    { title: '想要一台旧电脑给孙子上网课', description: '孙子读初三，家里没有电脑，希望有一台能上网课的旧电脑。', category: 'goods', status: 'open' },
    { title: '帮忙修理楼道的声控灯', description: '5 号楼 3 层的声控灯坏了一个月，晚上上下楼很不方便。', category: 'service', status: 'open', onBehalf: ['张桂芳', '13700001234'] },
    { title: '陪老伴去医院复查', description: '老伴腿脚不便，下周二上午要去区医院复查，希望有人帮忙推轮椅。', category: 'errand', status: 'claimed' },
    { title: '想学用智能手机视频通话', description: '儿子在外地工作，想学会用微信和他视频。', category: 'service', status: 'confirmed', onBehalf: ['李秀英', '13800005678'] },
    { title: '需要一个助行器', description: '腿部手术后恢复期，需要助行器练习走路。', category: 'goods', status: 'pending_review' },
  ];
  for (const w of wishes) {
    const claimed = ['claimed', 'fulfilled', 'confirmed'].includes(w.status);
    const [row] = await m.query(
      `INSERT INTO wish (org_id, title, description, category, status, wisher_user_id, posted_by, wisher_name, wisher_phone,
                         reviewed_by, reviewed_at, expires_on, claimant_member_id, claimed_at, fulfil_note, fulfilled_at, thanks, rating, confirmed_by, confirmed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
               CASE WHEN $5 <> 'pending_review' THEN $10::uuid END, CASE WHEN $5 <> 'pending_review' THEN now() - interval '5 days' END,
               $11, $12, CASE WHEN $12::uuid IS NOT NULL THEN now() - interval '3 days' END,
               CASE WHEN $5 = 'confirmed' THEN '教会了视频通话和发语音，阿姨已经和儿子通上话了。' END,
               CASE WHEN $5 = 'confirmed' THEN now() - interval '1 day' END,
               CASE WHEN $5 = 'confirmed' THEN '谢谢小王，耐心又细致！' END, CASE WHEN $5 = 'confirmed' THEN 5 END,
               CASE WHEN $5 = 'confirmed' THEN $10::uuid END, CASE WHEN $5 = 'confirmed' THEN now() END)
       RETURNING id`,
      [communityId, w.title, w.description, w.category, w.status, w.onBehalf ? null : resident, w.onBehalf ? staff : resident,
       w.onBehalf?.[0] ?? '李阿姨', w.onBehalf?.[1] ?? null, staff, base.add(30, 'day').format('YYYY-MM-DD'), claimed ? claimer.id : null],
    );
    const steps: Array<[string, string | null, string, string | null, string]> = [['post', null, 'pending_review', w.onBehalf ? staff : resident, w.onBehalf ? 'staff' : 'wisher']];
    if (w.status !== 'pending_review') steps.push(['approve', 'pending_review', 'open', staff, 'staff']);
    if (claimed) steps.push(['claim', 'open', 'claimed', users['demo-member'], 'member']);
    if (w.status === 'confirmed') steps.push(['fulfil', 'claimed', 'fulfilled', users['demo-member'], 'member'], ['confirm', 'fulfilled', 'confirmed', staff, 'staff']);
    for (const [action, from, to, actor, role] of steps) {
      await m.query(
        `INSERT INTO wish_event (wish_id, action, from_status, to_status, actor_user_id, actor_role, actor_member_id, on_behalf)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [row.id, action, from, to, actor, role, role === 'member' ? claimer.id : null, Boolean(w.onBehalf) && action === 'post'],
      );
    }
  }
}

/**
 * 评星定级 and 擂台比武 as a street committee runs them: last year's assessment of the street's
 * children, published (the public star board), and a finished contest with five judges (the big
 * screen's final ranking).
 */
async function seedAssessment(m: Manager, users: Record<string, string>, orgIds: Record<string, { id: string }>, base: dayjs.Dayjs) {
  const year = base.year() - 1;
  const indicators = [
    { key: 'commit', name: '承诺践诺', max: 20, kind: 'auto', metric: 'commitment_fulfilment_rate', fullAt: null },
    { key: 'build', name: '组织建设', max: 40, kind: 'judged' },
    { key: 'serve', name: '服务群众', max: 40, kind: 'judged' },
  ];
  const stars = [
    { stars: 5, min: 90 },
    { stars: 4, min: 80 },
    { stars: 3, min: 70 },
    { stars: 2, min: 60 },
    { stars: 1, min: 50 },
  ];
  const [a] = await m.query(
    `INSERT INTO assessment (org_id, title, period_from, period_to, indicators, stars, status, created_by, started_at, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'published', $7, now() - interval '40 days', now() - interval '20 days') RETURNING id`,
    [orgIds.street.id, `${year} 年度基层党组织评星定级`, `${year}-01-01`, `${year}-12-31`, JSON.stringify(indicators), JSON.stringify(stars), users['demo-secretary']],
  );
  // [child, commitment score, 组织建设 self/superior, 服务群众 self/superior]
  const sheets: Array<[string, number, number, number, number, number]> = [
    ['xfl', 18, 38, 37, 39, 38],
    ['yg', 16, 36, 34, 37, 35],
    ['firms', 12, 35, 30, 33, 29],
    ['jg', 17, 34, 33, 32, 31],
  ];
  const scored = sheets.map(([key, commit, buildSelf, build, serveSelf, serve]) => ({ key, commit, buildSelf, build, serveSelf, serve, total: commit + build + serve }));
  scored.sort((x, y) => y.total - x.total);
  for (const s of scored) {
    const orgId = orgIds[s.key].id;
    for (const [k, self, sup] of [['build', s.buildSelf, s.build], ['serve', s.serveSelf, s.serve]] as const) {
      await m.query(
        `INSERT INTO assessment_score (assessment_id, org_id, indicator_key, self_score, evidence, self_at, superior_score, superior_by, superior_at)
         VALUES ($1, $2, $3, $4, $5, now() - interval '30 days', $6, $7, now() - interval '25 days')`,
        [a.id, orgId, k, self, '见本年度三会一课台账与活动记录', sup, users['demo-secretary']],
      );
    }
    const rank = 1 + scored.filter((o) => o.total > s.total).length;
    const starCount = stars.find((t) => t.min <= s.total)?.stars ?? 0;
    const inds = [
      { key: 'commit', auto: s.commit, figure: s.commit / 20, score: s.commit },
      { key: 'build', self: s.buildSelf, superior: s.build, evidence: '见本年度三会一课台账与活动记录', evidencePhotos: [], score: s.build },
      { key: 'serve', self: s.serveSelf, superior: s.serve, evidence: '见本年度三会一课台账与活动记录', evidencePhotos: [], score: s.serve },
    ];
    await m.query(`INSERT INTO assessment_result (assessment_id, org_id, rank, total, stars, indicators) VALUES ($1, $2, $3, $4, $5, $6)`, [a.id, orgId, rank, s.total, starCount, JSON.stringify(inds)]);
  }

  const [c] = await m.query(
    `INSERT INTO contest (org_id, title, status, judge_code, created_by, created_at, ended_at)
     VALUES ($1, $2, 'ended', NULL, $3, now() - interval '10 days', now() - interval '10 days' + interval '2 hours') RETURNING id`,
    [orgIds.street.id, `${year} 年度支部书记抓党建擂台比武`, users['demo-secretary']],
  );
  const presenters = ['xfl1', 'xfl2', 'yg', 'xc', 'ly'];
  const judges: string[] = [];
  for (let i = 1; i <= 5; i++) {
    const [{ id }] = await m.query(`INSERT INTO app_user (openid, nickname) VALUES ($1, $2) RETURNING id`, [`demo-judge-${i}`, `评委${i}`]);
    judges.push(id);
    await m.query(`INSERT INTO contest_judge (contest_id, user_id, joined_at) VALUES ($1, $2, now() - interval '10 days')`, [c.id, id]);
  }
  const table = [
    [92, 90, 95, 88, 91],
    [85, 87, 83, 90, 86],
    [94, 96, 93, 97, 92],
    [80, 78, 84, 82, 79],
    [88, 86, 90, 85, 89.5],
  ];
  for (const [i, key] of presenters.entries()) {
    await m.query(
      `INSERT INTO contest_round (contest_id, org_id, position, status, opened_at, closed_at)
       VALUES ($1, $2, $3, 'closed', now() - interval '10 days', now() - interval '10 days' + interval '20 minutes')`,
      [c.id, orgIds[key].id, i + 1],
    );
    for (const [j, judge] of judges.entries()) {
      await m.query(`INSERT INTO contest_score (contest_id, org_id, judge_user_id, score) VALUES ($1, $2, $3, $4)`, [c.id, orgIds[key].id, judge, table[i][j]]);
    }
  }
}

/** Loads the demo organisation tree with ~40 members, a few commitments and a wish wall, unless the database already has organisations. */
export async function seedDemoIfEmpty(databaseUrl: string, today = todayInShanghai()): Promise<null | { orgs: number; members: number }> {
  const ds = new DataSource(dataSourceOptions(databaseUrl, 2));
  await ds.initialize();
  try {
    return await ds.transaction(async (m) => {
      // Serialise concurrent seeders (two instances starting on one empty database).
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('xianfeng:seed'))`);
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM org`);
      if (n > 0) return null;
      const rand = mulberry32(20260701);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
      const base = dayjs(today);

      const users: Record<string, string> = {};
      for (const [openid, nickname, admin] of [
        ['demo-admin', '系统管理员', true],
        ['demo-secretary', '街道组织委员', false],
        ['demo-branch', '幸福里一支部书记', false],
        ['demo-member', '党员小王', false],
        ['demo-resident', '居民李阿姨', false],
      ] as const) {
        const [{ id }] = await m.query(`INSERT INTO app_user (openid, nickname, is_admin) VALUES ($1, $2, $3) RETURNING id`, [openid, nickname, admin]);
        users[openid] = id;
      }

      const orgIds: Record<string, { id: string; path: string; depth: number }> = {};
      for (const o of ORGS) {
        const id = randomUUID();
        const parent = o.parent ? orgIds[o.parent] : null;
        const path = `${parent?.path ?? '/'}${id}/`;
        const depth = parent ? parent.depth + 1 : 0;
        await m.query(`INSERT INTO org (id, name, type, parent_id, path, depth) VALUES ($1, $2, $3, $4, $5, $6)`, [id, o.name, o.type, parent?.id ?? null, path, depth]);
        orgIds[o.key] = { id, path, depth };
      }
      await m.query(`INSERT INTO staff_grant (user_id, org_id) VALUES ($1, $2), ($3, $4)`, [
        users['demo-secretary'],
        orgIds.street.id,
        users['demo-branch'],
        orgIds.xfl1.id,
      ]);

      let count = 0;
      for (const o of ORGS) {
        for (let i = 0; i < o.members; i++) {
          count++;
          const name = SURNAMES[Math.floor(rand() * SURNAMES.length)] + pick(GIVEN);
          const age = 24 + Math.floor(rand() * 50);
          // Every fifth member has a birthday, every seventh a political birthday, in the coming week.
          const birthday =
            count % 5 === 0
              ? base.add(count % 7, 'day').subtract(age, 'year')
              : base.subtract(age, 'year').subtract(Math.floor(rand() * 365), 'day');
          const partyYears = 1 + Math.floor(rand() * Math.max(1, age - 20));
          const joined =
            count % 7 === 3
              ? base.add(count % 6, 'day').subtract(partyYears, 'year')
              : base.subtract(partyYears, 'year').subtract(Math.floor(rand() * 300), 'day');
          const workStarted = birthday.add(20 + Math.floor(rand() * 4), 'year');
          const [postKind, postTitle, duties] = o.type === 'committee' && i === 0 ? POSTS[0] : pick(POSTS);
          const phone = `13${Math.floor(rand() * 10)}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
          const showPhone = postKind !== null && rand() < 0.5;
          const userId = o.key === 'xfl1' && i === 0 ? users['demo-member'] : null;
          await m.query(
            `INSERT INTO member (org_id, user_id, name, gender, birthday, joined_party_on, work_started_on, status, post_kind, post_title, duties, phone, show_phone)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
            [
              orgIds[o.key].id,
              userId,
              name,
              rand() < 0.5 ? 'male' : 'female',
              birthday.format('YYYY-MM-DD'),
              (joined.isAfter(birthday.add(18, 'year')) ? joined : birthday.add(18, 'year').add(count, 'day')).format('YYYY-MM-DD'),
              workStarted.isBefore(base) ? workStarted.format('YYYY-MM-DD') : null,
              partyYears < 2 ? 'probationary' : 'full',
              postKind,
              postTitle,
              duties,
              phone,
              showPhone,
            ],
          );
        }
      }
      await seedCommitments(m, users, orgIds.xfl1.id, base);
      await seedWishes(m, users, orgIds.xfl.id, base);
      await seedAssessment(m, users, orgIds, base);
      return { orgs: ORGS.length, members: count };
    });
  } finally {
    await ds.destroy();
  }
}
