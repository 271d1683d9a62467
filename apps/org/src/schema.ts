import 'reflect-metadata';
import { MessagingTables1763700000000, MessagingOutboxPendingOrder1763840000000 } from '@gongzhi/platform-messaging';
import type { SubgraphModule } from '@gongzhi/platform-service';
import { OrgDwellingsOwnersResidents1763790000000 } from '../migrations/1763790000000-dwellings-owners-residents';
import { OrgImports1763790100000 } from '../migrations/1763790100000-imports';
import { OrgAccessLog1763810000000 } from '../migrations/1763810000000-access-log';
import { OrgPersonKeyLookup1763825000000 } from '../migrations/1763825000000-person-key-lookup';
import { OrgResidentScopeOrder1763830000000 } from '../migrations/1763830000000-resident-scope-order';
import type { OrgConfig } from './config';
import { OrgInit1763780000000 } from '../migrations/1763780000000-init';
import { PersonalDataAccess } from './modules/access-log/access-log.entity';
import { AccessLogResolver } from './modules/access-log/access-log.resolver';
import { AccessLogService } from './modules/access-log/access-log.service';
import { PersonalDataGate } from './modules/access-log/personal-data-gate';
import { Area } from './modules/area/area.entity';
import { AreaResolver } from './modules/area/area.resolver';
import { AreaService } from './modules/area/area.service';
import { Compound } from './modules/compound/compound.entity';
import { compoundReferenceResolvers } from './modules/compound/compound.reference';
import { CompoundResolver } from './modules/compound/compound.resolver';
import { CompoundService } from './modules/compound/compound.service';
import { Building, Dwelling, Unit } from './modules/dwelling/dwelling.entity';
import { DwellingResolver, OwnerResolver } from './modules/dwelling/dwelling.resolver';
import { DwellingService } from './modules/dwelling/dwelling.service';
import { Owner, Ownership } from './modules/dwelling/owner.entity';
import { governanceParts } from './modules/governance';
import { ImportJob, ImportRejection } from './modules/import/import.entity';
import { ImportResolver } from './modules/import/import.resolver';
import { ImportService } from './modules/import/import.service';
import { machineClientParts } from './modules/machine-client/machine-client.parts';
import { OwnDataResolver } from './modules/resident/own-data.resolver';
import { PersonalDataCipher } from './modules/resident/personal-data';
import { Residency, Resident } from './modules/resident/resident.entity';
import { ResidentResolver } from './modules/resident/resident.resolver';
import { ResidentService } from './modules/resident/resident.service';

/** The organization service: the district's administrative tree and its compounds. */
export const orgModule: SubgraphModule<OrgConfig> = {
  name: 'org',
  entities: [Area, Compound, Building, Unit, Dwelling, Owner, Ownership, Resident, Residency, ImportJob, ImportRejection, ...governanceParts.entities, PersonalDataAccess, ...machineClientParts.entities],
  migrations: [MessagingTables1763700000000, OrgInit1763780000000, OrgDwellingsOwnersResidents1763790000000, OrgImports1763790100000, ...governanceParts.migrations, OrgAccessLog1763810000000, OrgPersonKeyLookup1763825000000, ...machineClientParts.migrations, OrgResidentScopeOrder1763830000000, MessagingOutboxPendingOrder1763840000000],
  resolverClasses: [AreaResolver, CompoundResolver, DwellingResolver, OwnerResolver, ResidentResolver, OwnDataResolver, ImportResolver, ...governanceParts.resolverClasses, AccessLogResolver, ...machineClientParts.resolverClasses],
  produces: true,
  referenceResolverTypes: compoundReferenceResolvers(),
  createRuntime(dataSource, config) {
    const cipher = new PersonalDataCipher(config.PII_ENCRYPTION_KEYS, config.PII_HASH_KEY);
    const areas = new AreaService(dataSource);
    const compounds = new CompoundService(dataSource);
    const accessLog = new AccessLogService(dataSource);
    const gate = new PersonalDataGate(accessLog, cipher);
    const dwellings = new DwellingService(dataSource, cipher);
    const residents = new ResidentService(dataSource, cipher);
    const machineClients = machineClientParts.createRuntime(dataSource, config);
    return {
      resolvers: [
        new AreaResolver(areas),
        new CompoundResolver(compounds, areas),
        new DwellingResolver(dwellings),
        new OwnerResolver(gate),
        new ResidentResolver(residents, gate),
        new OwnDataResolver(residents, dwellings),
        new ImportResolver(new ImportService(dataSource, cipher)),
        ...governanceParts.createResolvers(dataSource),
        new AccessLogResolver(accessLog),
        ...machineClients.resolvers,
      ],
      referenceResolvers: compoundReferenceResolvers(compounds),
      revocations: machineClients.revocations,
      postRoutes: machineClients.postRoutes,
    };
  },
};
