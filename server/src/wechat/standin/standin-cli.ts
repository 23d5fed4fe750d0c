/**
 * Runs the stand-in WeChat server on its own:
 *   PORT=3100 node dist/wechat/standin/standin-cli.js   (or `pnpm --filter ./server wechat-standin`)
 * Environment: PORT (default 3100), HOST (default 127.0.0.1), STANDIN_RISKY_WORDS and
 * STANDIN_REVIEW_WORDS (comma lists), STANDIN_TOKEN_TTL_SECONDS, and optionally WECHAT_APPID /
 * WECHAT_SECRET to make it reject other credentials like WeChat does. Image-check verdicts are
 * pushed to STANDIN_PUSH_URL (the server's /api/v1/wechat/push) signed with WECHAT_PUSH_TOKEN and
 * WECHAT_PUSH_AES_KEY, after STANDIN_MEDIA_CHECK_DELAY_MS; STANDIN_PAGES (comma list) limits the
 * pages getwxacodeunlimit accepts.
 */
import { DEV_WECHAT_PUSH_AES_KEY, DEV_WECHAT_PUSH_TOKEN } from '../../config/config.js';
import { startStandin, type StandinOptions } from './standin.js';

function words(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.split(',').map((w) => w.trim()).filter(Boolean);
}

function intVar(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const options: StandinOptions = {
  port: intVar('PORT', 3100, 0, 65535),
  host: process.env.HOST || '127.0.0.1',
  tokenTtlSeconds: intVar('STANDIN_TOKEN_TTL_SECONDS', 7200, 1, 7 * 24 * 3600),
  riskyWords: words(process.env.STANDIN_RISKY_WORDS),
  reviewWords: words(process.env.STANDIN_REVIEW_WORDS),
  appId: process.env.WECHAT_APPID || undefined,
  secret: process.env.WECHAT_SECRET || undefined,
  pages: words(process.env.STANDIN_PAGES),
  mediaCheckDelayMs: intVar('STANDIN_MEDIA_CHECK_DELAY_MS', 500, 0, 3_600_000),
  push: process.env.STANDIN_PUSH_URL
    ? {
        url: process.env.STANDIN_PUSH_URL,
        token: process.env.WECHAT_PUSH_TOKEN || DEV_WECHAT_PUSH_TOKEN,
        aesKey: process.env.WECHAT_PUSH_AES_KEY || DEV_WECHAT_PUSH_AES_KEY,
        appId: process.env.WECHAT_APPID || 'wx-dev-appid',
      }
    : undefined,
};

const standin = await startStandin(options);
console.log(`WeChat stand-in listening on ${standin.url}`);

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  standin.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`stand-in failed to close on ${signal}:`, err);
      process.exit(1);
    },
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
