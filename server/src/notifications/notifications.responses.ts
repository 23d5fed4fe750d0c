import { ApiProperty } from '@nestjs/swagger';
import { NotificationTemplateKeys, type DeliveryStatus, type Inbox, type Notification, type NotificationTemplateKey, type SubscriptionTemplate } from '@xianfeng/shared';
import { PageCursorDto } from '../common/responses.js';

export class SubscriptionTemplateDto implements SubscriptionTemplate {
  @ApiProperty({ enum: NotificationTemplateKeys }) key: NotificationTemplateKey;
  @ApiProperty() templateId: string;
  @ApiProperty({ description: 'grants left: each accept adds one, each message spends one' }) remaining: number;
}

export class NotificationDto implements Notification {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NotificationTemplateKeys }) templateKey: NotificationTemplateKey;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true, example: 'packages/wish/detail/index?id=…', description: "the mini-program page it opens (shared's Pages)" }) page: string | null;
  @ApiProperty({ enum: ['pending', 'sending', 'sent', 'no_quota', 'failed'] }) delivery: DeliveryStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) readAt: string | null;
}

export class InboxDto extends PageCursorDto implements Inbox {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ description: 'unread count for the badge' }) unread: number;
}
