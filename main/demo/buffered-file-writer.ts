import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Appends text to a file through a fixed-size buffer: the demo files reach gigabytes at benchmark
 * scale, so they are never held whole in memory, and synchronous writes of ~1 MB keep it simple.
 */
export class BufferedFileWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private pending = 0;
  bytes = 0;

  constructor(
    readonly path: string,
    private readonly flushAt = 1 << 20,
  ) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= this.flushAt) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.pending = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
