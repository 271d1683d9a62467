import path from 'node:path';
import { currentAndCommittedSdl } from '@gongzhi/platform-testing';
import { propertyModule } from './schema';

it('matches the committed schema.graphql (regenerate with: npx nx run property:schema)', async () => {
  const { current, committed } = await currentAndCommittedSdl(propertyModule, path.resolve(__dirname, '..'));
  expect(current).toBe(committed);
});
