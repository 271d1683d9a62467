import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** The composed API schema clients see; the generated specs walk it, so a new operation is covered unedited. */
export function loadApiSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(__dirname, '../../gateway/api-schema.graphql'), 'utf8'));
}

export interface Operation {
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

/** Every Query and Mutation field of the schema, in schema order. */
export function operationsOf(schema: GraphQLSchema): Operation[] {
  return [
    ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((field) => ({ kind: 'query' as const, field })),
    ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((field) => ({ kind: 'mutation' as const, field })),
  ];
}

/**
 * A selection of every field reachable without required arguments, `depth` object levels deep; enough to
 * show whatever an operation would let out.
 */
export function selectionFor(type: GraphQLOutputType, depth = 3): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named) || depth === 0) return '{ __typename }';
  const parts = ['__typename'];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
    const fieldType = getNamedType(field.type);
    if (isLeafType(fieldType)) parts.push(field.name);
    else if (depth > 1) parts.push(`${field.name} ${selectionFor(field.type, depth - 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

/** The document calling one operation with every argument as a variable of its declared type. */
export function documentFor(operation: Operation, depth = 3): string {
  const { field } = operation;
  const definitions = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const name = `${operation.kind === 'query' ? 'Q' : 'M'}_${field.name}`;
  return `${operation.kind} ${name}${definitions ? `(${definitions})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selectionFor(field.type, depth)} }`;
}

/** Where a generated value goes: the argument or input field, and the operation it belongs to. */
export interface Slot {
  operation: Operation;
  path: string[];
  name: string;
  type: GraphQLInputType;
  /** The slot is an element of a list; a leaf may then answer the whole list (an array). */
  inList: boolean;
  /** The slot's type is non-null: the operation cannot be called without a value. */
  required?: boolean;
}

/**
 * Fills one leaf slot; the input-object and list structure around it is built by `argumentsFor`. In a list,
 * an array answer is the whole list, anything else its one element.
 */
export type LeafValue = (slot: Slot) => unknown;

/** Variables for every argument, input objects filled field by field (optional ones too, so every id is aimed). */
export function argumentsFor(operation: Operation, leaf: LeafValue): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const arg of operation.field.args) {
    const value = build(operation, [arg.name], arg.name, arg.type, leaf, 0, false);
    if (value !== undefined) variables[arg.name] = value;
  }
  return variables;
}

function build(operation: Operation, path: string[], name: string, type: GraphQLInputType, leaf: LeafValue, depth: number, inList: boolean): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const element = build(operation, path, name, inner.ofType, leaf, depth, true);
    return element === undefined ? [] : Array.isArray(element) ? element : [element];
  }
  if (isInputObjectType(inner)) {
    if (depth > 4) return undefined;
    const object: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      const value = build(operation, [...path, field.name], field.name, field.type, leaf, depth + 1, false);
      if (value !== undefined) object[field.name] = value;
    }
    return object;
  }
  return leaf({ operation, path, name, type: inner, inList, required: inner !== type });
}

/** The first value of an enum type, or undefined for other types. */
export function firstEnumValue(type: GraphQLInputType): string | undefined {
  const named = getNamedType(type);
  return isEnumType(named) ? named.getValues()[0]?.name : undefined;
}

/**
 * The entity type an id argument points at: `compoundId` → Compound, `agendaMatterIds` → Matter, a bare `id`
 * → the operation's result type (`compound(id)`) or the entity its name mentions (`discardCreditList(id)`).
 */
export function entityTypeOf(slot: Slot, known: readonly string[]): string | undefined {
  const aliases: Record<string, string> = {
    nodeId: 'Compound',
    voteCompoundId: 'Compound',
    districtId: 'District',
    assignmentId: 'ServiceAssignment',
    appealId: 'CreditAppeal',
    payingFundId: 'Fund',
    propertyCompanyId: 'PropertyCompany',
    companyId: 'PropertyCompany',
    organizationId: 'PartyOrganization',
    mergedIntoId: 'Matter',
    agendaMatterIds: 'Matter',
    disputedEvidenceIds: 'Evidence',
    listId: 'CreditList',
    memberId: 'BodyMember',
    leaderId: 'BuildingLeader',
    workerId: 'GridWorker',
    entryId: 'JournalEntry',
    versionId: 'ConventionVersion',
    termId: 'BodyTerm',
    bookingId: 'RoomBooking',
    roomId: 'SpaceRoom',
    spaceId: 'SharedSpace',
    scheduleId: 'PatrolSchedule',
    programId: 'Fund',
    teamId: 'GovernanceBody',
    bodyId: 'GovernanceBody',
    memberResidentId: 'Resident',
    ownerId: 'Resident',
    clientId: 'MachineClient',
  };
  if (aliases[slot.name]) return aliases[slot.name];
  if (slot.name === 'itemId') return /handover/i.test(slot.operation.field.name) ? 'HandoverItem' : 'PointsCatalogueItem';
  const stem = slot.name.replace(/Ids?$/, '');
  if (stem && stem !== slot.name) {
    const candidate = stem[0]!.toUpperCase() + stem.slice(1);
    if (known.includes(candidate)) return candidate;
  }
  if (slot.name === 'id' && slot.path.length === 1) {
    const result = getNamedType(slot.operation.field.type).name;
    if (known.includes(result)) return result;
    const mentioned = known.filter((type) => slot.operation.field.name.toLowerCase().includes(type.toLowerCase()));
    return mentioned.sort((a, b) => b.length - a.length)[0];
  }
  return undefined;
}
