// Datetimes as data-import.md defines them: `YYYY-MM-DD` (00:00 UTC) or
// `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM`, a real calendar date, surrounding
// white space ignored. Anything else is not a datetime (Date.parse accepts far more). Pure.

const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2}))?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Epoch milliseconds of a valid datetime string, or undefined when it is not one. */
export function parseDatetime(text: string): number | undefined {
  const m = DATETIME_RE.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (m[4] === undefined) return utc(year, month, day, 0, 0, 0, 0);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // Fractions finer than a millisecond are cut, never rounded up into the next millisecond.
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  let offsetMin = 0;
  const zone = m[8]!;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return utc(year, month, day, hour, minute, second, ms) - offsetMin * 60_000;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) {
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear keeps the year as written. 2000 is a
  // leap year, so a valid 29 February survives until the year is set.
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  date.setUTCFullYear(y);
  return date.getTime();
}

export const isDatetime = (text: string): boolean => parseDatetime(text) !== undefined;
