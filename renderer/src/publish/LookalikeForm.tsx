// Meta only: a lookalike audience of the published one, for a country and a size of 1% to 20%.
import { useState } from 'react';
import { getStudioApi } from '../api/studio-api';

export function LookalikeForm({ connection, audience }: { connection: string; audience: string }) {
  const [country, setCountry] = useState('US');
  const [percent, setPercent] = useState(1);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const valid = /^[A-Z]{2}$/.test(country) && percent >= 1 && percent <= 20;

  async function create() {
    const r = await getStudioApi()['lookalike-create']({
      connection,
      audience,
      country,
      ratio: percent / 100,
    });
    setNote(
      r.ok
        ? { ok: true, text: `Lookalike created (id ${r.value.id}).` }
        : { ok: false, text: r.error.message },
    );
  }

  return (
    <details className="lookalike">
      <summary>Create lookalike</summary>
      <div className="lookalike-row">
        <label>
          Country
          <input
            className="input small"
            maxLength={2}
            value={country}
            onChange={(e) => setCountry(e.target.value.toUpperCase())}
          />
        </label>
        <label>
          Size {percent}%
          <input
            type="range"
            min={1}
            max={20}
            value={percent}
            onChange={(e) => setPercent(Number(e.target.value))}
          />
        </label>
        <button
          type="button"
          className="button small"
          disabled={!valid}
          onClick={() => void create()}
        >
          Create
        </button>
      </div>
      {note && <p className={note.ok ? 'notice' : 'notice error'}>{note.text}</p>}
    </details>
  );
}
