import { QueryFailedError } from 'typeorm';

/** True when the error is PostgreSQL refusing a row for the named unique constraint or index. */
export function violatesUnique(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
