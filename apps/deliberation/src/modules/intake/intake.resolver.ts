import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import type { RequestContext } from '@gongzhi/platform-service';
import { Matter } from '../matter/matter.entity';
import { RaiseMatterWithIntakeCodeInput } from '../matter/matter.inputs';
import { IntakeCode, IssuedIntakeCode } from './intake-code.entity';
import type { IntakeService } from './intake.service';

@Resolver(() => IntakeCode)
export class IntakeResolver {
  constructor(private readonly intakeService: IntakeService) {}

  @Requires('intake-code:issue')
  @Mutation(() => IssuedIntakeCode, { description: 'Issues a QR intake code (码上办) for a compound, with the QR image to post there.' })
  issueIntakeCode(@Arg('compoundId', () => ID) compoundId: string, @Ctx() ctx: RequestContext): Promise<IssuedIntakeCode> {
    return this.intakeService.issue(requireUser(ctx), compoundId);
  }

  @Requires('intake-code:issue')
  @Mutation(() => IntakeCode, { description: 'Withdraws an intake code; matters can no longer be raised with it.' })
  revokeIntakeCode(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<IntakeCode> {
    return this.intakeService.revoke(requireUser(ctx), id);
  }

  @Mutation(() => Matter, { description: 'Raises a matter with a scanned QR intake code; needs no login and lands only in the code’s compound.' })
  raiseMatterWithIntakeCode(@Arg('input') input: RaiseMatterWithIntakeCodeInput): Promise<Matter> {
    return this.intakeService.raise(input);
  }
}
