/**
 * Field writes in the order their events arrived: each job starts after every job queued before it
 * has finished (writes into rich editors await the editor), and a job that throws resolves to its
 * fallback without holding up the next.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T> | T, fallback: T): Promise<T> {
    const next = this.tail.then(job);
    this.tail = next.catch(() => undefined);
    return next.catch(() => fallback);
  }
}
