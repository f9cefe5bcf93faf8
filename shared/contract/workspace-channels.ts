// Workspace and data catalog channels.

export interface WorkspaceInfo {
  path: string;
  name: string;
  population: number;
  events: number;
  /** ISO time of the last finished import, or null for an empty workspace. */
  lastImportAt: string | null;
  /** ISO time of the newest event in the cache (the data's freshness). */
  newestEventAt: string | null;
  dataVersion: number;
  lookbackDays: number;
}

export interface ValueCount {
  value: string | number | boolean;
  count: number;
}

export type CatalogValueType = 'string' | 'number' | 'boolean' | 'datetime' | 'list' | 'mixed';

export interface CatalogProperty {
  name: string;
  type: CatalogValueType;
  topValues: ValueCount[];
}

export interface CatalogEvent {
  name: string;
  count: number;
  profiles: number;
  properties: CatalogProperty[];
}

export interface CatalogAttribute {
  name: string;
  type: CatalogValueType;
  profiles: number;
  topValues: ValueCount[];
}

export interface Catalog {
  events: CatalogEvent[];
  attributes: CatalogAttribute[];
  identities: Array<{ type: string; profiles: number }>;
  audiences: Array<{ id: string; name: string }>;
}

export interface WorkspaceChannels {
  'workspace-info': { request: Record<string, never>; response: WorkspaceInfo };
  'catalog-get': { request: Record<string, never>; response: Catalog };
}
