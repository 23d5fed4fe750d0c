import { Global, Module } from '@nestjs/common';
import { MemberDirectoryModule } from '../members/member-directory.js';
import { UsersModule } from '../users/users.module.js';
import { OrgDirectory } from './org-directory.js';
import { OrgsController } from './orgs.controller.js';
import { OrgsRepository } from './orgs.repository.js';
import { OrgsService } from './orgs.service.js';
import { StaffInvitesController } from './staff-invites.controller.js';
import { StaffInvitesService } from './staff-invites.service.js';

/** Global: every feature asks OrgDirectory for organisations, subtrees and "is this caller staff of it". */
@Global()
@Module({
  imports: [MemberDirectoryModule, UsersModule],
  controllers: [OrgsController, StaffInvitesController],
  providers: [OrgsService, OrgsRepository, OrgDirectory, StaffInvitesService],
  exports: [OrgDirectory],
})
export class OrgsModule {}
