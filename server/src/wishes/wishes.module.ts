import { WishesLedger } from './wishes.ledger.js';
import { Module } from '@nestjs/common';
import { UploadsModule } from '../uploads/uploads.module.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { WishesController } from './wishes.controller.js';
import { WishesRepository } from './wishes.repository.js';
import { WishesService } from './wishes.service.js';
import { WishReviewSource } from './wish-review.source.js';

@Module({ imports: [WechatModule, UploadsModule], controllers: [WishesController], providers: [WishesService, WishesRepository, WishesLedger, WishReviewSource], exports: [WishesService, WishesLedger, WishReviewSource] })
export class WishesModule {}
