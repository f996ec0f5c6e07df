import { boardPath, controlGamePath, matchRoute } from './routes';

describe('routes', () => {
  it('matches the list of games, a board and anything else', () => {
    expect(matchRoute('/')).toEqual({ name: 'games' });
    expect(matchRoute('')).toEqual({ name: 'games' });
    expect(matchRoute('/board/day-1')).toEqual({ name: 'board', gameId: 'day-1' });
    expect(matchRoute('/board/day-1/')).toEqual({ name: 'board', gameId: 'day-1' });
    expect(matchRoute('/board/')).toEqual({ name: 'not-found', path: '/board/' });
    expect(matchRoute('/board/a/b')).toEqual({ name: 'not-found', path: '/board/a/b' });
    expect(matchRoute('/teams')).toEqual({ name: 'not-found', path: '/teams' });
  });

  it('matches the team dashboard and the control room', () => {
    expect(matchRoute('/team')).toEqual({ name: 'team' });
    expect(matchRoute('/team/')).toEqual({ name: 'team' });
    expect(matchRoute('/control')).toEqual({ name: 'control' });
    expect(matchRoute('/control/day-1')).toEqual({ name: 'control-game', gameId: 'day-1' });
    expect(matchRoute(controlGamePath('day 1'))).toEqual({ name: 'control-game', gameId: 'day 1' });
    expect(matchRoute('/control/day-1/x')).toEqual({ name: 'not-found', path: '/control/day-1/x' });
  });

  it('decodes and encodes game ids', () => {
    expect(matchRoute(boardPath('day 1'))).toEqual({ name: 'board', gameId: 'day 1' });
    expect(matchRoute('/board/%E0%A4%A')).toEqual({ name: 'not-found', path: '/board/%E0%A4%A' });
  });
});
