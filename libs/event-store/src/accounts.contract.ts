/**
 * The behaviour every backend's AccountStore must show. Like the event-store contract, each test
 * uses logins and game ids of its own (deleted afterwards), so runs against one database do not
 * collide and the table need not be empty.
 */
import { randomUUID } from 'node:crypto';
import { openAccountStore, type Account, type AccountStore, type EventStore } from './index';

export function accountStoreContract(getStore: () => EventStore): void {
  let accounts: AccountStore;
  const created: string[] = [];
  const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 12)}`;
  const track = (account: Account | null): Account => {
    if (account === null) throw new Error('expected the account to be created');
    created.push(account.id);
    return account;
  };

  beforeAll(() => {
    accounts = openAccountStore(getStore());
  });

  afterEach(async () => {
    await Promise.all(created.splice(0).map((id) => accounts.delete(id)));
  });

  it('creates an account and finds it by id and by login, case-insensitively', async () => {
    const login = unique('Grader');
    const before = Date.now();
    const account = track(await accounts.create({ login, role: 'grader', passwordHash: 'hash-1' }));
    expect(account).toMatchObject({
      login: login.toLowerCase(),
      role: 'grader',
      gameId: null,
      teamId: null,
      memberId: null,
      passwordHash: 'hash-1',
      joinCodeHash: null,
      tokenVersion: 0,
      disabled: false,
    });
    expect(Date.parse(account.createdAt)).toBeGreaterThanOrEqual(before - 5000);
    expect(await accounts.findById(account.id)).toEqual(account);
    expect(await accounts.findByLogin(login.toUpperCase())).toEqual(account);
    expect(await accounts.findByLogin(unique('nobody'))).toBeNull();
    expect(await accounts.findById(randomUUID())).toBeNull();
  });

  it('refuses a second account with the same login, join code, or game member', async () => {
    const login = unique('dup');
    const gameId = unique('g');
    track(await accounts.create({ login, role: 'member', gameId, teamId: 't1', memberId: 'm1', joinCodeHash: login }));
    expect(await accounts.create({ login: login.toUpperCase(), role: 'organiser' })).toBeNull();
    expect(await accounts.create({ login: unique('other'), role: 'member', joinCodeHash: login })).toBeNull();
    expect(
      await accounts.create({ login: unique('other'), role: 'member', gameId, teamId: 't2', memberId: 'm1' }),
    ).toBeNull();
    // Staff accounts have no game and no member: the (game, member) index does not bind them.
    track(await accounts.create({ login: unique('staff-a'), role: 'grader' }));
    track(await accounts.create({ login: unique('staff-b'), role: 'grader' }));
  });

  it('finds and lists the members of a game', async () => {
    const gameId = unique('g');
    const first = track(
      await accounts.create({ login: unique('m'), role: 'member', gameId, teamId: 'team-1', memberId: 'member-1' }),
    );
    const second = track(
      await accounts.create({ login: unique('m'), role: 'member', gameId, teamId: 'team-2', memberId: 'member-2' }),
    );
    expect(await accounts.findMember(gameId, 'member-2')).toEqual(second);
    expect(await accounts.findMember(gameId, 'member-3')).toBeNull();
    const listed = await accounts.list({ gameId, role: 'member' });
    expect(listed.map((a) => a.id).sort()).toEqual([first.id, second.id].sort());
    expect(await accounts.list({ gameId, role: 'grader' })).toEqual([]);
  });

  it('redeems a join code exactly once, even when two redeem it at the same time', async () => {
    const codeHash = unique('code');
    const member = track(
      await accounts.create({
        login: unique('m'),
        role: 'member',
        gameId: unique('g'),
        memberId: 'm',
        joinCodeHash: codeHash,
      }),
    );
    expect(await accounts.findByJoinCodeHash(codeHash)).toEqual(member);
    const results = await Promise.all([
      accounts.redeemJoinCode(codeHash, 'first'),
      accounts.redeemJoinCode(codeHash, 'second'),
    ]);
    const winners = results.filter((r): r is Account => r !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ id: member.id, joinCodeHash: null, tokenVersion: 1 });
    expect(['first', 'second']).toContain(winners[0].passwordHash);
    expect(await accounts.findByJoinCodeHash(codeHash)).toBeNull();
    expect(await accounts.redeemJoinCode(codeHash, 'third')).toBeNull();
  });

  it('updates fields and bumps the token version in one statement', async () => {
    const account = track(await accounts.create({ login: unique('o'), role: 'organiser', passwordHash: 'old' }));
    const updated = await accounts.update(account.id, {
      passwordHash: null,
      joinCodeHash: unique('c'),
      bumpTokenVersion: true,
    });
    expect(updated).toMatchObject({ passwordHash: null, tokenVersion: 1, disabled: false });
    expect(updated?.joinCodeHash).toEqual(expect.any(String));
    expect(await accounts.update(account.id, { disabled: true, bumpTokenVersion: true })).toMatchObject({
      disabled: true,
      tokenVersion: 2,
    });
    expect(await accounts.update(account.id, {})).toMatchObject({ tokenVersion: 2 });
    expect(await accounts.update(randomUUID(), { disabled: true })).toBeNull();
  });

  it('tells whether an enabled account of a role exists', async () => {
    // Other tests (and runs) may hold organisers: only check what this test can decide.
    const organiser = track(await accounts.create({ login: unique('o'), role: 'organiser' }));
    expect(await accounts.hasEnabled('organiser')).toBe(true);
    expect((await accounts.list({ role: 'organiser' })).map((a) => a.id)).toContain(organiser.id);
  });

  it('deletes an account', async () => {
    const account = track(await accounts.create({ login: unique('gone'), role: 'grader' }));
    expect(await accounts.delete(account.id)).toBe(true);
    expect(await accounts.delete(account.id)).toBe(false);
    expect(await accounts.findById(account.id)).toBeNull();
  });

  it('refuses an unknown role and an empty login', async () => {
    await expect(accounts.create({ login: unique('x'), role: 'admin' as never })).rejects.toMatchObject({
      code: 'INVALID',
    });
    await expect(accounts.create({ login: '  ', role: 'grader' })).rejects.toMatchObject({ code: 'INVALID' });
  });
}
