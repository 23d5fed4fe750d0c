import { Injectable, Module } from '@nestjs/common';
import type { Member, MemberCard, Page } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { decodeCursor, toPage } from '../common/pagination.js';
import { ServiceCounts } from '../community-service/service-counts.js';
import { NO_SERVICE, toMember, toMemberCard } from './member.mapper.js';
import { MembersLedger } from './members.ledger.js';
import { MembersRepository } from './members.repository.js';
import type { Subtree } from '../orgs/subtree.js';

/**
 * What other features may read of members: the read port members/ exports, so that no one else
 * imports its repository or mapper. It depends on nothing but the database, which lets users/
 * (the member behind a login) and orgs/ (the board) read it while members/ itself imports users/.
 */
@Injectable()
export class MemberDirectory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: MembersRepository,
    private readonly serviceCounts: ServiceCounts,
  ) {}

  /** The member record bound to a user, in the staff shape (the user is that member). */
  async ofUser(userId: string): Promise<Member | null> {
    const m = await this.repo.findByUserId(this.dataSource.manager, userId);
    return m && toMember(m);
  }

  /** A member record in the staff shape, or null (callers decide who may see which field). */
  async find(id: string): Promise<Member | null> {
    const m = await this.repo.findById(this.dataSource.manager, id);
    return m && toMember(m);
  }

  /** Public cards of the members of the subtree, posts first, then by name. */
  async boardPage(subtree: Subtree, limit: number, cursor?: string): Promise<Page<MemberCard>> {
    const after = decodeCursor<[number, string, string]>(cursor, ['int', 'text', 'uuid']);
    const rows = await this.repo.findBoardPage(this.dataSource.manager, subtree, after, limit);
    const counts = await this.serviceCounts.ofMembers(rows.slice(0, limit).map((m) => m.id));
    return toPage(rows, limit, (m) => toMemberCard(m, counts.get(m.id) ?? NO_SERVICE), (m) => [m.rank, m.name, m.id]);
  }

  /** Whether a member record with this id exists (a public card can be shown for it). */
  async exists(id: string): Promise<boolean> {
    return (await this.repo.findById(this.dataSource.manager, id)) !== null;
  }

  countIn(subtree: Subtree): Promise<number> {
    return this.repo.countInSubtree(this.dataSource.manager, subtree);
  }
}

/** Provides MemberDirectory without the rest of members/ (no controller, no users/ import). */
@Module({ providers: [MembersRepository, MemberDirectory, MembersLedger], exports: [MemberDirectory, MembersLedger] })
export class MemberDirectoryModule {}
