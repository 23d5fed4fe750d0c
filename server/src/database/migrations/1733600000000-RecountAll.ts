import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_RECOUNT } from './1733100000000-CommunityService.js';
import { STAT_RECOUNT_OWN_V2 } from './1733400000000-Workbench.js';

/**
 * Two migrations of the same release each redefined `stat_recount_own`: the community service one
 * added service minutes and deeds, the workbench one counted leaves — each from the Stats version.
 * This one puts both together, so `stat_rebuild()` and the drift check recount every figure.
 */
export class RecountAll1733600000000 implements MigrationInterface {
  name = 'RecountAll1733600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE VIEW stat_recount_own AS ${STAT_RECOUNT_OWN_V2} UNION ALL ${SERVICE_RECOUNT}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE VIEW stat_recount_own AS ${STAT_RECOUNT_OWN_V2}`);
  }
}
