import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const INTEGER = /^-?\d{1,19}$/;
const BIGINT_MAX = 9_223_372_036_854_775_807n;

function toFen(value: unknown): bigint {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !INTEGER.test(text)) {
    throw new GraphQLError('Fen must be a whole number of fen (CNY cents) written as a string of digits, e.g. "12500"');
  }
  const fen = BigInt(text);
  if (fen > BIGINT_MAX || fen < -BIGINT_MAX) throw new GraphQLError('Fen is out of range');
  return fen;
}

/**
 * Money in fen (分, CNY cents), as a string of an integer: a JSON number would lose precision above 2^53 and
 * invite floating-point arithmetic on the client.
 */
export const FenScalar = new GraphQLScalarType<bigint, string>({
  name: 'Fen',
  description: 'An amount of money in fen (分, CNY cents), serialised as a string of an integer such as "12500" (¥125.00).',
  serialize(value) {
    if (typeof value === 'bigint') return value.toString();
    return toFen(value).toString();
  },
  parseValue: toFen,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return toFen(ast.value);
    throw new GraphQLError('Fen must be a string of digits');
  },
});
