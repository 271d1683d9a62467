export { orgModule } from './schema';
export { loadConfig as loadOrgConfig, loadImportConfig, loadReencryptConfig, ORG_DEFAULT_PORT, type OrgConfig, type OrgImportConfig } from './config';
export { ImportService } from './modules/import/import.service';
export { ImportFormat, ImportKind } from './modules/import/import.entity';
export { PersonalDataCipher } from './modules/resident/personal-data';
export { PersonalDataReencryption } from './modules/resident/reencrypt';
export { DwellingService } from './modules/dwelling/dwelling.service';
export { ELECTORATE_SQL } from './modules/dwelling/electorate';
