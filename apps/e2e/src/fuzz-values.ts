import fc from 'fast-check';
import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';
import { entityTypeOf, type Operation } from './operations';

/** Strings that have broken parsers, databases and renderers: control and bidi characters, emoji, SQL, paths. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\u200F\u200E\u200B\uFEFF',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  '\uD800',
  '\uFFFF\uFFFE',
  'Z̴̡̛̙a̸̧̛l̵g̷o̶',
  "'; DROP TABLE matter; --",
  '%_\\',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '0',
  '-1',
  '1e400',
  '2025-02-30',
  '0000-00-00',
  '9999-12-31',
  '99999-01-01',
  '25:61',
  '/',
  '//',
  '510112',
  '510112001001001',
  '91350100M000100Y43',
  '00000000-0000-0000-0000-000000000000',
];

const HUGE_NUMBERS = [0, -1, 1, -2_147_483_648, 2_147_483_647, 2_147_483_648, -2_147_483_649, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e21, 1e308, 0.5, -0.0001];

const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...HUGE_NUMBERS),
  fc.string({ maxLength: 8 }),
  fc.constant({ $where: '1' }),
  fc.constant([[['deep']]]),
);

const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(20_000), '长'.repeat(5_000), '😀'.repeat(3_000)) },
);

/** Ids the fuzzer knows by entity type, so some calls get past NOT_FOUND into the rules behind it. */
export type KnownIds = Map<string, string[]>;

function leaf(operation: Operation, path: string[], name: string, type: GraphQLInputType, known: KnownIds): fc.Arbitrary<unknown> {
  const named = getNamedType(type);
  if (isEnumType(named)) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...named.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: fc.constant('NOT_A_VALUE') });
  switch (named.name) {
    case 'ID': {
      const entity = entityTypeOf({ operation, path, name, type, inList: false }, [...known.keys()]);
      const ids = (entity && known.get(entity)) || [];
      return fc.oneof(
        ...(ids.length ? [{ weight: 4, arbitrary: fc.constantFrom(...ids) }] : []),
        { weight: 2, arbitrary: fc.uuid({ version: 7 }) },
        { weight: 2, arbitrary: nastyString },
      );
    }
    case 'Int':
    case 'SafeInt':
    case 'Fen':
      return fc.oneof(fc.constantFrom(...HUGE_NUMBERS), fc.integer(), fc.constantFrom('99999999999999999999', '-1', '1.5', 'NaN'));
    case 'Boolean':
      return fc.boolean();
    case 'DateTimeISO':
      return fc.oneof(fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2025-02-30T00:00:00Z', 'yesterday'), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
    case 'JSONObject':
      return fc.oneof(fc.constant({}), fc.object({ maxDepth: 3 }), fc.constant({ rules: [{ kind: 'VIOLATION', points: 1e308 }] }));
    default:
      return nastyString;
  }
}

function valueOf(operation: Operation, path: string[], name: string, type: GraphQLInputType, known: KnownIds, depth: number): fc.Arbitrary<unknown> {
  const inner = isNonNullType(type) ? type.ofType : type;
  let typed: fc.Arbitrary<unknown>;
  if (isListType(inner)) {
    const element = valueOf(operation, path, name, inner.ofType, known, depth);
    typed = fc.oneof({ weight: 5, arbitrary: fc.array(element, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(element, { minLength: 200, maxLength: 200 }) });
  } else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of fields) record[field.name] = depth > 4 ? fc.constant(null) : valueOf(operation, [...path, field.name], field.name, field.type, known, depth + 1);
    typed = fc.record(record, { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
  } else {
    typed = leaf(operation, path, name, inner, known);
  }
  // Now and then a value of the wrong type, or a missing required one, sent as a variable.
  return fc.oneof({ weight: 12, arbitrary: typed }, { weight: 1, arbitrary: wrongType });
}

/** Variables for one operation: adversarial values of the right type mostly, the wrong type sometimes. */
export function fuzzedArguments(operation: Operation, known: KnownIds): fc.Arbitrary<Record<string, unknown>> {
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const arg of operation.field.args) record[arg.name] = valueOf(operation, [arg.name], arg.name, arg.type, known, 0);
  return fc.record(record);
}
