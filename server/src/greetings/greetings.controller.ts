import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BatchGreetingResult, Greeting, GreetingSettings, Occasion, Page } from '@xianfeng/shared';
import { Access, CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { PageQuery } from '../common/pagination.js';
import { IdPipe } from '../common/validation.js';
import { BatchGreetingDto, GreetingSettingsDto, OccasionsQuery, SendGreetingDto } from './greetings.dto.js';
import { GreetingsService } from './greetings.service.js';
import { BatchGreetingResultDto, GreetingPageDto, GreetingResponseDto, GreetingSettingsResponseDto, OccasionDto } from './greetings.responses.js';

@ApiTags('greetings')
@ApiBearerAuth()
@Controller()
export class GreetingsController {
  constructor(private readonly greetings: GreetingsService) {}

  @Get('orgs/:id/occasions')
  @Access('staff')
  @ApiOperation({ summary: 'The 三色生日表: birthdays, political birthdays and work anniversaries in from..to (Asia/Shanghai dates)' })
  @ApiOkResponse({ type: [OccasionDto] })
  occasions(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Query() q: OccasionsQuery): Promise<Occasion[]> {
    return this.greetings.occasions(actor, id, q.from, q.to);
  }

  @Get('orgs/:id/greeting-settings')
  @Access('staff')
  @ApiOperation({ summary: "The organisation's greeting settings (inherited from the nearest ancestor that has some)" })
  @ApiOkResponse({ type: GreetingSettingsResponseDto })
  settings(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<GreetingSettings> {
    return this.greetings.settings(actor, id);
  }

  @Put('orgs/:id/greeting-settings')
  @Access('staff')
  @ApiOperation({ summary: 'Templates per kind ({name} {years} {org}), auto-send on/off, the hour to send at' })
  @ApiOkResponse({ type: GreetingSettingsResponseDto })
  putSettings(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: GreetingSettingsDto): Promise<GreetingSettings> {
    return this.greetings.putSettings(actor, id, dto);
  }

  @Post('greetings')
  @Access('staff')
  @ApiOperation({ summary: "Send now; the same member, kind and year again → 409 GREETING_ALREADY_SENT" })
  @ApiCreatedResponse({ type: GreetingResponseDto })
  send(@CurrentActor() actor: Actor, @Body() dto: SendGreetingDto): Promise<Greeting> {
    return this.greetings.send(actor, dto);
  }

  @Post('greetings/batch')
  @HttpCode(200)
  @Access('staff')
  @ApiOperation({ summary: 'Send several; each item succeeds or fails on its own' })
  @ApiOkResponse({ type: BatchGreetingResultDto })
  batch(@CurrentActor() actor: Actor, @Body() dto: BatchGreetingDto): Promise<BatchGreetingResult> {
    return this.greetings.batch(actor, dto);
  }

  @Get('greetings/mine')
  @Access('member')
  @ApiOperation({ summary: "The member's greeting cards, newest first" })
  @ApiOkResponse({ type: GreetingPageDto })
  mine(@CurrentActor() actor: Actor, @Query() q: PageQuery): Promise<Page<Greeting>> {
    return this.greetings.mine(actor, q.limit ?? 20, q.cursor);
  }

  @Post('greetings/:id/read')
  @HttpCode(200)
  @Access('member')
  @ApiOperation({ summary: 'The recipient marks a card read' })
  @ApiOkResponse({ type: GreetingResponseDto })
  read(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Greeting> {
    return this.greetings.markRead(actor, id);
  }
}
