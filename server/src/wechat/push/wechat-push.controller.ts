import { Body, Controller, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Route } from '../../common/route.js';
import { WechatPushService, type PushQuery } from './wechat-push.service.js';

/** Called by WeChat, not by the app: answers are plain text, as WeChat expects. */
@ApiTags('wechat')
@Controller('wechat/push')
export class WechatPushController {
  constructor(private readonly push: WechatPushService) {}

  @Route('GET', { access: 'public', produces: 'text/plain', summary: 'WeChat message push: URL verification (echoes echostr when the signature matches; else 401)' })
  verify(@Query() q: PushQuery, @Res() res: FastifyReply): void {
    const echo = this.push.verifyUrl(q);
    res.type('text/plain; charset=utf-8').send(echo);
  }

  @Route('POST', { access: 'public', status: 200, produces: 'text/plain', summary: 'WeChat message push: a signed event (plaintext or safe mode), e.g. wxa_media_check; handled once per event' })
  async receive(@Query() q: PushQuery, @Body() body: unknown, @Res() res: FastifyReply): Promise<void> {
    const answer = await this.push.receive(q, body);
    res.type('text/plain; charset=utf-8').send(answer);
  }
}
