import type { EntityManager } from 'typeorm';
import { orgAreaCreatedV1, orgCompoundCreatedV1, type EventEnvelope } from '@gongzhi/contracts-events';
import { on, type Subscription } from '@gongzhi/platform-messaging';
import { OrgNode, type OrgNodeKind } from './org-node.entity';

async function upsert(manager: EntityManager, node: Omit<OrgNode, 'updatedAt'>, envelope: EventEnvelope): Promise<void> {
  await manager.query(
    `INSERT INTO org_node (id, kind, code, name, parent_id, scope_path, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, code = EXCLUDED.code, name = EXCLUDED.name,
       parent_id = EXCLUDED.parent_id, scope_path = EXCLUDED.scope_path, updated_at = EXCLUDED.updated_at
     WHERE org_node.updated_at <= EXCLUDED.updated_at`,
    [node.id, node.kind, node.code, node.name, node.parentId, node.scopePath, envelope.time],
  );
}

/** The subscriptions that keep `org_node` current; a consuming service lists them in its org consumer. */
export function orgMirrorSubscriptions(): Subscription[] {
  return [
    on(orgAreaCreatedV1, (data, envelope, manager) =>
      upsert(manager, { id: data.areaId, kind: data.level, code: data.code, name: data.name, parentId: data.parentId, scopePath: data.scopePath }, envelope),
    ),
    on(orgCompoundCreatedV1, (data, envelope, manager) =>
      upsert(manager, { id: data.compoundId, kind: 'COMPOUND', code: data.code, name: data.name, parentId: data.communityId, scopePath: data.scopePath }, envelope),
    ),
  ];
}

export async function findOrgNode(manager: EntityManager, id: string, kind?: OrgNodeKind): Promise<OrgNode | null> {
  const node = await manager.findOne(OrgNode, { where: { id } });
  return node && (!kind || node.kind === kind) ? node : null;
}

export async function findOrgNodeByCode(manager: EntityManager, code: string, kind?: OrgNodeKind): Promise<OrgNode | null> {
  const node = await manager.findOne(OrgNode, { where: { code } });
  return node && (!kind || node.kind === kind) ? node : null;
}
