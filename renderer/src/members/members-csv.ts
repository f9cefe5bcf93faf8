// Members as CSV: one row per member, one column per identity type (several values joined by "|").
import type { MemberProfile } from '../../../shared/contract/audience-channels';

function cell(text: string): string {
  // Quote when needed, and defuse spreadsheet formulas (=, +, -, @ at the start).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function membersCsvHeader(identityTypes: string[]): string {
  return ['profile', ...identityTypes].map(cell).join(',') + '\n';
}

export function membersCsvRows(members: MemberProfile[], identityTypes: string[]): string {
  return members
    .map(
      (m) =>
        [m.profile, ...identityTypes.map((t) => (m.identities[t] ?? []).join('|'))]
          .map(cell)
          .join(',') + '\n',
    )
    .join('');
}
