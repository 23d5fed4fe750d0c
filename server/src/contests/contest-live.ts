import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ContestLive } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { notFound } from '../common/app-error.js';
import { PgListener } from '../database/pg-listener.js';
import { toLive } from './contest.mapper.js';
import { ContestsRepository } from './contests.repository.js';

/** How long a cached view is trusted without a notification (the fallback when LISTEN is down). */
const FALLBACK_TTL_MS = 1000;
/** Notifications for one contest within this window make one refresh (nine judges tapping at once). */
const COALESCE_MS = 25;

type Listener = (live: ContestLive) => void;

interface Entry {
  value: ContestLive | null;
  json: string | null;
  at: number;
  loading: Promise<ContestLive> | null;
  stale: boolean;
  timer: NodeJS.Timeout | null;
  listeners: Set<Listener>;
}

/**
 * The big screens' view of each contest, kept per instance and pushed to its server-sent-event
 * clients. Every write that changes what a screen shows fires `pg_notify('xf_contest', id)` from a
 * trigger, on commit; each instance hears it through its one LISTEN connection (PgListener), so a
 * score posted through any instance reaches the screens of all of them. One read per change per instance, whatever the
 * number of screens; polling `GET /contests/:id/live` reads the same cache.
 *
 * If the LISTEN connection is lost, cached views expire after a second and a ticker refreshes the
 * contests that have screens until PgListener has reconnected (and then every watched view once more).
 */
@Injectable()
export class ContestLiveHub implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ContestLiveHub.name);
  private readonly entries = new Map<string, Entry>();
  private unlisten: (() => void) | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ContestsRepository,
    private readonly pg: PgListener,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A gap (connection lost, or back after one): anything may have changed meanwhile.
    const everything = () => {
      for (const id of this.entries.keys()) this.changed(id);
    };
    this.unlisten = await this.pg.listen('xf_contest', { message: (id) => id && this.changed(id), gap: everything });
    this.ticker = setInterval(() => this.tick(), FALLBACK_TTL_MS);
    this.ticker.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
    for (const e of this.entries.values()) if (e.timer) clearTimeout(e.timer);
    this.unlisten?.();
  }

  /** The contest's live view (404 when there is no such contest). */
  get(contestId: string): Promise<ContestLive> {
    const e = this.entries.get(contestId);
    if (e?.value && !e.stale && (this.pg.live || Date.now() - e.at < FALLBACK_TTL_MS)) return Promise.resolve(e.value);
    return this.load(contestId);
  }

  /** Calls `listener` with each new view of the contest until the returned function is called. */
  subscribe(contestId: string, listener: Listener): () => void {
    const e = this.entry(contestId);
    e.listeners.add(listener);
    return () => {
      e.listeners.delete(listener);
      if (e.listeners.size === 0 && !e.loading) this.entries.delete(contestId);
    };
  }

  /** Screens connected to this instance (the benchmark and the tests read it). */
  screens(contestId: string): number {
    return this.entries.get(contestId)?.listeners.size ?? 0;
  }

  private entry(contestId: string): Entry {
    let e = this.entries.get(contestId);
    if (!e) this.entries.set(contestId, (e = { value: null, json: null, at: 0, loading: null, stale: true, timer: null, listeners: new Set() }));
    return e;
  }

  private load(contestId: string): Promise<ContestLive> {
    const e = this.entry(contestId);
    if (e.loading) return e.loading;
    e.stale = false;
    const loading = this.read(contestId).then(
      (live) => {
        e.loading = null;
        e.at = Date.now();
        const json = JSON.stringify(live);
        const changed = json !== e.json;
        e.value = live;
        e.json = json;
        if (changed) for (const l of e.listeners) l(live);
        if (e.stale) this.schedule(contestId);
        else if (e.listeners.size === 0 && !this.pg.live) this.entries.delete(contestId);
        return live;
      },
      (err: unknown) => {
        e.loading = null;
        if (e.listeners.size === 0) this.entries.delete(contestId);
        throw err;
      },
    );
    e.loading = loading;
    return loading;
  }

  private async read(contestId: string): Promise<ContestLive> {
    const db = this.dataSource.manager;
    const [head, rounds] = await Promise.all([this.repo.findLiveHead(db, contestId), this.repo.findRounds(db, contestId)]);
    if (!head) throw notFound('比武');
    return toLive(head, rounds);
  }

  /** A change was committed: screens get the new view shortly; a cached view no one watches is dropped. */
  private changed(contestId: string): void {
    const e = this.entries.get(contestId);
    if (!e) return;
    e.stale = true;
    if (e.listeners.size === 0 && !e.loading) {
      this.entries.delete(contestId);
      return;
    }
    this.schedule(contestId);
  }

  private schedule(contestId: string): void {
    const e = this.entries.get(contestId);
    if (!e || e.timer || e.loading) return;
    e.timer = setTimeout(() => {
      e.timer = null;
      this.load(contestId).catch((err: unknown) => this.logger.warn(`live view of ${contestId} failed: ${(err as Error).message}`));
    }, COALESCE_MS);
  }

  /** Without LISTEN: refresh every watched contest each second (PgListener reconnects by itself). */
  private tick(): void {
    if (this.pg.live || this.stopped) return;
    for (const [id, e] of this.entries) if (e.listeners.size > 0) this.changed(id);
  }
}
