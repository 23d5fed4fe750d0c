import type { OrgType } from '@xianfeng/shared';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An organisation. `path` is the materialised path of ids from the root (`/a/b/c/`): the subtree of
 * `c` is every row whose path starts with c's path, and the ancestors of `c` are the ids in its path.
 */
@Entity('org')
export class OrgEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) type: OrgType;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @Column({ type: 'text' }) path: string;
  @Column({ type: 'int' }) depth: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;

  /** Ids from the root down to this organisation, itself included. */
  get lineage(): string[] {
    return this.path.split('/').filter(Boolean);
  }
}

@Entity('staff_grant')
export class StaffGrantEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @PrimaryColumn({ name: 'org_id', type: 'uuid' }) orgId: string;
  @Column({ name: 'granted_by', type: 'uuid', nullable: true }) grantedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
