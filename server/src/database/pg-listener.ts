import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';

export interface ChannelHandler {
  /** A `pg_notify(channel, payload)` committed by any instance (this one included). */
  message(payload: string): void;
  /**
   * Messages may have been missed: the connection was lost, and again once it is re-established.
   * Whatever was derived from past messages (a cache, a client's view) must be read again.
   */
  gap(): void;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
const RETRY_MS = [250, 1000, 5000];

/**
 * One LISTEN connection per instance, shared by every feature that reacts to changes committed by
 * any instance (caches that must forget, live screens that must update). It reconnects by itself;
 * while it is down `live` is false, and each handler was told `gap()` when it went down.
 */
@Injectable()
export class PgListener implements BeforeApplicationShutdown {
  private readonly logger = new Logger(PgListener.name);
  private readonly channels = new Map<string, Set<ChannelHandler>>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  /** True while the connection listens on every channel asked for. */
  live = false;
  private wasLive = false;

  constructor(private readonly dataSource: DataSource) {}

  /** Starts listening on `channel` (connecting first if needed); returns a function that stops it. */
  async listen(channel: string, handler: ChannelHandler): Promise<() => void> {
    if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
    let set = this.channels.get(channel);
    if (!set) {
      this.channels.set(channel, (set = new Set()));
      if (this.client && this.live) await this.client.query(`LISTEN ${channel}`).catch(() => undefined);
    }
    set.add(handler);
    await this.connect();
    return () => void set.delete(handler);
  }

  private connect(): Promise<void> {
    if (this.closed || (this.client && this.live)) return Promise.resolve();
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async open(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) return;
    const client = new pg.Client({ connectionString: url, application_name: 'xianfeng-listen' });
    client.on('notification', (n) => {
      for (const h of this.channels.get(n.channel) ?? []) h.message(n.payload ?? '');
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${channel}`);
      this.client = client;
      this.live = true;
      // Back after a loss: what was missed while down is unknown, so it is a gap once more.
      if (this.failures > 0 || this.wasLive) for (const set of this.channels.values()) for (const h of set) h.gap();
      this.wasLive = true;
      this.failures = 0;
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.lost(client, err as Error);
    }
  }

  private lost(client: pg.Client, err: Error): void {
    if (this.client && this.client !== client) return;
    const wasLive = this.live;
    this.client = null;
    this.live = false;
    if (this.closed) return;
    if (wasLive) this.logger.warn(`LISTEN connection lost (${err.message}); reconnecting`);
    for (const set of this.channels.values()) for (const h of set) h.gap();
    const delay = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)];
    this.retryTimer ??= setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.live = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}
