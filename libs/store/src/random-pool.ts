import { randomBytes } from 'node:crypto';

/**
 * Bytes from the CSPRNG, drawn a block at a time: one call per block rather than one per IV or
 * id, since the call cost more than the bits (issue 19). Every byte is handed out once, and a
 * used-up block is replaced by a new one (never refilled in place, so bytes already handed out
 * never change under their holder).
 */
export class RandomPool {
  private block: Buffer;
  private offset: number;

  constructor(private readonly blockBytes = 4096) {
    this.block = Buffer.alloc(0);
    this.offset = 0;
  }

  /** `size` fresh random bytes. */
  take(size: number): Buffer {
    if (size > this.blockBytes) throw new Error(`at most ${this.blockBytes} bytes at a time`);
    if (this.offset + size > this.block.length) {
      this.block = randomBytes(this.blockBytes);
      this.offset = 0;
    }
    const bytes = this.block.subarray(this.offset, this.offset + size);
    this.offset += size;
    return bytes;
  }
}
