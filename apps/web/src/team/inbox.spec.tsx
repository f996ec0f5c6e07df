/** @jest-environment jsdom */
import type { UnitId } from '@mamoru/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { I18nProvider } from '../i18n/i18n-context';
import { fakeFetch, renderPage } from '../testing/render';
import { InboxPanel } from './inbox';
import type { TeamScope } from './team-scope';
import { inboxEntry, teamTestView, testScope } from './test-team-view';

const unitNames = teamTestView().team.units;
const inbox = [
  inboxEntry({
    injectId: 'complaint-1',
    unit: 'support',
    kind: 'complaint',
    from: { ja: '山田 様', en: 'Ms Yamada' },
    deliveredMinute: 9,
    deadlineMinute: 13,
    closesMinute: 17,
    points: 15,
  }),
  inboxEntry({
    injectId: 'inquiry-1',
    unit: 'support',
    deliveredMinute: 2,
    deadlineMinute: 8,
    closesMinute: 14,
    points: 10,
    response: { text: 'まず送った回答', atMinute: 5, compensationYen: 0 },
    grade: { value: 0.8, comment: 'よくできました', atMinute: 9 },
  }),
  inboxEntry({ injectId: 'fault-1', unit: 'tech', kind: 'fault', deliveredMinute: 4, deadlineMinute: 20, points: 5 }),
  inboxEntry({ injectId: 'press-1', unit: 'pr', kind: 'press', deliveredMinute: 6, deadlineMinute: 30, points: 10 }),
];

/** The panel over `inbox`, for a member of support at game minute 10 unless told otherwise. */
function panel({
  units = ['support'],
  gameMs = 10 * 60_000,
  scope = testScope(),
}: { units?: readonly UnitId[]; gameMs?: number; scope?: TeamScope } = {}) {
  return <InboxPanel inbox={inbox} units={units} unitNames={unitNames} gameMs={gameMs} scope={scope} />;
}

describe('InboxPanel', () => {
  it("shows a tab per unit the member holds, with its open count, and only those units' items", () => {
    renderPage(panel({ units: ['tech', 'support'] }));
    const tabs = screen.getAllByTestId('inbox-unit-tab');
    expect(tabs.map((t) => t.getAttribute('data-unit'))).toEqual(['tech', 'support']);
    expect(tabs[1].textContent).toContain('カスタマーサポート');
    expect(tabs[1].textContent).toContain('未回答 1');
    // the first tab is open: tech only
    expect(screen.getAllByTestId('inbox-item').map((i) => i.getAttribute('data-inject-id'))).toEqual(['fault-1']);
    fireEvent.click(tabs[1]);
    const items = screen.getAllByTestId('inbox-item');
    expect(items.map((i) => i.getAttribute('data-inject-id'))).toEqual(['complaint-1', 'inquiry-1']);
    expect(items.map((i) => i.getAttribute('data-status'))).toEqual(['open', 'graded']);
    expect(screen.queryByText('件名 press-1')).toBeNull();
  });

  it('counts down to the deadline in game time and says when it has passed', () => {
    const { rerender } = renderPage(panel({ gameMs: 10 * 60_000 + 15_000 }));
    const complaint = screen.getAllByTestId('inbox-item')[0];
    // deadline 09:13 story time; 2:45 of game time left
    expect(complaint.textContent).toContain('09:13');
    expect(within(complaint).getByTestId('inbox-countdown').textContent).toBe('残り 02:45');
    rerender(<I18nProvider>{panel({ gameMs: 14 * 60_000 })}</I18nProvider>);
    expect(within(screen.getAllByTestId('inbox-item')[0]).getByTestId('inbox-countdown').textContent).toBe('期限切れ');
  });

  it('sends the response with compensation and an idempotency key, and says it was saved', async () => {
    const server = fakeFetch({
      'POST /api/games/day-1/teams/team-1/responses/complaint-1': () => ({
        status: 201,
        body: { applied: true, seq: 50 },
      }),
    });
    global.fetch = server.fetch;
    renderPage(panel());
    const complaint = screen.getAllByTestId('inbox-item')[0];
    fireEvent.change(within(complaint).getByTestId('response-text'), { target: { value: '申し訳ございません。' } });
    fireEvent.change(within(complaint).getByTestId('response-compensation'), { target: { value: '1000' } });
    fireEvent.click(within(complaint).getByTestId('response-submit'));
    await within(complaint).findByTestId('response-saved');
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].body).toEqual({ text: '申し訳ございません。', compensationYen: 1000 });
    expect(server.calls[0].headers['idempotency-key']).toMatch(/^[\x21-\x7e]{1,200}$/);
  });

  it("shows the server's refusal (after the deadline, another unit)", async () => {
    const server = fakeFetch({
      'POST /api/games/day-1/teams/team-1/responses/fault-1': () => ({
        status: 403,
        body: { message: 'this action belongs to the tech unit', code: 'WRONG_UNIT' },
      }),
    });
    global.fetch = server.fetch;
    renderPage(panel({ units: ['tech'] }));
    fireEvent.change(screen.getByTestId('response-text'), { target: { value: 'restarted' } });
    // not a complaint: no compensation field, and none sent
    expect(screen.queryByTestId('response-compensation')).toBeNull();
    fireEvent.click(screen.getByTestId('response-submit'));
    const error = await screen.findByTestId('response-error');
    expect(error.getAttribute('data-code')).toBe('WRONG_UNIT');
    expect(server.calls[0].body).toEqual({ text: 'restarted' });
    // a retry of the same action keeps its key
    fireEvent.click(screen.getByTestId('response-submit'));
    await waitFor(() => expect(server.calls).toHaveLength(2));
    expect(server.calls[1].headers['idempotency-key']).toBe(server.calls[0].headers['idempotency-key']);
  });

  it('shows a graded item read-only with its grade and comment', () => {
    renderPage(panel(), 'en');
    const graded = screen.getAllByTestId('inbox-item')[1];
    expect(within(graded).queryByTestId('response-text')).toBeNull();
    expect(within(graded).queryByTestId('response-submit')).toBeNull();
    expect(within(graded).getByTestId('response-readonly').textContent).toBe('まず送った回答');
    expect(within(graded).getByTestId('inbox-grade').textContent).toContain('Grade: 80%');
    expect(within(graded).getByTestId('inbox-grade').textContent).toContain('よくできました');
    expect(graded.textContent).toContain('Graded');
  });

  it('disables sending while the game is paused, saying why', () => {
    renderPage(panel({ scope: testScope({ block: 'team.blocked.paused' }) }));
    const complaint = screen.getAllByTestId('inbox-item')[0];
    fireEvent.change(within(complaint).getByTestId('response-text'), { target: { value: 'x' } });
    expect((within(complaint).getByTestId('response-submit') as HTMLButtonElement).disabled).toBe(true);
    expect(complaint.textContent).toContain('一時停止中のため操作できません');
  });

  it('offers no editor after the end of the game', () => {
    renderPage(panel({ scope: testScope({ block: 'team.blocked.ended' }) }));
    expect(screen.queryByTestId('response-text')).toBeNull();
    expect(screen.queryByTestId('response-submit')).toBeNull();
  });
});
