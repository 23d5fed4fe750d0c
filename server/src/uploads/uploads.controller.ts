import { Controller, Get, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UploadResponse } from '@xianfeng/shared';
import type { Response } from 'express';
import { Access, CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { MAX_UPLOAD_BYTES } from './image-sniff.js';
import { UploadsService } from './uploads.service.js';
import { UploadResponseDto } from './uploads.responses.js';

@ApiTags('uploads')
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @Access('user')
  @ApiBearerAuth()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Upload one image (jpeg/png/webp, checked by content, ≤ 5 MB)' })
  @ApiCreatedResponse({ type: UploadResponseDto })
  upload(@CurrentActor() actor: Actor, @UploadedFile() file?: Express.Multer.File): Promise<UploadResponse> {
    return this.uploads.store(actor, file);
  }

  @Get(':key')
  @Access('public')
  @ApiOperation({ summary: 'An uploaded image' })
  serve(@Param('key') key: string, @Res() res: Response): Promise<void> {
    return this.uploads.serve(key, res);
  }
}
