import { memberAway } from '@mamoru/domain';
import { Injectable } from '@nestjs/common';
import type { MemberAccess } from '../auth/member-access';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { GameRegistry } from './game-registry';

/** A member away on a transfer (人事異動) is refused on every request until the transfer ends. */
@Injectable()
export class MemberAccessService implements MemberAccess {
  constructor(private readonly registry: GameRegistry) {}

  async assertActive(principal: Principal): Promise<void> {
    if (!principal.gameId || !principal.memberId) throw new AppError(403, 'FORBIDDEN', 'not a member of a game');
    const game = await this.registry.get(principal.gameId);
    const state = await game.state();
    const member = state.members[principal.memberId];
    if (!member || member.teamId !== principal.teamId)
      throw new AppError(403, 'FORBIDDEN', 'this account is no longer a member of the team');
    const minute = await game.actionMinute();
    if (memberAway(state, principal.memberId, minute)) {
      throw new AppError(
        403,
        'MEMBER_DISABLED',
        `you are away on a transfer until game minute ${member.transferredUntilMinute}; your login is disabled until then`,
      );
    }
  }
}
