import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The closed set of `extensions.code` values clients can rely on. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INTERNAL_SERVER_ERROR';

export const ERROR_CODES: readonly ErrorCode[] = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INTERNAL_SERVER_ERROR',
];

/**
 * A failure the caller can act on. `reason` is a stable, domain-specific SCREAMING_CASE word
 * (e.g. `UNKNOWN_AREA_CODE`); `field` names the input field at fault, as a dotted path from the argument.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class BadUserInputError extends DomainError {
  constructor(field: string, reason: string, message: string) {
    super('BAD_USER_INPUT', reason, `${field}: ${message}`, field);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(reason = 'TOKEN_REQUIRED', message = 'Authentication required: send a valid bearer token') {
    super('UNAUTHENTICATED', reason, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(reason: string, message: string) {
    super('FORBIDDEN', reason, message);
  }
}

export class NotFoundError extends DomainError {
  constructor(reason: string, message: string, field?: string) {
    super('NOT_FOUND', reason, message, field);
  }
}

export class ConflictError extends DomainError {
  constructor(reason: string, message: string, field?: string) {
    super('CONFLICT', reason, message, field);
  }
}

interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

function flattenValidation(issues: ValidationIssue[], prefix = ''): { field: string; messages: string[] }[] {
  return issues.flatMap((issue) => {
    const field = prefix ? `${prefix}.${issue.property}` : issue.property;
    const own = issue.constraints ? [{ field, messages: Object.values(issue.constraints) }] : [];
    return [...own, ...flattenValidation(issue.children ?? [], field)];
  });
}

function findOriginal(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof GraphQLError && current.originalError; depth++) {
    current = current.originalError;
  }
  return current;
}

const PASS_THROUGH_CODES: Record<string, { code: ErrorCode; reason: string }> = {
  GRAPHQL_PARSE_FAILED: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' },
  GRAPHQL_VALIDATION_FAILED: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' },
  BAD_REQUEST: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' },
  PERSISTED_QUERY_NOT_FOUND: { code: 'BAD_USER_INPUT', reason: 'PERSISTED_QUERY_NOT_FOUND' },
  PERSISTED_QUERY_NOT_SUPPORTED: { code: 'BAD_USER_INPUT', reason: 'PERSISTED_QUERY_NOT_SUPPORTED' },
  OPERATION_RESOLUTION_FAILURE: { code: 'BAD_USER_INPUT', reason: 'OPERATION_RESOLUTION_FAILURE' },
};

export type ErrorLogger = (error: unknown) => void;

/**
 * Maps every error leaving a server onto the closed code set. Domain errors keep their message, reason and
 * field; class-validator failures become BAD_USER_INPUT naming each field and rule; anything unknown is masked
 * and logged, so no stack trace, SQL or internal detail reaches a client.
 */
export function createErrorFormatter(log: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = findOriginal(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    if (original instanceof DomainError) {
      return {
        ...base,
        message: original.message,
        extensions: {
          code: original.code,
          reason: original.reason,
          ...(original.field ? { field: original.field } : {}),
        },
      };
    }

    const validationErrors = (original as { extensions?: { validationErrors?: ValidationIssue[] } } | undefined)
      ?.extensions?.validationErrors;
    if (Array.isArray(validationErrors)) {
      const fields = flattenValidation(validationErrors);
      return {
        ...base,
        message: fields.map((f) => `${f.field}: ${f.messages.join('; ')}`).join(' | ') || 'Invalid input',
        extensions: {
          code: 'BAD_USER_INPUT',
          reason: 'VALIDATION_FAILED',
          field: fields[0]?.field,
          fields: fields.map((f) => ({ field: f.field, rules: f.messages })),
        },
      };
    }

    const code = formatted.extensions?.code;
    if (typeof code === 'string') {
      if ((ERROR_CODES as string[]).includes(code) && code !== 'INTERNAL_SERVER_ERROR') {
        // Already in the closed set: a subgraph's error passing through the gateway, or Apollo's own
        // BAD_USER_INPUT for a variable that does not coerce.
        const { reason, field, fields } = formatted.extensions ?? {};
        return { ...base, extensions: { code, reason: reason ?? (code === 'BAD_USER_INPUT' ? 'INVALID_VALUE' : code), field, fields } };
      }
      const mapped = PASS_THROUGH_CODES[code];
      if (mapped) return { ...base, extensions: { code: mapped.code, reason: mapped.reason } };
    }

    log(original ?? error);
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
