import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { LoginResponse, Role, User } from '@xianfeng/shared';
import { MemberResponseDto } from '../members/members.responses.js';

/** One role: `{ role: 'admin' }`, or `{ role: 'staff', orgId }` covering the organisation's subtree. */
export class RoleDto {
  @ApiProperty({ enum: ['admin', 'staff'] }) role: Role['role'];
  @ApiPropertyOptional({ description: 'staff only: the organisation (and so its subtree)' }) orgId?: string;
  @ApiPropertyOptional({ description: 'staff only' }) orgName?: string;
}

export class UserResponseDto implements User {
  @ApiProperty() id: string;
  @ApiPropertyOptional({ type: String, nullable: true }) nickname?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) avatarUrl?: string | null;
  // RoleDto flattens the union for the document; the shared union is what the server returns.
  @ApiProperty({ type: [RoleDto] }) roles: Role[];
  @ApiProperty({ type: MemberResponseDto, nullable: true }) member: MemberResponseDto | null;
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty() token: string;
  @ApiProperty({ format: 'date-time', description: 'when the token stops working' }) expiresAt: string;
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
}
