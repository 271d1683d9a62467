import { GraphQLError } from 'graphql';
import { BadUserInputError, createErrorFormatter, ForbiddenError } from './errors';

describe('the error formatter', () => {
  const logged: unknown[] = [];
  const format = createErrorFormatter((error) => logged.push(error));
  const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original });

  beforeEach(() => (logged.length = 0));

  it('keeps a domain error’s code, reason, field and message', () => {
    const error = wrap(new BadUserInputError('input.name', 'BLANK', 'must not be blank'));
    expect(format({ message: 'x' }, error)).toEqual({
      message: 'input.name: must not be blank',
      extensions: { code: 'BAD_USER_INPUT', reason: 'BLANK', field: 'input.name' },
    });
  });

  it('turns class-validator failures into BAD_USER_INPUT naming every field and rule', () => {
    const validation = Object.assign(new Error('Argument Validation Error'), {
      extensions: { validationErrors: [{ property: 'input', children: [{ property: 'name', constraints: { matches: 'must not be blank' } }] }] },
    });
    const formatted = format({ message: 'x' }, wrap(validation));
    expect(formatted.message).toBe('input.name: must not be blank');
    expect(formatted.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VALIDATION_FAILED', field: 'input.name' });
  });

  it('masks and logs anything unknown', () => {
    const formatted = format({ message: 'relation "secret_table" does not exist' }, wrap(new Error('relation "secret_table" does not exist')));
    expect(formatted).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toHaveLength(1);
  });

  it('passes a subgraph’s closed-set error through the gateway unchanged', () => {
    const fromSubgraph = new GraphQLError('Your scopes do not cover this compound', {
      extensions: { code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' },
    });
    expect(format({ message: fromSubgraph.message, extensions: fromSubgraph.extensions }, fromSubgraph).extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OUT_OF_SCOPE',
    });
  });

  it('maps GraphQL validation failures into the closed set', () => {
    const error = new GraphQLError('Cannot query field "secret"', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format({ message: error.message, extensions: error.extensions }, error).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'GRAPHQL_VALIDATION_FAILED',
    });
  });

  it('never lets a code outside the set through', () => {
    const error = new GraphQLError('weird', { extensions: { code: 'SOMETHING_ELSE' } });
    expect(format({ message: 'weird', extensions: error.extensions }, error).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(new ForbiddenError('R', 'm').code).toBe('FORBIDDEN');
  });
});
