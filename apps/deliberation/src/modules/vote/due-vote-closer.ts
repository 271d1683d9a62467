import type { DataSource } from 'typeorm';
import type { BackgroundTask, Logger } from '@gongzhi/platform-service';
import { Vote } from './vote.entity';
import { closeLockedVote } from './vote.service';

/**
 * Closes votes whose end time has passed, so that nobody has to press "close" for a result to count — a fund's
 * expenditure waiting for its owners' vote goes on as soon as the vote ends. Every instance of the service runs
 * one; each vote is claimed with FOR UPDATE SKIP LOCKED in the transaction that closes it, so two instances never
 * close the same vote, and a vote someone is closing by hand (or casting a last ballot in) is left to them.
 */
export class DueVoteCloser implements BackgroundTask {
  readonly name = 'due-vote closer';
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly everyMs: number,
    private readonly logger: Logger,
  ) {}

  /** Sweeps on a timer that does not keep the process alive. */
  start(): void {
    this.timer = setInterval(() => this.tick(), this.everyMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress, before the service closes its database pool. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  /** Closes every due vote no other instance is closing; one transaction per vote. Returns how many it closed. */
  async closeDue(): Promise<number> {
    const failed: string[] = [];
    let closed = 0;
    for (;;) {
      const claim: { id: string | null } = { id: null };
      try {
        await this.dataSource.transaction(async (manager) => {
          const [due] = (await manager.query(
            `SELECT id FROM vote WHERE status = 'OPEN' AND closes_at <= now() AND id <> ALL ($1::uuid[])
              ORDER BY closes_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
            [failed],
          )) as { id: string }[];
          if (!due) return;
          claim.id = due.id;
          await closeLockedVote(manager, await manager.findOneOrFail(Vote, { where: { id: due.id } }));
        });
      } catch (error) {
        if (!claim.id) throw error;
        // One vote that cannot be tallied must not hold up the others; it is retried on the next sweep.
        this.logger.error('closing a due vote failed', error, { voteId: claim.id });
        failed.push(claim.id);
        continue;
      }
      if (!claim.id) return closed;
      closed += 1;
    }
  }

  private tick(): void {
    this.sweeping ??= this.closeDue()
      .then((closed) => {
        if (closed > 0) this.logger.info('closed due votes', { closed });
        return closed;
      })
      .catch((error: unknown) => {
        this.logger.error('sweeping due votes failed', error);
        return 0;
      })
      .finally(() => {
        this.sweeping = null;
      });
  }
}
