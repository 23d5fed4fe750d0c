import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Inbox, Notification, SubscriptionTemplate } from '@xianfeng/shared';
import { Access, CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { PageQuery } from '../common/pagination.js';
import { IdPipe } from '../common/validation.js';
import { SubscriptionReportDto } from './notifications.dto.js';
import { NotificationsService } from './notifications.service.js';
import { InboxDto, NotificationDto, SubscriptionTemplateDto } from './notifications.responses.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('subscriptions/templates')
  @Access('user')
  @ApiOperation({ summary: 'Template ids the client should ask the user to accept, with the grants left' })
  @ApiOkResponse({ type: [SubscriptionTemplateDto] })
  templates(@CurrentActor() actor: Actor): Promise<SubscriptionTemplate[]> {
    return this.notifications.templates(actor.userId);
  }

  @Post('subscriptions')
  @HttpCode(200)
  @Access('user')
  @ApiOperation({ summary: 'Report wx.requestSubscribeMessage outcomes: each accept adds one grant' })
  @ApiOkResponse({ type: [SubscriptionTemplateDto] })
  subscribe(@CurrentActor() actor: Actor, @Body() dto: SubscriptionReportDto): Promise<SubscriptionTemplate[]> {
    return this.notifications.recordSubscriptions(actor.userId, dto.results);
  }

  @Get('notifications')
  @Access('user')
  @ApiOperation({ summary: 'The in-app inbox, newest first, with the unread count' })
  @ApiOkResponse({ type: InboxDto })
  inbox(@CurrentActor() actor: Actor, @Query() q: PageQuery): Promise<Inbox> {
    return this.notifications.inbox(actor.userId, q.limit ?? 20, q.cursor);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @Access('user')
  @ApiOperation({ summary: 'Mark one of your notifications read' })
  @ApiOkResponse({ type: NotificationDto })
  read(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Notification> {
    return this.notifications.markRead(actor.userId, id);
  }
}
