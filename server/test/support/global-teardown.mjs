import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  const state = globalThis.__XF_PG__;
  if (!state) return;
  await state.pg.stop();
  await rm(state.dataDir, { recursive: true, force: true });
}
