/**
 * The demo accounts the server's seed creates (with `SEED_DEMO`), and that the H5 developer login
 * offers as one-tap sign-ins: one per kind of user the product serves.
 */
export const DemoAccounts = [
  { openid: 'demo-admin', nickname: '系统管理员', label: '系统管理员', admin: true },
  { openid: 'demo-secretary', nickname: '街道组织委员', label: '街道组织委员', admin: false },
  { openid: 'demo-branch', nickname: '幸福里一支部书记', label: '支部书记', admin: false },
  { openid: 'demo-member', nickname: '党员小王', label: '党员', admin: false },
  { openid: 'demo-resident', nickname: '居民李阿姨', label: '群众', admin: false },
] as const;

export type DemoOpenid = (typeof DemoAccounts)[number]['openid'];
