import { ApiProperty } from '@nestjs/swagger';
import type { UploadResponse } from '@xianfeng/shared';

export class UploadResponseDto implements UploadResponse {
  @ApiProperty({ example: '/api/v1/uploads/3f2a….jpg', description: 'where the image is served; pass it in photos[] or photoUrl' }) url: string;
}
