import http from 'node:http';

/** A server-sent-events client over a real HTTP connection: collects each `data:` of the named event, parsed. */
export interface SseClient<T> {
  status: Promise<number>;
  events: T[];
  /** Resolves with the first event (counting those already received) that satisfies `check`. */
  next(check: (e: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

export function openSse<T>(url: string, eventName = 'live'): SseClient<T> {
  const events: T[] = [];
  const waiters: Array<{ check: (e: T) => boolean; resolve: (e: T) => void }> = [];
  let buffer = '';
  let resolveStatus: (s: number) => void;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const req = http.get(url, { headers: { accept: 'text/event-stream' } }, (res) => {
    resolveStatus(res.statusCode ?? 0);
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const lines = block.split('\n');
        if (!lines.includes(`event: ${eventName}`)) continue;
        const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        const e = JSON.parse(data) as T;
        events.push(e);
        for (const w of [...waiters]) {
          if (w.check(e)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(e);
          }
        }
      }
    });
  });
  req.on('error', () => undefined);
  return {
    status,
    events,
    next(check, timeoutMs = 2000) {
      const seen = events.find(check);
      if (seen) return Promise.resolve(seen);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.at(-1))}`)), timeoutMs);
        waiters.push({ check, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    close: () => req.destroy(),
  };
}
