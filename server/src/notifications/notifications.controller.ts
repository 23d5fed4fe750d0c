import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Inbox, Notification, SubscriptionTemplate } from '@xianfeng/shared';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { PageQuery } from '../common/pagination.js';
import { Route } from '../common/route.js';
import { IdPipe } from '../common/validation.js';
import { SubscriptionReportDto } from './notifications.dto.js';
import { NotificationsService } from './notifications.service.js';
import { InboxDto, NotificationDto, SubscriptionTemplateDto } from './notifications.responses.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Route('GET', 'subscriptions/templates', { access: 'user', returns: [SubscriptionTemplateDto], summary: 'Template ids the client should ask the user to accept, with the grants left' })
  templates(@CurrentActor() actor: Actor): Promise<SubscriptionTemplate[]> {
    return this.notifications.templates(actor.userId);
  }

  @Route('POST', 'subscriptions', { access: 'user', status: 200, returns: [SubscriptionTemplateDto], summary: 'Report wx.requestSubscribeMessage outcomes: each accept adds one grant' })
  subscribe(@CurrentActor() actor: Actor, @Body() dto: SubscriptionReportDto): Promise<SubscriptionTemplate[]> {
    return this.notifications.recordSubscriptions(actor.userId, dto.results);
  }

  @Route('GET', 'notifications', { access: 'user', returns: InboxDto, summary: 'The in-app inbox, newest first, with the unread count' })
  inbox(@CurrentActor() actor: Actor, @Query() q: PageQuery): Promise<Inbox> {
    return this.notifications.inbox(actor.userId, q.limit ?? 20, q.cursor);
  }

  @Route('POST', 'notifications/:id/read', { access: 'user', status: 200, returns: NotificationDto, summary: 'Mark one of your notifications read' })
  read(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Notification> {
    return this.notifications.markRead(actor.userId, id);
  }
}
