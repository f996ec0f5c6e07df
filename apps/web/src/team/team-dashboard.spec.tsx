/** @jest-environment jsdom */
import type { LedgerEntry } from '@mamoru/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeFetch, renderPage } from '../testing/render';
import { TeamDashboard } from './team-dashboard';
import { emptyHistory } from './team-history';
import { inboxEntry, teamTestView, testApi } from './test-team-view';

// uPlot reads matchMedia when loaded, which jsdom lacks; the chart does not draw in jsdom anyway.
jest.mock('uplot', () => ({ __esModule: true, default: class {} }));

const BASE = '/api/games/day-1/teams/team-1';

const ledger: LedgerEntry[] = [
  {
    teamId: 'team-1',
    component: 'cash',
    amount: 5_000_000,
    value: 5_000_000,
    atMinute: 0,
    seq: 3,
    cause: { kind: 'start', text: { ja: 'ゲーム開始', en: 'game started' } },
  },
  {
    teamId: 'team-1',
    component: 'trust',
    amount: -20_000,
    value: 980_000,
    atMinute: 12,
    seq: 30,
    cause: { kind: 'defaced', text: { ja: 'ショップ改ざん', en: 'shop defaced' } },
  },
  {
    teamId: 'team-1',
    component: 'earned',
    unit: 'support',
    amount: 7500,
    value: 7500,
    atMinute: 14,
    seq: 31,
    cause: { kind: 'response', ref: 'inquiry-1', text: { ja: '回答の採点', en: 'response graded' } },
  },
];

function server() {
  return fakeFetch({
    [`GET ${BASE}/ledger`]: () => ({ status: 200, body: { teamId: 'team-1', seq: 42, entries: ledger } }),
    [`GET ${BASE}/shop/settings`]: () => ({
      status: 200,
      body: { searchSafeQueries: true, priceApiRequireAuth: true, backupExposed: false },
    }),
    [`GET ${BASE}/shop/logs`]: () => ({ status: 200, body: { lines: [] } }),
    [`POST ${BASE}/loans`]: () => ({ status: 201, body: { applied: true, seq: 43 } }),
  });
}

function dashboard(memberId: string, view = teamTestView()) {
  return (
    <TeamDashboard
      view={view}
      gameMs={view.clock.gameMs}
      memberId={memberId}
      login={`day-1.${memberId}`}
      connection="connected"
      api={testApi}
      base={BASE}
      history={emptyHistory()}
      onSignOut={() => undefined}
    />
  );
}

