import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ description: 'code from wx.login (valid 5 minutes, once); `dev:<openid>` against the stand-in WeChat' })
  @IsString()
  @Length(1, 128)
  code: string;
}
