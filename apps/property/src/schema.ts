import 'reflect-metadata';
import { deliberationMatterClosedV1, deliberationMatterEvaluatedV1, deliberationVoteClosedV1 } from '@gongzhi/contracts-events';
import { MessagingTables1763700000000, MessagingOutboxPendingOrder1763840000000, on } from '@gongzhi/platform-messaging';
import { CompoundRef, compoundRefReferenceResolvers, OrgMirror1763700100000, OrgNode, orgMirrorSubscriptions } from '@gongzhi/org-mirror';
import type { SubgraphModule } from '@gongzhi/platform-service';
import { PropertyInit1763780000000 } from '../migrations/1763780000000-init';
import { PropertyCreditRating1763790000000 } from '../migrations/1763790000000-credit-rating';
import { PropertyCompanyStaffAndProfile1763800000000 } from '../migrations/1763800000000-company-staff-and-profile';
import { PropertyStaffMemberEvents1763825000000 } from '../migrations/1763825000000-staff-member-events';
import { HandoverItem } from './modules/assignment/handover-item.entity';
import { applyOwnersDecision } from './modules/assignment/owners-vote.handler';
import { ServiceAssignment } from './modules/assignment/service-assignment.entity';
import { ServiceAssignmentResolver } from './modules/assignment/service-assignment.resolver';
import { ServiceAssignmentService } from './modules/assignment/service-assignment.service';
import { PropertyCompany } from './modules/company/property-company.entity';
import { PropertyCompanyResolver } from './modules/company/property-company.resolver';
import { PropertyCompanyService } from './modules/company/property-company.service';
import { CompoundPropertyResolver } from './modules/compound/compound-property.resolver';
import { CreditAppeal } from './modules/credit-list/credit-appeal.entity';
import { CreditList } from './modules/credit-list/credit-list.entity';
import { CompanyCreditHistoryResolver, CreditAppealResolver, CreditListResolver, CreditScoreResolver } from './modules/credit-list/credit-list.resolver';
import { CreditListService } from './modules/credit-list/credit-list.service';
import { CreditScore } from './modules/credit-list/credit-score.entity';
import { PublicCreditListResolver } from './modules/credit-list/public-credit-list.resolver';
import { ServiceDisclosure } from './modules/disclosure/service-disclosure.entity';
import { ServiceDisclosureResolver } from './modules/disclosure/service-disclosure.resolver';
import { ServiceDisclosureService } from './modules/disclosure/service-disclosure.service';
import { Evidence } from './modules/evidence/evidence.entity';
import { EvidenceResolver } from './modules/evidence/evidence.resolver';
import { EvidenceService, recordClosedMatter, recordEvaluatedMatter } from './modules/evidence/evidence.service';
import { RuleCatalogue } from './modules/rules/rule-catalogue.entity';
import { RuleCatalogueResolver } from './modules/rules/rule-catalogue.resolver';
import { RuleCatalogueService } from './modules/rules/rule-catalogue.service';
import { PropertyStaffMember } from './modules/staff/property-staff-member.entity';
import { CompanyStaffResolver, PropertyStaffMemberResolver } from './modules/staff/property-staff-member.resolver';
import { PropertyStaffMemberService } from './modules/staff/property-staff-member.service';

/** The property service: companies, their assignments, evidence and the red/black lists. */
export const propertyModule: SubgraphModule = {
  name: 'property',
  entities: [PropertyCompany, ServiceAssignment, HandoverItem, ServiceDisclosure, Evidence, RuleCatalogue, CreditList, CreditScore, CreditAppeal, PropertyStaffMember, OrgNode],
  migrations: [MessagingTables1763700000000, OrgMirror1763700100000, PropertyInit1763780000000, PropertyCreditRating1763790000000, PropertyCompanyStaffAndProfile1763800000000, PropertyStaffMemberEvents1763825000000, MessagingOutboxPendingOrder1763840000000],
  resolverClasses: [
    PropertyCompanyResolver,
    ServiceAssignmentResolver,
    CompoundPropertyResolver,
    ServiceDisclosureResolver,
    EvidenceResolver,
    RuleCatalogueResolver,
    CreditListResolver,
    CreditScoreResolver,
    CreditAppealResolver,
    CompanyCreditHistoryResolver,
    PublicCreditListResolver,
    PropertyStaffMemberResolver,
    CompanyStaffResolver,
  ],
  orphanedTypes: [CompoundRef],
  produces: true,
  consumers: [
    { name: 'property-from-org', subscriptions: orgMirrorSubscriptions() },
    {
      name: 'property-from-deliberation',
      subscriptions: [on(deliberationMatterEvaluatedV1, recordEvaluatedMatter), on(deliberationMatterClosedV1, recordClosedMatter), on(deliberationVoteClosedV1, applyOwnersDecision)],
    },
  ],
  referenceResolverTypes: compoundRefReferenceResolvers,
  createRuntime(dataSource) {
    const companies = new PropertyCompanyService(dataSource);
    const assignments = new ServiceAssignmentService(dataSource);
    const creditLists = new CreditListService(dataSource);
    const disclosures = new ServiceDisclosureService(dataSource);
    const staff = new PropertyStaffMemberService(dataSource);
    return {
      resolvers: [
        new PropertyCompanyResolver(companies),
        new ServiceAssignmentResolver(assignments, companies),
        new CompoundPropertyResolver(assignments, disclosures),
        new ServiceDisclosureResolver(disclosures, companies),
        new EvidenceResolver(new EvidenceService(dataSource), companies),
        new RuleCatalogueResolver(new RuleCatalogueService(dataSource)),
        new CreditListResolver(creditLists),
        new CreditScoreResolver(creditLists, companies),
        new CreditAppealResolver(creditLists),
        new CompanyCreditHistoryResolver(creditLists),
        new PublicCreditListResolver(creditLists),
        new PropertyStaffMemberResolver(staff),
        new CompanyStaffResolver(staff),
      ],
      referenceResolvers: compoundRefReferenceResolvers,
    };
  },
};
