// Splits a streamed JSON document into its top-level values without parsing it whole: a single
// object is one value; an array yields each element's text. Only the current element is held
// in memory, so an array file of any size streams in constant memory.

export type SplitItem = { text: string } | { error: string };

const WS = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export class JsonArraySplitter {
  private mode: 'start' | 'single' | 'array' | 'after' | 'bad' = 'start';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private pieces: string[] = [];
  private collecting = false;
  /** The last value was a top-level object (not an array), so another object may follow. */
  private afterSingle = false;
  /** Set once the document ends (after the closing bracket or the single object). */
  done = false;

  /** Feeds the next piece of text; returns the values completed in it. */
  push(text: string): SplitItem[] {
    const out: SplitItem[] = [];
    let segStart = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.mode === 'bad') return out;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) this.inString = false;
        continue;
      }
      if (this.mode === 'start') {
        if (WS(c)) continue;
        if (c === 91) {
          this.mode = 'array';
          continue;
        }
        if (c === 123) {
          this.mode = 'single';
          this.collecting = true;
          segStart = i;
          this.depth = 1;
          continue;
        }
        this.mode = 'bad';
        out.push({ error: 'the file is neither a JSON batch (object) nor an array of batches' });
        return out;
      }
      if (this.mode === 'after') {
        if (WS(c)) continue;
        if (c === 123 && this.afterSingle) {
          // Several batches one after another (e.g. one per line in a .json file): take each.
          this.mode = 'single';
          this.done = false;
          this.collecting = true;
          segStart = i;
          this.depth = 1;
          continue;
        }
        this.mode = 'bad';
        out.push({ error: 'unexpected text after the end of the JSON document' });
        return out;
      }
      if (!this.collecting) {
        // Between elements of the top-level array.
        if (WS(c) || c === 44) continue;
        if (c === 93) {
          this.mode = 'after';
          this.done = true;
          continue;
        }
        this.collecting = true;
        segStart = i;
        this.depth = 0;
      }
      if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) this.depth++;
      else if (c === 125 || c === 93) {
        if (this.depth === 0) {
          // The array's closing bracket right after a scalar element.
          this.finish(text, segStart, i, out);
          segStart = -1;
          this.mode = 'after';
          this.done = true;
          continue;
        }
        this.depth--;
        if (this.depth === 0 && this.mode === 'single') {
          this.finish(text, segStart, i + 1, out);
          segStart = -1;
          this.mode = 'after';
          this.afterSingle = true;
          this.done = true;
        }
      } else if (c === 44 && this.depth === 0 && this.mode === 'array') {
        this.finish(text, segStart, i, out);
        segStart = -1;
      }
    }
    if (this.collecting) this.pieces.push(text.slice(segStart < 0 ? 0 : segStart));
    return out;
  }

  private finish(text: string, start: number, end: number, out: SplitItem[]): void {
    this.pieces.push(text.slice(start < 0 ? 0 : start, end));
    out.push({ text: this.pieces.join('').trim() });
    this.pieces = [];
    this.collecting = false;
  }

  /** Called at end of file: reports a document cut short. */
  end(): SplitItem[] {
    if (this.mode === 'bad' || this.done) return [];
    if (this.mode === 'start') return [{ error: 'the file is empty' }];
    const partial = this.collecting;
    this.pieces = [];
    this.collecting = false;
    this.done = true;
    return [
      {
        error: partial
          ? 'the file ends in the middle of this batch (truncated JSON)'
          : 'the file ends before the closing bracket of its array',
      },
    ];
  }
}
