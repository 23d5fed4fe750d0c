import { Controller, Param, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UploadResponse } from '@xianfeng/shared';
import type { Response } from 'express';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { Route } from '../common/route.js';
import { MAX_UPLOAD_BYTES } from './image-sniff.js';
import { UploadsService } from './uploads.service.js';
import { UploadResponseDto } from './uploads.responses.js';

@ApiTags('uploads')
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Route('POST', { access: 'user', returns: UploadResponseDto, upload: { maxBytes: MAX_UPLOAD_BYTES }, summary: 'Upload one image (jpeg/png/webp, checked by content, ≤ 5 MB)' })
  @ApiBearerAuth()
  upload(@CurrentActor() actor: Actor, @UploadedFile() file?: Express.Multer.File): Promise<UploadResponse> {
    return this.uploads.store(actor, file);
  }

  @Route('GET', ':key', { access: 'public', summary: 'An uploaded image' })
  serve(@Param('key') key: string, @Res() res: Response): Promise<void> {
    return this.uploads.serve(key, res);
  }
}
