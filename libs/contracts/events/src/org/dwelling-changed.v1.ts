import { defineEvent } from '../envelope';
import { dwellingStateSchema, type DwellingState } from './dwelling-registered.v1';

/** A dwelling's recorded facts changed (area, its source, the developer-unsold flag, its room number). */
export const orgDwellingChangedV1 = defineEvent('org.dwelling.changed.v1', dwellingStateSchema);
export type OrgDwellingChangedV1 = DwellingState;
