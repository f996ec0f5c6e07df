/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import { ServerClock } from '../board/clock';
import { renderPage } from '../testing/render';
import type { ControlRoomProps } from './control-room';
import { ControlRoom } from './control-room';
import { controlViewFixture, fakeApi } from './test-data';

function loaded<T>(data: T | null) {
  return { data, error: null, reload: jest.fn() };
}

function props(role: 'organiser' | 'grader'): ControlRoomProps {
  return {
    gameId: 'hc-day-1',
    role,
    login: role === 'grader' ? 'grader-1' : 'admin',
    onSignOut: jest.fn(),
    api: fakeApi({}),
    live: {
      connection: 'connected',
      refusal: null,
      view: controlViewFixture(),
      seq: 42,
      serverClock: new ServerClock(),
    },
    summary: null,
    onSummaryChanged: jest.fn(),
    health: loaded({
      queues: null,
      shops: [{ teamId: 'team-1', running: true, baseUrl: 'http://127.0.0.1:4100' }],
      leader: true,
    }),
    serverHealth: loaded({ status: 'ok' }),
    members: loaded([
      {
        memberId: 'team-1-m1-abcd',
        teamId: 'team-1',
        name: 'Aiko',
        units: ['tech'],
        login: 'aiko',
        joined: false,
        awayUntilMinute: null,
      },
    ]),
    audit: loaded([{ seq: 3, type: 'clock.started', atMinute: 0, wallMs: 0, by: 'admin', summary: '09:00 started' }]),
  };
}

const ORGANISER_ONLY = [
  'clock-start',
  'clock-pause',
  'clock-stop',
  'clock-speed',
  'freeze-toggle',
  'adjust-submit',
  'reset-submit',
  'inject-fire',
  'announcement-text',
  'members-csv',
  'member-list-row',
  'audit-list',
];

describe('ControlRoom', () => {
  it('shows the organiser every control', () => {
    renderPage(<ControlRoom {...props('organiser')} />);
    const room = screen.getByTestId('control-room');
    expect(room.getAttribute('data-status')).toBe('running');
    expect(room.getAttribute('data-seq')).toBe('42');
    for (const id of [
      'clock-pause',
      'clock-stop',
      'clock-speed',
      'clock-speed-apply',
      'freeze-toggle',
      'adjust-submit',
      'inject-fire',
      'announcement-text',
      'members-csv',
      'audit-list',
    ]) {
      expect(screen.queryAllByTestId(id).length).toBeGreaterThan(0);
    }
    expect(screen.queryByTestId('clock-start')).toBeNull(); // running: no start
    expect(screen.getByTestId('freeze-toggle').getAttribute('data-frozen')).toBe('false');
    expect(screen.getAllByTestId('audit-row')[0].getAttribute('data-type')).toBe('clock.started');
    expect(screen.getByTestId('member-list-row').getAttribute('data-login')).toBe('aiko');
    // Names are text, never markup; Redis down is said loudly.
    expect(screen.getAllByTestId('control-team-row')[0].textContent).toContain('Red <b>Falcons</b>');
    expect(screen.getByTestId('queues-down').textContent).toContain('Redis');
  });

  it('hides organiser-only controls from a grader, keeping the overview and grading', () => {
    renderPage(<ControlRoom {...props('grader')} />);
    for (const id of ORGANISER_ONLY) expect(screen.queryAllByTestId(id)).toHaveLength(0);
    expect(screen.getAllByTestId('control-team-row')).toHaveLength(2);
    expect(screen.getAllByTestId('grading-row')).toHaveLength(1);
    expect(screen.getAllByTestId('timeline-row')).toHaveLength(3);
    expect(screen.getByTestId('control-clock').textContent).toContain('09:10');
  });

  it('speaks Japanese by default and English when switched', () => {
    const { unmount } = renderPage(<ControlRoom {...props('organiser')} />);
    const clock = screen.getByTestId('control-clock');
    expect(within(clock).getByTestId('clock-pause').textContent).toBe('一時停止');
    expect(within(clock).getByTestId('clock-status').textContent).toBe('進行中');
    expect(screen.getByRole('heading', { name: '採点' })).toBeTruthy();
    unmount();
    renderPage(<ControlRoom {...props('organiser')} />, 'en');
    expect(screen.getByTestId('clock-pause').textContent).toBe('Pause');
    expect(screen.getByTestId('clock-status').textContent).toBe('Running');
    expect(screen.getByRole('heading', { name: 'Grading' })).toBeTruthy();
    expect(screen.getByTestId('freeze-toggle').textContent).toBe('Freeze the board');
  });
});
