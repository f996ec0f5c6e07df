/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderPage } from '../testing/render';
import type { Names } from './control-room';
import { GradeForm, GradingPanel } from './grading-panel';
import { controlViewFixture, fakeApi, submissionFixture } from './test-data';

const names: Names = { units: [], unit: (id) => id, team: (id) => id };
const gradePath = '/api/games/hc-day-1/submissions/team-1/complaint-1/grade';

describe('grading', () => {
  it('requires every rubric item, then posts { items, comment } with an Idempotency-Key', async () => {
    const api = fakeApi({ [`POST ${gradePath}`]: () => ({ applied: true, seq: 50 }) });
    const saved = jest.fn();
    renderPage(<GradeForm submission={submissionFixture()} api={api} path={gradePath} onSaved={saved} />, 'en');

    const items = screen.getAllByTestId('rubric-item');
    expect(items.map((i) => i.getAttribute('data-item-id'))).toEqual(['apology', 'plan']);
    fireEvent.change(within(items[0]).getByTestId('rubric-score'), { target: { value: '1' } });
    fireEvent.click(screen.getByTestId('grade-submit'));
    expect(screen.getByTestId('grade-error').textContent).toContain('1 item scores are missing');
    expect(api.calls).toHaveLength(0);

    fireEvent.change(within(items[1]).getByTestId('rubric-score'), { target: { value: '1.5' } });
    fireEvent.click(screen.getByTestId('grade-submit'));
    expect(api.calls).toHaveLength(0);

    fireEvent.click(within(items[1]).getByRole('button', { name: '0.5' }));
    fireEvent.change(screen.getByTestId('grade-comment'), { target: { value: ' Good apology ' } });
    expect(screen.getByText(/Weighted mean: 66\.7%/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('grade-submit'));

    await screen.findByTestId('grade-saved');
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]).toMatchObject({
      path: gradePath,
      method: 'POST',
      body: { items: { apology: 1, plan: 0.5 }, comment: 'Good apology' },
    });
    expect(api.calls[0].idempotencyKey).toMatch(/\S{8,}/);
    expect(saved).toHaveBeenCalled();
  });

  it('grades with one overall grade when the inject has no rubric', async () => {
    const api = fakeApi({ [`POST ${gradePath}`]: () => ({ applied: true, seq: 51 }) });
    renderPage(
      <GradeForm submission={submissionFixture({ rubric: [] })} api={api} path={gradePath} onSaved={jest.fn()} />,
    );
    fireEvent.change(screen.getByTestId('grade-overall'), { target: { value: '0.8' } });
    fireEvent.click(screen.getByTestId('grade-submit'));
    await waitFor(() => expect(api.calls).toHaveLength(1));
    expect(api.calls[0].body).toEqual({ grade: 0.8 });
  });

  it('opens a queued submission and shows its text as text', async () => {
    const api = fakeApi({
      'GET /api/games/hc-day-1/submissions/team-1/complaint-1': () => submissionFixture(),
    });
    renderPage(<GradingPanel view={controlViewFixture()} names={names} api={api} gameId="hc-day-1" />);
    const row = screen.getByTestId('grading-row');
    expect(row.getAttribute('data-graded')).toBe('false');
    fireEvent.click(row);
    const text = await screen.findByTestId('submission-text');
    expect(text.textContent).toContain('<script>alert(1)</script>');
    expect(text.querySelector('script')).toBeNull();
    expect(screen.getByTestId('submission-timeliness').textContent).toBe('100.0%');
    expect(screen.getByTestId('submission-auto-grade').textContent).toBe('50.0%');
  });
});
