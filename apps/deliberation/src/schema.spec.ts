import path from 'node:path';
import { currentAndCommittedSdl } from '@gongzhi/platform-testing';
import { deliberationModule } from './schema';

it('matches the committed schema.graphql (regenerate with: npx nx run deliberation:schema)', async () => {
  const { current, committed } = await currentAndCommittedSdl(deliberationModule, path.resolve(__dirname, '..'));
  expect(current).toBe(committed);
});
