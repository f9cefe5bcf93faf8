// Growable byte writer and a reader for the chunk codec: unsigned LEB128 varints, zigzag for signed
// deltas. Numbers up to 2^53 stay exact (they are handled as doubles, not 32-bit ints).

export class ByteWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(initial = 1024) {
    this.buf = new Uint8Array(initial);
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(v: number): void {
    this.ensure(1);
    this.buf[this.length++] = v;
  }

  /** Unsigned varint of a whole number 0..2^53. */
  varuint(v: number): void {
    this.ensure(8);
    while (v >= 0x80) {
      this.buf[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.length++] = v;
  }

  /** Signed varint (zigzag) of a whole number in ±2^52. */
  varint(v: number): void {
    this.varuint(v < 0 ? -2 * v - 1 : 2 * v);
  }

  uint32(v: number): void {
    this.ensure(4);
    const b = this.buf;
    const i = this.length;
    b[i] = v & 0xff;
    b[i + 1] = (v >>> 8) & 0xff;
    b[i + 2] = (v >>> 16) & 0xff;
    b[i + 3] = (v >>> 24) & 0xff;
    this.length += 4;
  }

  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  result(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

export class ByteReader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.buf.length) throw new RangeError('chunk truncated');
    return this.buf[this.pos++]!;
  }

  varuint(): number {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 0x80;
    }
  }

  varint(): number {
    const z = this.varuint();
    return z % 2 === 1 ? -(z + 1) / 2 : z / 2;
  }

  uint32(): number {
    const b = this.buf;
    const i = this.pos;
    if (i + 4 > b.length) throw new RangeError('chunk truncated');
    this.pos += 4;
    return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
  }

  bytes(n: number): Uint8Array {
    if (this.pos + n > this.buf.length) throw new RangeError('chunk truncated');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}
