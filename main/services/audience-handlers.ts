// The audience channels over the engine and the saved-audience store.
import type { AudienceChannels } from '../../shared/contract/audience-channels';
import { validateAudience } from '../../shared/audience/validate-audience';
import type { AudienceDefinition } from '../../shared/audience/audience-types';
import type { CacheDb } from '../cache/open-cache';
import { getLookbackDays } from '../cache/settings';
import {
  audienceLibrary,
  deleteAudience,
  getAudience,
  listAudiences,
  recordAudienceSize,
  saveAudience,
} from '../audiences/audience-store';
import type { AudienceEngine } from '../engine/index';
import { ApiFailure } from './api-failure';
import { loadMemberProfiles } from './member-profiles';

type AudienceHandlers = {
  [C in keyof AudienceChannels]: (
    request: AudienceChannels[C]['request'],
  ) => AudienceChannels[C]['response'] | Promise<AudienceChannels[C]['response']>;
};

export interface AudienceHandlerDeps {
  db: CacheDb;
  engine: AudienceEngine;
  now: () => number;
  /** Called after a change the renderer should refetch for (saved or deleted audiences). */
  changed: () => void;
}

export function createAudienceHandlers(deps: AudienceHandlerDeps): AudienceHandlers {
  const { db, engine, now } = deps;
  const asOfOf = (asOf: string | undefined) => (asOf ? Date.parse(asOf) : now());
  // The library is read per call: another window or the CLI may have saved in between.
  const options = (asOf: string | undefined) => ({
    asOf: asOfOf(asOf),
    library: audienceLibrary(db),
  });

  return {
    'audiences-list': () => listAudiences(db),
    'audience-get': ({ id }) => {
      const found = getAudience(db, id);
      if (!found) throw new ApiFailure('not-found', `No saved audience "${id}".`);
      return found;
    },
    'audience-save': ({ definition }) => {
      const saved = saveAudience(db, definition, now());
      deps.changed();
      return saved;
    },
    'audience-delete': ({ id }) => {
      const deleted = deleteAudience(db, id);
      deps.changed();
      return deleted;
    },
    'audience-validate': ({ definition }) => ({
      problems: validateAudience(definition, {
        lookbackDays: getLookbackDays(db),
        knownAudiences: audienceLibrary(db),
      }),
    }),
    'audience-preview': ({ definition, asOf }) => {
      const result = engine.preview(definition, options(asOf));
      if (isSavedAsIs(db, definition)) recordAudienceSize(db, definition.id, result.size);
      return result;
    },
    'audience-members': ({ definition, asOf, offset, limit }) => {
      const ids = engine.members(definition, options(asOf));
      return {
        total: ids.length,
        members: loadMemberProfiles(db, ids.subarray(offset, offset + limit)),
      };
    },
    'audience-explain': ({ definition, profile, asOf }) => {
      const id = Number(profile);
      if (!Number.isSafeInteger(id) || id > 0xffffffff) {
        throw new ApiFailure('not-found', `No profile ${profile}.`);
      }
      return engine.explain(definition, id, options(asOf));
    },
  };
}

/** Only a preview of the saved definition itself may update the size the library shows. */
function isSavedAsIs(db: CacheDb, definition: AudienceDefinition): boolean {
  const saved = getAudience(db, definition.id);
  return !!saved && JSON.stringify(saved.definition) === JSON.stringify(definition);
}
