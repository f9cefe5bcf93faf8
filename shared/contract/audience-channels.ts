// Audience editing, preview, members and explanation channels.
import type {
  AudienceDefinition,
  AudienceKind,
  ValidationProblem,
} from '../audience/audience-types';

export interface AudienceSummary {
  id: string;
  name: string;
  kind: AudienceKind;
  /** The size at the last preview or save, or null when never computed. */
  size: number | null;
  updatedAt: string;
}

export interface PreviewResult {
  audience: string;
  asOf: string;
  size: number;
  population: number;
  /** Count of every node id, the root included (audience-v1.md, "Population and counts"). */
  nodes: Record<string, number>;
  ms: number;
}

export interface MemberProfile {
  profile: string;
  identities: Record<string, string[]>;
  attributes: Record<string, unknown>;
}

export interface ExplainNode {
  id: string;
  type: 'group' | 'attribute' | 'event' | 'identity' | 'audience';
  value: boolean;
  /** Plain sentences of the facts behind the value, e.g. "session_start: 2 events in the window, needs < 3". */
  facts: string[];
  children?: ExplainNode[];
}

export interface AudienceChannels {
  'audiences-list': { request: Record<string, never>; response: AudienceSummary[] };
  'audience-get': {
    request: { id: string };
    response: { definition: AudienceDefinition; updatedAt: string };
  };
  /** Validates and saves; refuses cycles (conflict) and invalid definitions (invalid-audience). */
  'audience-save': { request: { definition: AudienceDefinition }; response: { updatedAt: string } };
  /** Refused with conflict, naming the audiences that use it. */
  'audience-delete': { request: { id: string }; response: { deleted: true } };
  'audience-validate': {
    request: { definition: unknown };
    response: { problems: ValidationProblem[] };
  };
  /** requestId lets a newer preview cancel an older one still running; asOf defaults to now. */
  'audience-preview': {
    request: { definition: AudienceDefinition; asOf?: string; requestId?: string };
    response: PreviewResult;
  };
  'audience-members': {
    request: { definition: AudienceDefinition; asOf?: string; offset: number; limit: number };
    response: { total: number; members: MemberProfile[] };
  };
  'audience-explain': {
    request: { definition: AudienceDefinition; profile: string; asOf?: string };
    response: ExplainNode;
  };
}
