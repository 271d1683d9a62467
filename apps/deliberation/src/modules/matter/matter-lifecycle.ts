import { HandlingLevel, MatterStatus } from './matter.entity';

/**
 * The five-step lifecycle (说事→议事→办事→评事→晒事): raised → deliberating → decided → in progress →
 * evaluating → closed, with rejected and merged as other endings and escalated as a hand-over to the next
 * handling level, which picks the matter up again. Anything not listed here is refused.
 */
const NEXT: Readonly<Record<MatterStatus, readonly MatterStatus[]>> = {
  [MatterStatus.RAISED]: [MatterStatus.DELIBERATING, MatterStatus.REJECTED, MatterStatus.MERGED, MatterStatus.ESCALATED],
  [MatterStatus.DELIBERATING]: [MatterStatus.DECIDED, MatterStatus.REJECTED, MatterStatus.MERGED, MatterStatus.ESCALATED],
  [MatterStatus.DECIDED]: [MatterStatus.IN_PROGRESS, MatterStatus.ESCALATED],
  [MatterStatus.IN_PROGRESS]: [MatterStatus.EVALUATING, MatterStatus.ESCALATED],
  [MatterStatus.EVALUATING]: [MatterStatus.CLOSED, MatterStatus.IN_PROGRESS],
  [MatterStatus.ESCALATED]: [MatterStatus.DELIBERATING, MatterStatus.DECIDED, MatterStatus.REJECTED, MatterStatus.MERGED, MatterStatus.ESCALATED],
  [MatterStatus.CLOSED]: [],
  [MatterStatus.REJECTED]: [],
  [MatterStatus.MERGED]: [],
};

export function allowedTransitions(from: MatterStatus): readonly MatterStatus[] {
  return NEXT[from];
}

export function canTransition(from: MatterStatus, to: MatterStatus): boolean {
  return NEXT[from].includes(to);
}

/** Statuses that end a matter: nothing moves it on any more. */
export const FINAL_STATUSES: readonly MatterStatus[] = [MatterStatus.CLOSED, MatterStatus.REJECTED, MatterStatus.MERGED];

/** Statuses that answer the resident (件件有回音): a decision, a refusal with its reason, or a merge. */
export const ANSWERING_STATUSES: readonly MatterStatus[] = [MatterStatus.DECIDED, MatterStatus.REJECTED, MatterStatus.MERGED];

/** The three-level linkage (三级联动): compound → community → street; a street matter cannot go higher here. */
export function nextLevel(level: HandlingLevel): HandlingLevel | null {
  if (level === HandlingLevel.COMPOUND) return HandlingLevel.COMMUNITY;
  if (level === HandlingLevel.COMMUNITY) return HandlingLevel.STREET;
  return null;
}
