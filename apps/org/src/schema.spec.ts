import path from 'node:path';
import { currentAndCommittedSdl } from '@gongzhi/platform-testing';
import { orgModule } from './schema';

it('matches the committed schema.graphql (regenerate with: npx nx run org:schema)', async () => {
  const { current, committed } = await currentAndCommittedSdl(orgModule, path.resolve(__dirname, '..'));
  expect(current).toBe(committed);
});
