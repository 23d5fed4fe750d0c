import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Assessment, AssessmentResult, AssessmentScoreSheet, AssessmentSummary, Page, StarBoard } from '@xianfeng/shared';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { Route } from '../common/route.js';
import { IdPipe } from '../common/validation.js';
import { CreateAssessmentDto, ListAssessmentsQuery, PutScoresDto, UpdateAssessmentDto } from './assessments.dto.js';
import { AssessmentPageDto, AssessmentResponseDto, AssessmentResultDto, AssessmentScoreSheetDto, StarBoardDto } from './assessments.responses.js';
import { AssessmentsService } from './assessments.service.js';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller()
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Route('POST', 'orgs/:id/assessments', { access: 'staff', returns: AssessmentResponseDto,
    summary: 'Staff of the organisation: a scheme (评星定级) over its child organisations — indicators auto (metric, fullAt) or judged, star thresholds' })
  create(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: CreateAssessmentDto): Promise<Assessment> {
    return this.assessments.create(actor, id, dto);
  }

  @Route('GET', 'orgs/:id/assessments', { access: 'staff', returns: AssessmentPageDto,
    summary: 'Staff of the organisation: the schemes it runs (role assessor) and those its parent runs over it once started (role assessed), newest first' })
  list(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Query() q: ListAssessmentsQuery): Promise<Page<AssessmentSummary>> {
    return this.assessments.list(actor, id, q);
  }

  @Route('GET', 'assessments/:id', { access: 'public', returns: AssessmentResponseDto,
    summary: 'A scheme: public once published; before, staff of the assessing organisation (and, once started, staff of a child)' })
  get(@CurrentActor() actor: Actor | null, @Param('id', IdPipe) id: string): Promise<Assessment> {
    return this.assessments.get(actor, id);
  }

  @Route('PATCH', 'assessments/:id', { access: 'staff', returns: AssessmentResponseDto, summary: 'Staff of the organisation: edit the scheme (any field of the POST) until it starts; then 409 ASSESSMENT_FROZEN' })
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: UpdateAssessmentDto): Promise<Assessment> {
    return this.assessments.update(actor, id, dto);
  }

  @Route('POST', 'assessments/:id/start', { access: 'staff', status: 200, returns: AssessmentResponseDto, summary: 'Staff of the organisation: draft → started; the scheme is frozen and scoring opens' })
  start(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Assessment> {
    return this.assessments.start(actor, id);
  }

  @Route('PUT', 'assessments/:id/scores/:orgId', { access: 'staff', returns: AssessmentScoreSheetDto,
    summary: 'Judged indicators of one child: self (+ evidence) by staff granted on the child itself, superior by staff of the assessing organisation ' +
      '(a reason to change one already given, recorded); above max → 400; before start 409 ASSESSMENT_NOT_STARTED, after publish 409 ASSESSMENT_PUBLISHED' })
  putScores(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Param('orgId', IdPipe) orgId: string, @Body() dto: PutScoresDto): Promise<AssessmentScoreSheet> {
    return this.assessments.putScores(actor, id, orgId, dto);
  }

  @Route('GET', 'assessments/:id/scores/:orgId', { access: 'staff', returns: AssessmentScoreSheetDto,
    summary: 'One child’s score sheet with evidence and the history of changed superior scores: staff of the assessing organisation or of that child' })
  sheet(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Param('orgId', IdPipe) orgId: string): Promise<AssessmentScoreSheet> {
    return this.assessments.sheet(actor, id, orgId);
  }

  @Route('GET', 'assessments/:id/results', { access: 'public', returns: [AssessmentResultDto],
    summary: 'The children best first (ties share a rank) with totals and stars: staff of the assessing organisation any time; everyone once published, without evidence' })
  results(@CurrentActor() actor: Actor | null, @Param('id', IdPipe) id: string): Promise<AssessmentResult[]> {
    return this.assessments.results(actor, id);
  }

  @Route('POST', 'assessments/:id/publish', { access: 'staff', status: 200, returns: AssessmentResponseDto, summary: 'Staff of the organisation: started → published; the results become public and final' })
  publish(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Assessment> {
    return this.assessments.publish(actor, id);
  }

  @Route('GET', 'orgs/:id/stars', { access: 'public', returns: StarBoardDto, summary: 'The public star board: the latest published assessment of the organisation’s children (name, stars, total)' })
  stars(@Param('id', IdPipe) id: string): Promise<StarBoard> {
    return this.assessments.stars(id);
  }
}
