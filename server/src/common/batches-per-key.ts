/** What one key has on its way: how many batches, and the items that arrived while all were out. */
interface KeyState<T> {
  inFlight: number;
  waiting: T[];
}

/**
 * Items handed to `run` in batches, per key: up to `maxInFlight` batches of one key are on their way
 * at once; the items that arrive while all of them are out wait for the first to come back and then
 * go together, as the key's next batch. An item alone on its key goes at once. `run` answers each
 * batch's items itself; its promise only says when the batch is done.
 */
export class BatchesPerKey<T> {
  private readonly keys = new Map<string, KeyState<T>>();

  constructor(
    private readonly run: (key: string, batch: T[]) => Promise<void>,
    private readonly maxInFlight = 1,
  ) {}

  add(key: string, item: T): void {
    let state = this.keys.get(key);
    if (!state) this.keys.set(key, (state = { inFlight: 0, waiting: [] }));
    if (state.inFlight >= this.maxInFlight) state.waiting.push(item);
    else this.start(key, state, [item]);
  }

  private start(key: string, state: KeyState<T>, batch: T[]): void {
    state.inFlight++;
    const done = () => {
      state.inFlight--;
      if (state.waiting.length > 0) {
        const arrived = state.waiting;
        state.waiting = [];
        this.start(key, state, arrived);
      } else if (state.inFlight === 0) this.keys.delete(key);
    };
    this.run(key, batch).then(done, done);
  }
}
