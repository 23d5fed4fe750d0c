import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { FILE_STORAGE, LocalDiskStorage } from './file-storage.js';
import { UploadsController } from './uploads.controller.js';
import { UploadsRepository } from './uploads.repository.js';
import { UploadsService } from './uploads.service.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { MediaUrlSigner } from './media-url-signer.js';
import { PhotoChecks } from './photo-checks.js';
import { PhotoReviewSource } from './photo-review.source.js';

/** Uploaded images, and WeChat's image check of them; exports the held-photo port ({@link PhotoChecks}) and the review queue's source of held photos ({@link PhotoReviewSource}). */
@Module({
  imports: [WechatModule],
  controllers: [UploadsController],
  exports: [UploadsService, PhotoChecks, PhotoReviewSource],
  providers: [
    UploadsService,
    UploadsRepository,
    MediaUrlSigner,
    PhotoChecks,
    PhotoReviewSource,
    // STORAGE=s3: a bucket every instance shares (the AWS SDK is loaded only then); otherwise a
    // folder of this instance's DATA_DIR.
    {
      provide: FILE_STORAGE,
      inject: [APP_CONFIG],
      useFactory: async (c: AppConfig) => (c.s3 ? new (await import('./s3-storage.js')).S3FileStorage(c.s3) : new LocalDiskStorage(join(c.dataDir, 'uploads'))),
    },
  ],
})
export class UploadsModule {}
