import { Module } from '@nestjs/common';
import { MemberDirectoryModule } from '../members/member-directory.js';
import { MemberReviewsController } from './member-reviews.controller.js';
import { MemberReviewsRepository } from './member-reviews.repository.js';
import { MemberReviewsService } from './member-reviews.service.js';

@Module({ imports: [MemberDirectoryModule], controllers: [MemberReviewsController], providers: [MemberReviewsService, MemberReviewsRepository] })
export class MemberReviewsModule {}
