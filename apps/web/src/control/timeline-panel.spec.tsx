/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderPage } from '../testing/render';
import type { Names } from './control-room';
import { controlViewFixture, fakeApi } from './test-data';
import { TimelinePanel } from './timeline-panel';

const names: Names = { units: [], unit: (id) => id, team: (id) => id };
const ok = () => ({ applied: true, seq: 43 });

describe('TimelinePanel', () => {
  it('offers fire, skip and reschedule on waiting injects only, in story time', () => {
    renderPage(
      <TimelinePanel view={controlViewFixture()} names={names} organiser api={fakeApi({})} gameId="hc-day-1" />,
    );
    const rows = screen.getAllByTestId('timeline-row');
    expect(rows.map((r) => [r.getAttribute('data-inject-id'), r.getAttribute('data-status')])).toEqual([
      ['welcome', 'done'],
      ['skip-me', 'skipped'],
      ['press-1', 'waiting'],
    ]);
    expect(within(rows[0]).queryByTestId('inject-fire')).toBeNull();
    expect(within(rows[1]).queryByTestId('inject-skip')).toBeNull();
    expect(within(rows[2]).getByTestId('inject-fire')).toBeTruthy();
    expect(within(rows[2]).getByTestId('inject-skip')).toBeTruthy();
    expect(rows[2].textContent).toContain('09:25'); // story time of game minute 25
    expect(rows[2].textContent).toContain('Blue Owls'); // targets by team number
  });

  it('fires, skips with a reason, and reschedules a story time as game time', async () => {
    const api = fakeApi({
      'POST /api/games/hc-day-1/injects/press-1/fire': ok,
      'POST /api/games/hc-day-1/injects/press-1/skip': ok,
      'POST /api/games/hc-day-1/injects/press-1/reschedule': ok,
    });
    renderPage(<TimelinePanel view={controlViewFixture()} names={names} organiser api={api} gameId="hc-day-1" />, 'en');
    const row = screen.getAllByTestId('timeline-row')[2];

    fireEvent.click(within(row).getByTestId('inject-fire'));
    await waitFor(() => expect(api.calls).toHaveLength(1));
    expect(api.calls[0]).toMatchObject({ method: 'POST', path: '/api/games/hc-day-1/injects/press-1/fire', body: {} });

    fireEvent.change(screen.getByTestId('timeline-reason'), { target: { value: 'too early' } });
    fireEvent.click(within(row).getByTestId('inject-skip'));
    await waitFor(() => expect(api.calls).toHaveLength(2));
    expect(api.calls[1].body).toEqual({ reason: 'too early' });

    const input = within(row).getByTestId('inject-reschedule-time');
    fireEvent.change(input, { target: { value: '08:30' } });
    expect(within(row).getByTestId('inject-reschedule-game-time').textContent).toContain('not before the start');
    fireEvent.click(within(row).getByTestId('inject-reschedule'));
    expect(api.calls).toHaveLength(2);

    fireEvent.change(input, { target: { value: '09:35' } });
    expect(within(row).getByTestId('inject-reschedule-game-time').textContent).toBe('game time 00:35');
    fireEvent.click(within(row).getByTestId('inject-reschedule'));
    await waitFor(() => expect(api.calls).toHaveLength(3));
    expect(api.calls[2]).toMatchObject({
      path: '/api/games/hc-day-1/injects/press-1/reschedule',
      body: { at: '00:35' },
    });
    expect(api.calls[2].idempotencyKey).toBeTruthy();
  });

  it('lists a rescheduled inject at its new time', () => {
    const view = controlViewFixture();
    view.timeline[1] = { ...view.timeline[1], dueMinute: 2 };
    renderPage(<TimelinePanel view={view} names={names} organiser api={fakeApi({})} gameId="hc-day-1" />);
    const rows = screen.getAllByTestId('timeline-row');
    expect(rows.map((r) => r.getAttribute('data-inject-id'))).toEqual(['welcome', 'press-1', 'skip-me']);
    expect(rows[1].textContent).toContain('09:02');
    expect(rows[1].querySelector('s')?.textContent).toBe('09:25');
  });

  it('has no actions for graders', () => {
    renderPage(
      <TimelinePanel view={controlViewFixture()} names={names} organiser={false} api={fakeApi({})} gameId="hc-day-1" />,
    );
    expect(screen.getAllByTestId('timeline-row')).toHaveLength(3);
    expect(screen.queryByTestId('inject-fire')).toBeNull();
    expect(screen.queryByTestId('timeline-reason')).toBeNull();
  });
});
