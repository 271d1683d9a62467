import type { DataSource } from 'typeorm';
import QRCode from 'qrcode';
import { requireScope, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ForbiddenError, NotFoundError, parseId, uuidv7 } from '@gongzhi/platform-graphql';
import { findOrgNode } from '@gongzhi/org-mirror';
import type { IntakeSettings } from '../../config';
import { Matter, MatterChannel } from '../matter/matter.entity';
import type { RaiseMatterWithIntakeCodeInput } from '../matter/matter.inputs';
import { insertMatter } from '../matter/matter.service';
import { signIntakeCode, verifyIntakeCode } from './intake-code';
import { IntakeCode, type IssuedIntakeCode } from './intake-code.entity';

export class IntakeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: IntakeSettings,
  ) {}

  async issue(user: AuthUser, compoundIdInput: string): Promise<IssuedIntakeCode> {
    const compoundId = parseId(compoundIdInput, 'compoundId');
    const intakeCode = await this.dataSource.transaction(async (manager) => {
      const compound = await findOrgNode(manager, compoundId, 'COMPOUND');
      if (!compound) throw new BadUserInputError('compoundId', 'UNKNOWN_COMPOUND', `no compound has the id ${compoundId}`);
      requireScope(user, compound.scopePath, 'this compound');
      const id = uuidv7();
      await manager.insert(IntakeCode, { id, compoundId, scopePath: compound.scopePath, issuedBy: user.sub, issuedAt: new Date() });
      return manager.findOneOrFail(IntakeCode, { where: { id } });
    });
    const code = signIntakeCode(this.settings.INTAKE_CODE_KEY, intakeCode.id);
    const url = new URL(this.settings.INTAKE_URL);
    url.searchParams.set('code', code);
    const intakeUrl = url.toString();
    const qr = { errorCorrectionLevel: 'M', margin: 2 } as const;
    return {
      intakeCode,
      code,
      intakeUrl,
      qrSvg: await QRCode.toString(intakeUrl, { ...qr, type: 'svg' }),
      // Eight pixels per module keeps a printed poster code scannable without resampling.
      qrPng: await QRCode.toDataURL(intakeUrl, { ...qr, type: 'image/png', scale: 8 }),
    };
  }

  async revoke(user: AuthUser, idInput: string): Promise<IntakeCode> {
    const id = parseId(idInput, 'id');
    return this.dataSource.transaction(async (manager) => {
      const intakeCode = await manager.findOne(IntakeCode, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!intakeCode) throw new NotFoundError('UNKNOWN_INTAKE_CODE', `no intake code has the id ${id}`, 'id');
      requireScope(user, intakeCode.scopePath, 'this intake code');
      if (!intakeCode.revokedAt) await manager.update(IntakeCode, { id }, { revokedAt: new Date(), revokedBy: user.sub });
      return manager.findOneOrFail(IntakeCode, { where: { id } });
    });
  }

  /**
   * Raises a matter from a scanned code, with no login: the code alone decides the compound. Each code may
   * raise at most INTAKE_RATE_LIMIT matters per fixed window, counted in PostgreSQL so every instance shares
   * the count; a refused attempt rolls back its own increment.
   */
  async raise(input: RaiseMatterWithIntakeCodeInput): Promise<Matter> {
    const codeId = verifyIntakeCode(this.settings.INTAKE_CODE_KEY, input.code);
    if (!codeId) throw new BadUserInputError('input.code', 'INVALID_INTAKE_CODE', 'is not an intake code issued by this district');
    return this.dataSource.transaction(async (manager) => {
      const intakeCode = await manager.findOne(IntakeCode, { where: { id: codeId } });
      if (!intakeCode) throw new BadUserInputError('input.code', 'INVALID_INTAKE_CODE', 'is not an intake code issued by this district');
      if (intakeCode.revokedAt) throw new BadUserInputError('input.code', 'INTAKE_CODE_REVOKED', 'this QR code has been withdrawn; ask your community for the current one');
      const window = this.settings.INTAKE_RATE_WINDOW_SECONDS;
      const [counter] = (await manager.query(
        `INSERT INTO intake_rate_window (intake_code_id, window_start, raised)
         VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
         ON CONFLICT (intake_code_id, window_start) DO UPDATE SET raised = intake_rate_window.raised + 1
         RETURNING raised, window_start + make_interval(secs => $2) AS window_end`,
        [codeId, window],
      )) as { raised: number; window_end: Date }[];
      if (counter!.raised > this.settings.INTAKE_RATE_LIMIT) {
        throw new ForbiddenError('RATE_LIMITED', `this QR code has raised too many matters just now; try again after ${counter!.window_end.toISOString()}`);
      }
      const compound = await findOrgNode(manager, intakeCode.compoundId, 'COMPOUND');
      if (!compound) throw new BadUserInputError('input.code', 'INVALID_INTAKE_CODE', 'the compound of this code is not known');
      return insertMatter(manager, { sub: `intake-code:${codeId}`, role: 'resident' }, {
        compound,
        title: input.title,
        description: input.description,
        category: input.category,
        channel: MatterChannel.INTAKE_CODE,
        intakeCodeId: codeId,
      });
    });
  }
}
