import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { WishesModule } from '../wishes/wishes.module.js';
import { MemberDirectoryModule } from './member-directory.js';
import { MembersController } from './members.controller.js';
import { MembersRepository } from './members.repository.js';
import { MembersService } from './members.service.js';

/** Exports only the read port (MemberDirectory): other features never see the repository. */
@Module({ imports: [UsersModule, UploadsModule, MemberDirectoryModule, WishesModule], controllers: [MembersController], providers: [MembersService, MembersRepository], exports: [MemberDirectoryModule] })
export class MembersModule {}
