import type { GradingEntry, SubmissionView } from '@mamoru/domain';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { ErrorNotice } from '../ui/error-notice';
import { useAction } from '../ui/use-action';
import type { Names } from './control-room';
import type { ControlApi, ControlPanelProps } from './control-types';
import { gamePath } from './control-types';
import { ActionFooter, PanelHead } from './form-bits';
import { gradeBody, parseScore, weightedGrade } from './grade-form';
import { useLoaded } from './use-control-data';

const QUICK_SCORES = [0, 0.25, 0.5, 0.75, 1];

function submissionPath(gameId: string, teamId: string, injectId: string, rest = ''): string {
  return gamePath(gameId, `/submissions/${encodeURIComponent(teamId)}/${encodeURIComponent(injectId)}${rest}`);
}

/** The grading queue (ungraded first) and the submission being graded. */
export function GradingPanel({ view, names, api, gameId }: ControlPanelProps) {
  const { t, text, time, percent } = useI18n();
  const [selected, setSelected] = useState<{ teamId: string; injectId: string } | null>(null);
  const starts = view.clock.clockStartsAtMinutes;
  const entry = selected
    ? view.grading.find((g) => g.teamId === selected.teamId && g.injectId === selected.injectId)
    : undefined;
  const ungraded = view.grading.filter((g) => !g.graded).length;

  return (
    <section className="panel control-grading" id="control-grading" aria-labelledby="control-grading-title">
      <PanelHead titleId="control-grading-title" title={t('control.grading.title')}>
        <span className={ungraded > 0 ? 'badge badge--warn' : 'badge'}>
          {t('control.grading.ungraded', { count: ungraded })}
        </span>
      </PanelHead>
      <div className="control-grading__body">
        <div className="control-grading__queue control-scroll-y">
          <table className="data-table" data-testid="grading-queue">
            <thead>
              <tr>
                <th>{t('standings.team')}</th>
                <th>{t('control.grading.subject')}</th>
                <th className="num">{t('control.grading.submitted')}</th>
                <th>{t('control.grading.state')}</th>
              </tr>
            </thead>
            <tbody>
              {view.grading.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    {t('control.grading.empty')}
                  </td>
                </tr>
              )}
              {view.grading.map((g) => {
                const isSelected = selected?.teamId === g.teamId && selected.injectId === g.injectId;
                return (
                  <tr
                    key={`${g.teamId}/${g.injectId}`}
                    className={isSelected ? 'control-row--selected control-row--clickable' : 'control-row--clickable'}
                    onClick={() => setSelected({ teamId: g.teamId, injectId: g.injectId })}
                    data-testid="grading-row"
                    data-team-id={g.teamId}
                    data-inject-id={g.injectId}
                    data-graded={g.graded ? 'true' : 'false'}
                    aria-selected={isSelected}
                  >
                    <td>{names.team(g.teamId)}</td>
                    <td>
                      <button
                        type="button"
                        className="control-linkish"
                        onClick={(e) => {
                          e.stopPropagation();
                          setSelected({ teamId: g.teamId, injectId: g.injectId });
                        }}
                      >
                        {text(g.subject)}
                      </button>
                      <div className="muted control-small">
                        {names.unit(g.unit)} · {t('control.grading.points', { points: g.points })}
                      </div>
                    </td>
                    <td className="num">
                      {time(g.submittedMinute, starts)}
                      {g.deadlineMinute !== undefined && (
                        <div
                          className={
                            g.submittedMinute > g.deadlineMinute ? 'control-small control-bad' : 'control-small muted'
                          }
                        >
                          {t('control.grading.deadline', { time: time(g.deadlineMinute, starts) })}
                        </div>
                      )}
                    </td>
                    <td>
                      {g.graded ? (
                        <span className="badge badge--good">
                          {t('control.grading.graded', { grade: percent(g.grade ?? 0) })}
                        </span>
                      ) : (
                        <span className="badge badge--warn">{t('control.grading.toGrade')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="control-grading__detail">
          {selected ? (
            <SubmissionDetail
              key={`${selected.teamId}/${selected.injectId}`}
              api={api}
              gameId={gameId}
              teamId={selected.teamId}
              injectId={selected.injectId}
              entry={entry}
              names={names}
              clockStartsAtMinutes={starts}
            />
          ) : (
            <p className="muted">{t('control.grading.pick')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

/** One submission: the inject, the response, its timeliness and auto grade, and the grade form. */
export function SubmissionDetail({
  api,
  gameId,
  teamId,
  injectId,
  entry,
  names,
  clockStartsAtMinutes,
}: {
  api: ControlApi;
  gameId: string;
  teamId: string;
  injectId: string;
  /** The queue's entry (reloads the submission when it changes: a new response, a grade). */
  entry: GradingEntry | undefined;
  names: Names;
  clockStartsAtMinutes: number | undefined;
}) {
  const { t, text, time, percent, yen } = useI18n();
  const version = entry ? `${entry.submittedMinute}:${entry.graded}:${entry.grade ?? ''}` : '';
  const path = submissionPath(gameId, teamId, injectId);
  const submission = useLoaded(() => api.request<SubmissionView>(path), `${path}@${version}`);

  if (!submission.data) {
    return (
      <div data-testid="submission" data-loading="true">
        <ErrorNotice error={submission.error} testId="submission-error" />
        {!submission.error && <p className="muted">{t('common.loading')}</p>}
      </div>
    );
  }
  const s = submission.data;
  return (
    <article
      className="control-submission"
      data-testid="submission"
      data-team-id={s.teamId}
      data-inject-id={s.injectId}
    >
      <header>
        <h3>{text(s.subject)}</h3>
        <p className="muted">
          {s.teamName} · {names.unit(s.unit)} · {s.kind}
          {s.from ? ` · ${t('control.grading.from', { from: text(s.from) })}` : ''}
        </p>
      </header>
      <details className="control-submission__inject">
        <summary>{t('control.grading.injectBody')}</summary>
        <p className="pre-text">{text(s.body)}</p>
      </details>
      <dl className="control-facts">
        <div>
          <dt>{t('control.grading.delivered')}</dt>
          <dd className="num">{time(s.deliveredMinute, clockStartsAtMinutes)}</dd>
        </div>
        {s.deadlineMinute !== undefined && (
          <div>
            <dt>{t('control.grading.deadlineLabel')}</dt>
            <dd className="num">{time(s.deadlineMinute, clockStartsAtMinutes)}</dd>
          </div>
        )}
        <div>
          <dt>{t('control.grading.timeliness')}</dt>
          <dd className="num" data-testid="submission-timeliness">
            {s.timeliness === null ? '—' : percent(s.timeliness)}
          </dd>
        </div>
        <div>
          <dt>{t('control.grading.autoGrade')}</dt>
          <dd className="num" data-testid="submission-auto-grade">
            {s.autoGrade === null ? '—' : percent(s.autoGrade)}
          </dd>
        </div>
        <div>
          <dt>{t('control.grading.score')}</dt>
          <dd className="num">
            {s.score === null
              ? '—'
              : `${s.score.points} / ${s.points}${s.score.provisional ? ` (${t('control.grading.provisional')})` : ''}`}
          </dd>
        </div>
        <div>
          <dt>{t('control.grading.counted')}</dt>
          <dd>{s.counted ? t('control.yes') : t('control.no')}</dd>
        </div>
      </dl>
      <h4>{t('control.grading.response')}</h4>
      {s.response ? (
        <>
          <p className="muted control-small">
            {t('control.grading.responseBy', {
              member: s.response.memberName ?? s.response.memberId ?? '—',
              time: time(s.response.atMinute, clockStartsAtMinutes),
            })}
            {s.response.compensationYen > 0 &&
              ` · ${t('control.grading.compensation', { amount: yen(s.response.compensationYen) })}`}
          </p>
          <div className="pre-text control-submission__text" data-testid="submission-text">
            {s.response.text}
          </div>
        </>
      ) : (
        <p className="muted" data-testid="submission-text">
          {t('control.grading.noResponse')}
        </p>
      )}
      {s.grade && (
        <p className="ok-notice control-small" data-testid="submission-grade">
          {t('control.grading.current', {
            grade: percent(s.grade.value),
            by: s.grade.by,
            time: time(s.grade.atMinute, clockStartsAtMinutes),
          })}
          {s.grade.comment ? ` — ${s.grade.comment}` : ''}
        </p>
      )}
      {s.response && (
        <GradeForm
          submission={s}
          api={api}
          path={submissionPath(gameId, teamId, injectId, '/grade')}
          onSaved={submission.reload}
        />
      )}
    </article>
  );
}

/** One score 0-1 per rubric item (all required) and a comment; or one overall grade without a rubric. */
export function GradeForm({
  submission,
  api,
  path,
  onSaved,
}: {
  submission: SubmissionView;
  api: ControlApi;
  path: string;
  onSaved(): void;
}) {
  const { t, text, percent } = useI18n();
  const rubric = submission.rubric;
  const previous = submission.grade;
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      rubric.map((r) => [r.id, previous?.items?.[r.id] !== undefined ? String(previous.items[r.id]) : '']),
    ),
  );
  const [overall, setOverall] = useState(previous && rubric.length === 0 ? String(previous.value) : '');
  const [comment, setComment] = useState(previous?.comment ?? '');
  const [missing, setMissing] = useState<string[]>([]);
  const action = useAction(async (key: string, body: unknown) => {
    const answer = await api.request(path, { method: 'POST', body, idempotencyKey: key });
    onSaved();
    return answer;
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = gradeBody(
      rubric.map((r) => r.id),
      scores,
      overall,
      comment,
    );
    if ('missing' in result) {
      setMissing(result.missing);
      action.reset();
      return;
    }
    setMissing([]);
    void action.run(result.body);
  };

  const parsed: Record<string, number> = {};
  for (const r of rubric) {
    const v = parseScore(scores[r.id] ?? '');
    if (v !== null) parsed[r.id] = v;
  }
  const preview = weightedGrade(rubric, parsed);

  return (
    <form className="control-grade" onSubmit={submit} aria-label={t('control.grade.title')} noValidate>
      <h4>{previous ? t('control.grade.regrade') : t('control.grade.title')}</h4>
      {rubric.length > 0 ? (
        <ol className="control-rubric">
          {rubric.map((item) => {
            const inputId = `rubric-${submission.teamId}-${submission.injectId}-${item.id}`;
            const bad = missing.includes(item.id);
            return (
              <li key={item.id} className="control-rubric__item" data-testid="rubric-item" data-item-id={item.id}>
                <label htmlFor={inputId} className="control-rubric__text">
                  {text(item.text)}{' '}
                  <span className="muted num">{t('control.grade.weight', { weight: item.weight })}</span>
                </label>
                {item.keywords.length > 0 && (
                  <div className="control-small muted">
                    {t('control.grade.keywords')}{' '}
                    {item.keywords.map((k) => (
                      <code key={k} className="control-keyword">
                        {k}
                      </code>
                    ))}
                  </div>
                )}
                <div className="control-rubric__score">
                  <input
                    id={inputId}
                    type="number"
                    min={0}
                    max={1}
                    step={0.05}
                    value={scores[item.id] ?? ''}
                    onChange={(e) => setScores((s) => ({ ...s, [item.id]: e.target.value }))}
                    className="input num control-score-input"
                    aria-invalid={bad}
                    required
                    data-testid="rubric-score"
                  />
                  {QUICK_SCORES.map((q) => (
                    <button
                      key={q}
                      type="button"
                      className="button button--secondary button--small"
                      aria-pressed={parseScore(scores[item.id] ?? '') === q}
                      onClick={() => setScores((s) => ({ ...s, [item.id]: String(q) }))}
                    >
                      {q}
                    </button>
                  ))}
                </div>
                {bad && <div className="control-small control-bad">{t('control.grade.required')}</div>}
              </li>
            );
          })}
        </ol>
      ) : (
        <label className="field">
          <span>{t('control.grade.overall')}</span>
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={overall}
            onChange={(e) => setOverall(e.target.value)}
            className="num"
            aria-invalid={missing.includes('grade')}
            data-testid="grade-overall"
          />
          {missing.includes('grade') && <small className="control-bad">{t('control.grade.required')}</small>}
        </label>
      )}
      {rubric.length > 0 && (
        <p className="muted control-small">
          {t('control.grade.preview', { grade: preview === null ? '—' : percent(preview) })}
        </p>
      )}
      <label className="field">
        <span>{t('control.grade.comment')}</span>
        <textarea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={5000}
          rows={2}
          data-testid="grade-comment"
        />
      </label>
      {missing.length > 0 && (
        <div className="error-notice" role="alert" data-testid="grade-error">
          <strong>{t('control.grade.missing', { count: missing.length })}</strong>
        </div>
      )}
      <ActionFooter
        action={action}
        errorTestId="grade-error"
        saved={action.result !== undefined && t('control.grade.saved')}
        savedTestId="grade-saved"
        submitTestId="grade-submit"
        working
      >
        {t('control.grade.submit')}
      </ActionFooter>
    </form>
  );
}
