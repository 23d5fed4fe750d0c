import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Contest, ContestLive, ContestScore, JudgePad } from '@xianfeng/shared';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { Route } from '../common/route.js';
import { IdPipe } from '../common/validation.js';
import { ContestScoreDto, CreateContestDto, JoinContestDto } from './contests.dto.js';
import { ContestLiveDto, ContestResponseDto, ContestScoreResponseDto, JudgePadDto } from './contests.responses.js';
import { ContestsService } from './contests.service.js';

@ApiTags('contests')
@ApiBearerAuth()
@Controller()
export class ContestsController {
  constructor(private readonly contests: ContestsService) {}

  @Route('POST', 'orgs/:id/contests', { access: 'staff', returns: ContestResponseDto,
    summary: 'Staff of the organisation: a 擂台比武 with its presenting organisations in order → the contest with its judge code (valid until it ends)' })
  create(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: CreateContestDto): Promise<Contest> {
    return this.contests.create(actor, id, dto);
  }

  @Route('GET', 'contests/:id', { access: 'staff', returns: ContestResponseDto, summary: 'The host (staff of the contest’s organisation): the contest, its rounds and the judges who joined' })
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Contest> {
    return this.contests.get(actor, id);
  }

  @Route('POST', 'contests/:id/judges', { access: 'user', status: 200, returns: JudgePadDto, summary: 'Any user with the contest’s code joins its panel (again: no change); a wrong code → 400 JUDGE_CODE_INVALID; ended → 409 CONTEST_ENDED' })
  join(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: JoinContestDto): Promise<JudgePad> {
    return this.contests.join(actor, id, dto.judgeCode);
  }

  @Route('POST', 'contest-judges', { access: 'user', status: 200, returns: JudgePadDto, summary: 'Join the panel of the running contest whose code was typed (no id needed)' })
  joinByCode(@CurrentActor() actor: Actor, @Body() dto: JoinContestDto): Promise<JudgePad> {
    return this.contests.joinByCode(actor, dto.judgeCode);
  }

  @Route('GET', 'contests/:id/judging', { access: 'user', returns: JudgePadDto, summary: 'A judge’s scoring pad: the open round, the caller’s scores, whether they may score it' })
  pad(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<JudgePad> {
    return this.contests.pad(actor, id);
  }

  @Route('DELETE', 'contests/:id/judges/:userId', { access: 'staff', returns: ContestResponseDto, summary: 'The host removes a judge; their scores of rounds not closed go with them' })
  removeJudge(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Param('userId', IdPipe) userId: string): Promise<Contest> {
    return this.contests.removeJudge(actor, id, userId);
  }

  @Route('POST', 'contests/:id/rounds/:orgId/open', { access: 'staff', status: 200, returns: ContestResponseDto, summary: 'The host opens a presenter’s round; another open → 409 ROUND_ALREADY_OPEN; a closed one → 409 ROUND_CLOSED' })
  openRound(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Param('orgId', IdPipe) orgId: string): Promise<Contest> {
    return this.contests.openRound(actor, id, orgId);
  }

  @Route('POST', 'contests/:id/rounds/:orgId/close', { access: 'staff', status: 200, returns: ContestResponseDto, summary: 'The host closes the open round: its score is final' })
  closeRound(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Param('orgId', IdPipe) orgId: string): Promise<Contest> {
    return this.contests.closeRound(actor, id, orgId);
  }

  @Route('POST', 'contests/:id/end', { access: 'staff', status: 200, returns: ContestResponseDto, summary: 'The host ends the contest: the open round closes, results are final, the judge code is void' })
  end(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Contest> {
    return this.contests.end(actor, id);
  }

  @Route('PUT', 'contests/:id/rounds/:orgId/score', { access: 'user', returns: ContestScoreResponseDto,
    summary: 'A judge scores the open round 0–100, one score per judge and round, changeable while open; closed → 409 ROUND_CLOSED; a judge of the presenting organisation → 403' })
  score(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Param('orgId', IdPipe) orgId: string, @Body() dto: ContestScoreDto): Promise<ContestScore> {
    return this.contests.score(actor, id, orgId, dto);
  }

  @Route('GET', 'contests/:id/live', { access: 'public', rateLimit: 'none', headers: { 'Cache-Control': 'no-store' }, returns: ContestLiveDto,
    summary: 'The big screen (public; served from a per-instance cache kept fresh by LISTEN/NOTIFY, so a hall of screens behind one address is not rate-limited): current presenter, judges joined and scored, the ranking' })
  live(@Param('id', IdPipe) id: string): Promise<ContestLive> {
    return this.contests.liveView(id);
  }

  @Route('GET', 'contests/:id/live/stream', { access: 'public', rateLimit: 'none', produces: 'text/event-stream', returns: ContestLiveDto,
    summary: 'The big screen as server-sent events: `event: live` with the live view now and after each change (within a second, from any instance), `: ping` every 15 s' })
  stream(@Param('id', IdPipe) id: string, @Res() res: FastifyReply): Promise<void> {
    return this.contests.stream(id, res);
  }
}
