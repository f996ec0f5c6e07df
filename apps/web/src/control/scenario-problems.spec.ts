import { problemExcerpts, problemLocation } from './scenario-problems';

const yaml = [
  'id: x',
  'title: { ja: a, en: b }',
  "duration: '00:40'",
  'timeline:',
  '  - at: 99:99',
  '    kind: nope',
  'end: 1',
].join('\n');

describe('scenario problems', () => {
  it('reads the line and column of a problem', () => {
    expect(problemLocation('upload.yaml:5:9: timeline.0.at: bad time')).toEqual({
      line: 5,
      column: 9,
      message: 'timeline.0.at: bad time',
    });
    expect(problemLocation('title: required')).toBeNull();
  });

  it('excerpts the lines around each problem, numbered, problems on their line', () => {
    const excerpts = problemExcerpts(
      yaml,
      ['upload.yaml:5:9: bad time', 'upload.yaml:6:11: unknown kind', 'no location'],
      1,
    );
    expect(excerpts).toHaveLength(1);
    expect(excerpts[0].map((l) => l.number)).toEqual([4, 5, 6, 7]);
    expect(excerpts[0][1]).toEqual({ number: 5, text: '  - at: 99:99', problems: ['bad time'] });
    expect(excerpts[0][2].problems).toEqual(['unknown kind']);
    expect(excerpts[0][0].problems).toEqual([]);
  });

  it('splits excerpts that are far apart and ignores lines past the end', () => {
    const excerpts = problemExcerpts(yaml, ['a.yaml:1:1: first', 'a.yaml:7:1: last', 'a.yaml:70:1: beyond'], 1);
    expect(excerpts.map((e) => e.map((l) => l.number))).toEqual([
      [1, 2],
      [6, 7],
    ]);
  });
});