describe('TeamDashboard', () => {
  it('shows a sales and management member the sales, loans and approvals, not the ops console', async () => {
    const fetch = server();
    global.fetch = fetch.fetch;
    const view = teamTestView({
      market: {
        ...teamTestView().market,
        requests: [{ requestId: 'r-1', itemId: 'waf', memberId: 'm-tech', requestedMinute: 8, status: 'requested' }],
      },
    });
    renderPage(dashboard('m-boss', view));
    const root = screen.getByTestId('team-dashboard');
    expect(root.getAttribute('data-team-id')).toBe('team-1');
    expect(root.getAttribute('data-seq')).toBe('42');
    expect(root.getAttribute('data-status')).toBe('running');
    expect(screen.getByTestId('sales-panel')).toBeTruthy();
    expect(screen.getByTestId('loans-panel')).toBeTruthy();
    expect(screen.getByTestId('market-approve')).toBeTruthy();
    expect(screen.queryByTestId('ops-console')).toBeNull();
    expect(screen.queryByTestId('notices-panel')).toBeNull();
    expect(screen.getAllByTestId('inbox-unit-tab').map((t) => t.getAttribute('data-unit'))).toEqual([
      'management',
      'sales',
    ]);
    // management moves members
    expect(screen.getAllByTestId('member-units-save')).toHaveLength(3);
    // the figures, raw and shown
    const cash = screen.getAllByTestId('team-figure').find((f) => f.getAttribute('data-figure') === 'cash')!;
    expect(cash.getAttribute('data-value')).toBe('4900000');
    expect(cash.textContent).toContain('¥4,900,000');
    // borrowing sends the amount
    fireEvent.change(screen.getByTestId('loan-amount'), { target: { value: '500000' } });
    fireEvent.click(screen.getByTestId('loan-take'));
    await screen.findByTestId('loan-saved');
    expect(fetch.calls.find((c) => c.path === `${BASE}/loans`)?.body).toEqual({ amountYen: 500000 });
    await waitFor(() => expect(screen.getAllByTestId('ledger-row')).toHaveLength(3));
  });

  it('shows a tech member the ops console but no sales, loans or approvals', async () => {
    global.fetch = server().fetch;
    const view = teamTestView({
      market: {
        ...teamTestView().market,
        requests: [{ requestId: 'r-1', itemId: 'waf', memberId: 'm-tech', requestedMinute: 8, status: 'requested' }],
      },
    });
    renderPage(dashboard('m-tech', view));
    expect(screen.getByTestId('ops-console')).toBeTruthy();
    expect(screen.queryByTestId('sales-panel')).toBeNull();
    expect(screen.queryByTestId('loans-panel')).toBeNull();
    expect(screen.queryByTestId('market-approve')).toBeNull();
    expect(screen.queryByTestId('member-units-save')).toBeNull();
    // anyone may ask for a marketplace item, and everyone sees the products and the ledger
    expect(screen.getByTestId('market-request')).toBeTruthy();
    expect(screen.getByTestId('products-panel')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('ops-setting')).toHaveLength(3));
    await waitFor(() => expect(screen.getAllByTestId('ledger-row').length).toBe(3));
  });

  it('follows the units as the log moves them: a member moved to PR gets the notices panel', () => {
    global.fetch = server().fetch;
    const moved = teamTestView();
    moved.members = moved.members.map((m) => (m.memberId === 'm-tech' ? { ...m, units: ['pr'] } : m));
    renderPage(dashboard('m-tech', moved));
    expect(screen.getByTestId('notices-panel')).toBeTruthy();
    expect(screen.queryByTestId('ops-console')).toBeNull();
    expect(screen.getAllByTestId('inbox-unit-tab').map((t) => t.getAttribute('data-unit'))).toEqual(['pr']);
  });

  it('shows the ledger newest first with amounts in their units, and filters it', async () => {
    global.fetch = server().fetch;
    renderPage(dashboard('m-pr'));
    await waitFor(() => expect(screen.getAllByTestId('ledger-row')).toHaveLength(3));
    const rows = screen.getAllByTestId('ledger-row');
    expect(rows.map((r) => r.getAttribute('data-component'))).toEqual(['earned', 'trust', 'cash']);
    expect(rows[0].textContent).toContain('+7.5 点');
    expect(rows[0].textContent).toContain('カスタマーサポート');
    expect(rows[0].textContent).toContain('09:14');
    expect(rows[1].textContent).toContain('−2.00 pt');
    expect(rows[1].textContent).toContain('98.00%');
    expect(rows[1].textContent).toContain('ショップ改ざん');
    expect(rows[2].textContent).toContain('+¥5,000,000');
    fireEvent.change(screen.getByTestId('ledger-filter'), { target: { value: 'trust' } });
    expect(screen.getAllByTestId('ledger-row').map((r) => r.getAttribute('data-component'))).toEqual(['trust']);
  });

  it('speaks English when asked: the header, the clock state and the panels', () => {
    global.fetch = server().fetch;
    const view = teamTestView({
      clock: { ...teamTestView().clock, status: 'paused' },
      inbox: [inboxEntry({ injectId: 'q', unit: 'management', points: 5, deadlineMinute: 20, closesMinute: 40 })],
      announcements: [{ announcementId: 'a1', text: '<b>Lunch</b> at noon', atMinute: 5 }],
    });
    renderPage(dashboard('m-boss', view), 'en');
    expect(screen.getByTestId('team-clock').getAttribute('data-status')).toBe('paused');
    expect(screen.getByTestId('team-clock').textContent).toContain('09:10');
    expect(screen.getByTestId('team-clock').textContent).toContain('Paused');
    expect(screen.getByTestId('team-blocked').textContent).toContain('The game is paused');
    expect(within(screen.getByTestId('sales-panel')).getByRole('heading', { level: 2 }).textContent).toBe(
      'Sales & purchasing',
    );
    expect((screen.getByTestId('stock-order-submit') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getAllByTestId('inbox-unit-tab')[0].textContent).toContain('Management');
    expect(screen.getByTestId('inbox-item').textContent).toContain('Subject q');
    // announcements are text, never markup
    const announcements = screen.getByTestId('team-announcements');
    expect(announcements.textContent).toContain('<b>Lunch</b> at noon');
    expect(announcements.querySelector('b')).toBeNull();
    // away members are shown with their return time
    expect(screen.getByTestId('member-away').textContent).toBe('Away until 10:30');
  });
});
