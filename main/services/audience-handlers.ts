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
import { loadMemberProfiles } from '../engine/member-profiles';
import type { PreviewService } from '../engine/preview-service';
import { ApiFailure } from './api-failure';

type AudienceHandlers = {
  [C in keyof AudienceChannels]: (
    request: AudienceChannels[C]['request'],
  ) => AudienceChannels[C]['response'] | Promise<AudienceChannels[C]['response']>;
};

export interface AudienceHandlerDeps {
  db: CacheDb;
  /** The engine in its worker thread: evaluation never blocks the shell's event loop. */
  preview: PreviewService;
  now: () => number;
  /** Called after a change the renderer should refetch for (saved or deleted audiences). */
  changed: () => void;
}

export function createAudienceHandlers(deps: AudienceHandlerDeps): AudienceHandlers {
  const { db, preview, now } = deps;
  const asOfOf = (asOf: string | undefined) => (asOf ? Date.parse(asOf) : now());

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
    'audience-preview': async ({ definition, asOf, requestId }) => {
      const result = await preview.preview(definition, {
        asOf: asOfOf(asOf),
        ...(requestId !== undefined ? { requestId } : {}),
      });
      if (isSavedAsIs(db, definition)) recordAudienceSize(db, definition.id, result.size);
      return result;
    },
    'audience-members': async ({ definition, asOf, offset, limit }) => {
      const ids = await preview.members(definition, { asOf: asOfOf(asOf) });
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
      return preview.explain(definition, id, { asOf: asOfOf(asOf) });
    },
  };
}

/** Only a preview of the saved definition itself may update the size the library shows. */
function isSavedAsIs(db: CacheDb, definition: AudienceDefinition): boolean {
  const saved = getAudience(db, definition.id);
  return !!saved && JSON.stringify(saved.definition) === JSON.stringify(definition);
}
