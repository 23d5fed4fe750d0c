import { Module } from '@nestjs/common';
import { ActorLoader } from '../common/auth/actor-loader.js';
import { MemberDirectoryModule } from '../members/member-directory.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [MemberDirectoryModule],
  providers: [UsersService, UsersRepository, { provide: ActorLoader, useExisting: UsersService }],
  exports: [UsersService, ActorLoader],
})
export class UsersModule {}
