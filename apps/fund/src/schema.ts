import 'reflect-metadata';
import { MessagingTables1763700000000, MessagingOutboxPendingOrder1763840000000 } from '@gongzhi/platform-messaging';
import { CompoundRef, compoundRefReferenceResolvers, OrgMirror1763700100000, OrgNode, orgMirrorSubscriptions } from '@gongzhi/org-mirror';
import type { SubgraphModule } from '@gongzhi/platform-service';
import { FundInit1763780000000 } from '../migrations/1763780000000-init';
import { FundLedger1763790000000 } from '../migrations/1763790000000-ledger';
import { FundExpenditure1763790100000 } from '../migrations/1763790100000-expenditure';
import { FundTrustAccount1763790200000 } from '../migrations/1763790200000-trust-account';
import { FundDonation1763790300000 } from '../migrations/1763790300000-donation';
import { FundVolunteerPoints1763790400000 } from '../migrations/1763790400000-volunteer-points';
import { FundRestrictedDonations1763790500000 } from '../migrations/1763790500000-restricted-donations';
import { FundPropertyStaffRegister1763825000000 } from '../migrations/1763825000000-property-staff-register';
import { FundDonorNameAccess1763825100000 } from '../migrations/1763825100000-donor-name-access';
import { CompoundFundsResolver } from './modules/compound/compound-funds.resolver';
import { Donation } from './modules/donation/donation.entity';
import { DonationResolver } from './modules/donation/donation.resolver';
import { DonationService } from './modules/donation/donation.service';
import { DonorNameAccess } from './modules/donation/donor-name-access.entity';
import { DonorNameAccessLog } from './modules/donation/donor-name-access.service';
import { Disclosure, DisclosureLine } from './modules/disclosure/disclosure.entity';
import { DisclosureResolver } from './modules/disclosure/disclosure.resolver';
import { DisclosureService } from './modules/disclosure/disclosure.service';
import { deliberationSubscriptions } from './modules/expenditure/expenditure.consumer';
import { Expenditure } from './modules/expenditure/expenditure.entity';
import { ExpenditureResolver } from './modules/expenditure/expenditure.resolver';
import { ExpenditureService } from './modules/expenditure/expenditure.service';
import { Fund } from './modules/fund/fund.entity';
import { FundResolver } from './modules/fund/fund.resolver';
import { FundService } from './modules/fund/fund.service';
import { LedgerResolver } from './modules/ledger/ledger.resolver';
import { LedgerService } from './modules/ledger/ledger.service';
import { propertyStaffSubscriptions } from './modules/property-staff/property-staff.consumer';
import { dwellingSubscriptions } from './modules/trust-account/dwelling.consumer';
import { StatementResolver } from './modules/statement/statement.resolver';
import { StatementService } from './modules/statement/statement.service';
import { TrustAccountResolver } from './modules/trust-account/trust-account.resolver';
import { TrustAccountService } from './modules/trust-account/trust-account.service';
import { volunteerServiceSubscriptions } from './modules/volunteer-points/points.consumer';
import { PointsCatalogueItem, PointsRedemption } from './modules/volunteer-points/points.entity';
import { PointsResolver } from './modules/volunteer-points/points.resolver';
import { PointsService } from './modules/volunteer-points/points.service';

/** The fund service: community micro-funds, trust-based property accounts and volunteer points. */
export const fundModule: SubgraphModule = {
  name: 'fund',
  entities: [Fund, Expenditure, Disclosure, DisclosureLine, Donation, PointsCatalogueItem, PointsRedemption, DonorNameAccess, OrgNode],
  migrations: [
    MessagingTables1763700000000, OrgMirror1763700100000, FundInit1763780000000, FundLedger1763790000000, FundExpenditure1763790100000, FundTrustAccount1763790200000, FundDonation1763790300000,
    FundVolunteerPoints1763790400000,
    FundRestrictedDonations1763790500000,
    FundPropertyStaffRegister1763825000000,
    FundDonorNameAccess1763825100000,
    MessagingOutboxPendingOrder1763840000000,
  ],
  resolverClasses: [FundResolver, CompoundFundsResolver, LedgerResolver, ExpenditureResolver, TrustAccountResolver, DisclosureResolver, DonationResolver, PointsResolver, StatementResolver],
  orphanedTypes: [CompoundRef],
  produces: true,
  consumers: [
    { name: 'fund-from-org', subscriptions: [...orgMirrorSubscriptions(), ...dwellingSubscriptions(), ...volunteerServiceSubscriptions()] },
    { name: 'fund-from-deliberation', subscriptions: deliberationSubscriptions() },
    { name: 'fund-from-property', subscriptions: propertyStaffSubscriptions() },
  ],
  referenceResolverTypes: compoundRefReferenceResolvers,
  createRuntime(dataSource) {
    const funds = new FundService(dataSource);
    const ledger = new LedgerService(dataSource);
    const expenditures = new ExpenditureService(dataSource, ledger);
    return {
      resolvers: [
        new FundResolver(funds, expenditures, dataSource),
        new CompoundFundsResolver(funds),
        new LedgerResolver(ledger, dataSource),
        new ExpenditureResolver(expenditures),
        new TrustAccountResolver(new TrustAccountService(dataSource, ledger)),
        new DisclosureResolver(new DisclosureService(dataSource, ledger)),
        new DonationResolver(new DonationService(dataSource, ledger), new DonorNameAccessLog(dataSource)),
        new PointsResolver(new PointsService(dataSource, ledger)),
        new StatementResolver(new StatementService(dataSource, ledger)),
      ],
      referenceResolvers: compoundRefReferenceResolvers,
    };
  },
};
