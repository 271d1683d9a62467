import { GraphQLError, parse } from 'graphql';
import { createErrorFormatter } from '@gongzhi/platform-graphql';
import { loadConfig } from './config';
import { formatLimitError, operationLimits } from './limits';

describe('formatLimitError', () => {
  const format = formatLimitError(createErrorFormatter(() => undefined));
  const { parseOptions } = operationLimits(loadConfig({ MAX_TOKENS: '100' }));

  function parseFailure(text: string): GraphQLError {
    try {
      parse(text, parseOptions);
    } catch (error) {
      // Apollo Server reports a failed parse as GRAPHQL_PARSE_FAILED around the parser's error.
      return new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' }, originalError: error as Error });
    }
    throw new Error('parsed');
  }

  it('names a document over the token limit', () => {
    const error = parseFailure(`{ ${'__typename '.repeat(150)}}`);
    expect(format({ message: error.message, extensions: error.extensions }, error)).toEqual({
      message: 'The document has more than 100 tokens',
      extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_TOKENS' },
    });
  });

  it('leaves other syntax errors as parse failures', () => {
    const error = parseFailure('{ compounds ');
    expect(format({ message: error.message, extensions: error.extensions }, error).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' });
  });
});
