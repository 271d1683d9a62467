import {
  propertyAssignmentEndedV1,
  propertyAssignmentStartedV1,
  propertyStaffMemberEndedV1,
  propertyStaffMemberRegisteredV1,
} from '@gongzhi/contracts-events';
import { on, type Subscription } from '@gongzhi/platform-messaging';

/**
 * Keeps fund's copy of property's staff register and service assignments (`fund_property_staff`,
 * `fund_compound_service`). Each row is keyed by property's id, so a redelivered or late event changes nothing:
 * a start never reopens what an ending closed.
 */
export function propertyStaffSubscriptions(): Subscription[] {
  return [
    on(propertyStaffMemberRegisteredV1, async (data, _envelope, manager) => {
      await manager.query(`INSERT INTO fund_property_staff (staff_member_id, company_id, subject) VALUES ($1, $2, $3) ON CONFLICT (staff_member_id) DO NOTHING`, [
        data.staffMemberId,
        data.companyId,
        data.subject,
      ]);
    }),
    on(propertyStaffMemberEndedV1, async (data, _envelope, manager) => {
      await manager.query(
        `INSERT INTO fund_property_staff (staff_member_id, company_id, subject, ended_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (staff_member_id) DO UPDATE SET ended_at = EXCLUDED.ended_at`,
        [data.staffMemberId, data.companyId, data.subject, data.endedAt],
      );
    }),
    on(propertyAssignmentStartedV1, async (data, _envelope, manager) => {
      await manager.query(`INSERT INTO fund_compound_service (assignment_id, company_id, compound_id) VALUES ($1, $2, $3) ON CONFLICT (assignment_id) DO NOTHING`, [
        data.assignmentId,
        data.companyId,
        data.compoundId,
      ]);
    }),
    on(propertyAssignmentEndedV1, async (data, _envelope, manager) => {
      await manager.query(
        `INSERT INTO fund_compound_service (assignment_id, company_id, compound_id, ended_on) VALUES ($1, $2, $3, $4)
         ON CONFLICT (assignment_id) DO UPDATE SET ended_on = EXCLUDED.ended_on`,
        [data.assignmentId, data.companyId, data.compoundId, data.endedOn],
      );
    }),
  ];
}
