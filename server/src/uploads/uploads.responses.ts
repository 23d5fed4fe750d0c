import { ApiProperty } from '@nestjs/swagger';
import type { HeldPhoto, HeldPhotoList, PhotoCheckState, UploadResponse } from '@xianfeng/shared';

export class UploadResponseDto implements UploadResponse {
  @ApiProperty({ example: '/api/v1/uploads/3f2a….jpg', description: 'where the image is served; pass it in photos[] or photoUrl' }) url: string;
}

export class HeldPhotoDto implements HeldPhoto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the public URL (404 while held)' }) url: string;
  @ApiProperty({ description: 'a signed URL valid for an hour, to look at the photo now' }) viewUrl: string;
  @ApiProperty({ enum: ['pending', 'pass', 'risky', 'review', 'approved', 'removed'] }) state: PhotoCheckState;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

export class HeldPhotoListDto implements HeldPhotoList {
  @ApiProperty({ type: [HeldPhotoDto] }) items: HeldPhotoDto[];
}
