import { foldEvents } from '../fold/fold';
import { logBuilder } from '../testing-support/events';
import { testScenario } from '../testing-support/scenario';
import { submissionView } from './submission-view';

const scenario = testScenario();

function log() {
  const builder = logBuilder().created(scenario).team('t1', 'Team <b>1</b>', 1).team('t2', 'Team 2', 2).start();
  builder.add('member.registered', { memberId: 'sue', teamId: 't1', name: 'Sue', units: ['support'] });
  return builder.deliver('inq-shipping', 't1', 1);
}

describe('submissionView', () => {
  it('shows the inject, its rubric and no response before one is submitted', () => {
    const view = submissionView(foldEvents(undefined, log().build()), 't1', 'inq-shipping')!;
    expect(view).toMatchObject({
      teamId: 't1',
      teamName: 'Team <b>1</b>',
      kind: 'inquiry',
      unit: 'support',
      subject: { en: 'About shipping' },
      points: 10,
      deliveredMinute: 1,
      deadlineMinute: 31,
      response: null,
      timeliness: null,
      autoGrade: null,
      grade: null,
      score: null,
      counted: false,
    });
    expect(view.rubric.map((r) => [r.id, r.weight, r.keywords])).toEqual([
      ['apology', 1, ['お詫び', 'apolog']],
      ['ship-date', 2, ['発送', 'ship']],
      ['contact', 2, ['電話', 'phone']],
    ]);
  });

  it('grades a late response provisionally by keywords, then by the grader', () => {
    const builder = log();
    const text = '<script>alert(1)</script> We ship tomorrow; call our phone line.';
    // Deadline 30 minutes after delivery at 1: submitted at 46 is 15 minutes late, timeliness 0.5.
    builder.add('response.submitted', { injectId: 'inq-shipping', teamId: 't1', memberId: 'sue', text, atMinute: 46 });
    const provisional = submissionView(foldEvents(undefined, builder.build()), 't1', 'inq-shipping')!;
    expect(provisional.response).toMatchObject({ text, atMinute: 46, memberId: 'sue', memberName: 'Sue' });
    expect(provisional.timeliness).toBe(0.5);
    expect(provisional.autoGrade).toBeCloseTo(4 / 5, 9);
    expect(provisional.score).toEqual({ points: 4, provisional: true });

    builder.add('response.graded', {
      injectId: 'inq-shipping',
      teamId: 't1',
      grade: 0.5,
      items: { apology: 0.5, 'ship-date': 0.5, contact: 0.5 },
      by: 'grader',
      comment: 'no apology',
      atMinute: 50,
    });
    const graded = submissionView(foldEvents(undefined, builder.build()), 't1', 'inq-shipping')!;
    expect(graded.grade).toEqual({
      value: 0.5,
      by: 'grader',
      comment: 'no apology',
      atMinute: 50,
      items: { apology: 0.5, 'ship-date': 0.5, contact: 0.5 },
    });
    expect(graded.score).toEqual({ points: 2.5, provisional: false });
    expect(graded.counted).toBe(true);
  });

  it('knows no submission for another team, an attack or an information-only inject', () => {
    const builder = log().deliver('info-holiday', 't1', 7);
    const state = foldEvents(undefined, builder.build());
    expect(submissionView(state, 't2', 'inq-shipping')).toBeUndefined();
    expect(submissionView(state, 't1', 'atk-sqli')).toBeUndefined();
    expect(submissionView(state, 't1', 'info-holiday')).toBeUndefined();
    expect(submissionView(state, 't9', 'inq-shipping')).toBeUndefined();
  });
});
