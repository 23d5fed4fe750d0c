import { Controller, Param, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Route } from '../common/route.js';
import { IdPipe } from '../common/validation.js';
import type { CachedCode } from './wxacode.repository.js';
import { WxacodeService } from './wxacode.service.js';

function sendImage(reply: FastifyReply, code: CachedCode): void {
  reply.header('Content-Type', code.content_type).header('Cache-Control', 'public, max-age=86400').send(code.image);
}

@ApiTags('wechat')
@Controller()
export class WxacodeController {
  constructor(private readonly codes: WxacodeService) {}

  @Route('GET', 'members/:id/wxacode', { access: 'public', produces: 'image/png', summary: "A mini-program code (PNG) that opens the member's card; generated once, then cached" })
  async member(@Param('id', IdPipe) id: string, @Res() res: FastifyReply): Promise<void> {
    sendImage(res, await this.codes.forMember(id));
  }

  @Route('GET', 'members/:id/card-qr.svg', {
    access: 'public',
    produces: 'image/svg+xml',
    headers: { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'public, max-age=86400' },
    summary: "A plain QR code (SVG) of the card's H5 address, for the web client (a browser cannot open mini-program codes)",
  })
  webQr(@Param('id', IdPipe) id: string): Promise<string> {
    return this.codes.cardWebQr(id);
  }

  @Route('GET', 'orgs/:id/wxacode', { access: 'public', produces: 'image/png', summary: "A mini-program code (PNG) that opens the organisation's board; generated once, then cached" })
  async org(@Param('id', IdPipe) id: string, @Res() res: FastifyReply): Promise<void> {
    sendImage(res, await this.codes.forOrg(id));
  }
}
