import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { BatchGreetingResult, Greeting, GreetingSettings, Occasion, Page } from '@xianfeng/shared';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { PageQuery } from '../common/pagination.js';
import { Route } from '../common/route.js';
import { IdPipe } from '../common/validation.js';
import { BatchGreetingDto, GreetingSettingsDto, OccasionsQuery, SendGreetingDto } from './greetings.dto.js';
import { GreetingsService } from './greetings.service.js';
import { BatchGreetingResultDto, GreetingPageDto, GreetingResponseDto, GreetingSettingsResponseDto, OccasionDto } from './greetings.responses.js';

@ApiTags('greetings')
@ApiBearerAuth()
@Controller()
export class GreetingsController {
  constructor(private readonly greetings: GreetingsService) {}

  @Route('GET', 'orgs/:id/occasions', { access: 'staff', returns: [OccasionDto], summary: 'The 三色生日表: birthdays, political birthdays and work anniversaries in from..to (Asia/Shanghai dates)' })
  occasions(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Query() q: OccasionsQuery): Promise<Occasion[]> {
    return this.greetings.occasions(actor, id, q.from, q.to);
  }

  @Route('GET', 'orgs/:id/greeting-settings', { access: 'staff', returns: GreetingSettingsResponseDto, summary: "The organisation's greeting settings (inherited from the nearest ancestor that has some)" })
  settings(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<GreetingSettings> {
    return this.greetings.settings(actor, id);
  }

  @Route('PUT', 'orgs/:id/greeting-settings', { access: 'staff', returns: GreetingSettingsResponseDto, summary: 'Templates per kind ({name} {years} {org}), auto-send on/off, the hour to send at' })
  putSettings(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: GreetingSettingsDto): Promise<GreetingSettings> {
    return this.greetings.putSettings(actor, id, dto);
  }

  @Route('POST', 'greetings', { access: 'staff', returns: GreetingResponseDto, summary: "Send now; the same member, kind and year again → 409 GREETING_ALREADY_SENT" })
  send(@CurrentActor() actor: Actor, @Body() dto: SendGreetingDto): Promise<Greeting> {
    return this.greetings.send(actor, dto);
  }

  @Route('POST', 'greetings/batch', { access: 'staff', status: 200, returns: BatchGreetingResultDto, summary: 'Send several; each item succeeds or fails on its own' })
  batch(@CurrentActor() actor: Actor, @Body() dto: BatchGreetingDto): Promise<BatchGreetingResult> {
    return this.greetings.batch(actor, dto);
  }

  @Route('GET', 'greetings/mine', { access: 'member', returns: GreetingPageDto, summary: "The member's greeting cards, newest first" })
  mine(@CurrentActor() actor: Actor, @Query() q: PageQuery): Promise<Page<Greeting>> {
    return this.greetings.mine(actor, q.limit ?? 20, q.cursor);
  }

  @Route('POST', 'greetings/:id/read', { access: 'member', status: 200, returns: GreetingResponseDto, summary: 'The recipient marks a card read' })
  read(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Greeting> {
    return this.greetings.markRead(actor, id);
  }
}
