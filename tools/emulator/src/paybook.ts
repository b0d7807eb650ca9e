/**
 * CloudPay's order book on disk: one JSON line per saved order state in `<data dir>/cloudpay.internal`
 * (the last line of an order wins). Saves made while a write is in flight are grouped into the next single
 * append, so a burst of a thousand payments costs a few appends rather than a thousand queued ones; a save
 * resolves only once its line reached the file (survives SIGKILL, like the store). The file is rewritten
 * with one line per order on load and when old lines pile up. Not an SDK collection: apps cannot reach it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Order, OrderBook } from './pay';

export const PAY_BOOK_FILE = 'cloudpay.internal';

export class FileOrderBook implements OrderBook {
  private readonly latest = new Map<string, string>();
  private queue = new Map<string, string>();
  private waiters: Array<{ ok: () => void; fail: (e: unknown) => void }> = [];
  private flushing: Promise<void> | null = null;
  private lines = 0;

  constructor(private readonly dir: string) {}

  private get file(): string {
    return path.join(this.dir, PAY_BOOK_FILE);
  }

  async load(): Promise<Order[]> {
    this.latest.clear();
    const text = fs.existsSync(this.file) ? await fs.promises.readFile(this.file, 'utf8') : '';
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const o = JSON.parse(line) as Order;
        this.latest.set(o.outTradeNo, line);
      } catch {
        // a torn last line from a crash mid-append: that save was never acknowledged
      }
    }
    await this.rewrite();
    return [...this.latest.values()].map((l) => JSON.parse(l) as Order);
  }

  save(order: Order): Promise<void> {
    this.queue.set(order.outTradeNo, JSON.stringify(order));
    return new Promise((ok, fail) => {
      this.waiters.push({ ok, fail });
      this.flushing ??= this.flush();
    });
  }

  /** The store was wiped (its directory removed): start empty. */
  clear(): void {
    this.latest.clear();
    this.lines = 0;
  }

  private async flush(): Promise<void> {
    // `flushing` is cleared in the same step as the last empty-queue check, so a save made by a waiter's
    // continuation always starts the next flush instead of waiting in the queue.
    for (;;) {
      if (!this.queue.size) {
        this.flushing = null;
        return;
      }
      const batch = this.queue;
      const waiters = this.waiters;
      this.queue = new Map();
      this.waiters = [];
      try {
        fs.mkdirSync(this.dir, { recursive: true });
        await fs.promises.appendFile(this.file, [...batch.values()].join('\n') + '\n');
        for (const [id, line] of batch) this.latest.set(id, line);
        this.lines += batch.size;
        if (this.lines > Math.max(5_000, 2 * this.latest.size)) await this.rewrite();
        for (const w of waiters) w.ok();
      } catch (e) {
        for (const w of waiters) w.fail(e);
      }
    }
  }

  /** One line per order, written aside and renamed over the file (a crash leaves the old or the new). */
  private async rewrite(): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.file}.tmp`;
    await fs.promises.writeFile(tmp, this.latest.size ? [...this.latest.values()].join('\n') + '\n' : '');
    await fs.promises.rename(tmp, this.file);
    this.lines = this.latest.size;
  }
}
