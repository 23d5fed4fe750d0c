import { describe, expect, it } from '@jest/globals';
import type { AppConfig } from '../config/config.js';
import { createAppLoggers } from './logging.js';

function capture() {
  const lines: string[] = [];
  const loggers = createAppLoggers({ logLevel: 'info' } as AppConfig, { write: (line: string) => void lines.push(line) });
  return { loggers, lines };
}

describe('app logger', () => {
  it('drops secrets and phone numbers at the top of a logged object and one level down', () => {
    const { loggers, lines } = capture();
    loggers.app.info({ phone: '13912345678', token: 'tok-top', user: { phone: '13800000000', session_key: 'sk', name: '张三' }, headers: { authorization: 'Bearer x' } }, 'line');
    const text = lines.join('');
    expect(text).not.toMatch(/13912345678|13800000000|tok-top|"sk"|Bearer x/);
    expect(JSON.parse(lines[0])).toMatchObject({ msg: 'line', user: { name: '张三' } });
  });

  it('writes the request log to the same destination', () => {
    const { loggers, lines } = capture();
    loggers.requests.info({ req: { id: 'r-1', method: 'GET', path: '/api/v1/orgs' }, res: { statusCode: 200 } }, 'request completed');
    expect(JSON.parse(lines[0])).toMatchObject({ level: 30, req: { id: 'r-1' }, res: { statusCode: 200 }, msg: 'request completed' });
  });
});
