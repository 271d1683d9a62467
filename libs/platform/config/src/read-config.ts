import { z } from 'zod';

export type Env = Readonly<Record<string, string | undefined>>;

/** Every problem with the environment at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly problems: readonly string[],
  ) {
    super(`${app}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Parses the environment once with a schema and returns a frozen object, or throws listing every problem. */
export function readConfig<T>(app: string, schema: z.ZodType<T>, env: Env): Readonly<T> {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(blanksRemoved);
  if (!result.success) {
    throw new ConfigError(
      app,
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return deepFreeze(result.data);
}
