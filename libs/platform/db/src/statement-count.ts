import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'typeorm';

/** The SQL statements sent on behalf of one unit of work (one HTTP request of a subgraph). */
export interface StatementTally {
  statements: number;
  /** The statements themselves, when the run asked to capture them (the first 200). */
  captured?: CapturedStatement[];
}

export interface CapturedStatement {
  sql: string;
  parameters: unknown[];
}

const MAX_CAPTURED = 200;

const current = new AsyncLocalStorage<StatementTally>();

/**
 * Runs `work` and counts every SQL statement TypeORM sends while it runs, in any async continuation of it
 * (DataLoader batches included): BEGIN and COMMIT count too, as they are round trips as well. Statements
 * outside such a run (the outbox relay, consumers, sweeps) are not counted. Only a DataSource created with
 * `countStatements` reports its statements.
 */
export async function countStatements<T>(work: () => Promise<T>, options: { capture?: boolean } = {}): Promise<{ result: T } & StatementTally> {
  const tally: StatementTally = { statements: 0, ...(options.capture ? { captured: [] } : {}) };
  const result = await current.run(tally, work);
  return { result, ...tally };
}

/** The tally of the run in progress, if any (to read a count before the run ends). */
export function currentStatementTally(): StatementTally | undefined {
  return current.getStore();
}

/** A TypeORM logger that logs nothing and adds every query to the tally of the run in progress. */
export class StatementCountingLogger implements Logger {
  logQuery(query: string, parameters?: unknown[]): void {
    const tally = current.getStore();
    if (!tally) return;
    tally.statements++;
    if (tally.captured && tally.captured.length < MAX_CAPTURED) tally.captured.push({ sql: query, parameters: parameters ?? [] });
  }

  logQueryError(): void {}

  logQuerySlow(): void {}

  logSchemaBuild(): void {}

  logMigration(): void {}

  log(): void {}
}
