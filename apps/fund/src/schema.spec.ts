import path from 'node:path';
import { currentAndCommittedSdl } from '@gongzhi/platform-testing';
import { fundModule } from './schema';

it('matches the committed schema.graphql (regenerate with: npx nx run fund:schema)', async () => {
  const { current, committed } = await currentAndCommittedSdl(fundModule, path.resolve(__dirname, '..'));
  expect(current).toBe(committed);
});
