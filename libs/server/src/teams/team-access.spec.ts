import type { GameState } from '@mamoru/domain';
import { emptyGameState } from '@mamoru/domain';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { assertMemberUnit, assertTeamActor, assertTeamReader } from './team-access';

const member = (over: Partial<Principal> = {}): Principal => ({
  accountId: 'acc-1',
  role: 'member',
  login: 'g1.team-1.1',
  gameId: 'g1',
  teamId: 'team-1',
  memberId: 'm1',
  ...over,
});
const organiser: Principal = { accountId: 'acc-o', role: 'organiser', login: 'boss' };
const grader: Principal = { accountId: 'acc-g', role: 'grader', login: 'gina' };

/** The status and code an assertion throws, or 'ok'. */
function outcome(check: () => unknown): string {
  try {
    check();
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
}

function state(): GameState {
  const s = emptyGameState();
  s.members = {
    m1: { memberId: 'm1', teamId: 'team-1', name: 'Mika', units: ['sales', 'pr'], order: 1 },
    m2: { memberId: 'm2', teamId: 'team-2', name: 'Ken', units: ['tech'], order: 1 },
  };
  return s;
}

describe('team access', () => {
  it('lets a team be read by its own members and by organisers only', () => {
    expect(outcome(() => assertTeamReader(member(), 'g1', 'team-1'))).toBe('ok');
    expect(outcome(() => assertTeamReader(organiser, 'g1', 'team-1'))).toBe('ok');
    expect(outcome(() => assertTeamReader(member(), 'g1', 'team-2'))).toBe('403 FORBIDDEN');
    expect(outcome(() => assertTeamReader(member(), 'g2', 'team-1'))).toBe('403 FORBIDDEN');
    expect(outcome(() => assertTeamReader(grader, 'g1', 'team-1'))).toBe('403 FORBIDDEN');
  });

  it("lets only the team's own members act for it, never an organiser", () => {
    expect(outcome(() => assertTeamActor(member(), 'g1', 'team-1'))).toBe('ok');
    expect(outcome(() => assertTeamActor(organiser, 'g1', 'team-1'))).toBe('403 FORBIDDEN');
    expect(outcome(() => assertTeamActor(grader, 'g1', 'team-1'))).toBe('403 FORBIDDEN');
    expect(outcome(() => assertTeamActor(member({ teamId: 'team-2' }), 'g1', 'team-1'))).toBe('403 FORBIDDEN');
    expect(outcome(() => assertTeamActor(member({ gameId: undefined }), 'g1', 'team-1'))).toBe('403 FORBIDDEN');
  });

  it('checks units against the log, not the token', () => {
    const s = state();
    expect(assertMemberUnit(s, member(), 'team-1', 'pr').memberId).toBe('m1');
    expect(outcome(() => assertMemberUnit(s, member(), 'team-1', undefined))).toBe('ok');
    expect(outcome(() => assertMemberUnit(s, member(), 'team-1', 'management'))).toBe('403 WRONG_UNIT');
    s.members.m1.units = ['management'];
    expect(outcome(() => assertMemberUnit(s, member(), 'team-1', 'management'))).toBe('ok');
    expect(outcome(() => assertMemberUnit(s, member(), 'team-1', 'pr'))).toBe('403 WRONG_UNIT');
  });

  it('refuses a member the log does not have in this team', () => {
    const s = state();
    expect(outcome(() => assertMemberUnit(s, member({ memberId: 'm9' }), 'team-1', 'sales'))).toBe('403 FORBIDDEN');
    expect(outcome(() => assertMemberUnit(s, member({ memberId: 'm2' }), 'team-1', undefined))).toBe('403 FORBIDDEN');
    expect(outcome(() => assertMemberUnit(s, member({ memberId: undefined }), 'team-1', undefined))).toBe(
      '403 FORBIDDEN',
    );
  });
});
