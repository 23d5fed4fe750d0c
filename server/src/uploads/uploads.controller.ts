import { Controller, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { HeldPhoto, HeldPhotoList, UploadResponse } from '@xianfeng/shared';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { Route } from '../common/route.js';
import { UploadedFile, type UploadedFileData } from '../common/upload.js';
import { IdPipe } from '../common/validation.js';
import { MAX_UPLOAD_BYTES } from './image-sniff.js';
import { UploadsService } from './uploads.service.js';
import { HeldPhotoDto, HeldPhotoListDto, UploadResponseDto } from './uploads.responses.js';
import { PhotoChecks } from './photo-checks.js';

@ApiTags('uploads')
@Controller()
export class UploadsController {
  constructor(
    private readonly uploads: UploadsService,
    private readonly checks: PhotoChecks,
  ) {}

  @Route('POST', 'uploads', { access: 'user', returns: UploadResponseDto, upload: { maxBytes: MAX_UPLOAD_BYTES }, summary: 'Upload one image (jpeg/png/webp, checked by content, ≤ 5 MB)' })
  @ApiBearerAuth()
  upload(@CurrentActor() actor: Actor, @UploadedFile() file?: UploadedFileData): Promise<UploadResponse> {
    return this.uploads.store(actor, file);
  }

  @Route('GET', 'uploads/:key', { access: 'public', summary: 'An uploaded image (404 while held by the image check, except to its uploader, staff, or a signed URL)' })
  serve(
    @Param('key') key: string,
    @Res() res: FastifyReply,
    @CurrentActor() actor: Actor | null,
    @Query('exp') exp?: string,
    @Query('sig') sig?: string,
  ): Promise<void> {
    return this.uploads.serve(key, res, actor, { exp, sig });
  }

  @Route('GET', 'orgs/:id/held-photos', { access: 'staff', returns: HeldPhotoListDto, summary: "Staff: photos in the organisation's subtree held for review (WeChat said review, or no verdict in time)" })
  @ApiBearerAuth()
  held(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<HeldPhotoList> {
    return this.checks.listHeld(actor, id);
  }

  @Route('POST', 'uploads/:id/approve', { access: 'staff', status: 200, returns: HeldPhotoDto, summary: 'Staff: a held photo is fine; it becomes public' })
  @ApiBearerAuth()
  approve(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<HeldPhoto> {
    return this.checks.approve(actor, id);
  }

  @Route('POST', 'uploads/:id/remove', { access: 'staff', status: 200, returns: HeldPhotoDto, summary: 'Staff: a held photo is removed from public view and its uploader told' })
  @ApiBearerAuth()
  remove(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<HeldPhoto> {
    return this.checks.remove(actor, id);
  }
}
