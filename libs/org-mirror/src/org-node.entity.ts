import { Column, Entity, PrimaryColumn } from 'typeorm';

export type OrgNodeKind = 'DISTRICT' | 'STREET' | 'COMMUNITY' | 'COMPOUND';

/**
 * A consuming service's local copy of one node of org's tree (an area or a compound), kept current by org's
 * events. Services never read org's tables; they validate ids and scopes against this copy.
 */
@Entity({ name: 'org_node' })
export class OrgNode {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  kind!: OrgNodeKind;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('uuid', { nullable: true })
  parentId!: string | null;

  @Column('text')
  scopePath!: string;

  @Column('timestamptz')
  updatedAt!: Date;
}
