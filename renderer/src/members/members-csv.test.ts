import { describe, expect, it } from 'vitest';
import { membersCsvHeader, membersCsvRows } from './members-csv';

describe('members CSV', () => {
  it('writes one column per identity type, quoting and defusing formulas', () => {
    const types = ['customer_id', 'email'];
    expect(membersCsvHeader(types)).toBe('profile,customer_id,email\n');
    expect(
      membersCsvRows(
        [
          { profile: '7', identities: { email: ['a@b.com', 'c@d.com'] }, attributes: {} },
          {
            profile: '9',
            identities: { customer_id: ['=cmd()'], email: ['x,"y"@z'] },
            attributes: {},
          },
        ],
        types,
      ),
    ).toBe('7,,a@b.com|c@d.com\n9,\'=cmd(),"x,""y""@z"\n');
  });
});
