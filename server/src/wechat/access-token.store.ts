import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What a token fetch from WeChat gives back. */
export interface FetchedToken {
  token: string;
  /** Seconds from now, as WeChat's `expires_in`. */
  expiresIn: number;
}

export interface RefreshContext {
  /**
   * True when the stored token is exactly the one the caller saw rejected: WeChat's stable mode would
   * hand it back again, so only a forced refresh helps.
   */
  staleTokenIsCurrent: boolean;
}

/** Refresh a stored token this long before it expires (WeChat's stable token stays valid ≥ 300 s). */
export const TOKEN_REFRESH_MARGIN_SECONDS = 300;

/**
 * The app's WeChat access token, one per app for every server instance, in `wechat_access_token`.
 * Fetching a token from WeChat can invalidate the previous one, so instances must share it rather
 * than each fetch their own; refreshes are serialised across instances by an advisory lock.
 */
@Injectable()
export class AccessTokenStore {
  /** In-process single flight: concurrent refreshes in one instance share one lock wait and one fetch. */
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(private readonly dataSource: DataSource) {}

  /** The stored token if it stays valid for more than `marginSeconds`, else null. */
  async getValid(appId: string, marginSeconds = TOKEN_REFRESH_MARGIN_SECONDS): Promise<string | null> {
    const rows: { access_token: string }[] = await this.dataSource.query(
      `SELECT access_token FROM wechat_access_token
        WHERE app_id = $1 AND expires_at > clock_timestamp() + make_interval(secs => $2)`,
      [appId, marginSeconds],
    );
    return rows[0]?.access_token ?? null;
  }

  /**
   * Returns a token fresher than `staleToken` (the one WeChat just rejected, if any), fetching a new
   * one with `fetchNew` only when no other instance has already done so.
   */
  refresh(
    appId: string,
    fetchNew: (ctx: RefreshContext) => Promise<FetchedToken>,
    staleToken?: string,
    marginSeconds = TOKEN_REFRESH_MARGIN_SECONDS,
  ): Promise<string> {
    const key = `${appId}\u0000${staleToken ?? ''}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.refreshLocked(appId, fetchNew, staleToken, marginSeconds).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private refreshLocked(
    appId: string,
    fetchNew: (ctx: RefreshContext) => Promise<FetchedToken>,
    staleToken: string | undefined,
    marginSeconds: number,
  ): Promise<string> {
    // The only place an HTTP call to WeChat runs inside a transaction, on purpose: the transaction
    // holds the advisory lock that makes this instance the single refresher across all instances.
    // Releasing it before the fetch would let every instance fetch (and each fetch may invalidate
    // the token the others just stored). The wait is bounded by the gateway's WeChat timeout, and
    // no row locks are held, so other work is not blocked.
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('wechat_access_token:' || $1))`, [appId]);
      const rows: { access_token: string; fresh: boolean }[] = await manager.query(
        `SELECT access_token, expires_at > clock_timestamp() + make_interval(secs => $2) AS fresh
           FROM wechat_access_token WHERE app_id = $1`,
        [appId, marginSeconds],
      );
      const stored = rows[0];
      // Someone refreshed while we waited for the lock (or the caller only wanted a valid token).
      if (stored?.fresh && stored.access_token !== staleToken) return stored.access_token;

      const fetched = await fetchNew({ staleTokenIsCurrent: staleToken !== undefined && stored?.access_token === staleToken });
      await manager.query(
        `INSERT INTO wechat_access_token (app_id, access_token, expires_at, updated_at)
         VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3), now())
         ON CONFLICT (app_id) DO UPDATE
           SET access_token = EXCLUDED.access_token, expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at`,
        [appId, fetched.token, fetched.expiresIn],
      );
      return fetched.token;
    });
  }
}
