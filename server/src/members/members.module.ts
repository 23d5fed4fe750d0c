import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';

@Module({ imports: [AuthModule, UploadsModule], controllers: [MembersController], providers: [MembersService], exports: [MembersService] })
export class MembersModule {}
