import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const READ_SIZE = 1 << 20;

/**
 * A file as a sequence of decoded UTF-8 text pieces, read with a stream so memory stays constant
 * whatever the file size. A leading BOM is dropped. `onBytes` gets the running count of bytes read.
 */
export async function* readTextChunks(
  file: string,
  onBytes: (bytesRead: number) => void,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let first = true;
  for await (const buf of createReadStream(file, { highWaterMark: READ_SIZE })) {
    bytes += (buf as Buffer).length;
    let text = decoder.write(buf as Buffer);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    onBytes(bytes);
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}

export interface NumberedLine {
  text: string;
  /** 1-based. */
  line: number;
}

/** The lines of a file (LF or CRLF), in groups per read, numbered from 1. */
export async function* readLineGroups(
  file: string,
  onBytes: (bytesRead: number) => void,
): AsyncGenerator<NumberedLine[]> {
  let carry = '';
  let lineNo = 0;
  for await (const piece of readTextChunks(file, onBytes)) {
    const text = carry + piece;
    const group: NumberedLine[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      group.push({ text: text.slice(start, end), line: ++lineNo });
      start = nl + 1;
    }
    carry = text.slice(start);
    if (group.length > 0) yield group;
  }
  if (carry.length > 0) {
    const end = carry.endsWith('\r') ? carry.length - 1 : carry.length;
    yield [{ text: carry.slice(0, end), line: ++lineNo }];
  }
}
