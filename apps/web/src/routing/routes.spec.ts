import { boardPath, matchRoute } from './routes';

describe('routes', () => {
  it('matches the list of games, a board and anything else', () => {
    expect(matchRoute('/')).toEqual({ name: 'games' });
    expect(matchRoute('')).toEqual({ name: 'games' });
    expect(matchRoute('/board/day-1')).toEqual({ name: 'board', gameId: 'day-1' });
    expect(matchRoute('/board/day-1/')).toEqual({ name: 'board', gameId: 'day-1' });
    expect(matchRoute('/board/')).toEqual({ name: 'not-found', path: '/board/' });
    expect(matchRoute('/board/a/b')).toEqual({ name: 'not-found', path: '/board/a/b' });
    expect(matchRoute('/team')).toEqual({ name: 'not-found', path: '/team' });
  });

  it('decodes and encodes game ids', () => {
    expect(matchRoute(boardPath('day 1'))).toEqual({ name: 'board', gameId: 'day 1' });
    expect(matchRoute('/board/%E0%A4%A')).toEqual({ name: 'not-found', path: '/board/%E0%A4%A' });
  });
});
