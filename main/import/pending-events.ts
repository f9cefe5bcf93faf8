// The events queued for the next flush, as growable typed columns: one flush holds a few hundred
// thousand, and plain arrays of numbers would be re-grown, copied and collected every time.

export class PendingEvents {
  length = 0;
  profile = new Uint32Array(1024);
  ts = new Float64Array(1024);
  key = new Uint32Array(1024);
  flags = new Uint8Array(1024);
  nameId = new Uint32Array(1024);
  /** Index into the session's propsDict. */
  props = new Uint32Array(1024);

  push(
    profile: number,
    ts: number,
    key: number,
    flags: number,
    nameId: number,
    props: number,
  ): void {
    if (this.length === this.profile.length) this.grow();
    const i = this.length++;
    this.profile[i] = profile;
    this.ts[i] = ts;
    this.key[i] = key;
    this.flags[i] = flags;
    this.nameId[i] = nameId;
    this.props[i] = props;
  }

  /** Empties the queue, keeping its capacity for the next flush. */
  clear(): void {
    this.length = 0;
  }

  private grow(): void {
    const n = this.profile.length * 2;
    const grown = <T extends Uint32Array | Float64Array | Uint8Array>(
      a: T,
      make: (n: number) => T,
    ) => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.profile = grown(this.profile, (k) => new Uint32Array(k));
    this.ts = grown(this.ts, (k) => new Float64Array(k));
    this.key = grown(this.key, (k) => new Uint32Array(k));
    this.flags = grown(this.flags, (k) => new Uint8Array(k));
    this.nameId = grown(this.nameId, (k) => new Uint32Array(k));
    this.props = grown(this.props, (k) => new Uint32Array(k));
  }
}
