import type { Gender, MemberStatus, PostKind } from '@xianfeng/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('member')
export class MemberEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId: string;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId: string | null;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) gender: Gender;
  /** `date` columns come back as `YYYY-MM-DD` strings (see data-source.ts). */
  @Column({ type: 'date' }) birthday: string;
  @Column({ name: 'joined_party_on', type: 'date' }) joinedPartyOn: string;
  @Column({ name: 'work_started_on', type: 'date', nullable: true }) workStartedOn: string | null;
  @Column({ type: 'text' }) status: MemberStatus;
  @Column({ name: 'post_kind', type: 'text', nullable: true }) postKind: PostKind | null;
  @Column({ name: 'post_title', type: 'text', nullable: true }) postTitle: string | null;
  @Column({ type: 'text', nullable: true }) duties: string | null;
  @Column({ name: 'photo_url', type: 'text', nullable: true }) photoUrl: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ name: 'show_phone', type: 'boolean', default: false }) showPhone: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** Moving a member between organisations keeps a record of where they were. */
@Entity('member_org_history')
export class MemberOrgHistoryEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'member_id', type: 'uuid' }) memberId: string;
  @Column({ name: 'from_org_id', type: 'uuid' }) fromOrgId: string;
  @Column({ name: 'to_org_id', type: 'uuid' }) toOrgId: string;
  @Column({ name: 'moved_by', type: 'uuid', nullable: true }) movedBy: string | null;
  @CreateDateColumn({ name: 'moved_at', type: 'timestamptz' }) movedAt: Date;
}

/** One-time bind codes. Only a SHA-256 of the code is stored. */
@Entity('bind_code')
export class BindCodeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'code_hash', type: 'text', unique: true }) codeHash: string;
  @Column({ name: 'member_id', type: 'uuid' }) memberId: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt: Date | null;
  @Column({ name: 'used_by', type: 'uuid', nullable: true }) usedBy: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
