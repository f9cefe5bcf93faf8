// A streaming RFC 4180 parser: comma-separated, fields optionally enclosed in double quotes
// (a quote inside doubled), records ended by CRLF or LF, line breaks allowed inside quotes.
// Each record carries the 1-based line where it starts. A record whose quoting is broken is
// returned with an error instead of cells, so the caller can reject just that row.

export type CsvRecord = { line: number; cells: string[] } | { line: number; error: string };

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export class CsvParser {
  private cells: string[] = [];
  private cell = '';
  private inQuotes = false;
  /** After a closing quote: only a comma or a line end may follow. */
  private afterQuote = false;
  /** The current cell started with a quote. */
  private quotedCell = false;
  private cellHasText = false;
  private error: string | undefined;
  private line = 1;
  private recordLine = 1;
  private pendingCr = false;

  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    const n = text.length;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (n > 0 && text.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.inQuotes) {
        if (c === QUOTE) {
          if (i + 1 < n) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              this.cell += '"';
              i += 2;
              continue;
            }
            this.inQuotes = false;
            this.afterQuote = true;
            i++;
            continue;
          }
          // A quote at the very end of the piece: decide when the next piece arrives.
          this.inQuotes = false;
          this.afterQuote = true;
          i++;
          continue;
        }
        // Copy a run of ordinary characters at once.
        let j = i;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === QUOTE) break;
          if (d === LF) this.line++;
          j++;
        }
        this.cell += text.slice(i, j);
        i = j;
        continue;
      }
      if (c === COMMA) {
        this.endCell();
        i++;
        continue;
      }
      if (c === LF || c === CR) {
        this.endCell();
        this.endRecord(out);
        this.line++;
        if (c === CR) {
          if (i + 1 < n) {
            if (text.charCodeAt(i + 1) === LF) i++;
          } else this.pendingCr = true;
        }
        i++;
        this.recordLine = this.line;
        continue;
      }
      if (c === QUOTE && this.afterQuote && !this.cellHasText) {
        // A doubled quote split across two pieces: `"a""b"` read as `"a"` + `"b"`.
        this.inQuotes = true;
        this.afterQuote = false;
        this.cell += '"';
        i++;
        continue;
      }
      if (this.afterQuote) {
        this.error ??= `text after the closing quote of cell ${this.cells.length + 1}`;
      } else if (c === QUOTE) {
        if (this.cellHasText) {
          this.error ??= `a double quote inside unquoted cell ${this.cells.length + 1} (quote the cell and double the quote)`;
        } else {
          this.inQuotes = true;
          this.quotedCell = true;
          i++;
          continue;
        }
      }
      this.cell += text[i];
      this.cellHasText = true;
      i++;
    }
    return out;
  }

  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.inQuotes) {
      out.push({
        line: this.recordLine,
        error: `cell ${this.cells.length + 1} opens a quote that is never closed`,
      });
      this.reset();
      return out;
    }
    if (this.cells.length > 0 || this.cell.length > 0 || this.quotedCell || this.afterQuote) {
      this.endCell();
      this.endRecord(out);
    }
    return out;
  }

  private endCell(): void {
    this.cells.push(this.cell);
    this.cell = '';
    this.afterQuote = false;
    this.quotedCell = false;
    this.cellHasText = false;
  }

  private endRecord(out: CsvRecord[]): void {
    const blank = this.cells.length === 1 && this.cells[0] === '' && !this.error;
    if (this.error) out.push({ line: this.recordLine, error: this.error });
    else if (!blank) out.push({ line: this.recordLine, cells: this.cells });
    this.reset();
  }

  private reset(): void {
    this.cells = [];
    this.cell = '';
    this.error = undefined;
    this.afterQuote = false;
    this.quotedCell = false;
    this.cellHasText = false;
    this.inQuotes = false;
  }
}
