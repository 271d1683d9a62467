import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError, type ParseOptions, type ValidationRule } from 'graphql';
import { DomainError } from '@gongzhi/platform-graphql';
import type { GatewayConfig } from './config';

/** The stable `reason` of each operation-shape refusal; the code is always BAD_USER_INPUT. */
export const LIMIT_REASONS = {
  depth: 'QUERY_TOO_DEEP',
  aliases: 'TOO_MANY_ALIASES',
  directives: 'TOO_MANY_DIRECTIVES',
  cost: 'QUERY_TOO_COSTLY',
  tokens: 'TOO_MANY_TOKENS',
} as const;

export interface OperationLimits {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
}

/**
 * Armor reports a refusal as a GraphQLError on the validation context. Carrying a DomainError as its original
 * error lets the shared formatter give the client the closed-set code and a reason naming the exceeded limit,
 * where armor alone would surface as a bare GRAPHQL_VALIDATION_FAILED.
 */
function refuseAs(reason: string): GraphQLArmorRejectCallback {
  return (context, error) => {
    const message = error.message.replace(/^Syntax Error: /, '');
    context?.reportError(new GraphQLError(message, { originalError: new DomainError('BAD_USER_INPUT', reason, message) }));
  };
}

/**
 * Depth, alias, directive and cost limits from graphql-armor (validation rules, so a refused operation never
 * reaches a subgraph), field suggestions masked so the schema cannot be guessed field by field with
 * introspection off. The token limit is graphql-js's own parser option: armor's token plugin aborts parsing by
 * throwing from a plugin hook, which Apollo Server treats as an internal error; the parser option fails the
 * parse like any syntax error (HTTP 400), and `formatLimitError` names it.
 */
export function operationLimits(config: GatewayConfig): OperationLimits {
  const armor = new ApolloArmor({
    maxDepth: { n: config.MAX_DEPTH, propagateOnRejection: false, onReject: [refuseAs(LIMIT_REASONS.depth)] },
    maxAliases: { n: config.MAX_ALIASES, propagateOnRejection: false, onReject: [refuseAs(LIMIT_REASONS.aliases)] },
    maxDirectives: { n: config.MAX_DIRECTIVES, propagateOnRejection: false, onReject: [refuseAs(LIMIT_REASONS.directives)] },
    costLimit: { maxCost: config.MAX_COST, propagateOnRejection: false, onReject: [refuseAs(LIMIT_REASONS.cost)] },
    blockFieldSuggestion: { enabled: true },
    maxTokens: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules, parseOptions: { maxTokens: config.MAX_TOKENS } };
}

/** graphql-js's wording when the parser's `maxTokens` stops it (16.x spells it "more that"). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

type Formatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** Wraps the shared formatter so a document over the token limit says so, instead of a generic parse failure. */
export function formatLimitError(format: Formatter): Formatter {
  return (formatted, error) => {
    const result = format(formatted, error);
    const limit = TOKEN_LIMIT_MESSAGE.exec(formatted.message);
    if (!limit || result.extensions?.code !== 'BAD_USER_INPUT') return result;
    return {
      ...result,
      message: `The document has more than ${limit[1]} tokens`,
      extensions: { ...result.extensions, reason: LIMIT_REASONS.tokens },
    };
  };
}
