import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiProperty, DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { RouteAccessAuditor } from './route-access.auditor.js';
import { Route } from './route.js';

class ThingDto {
  @ApiProperty() id: string;
}

@Controller('things')
class ThingsController {
  @Route('POST', { access: 'user', returns: ThingDto, summary: 'Create' })
  create() {
    return { id: 'new' };
  }

  @Route('POST', [':id/clear-held', ':id/clear-content'], { access: 'staff', status: 200, returns: ThingDto, summary: 'A step, two names' })
  clear() {
    return { id: 'cleared' };
  }

  @Route('GET', { access: 'public', returns: [ThingDto] })
  list() {
    return [];
  }

  @Route('GET', ':id/poster', { access: 'public', produces: 'image/svg+xml', headers: { 'Content-Type': 'image/svg+xml' } })
  poster() {
    return '<svg/>';
  }
}

@Module({ imports: [DiscoveryModule], controllers: [ThingsController], providers: [RouteAccessAuditor] })
class ThingsModule {}

describe('@Route', () => {
  let app: INestApplication;
  let doc: OpenAPIObject;
  beforeAll(async () => {
    app = await NestFactory.create(ThingsModule, new FastifyAdapter(), { logger: false });
    doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it('answers a POST with 201 unless it names another status, on every path of an alias, with the fixed headers', async () => {
    const http = request(app.getHttpServer());
    expect((await http.post('/things')).status).toBe(201);
    expect((await http.post('/things/x/clear-held')).status).toBe(200);
    expect((await http.post('/things/x/clear-content')).status).toBe(200);
    const poster = await http.get('/things/x/poster');
    expect(poster.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('documents the status it answers with, the body type and the summary', () => {
    const ref = { $ref: '#/components/schemas/ThingDto' };
    expect(doc.paths['/things'].post?.responses).toEqual({ 201: { description: '', content: { 'application/json': { schema: ref } } } });
    expect(doc.paths['/things'].post?.summary).toBe('Create');
    expect(doc.paths['/things'].get?.responses[200]).toEqual({ description: '', content: { 'application/json': { schema: { type: 'array', items: ref } } } });
    for (const alias of ['/things/{id}/clear-held', '/things/{id}/clear-content']) {
      expect(doc.paths[alias].post?.responses).toEqual({ 200: { description: '', content: { 'application/json': { schema: ref } } } });
    }
  });
});

describe('RouteAccessAuditor', () => {
  @Controller('bare')
  class BareController {
    @Get()
    forgot() {
      return 'no access level';
    }
  }
  @Module({ imports: [DiscoveryModule], controllers: [BareController], providers: [RouteAccessAuditor] })
  class BareModule {}

  it('refuses to start an app with a route that declares no access level', async () => {
    const app = await NestFactory.create(BareModule, new FastifyAdapter(), { logger: false });
    await expect(app.init()).rejects.toThrow('BareController.forgot');
    await app.close();
  });
});
