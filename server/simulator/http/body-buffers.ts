/** Bodies below this size are left to Buffer.from, which carves small buffers out of Node's shared slab anyway. */
const pooledFrom = 64 * 1024;
/** Room for multi-byte characters: a body's UTF-8 is a few percent longer than its UTF-16 length here. */
const slack = 1.25;
const encoder = new TextEncoder();

/**
 * UTF-8 encoding of response bodies into reused buffers. A list answer is up to a few MB, and a fresh Buffer for each
 * one costs page faults and background frees that showed as much CPU as the encoding itself. A buffer goes back to
 * the pool when its response has been handed to the operating system ('finish'); one whose response is cut off
 * before that ('close') is left to the GC, as the socket may still be reading it. At most `keep` buffers wait in the
 * pool, each sized for one answer, so the pool stays a few MB whatever the number of requests served.
 */
export class BodyBuffers {
  private readonly free: Buffer[] = [];

  constructor(private readonly keep = 8) {}

  /** The body's bytes; `release` returns their buffer to the pool once nothing reads them any more. */
  encode(body: string): { bytes: Buffer; release: () => void } {
    if (body.length < pooledFrom) return { bytes: Buffer.from(body, 'utf8'), release: () => {} };
    const buffer = this.take(Math.ceil(body.length * slack));
    const { read, written } = encoder.encodeInto(body, buffer);
    if (read < body.length) {
      // Mostly multi-byte text: did not fit; encode it on its own.
      this.give(buffer);
      return { bytes: Buffer.from(body, 'utf8'), release: () => {} };
    }
    return { bytes: buffer.subarray(0, written), release: () => this.give(buffer) };
  }

  private take(size: number): Buffer {
    const i = this.free.findIndex((buffer) => buffer.length >= size);
    if (i >= 0) return this.free.splice(i, 1)[0] as Buffer;
    return Buffer.allocUnsafeSlow(size);
  }

  private give(buffer: Buffer): void {
    if (this.free.length < this.keep) this.free.push(buffer);
  }
}
