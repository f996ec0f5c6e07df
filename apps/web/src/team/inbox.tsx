import type { Bilingual, InboxEntry, UnitId } from '@mamoru/domain';
import type { FormEvent } from 'react';
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { ErrorNotice } from '../ui/error-notice';
import { useAction } from '../ui/use-action';
import { formatPoints } from './figures';
import { AmountField, BlockNote } from './panel-bits';
import { teamAction } from './team-api';
import type { InboxStatus } from './team-logic';
import { formatCountdown, inboxStatus, minuteOf, msToDeadline, openCount } from './team-logic';
import type { TeamScope } from './team-scope';

const MAX_RESPONSE_CHARS = 20_000;

const STATUS_LABEL: Record<InboxStatus, MessageKey> = {
  open: 'team.inbox.status.open',
  answered: 'team.inbox.status.answered',
  graded: 'team.inbox.status.graded',
  closed: 'team.inbox.status.closed',
  info: 'team.inbox.status.info',
};
const STATUS_TONE: Record<InboxStatus, string> = {
  open: 'badge--warn',
  answered: 'badge--good',
  graded: 'badge--good',
  closed: 'badge--bad',
  info: '',
};

/** The inbox of the member's own units: a tab per unit, newest first, each item with its countdown and response. */
export function InboxPanel({
  inbox,
  units,
  unitNames,
  gameMs,
  scope,
}: {
  inbox: readonly InboxEntry[];
  /** The units the member holds now. */
  units: readonly UnitId[];
  unitNames: readonly { unit: UnitId; name: Bilingual }[];
  gameMs: number;
  scope: TeamScope;
}) {
  const { t, text } = useI18n();
  // start on the first unit with something to answer
  const [chosen, setChosen] = useState<UnitId | null>(
    () => units.find((u) => openCount(inbox, u, minuteOf(gameMs)) > 0) ?? units[0] ?? null,
  );
  const tab = chosen !== null && units.includes(chosen) ? chosen : (units[0] ?? null);
  const nowMinute = minuteOf(gameMs);
  const id = useId();
  const items = tab === null ? [] : inbox.filter((e) => e.unit === tab);

  return (
    <section className="panel team-inbox" data-testid="inbox" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('team.inbox.title')}</h2>
      {units.length === 0 ? (
        <p className="muted">{t('team.inbox.noUnits')}</p>
      ) : (
        <div className="tabs" role="tablist" aria-label={t('team.inbox.tabs')}>
          {units.map((unit) => {
            const open = openCount(inbox, unit, nowMinute);
            return (
              <button
                key={unit}
                type="button"
                role="tab"
                id={`${id}-tab-${unit}`}
                aria-selected={unit === tab}
                aria-controls={`${id}-panel`}
                onClick={() => setChosen(unit)}
                data-testid="inbox-unit-tab"
                data-unit={unit}
                data-open={open}
              >
                {text(unitNames.find((u) => u.unit === unit)?.name) || unit}{' '}
                <span className={`team-count num${open > 0 ? ' team-count--open' : ''}`}>
                  {t('team.inbox.openCount', { count: open })}
                </span>
              </button>
            );
          })}
        </div>
      )}
      {tab !== null && (
        <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`}>
          {items.length === 0 ? (
            <p className="muted" data-testid="inbox-empty">
              {t('team.inbox.empty')}
            </p>
          ) : (
            <ol className="team-inbox__list">
              {items.map((entry) => (
                <li key={entry.injectId}>
                  <InboxItem entry={entry} gameMs={gameMs} scope={scope} />
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}

export function InboxItem({ entry, gameMs, scope }: { entry: InboxEntry; gameMs: number; scope: TeamScope }) {
  const { t, text, time } = useI18n();
  const nowMinute = minuteOf(gameMs);
  const status = inboxStatus(entry, nowMinute);
  const at = (minute: number) => time(minute, scope.clockStartsAtMinutes);
  const left = msToDeadline(entry, gameMs);
  const countdown = left === null ? null : formatCountdown(left);
  const urgent = left !== null && left > 0 && left <= 5 * 60_000;
  const titleId = useId();

  return (
    <article
      className={`team-inbox-item team-inbox-item--${status}`}
      data-testid="inbox-item"
      data-inject-id={entry.injectId}
      data-unit={entry.unit}
      data-kind={entry.kind}
      data-status={status}
      aria-labelledby={titleId}
    >
      <header className="team-inbox-item__head">
        <div>
          {entry.from && (
            <p className="muted team-inbox-item__from">{t('team.inbox.from', { from: text(entry.from) })}</p>
          )}
          <h3 id={titleId}>{text(entry.subject)}</h3>
        </div>
        <span className={`badge ${STATUS_TONE[status]}`}>{t(STATUS_LABEL[status])}</span>
      </header>
      <dl className="team-inbox-item__meta">
        <div>
          <dt>{t('team.inbox.delivered')}</dt>
          <dd className="num">{at(entry.deliveredMinute)}</dd>
        </div>
        {entry.deadlineMinute !== undefined && (
          <div>
            <dt>{t('team.inbox.deadline')}</dt>
            <dd className="num">
              {at(entry.deadlineMinute)}{' '}
              {status !== 'graded' && (
                <span
                  className={`team-countdown${countdown === null ? ' team-countdown--past' : urgent ? ' team-countdown--urgent' : ''}`}
                  data-testid="inbox-countdown"
                  data-ms={left ?? undefined}
                >
                  {countdown === null ? t('team.inbox.overdue') : t('team.inbox.left', { time: countdown })}
                </span>
              )}
            </dd>
          </div>
        )}
        {entry.closesMinute !== undefined && (
          <div>
            <dt>{t('team.inbox.closes')}</dt>
            <dd className="num">{at(entry.closesMinute)}</dd>
          </div>
        )}
        {entry.points !== undefined && (
          <div>
            <dt>{t('team.inbox.points')}</dt>
            <dd className="num">
              {entry.earned
                ? t(entry.earned.provisional ? 'team.inbox.earnedProvisional' : 'team.inbox.earned', {
                    earned: formatPoints(entry.earned.points),
                    points: formatPoints(entry.points),
                  })
                : t('team.inbox.pointsValue', { points: formatPoints(entry.points) })}
            </dd>
          </div>
        )}
      </dl>
      <p className="pre-text team-inbox-item__body">{text(entry.body)}</p>
      {status === 'graded' && entry.grade && (
        <div className="team-inbox-item__graded" data-testid="inbox-grade">
          <p>
            <strong>{t('team.inbox.grade', { percent: Math.round(entry.grade.value * 100) })}</strong>
          </p>
          {entry.grade.comment && (
            <p className="pre-text">{t('team.inbox.comment', { comment: entry.grade.comment })}</p>
          )}
        </div>
      )}
      {status === 'graded' && entry.response && (
        <SentResponse response={entry.response} at={at} compensation={entry.kind === 'complaint'} />
      )}
      {entry.points !== undefined &&
        status !== 'graded' &&
        // after the end nothing can be sent: the answer, if any, is shown read-only
        (scope.block === 'team.blocked.ended' ? (
          entry.response && <SentResponse response={entry.response} at={at} compensation={false} />
        ) : (
          <ResponseEditor entry={entry} status={status} scope={scope} />
        ))}
    </article>
  );
}

/** The response sent, read-only; with the compensation given, where `compensation` (a complaint's). */
function SentResponse({
  response,
  at,
  compensation,
}: {
  response: NonNullable<InboxEntry['response']>;
  at: (minute: number) => string;
  compensation: boolean;
}) {
  const { t, yen } = useI18n();
  return (
    <div className="team-inbox-item__response">
      <h4>{t('team.inbox.yourResponse', { time: at(response.atMinute) })}</h4>
      <p className="pre-text" data-testid="response-readonly">
        {response.text}
      </p>
      {compensation && response.compensationYen > 0 && (
        <p className="num">{t('team.inbox.compensationGiven', { amount: yen(response.compensationYen) })}</p>
      )}
    </div>
  );
}

function ResponseEditor({ entry, status, scope }: { entry: InboxEntry; status: InboxStatus; scope: TeamScope }) {
  const { t, yen, time } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState(entry.response?.text ?? '');
  const [compensation, setCompensation] = useState(
    entry.response?.compensationYen ? String(entry.response.compensationYen) : '',
  );
  const complaint = entry.kind === 'complaint';
  const action = useAction((key: string, body: { text: string; compensationYen?: number }) =>
    teamAction(scope.api, `${scope.base}/responses/${encodeURIComponent(entry.injectId)}`, body, key),
  );
  // a response saved elsewhere (a teammate): take it while this editor has nothing of its own
  const savedText = entry.response?.text;
  useEffect(() => {
    if (savedText !== undefined) setDraft((current) => (current.trim() === '' ? savedText : current));
  }, [savedText]);

  const length = draft.length;
  const tooLong = length > MAX_RESPONSE_CHARS;
  const empty = draft.trim().length === 0;
  const compensationYen = compensation.trim() === '' ? undefined : Number(compensation);
  const badCompensation = compensationYen !== undefined && (!Number.isInteger(compensationYen) || compensationYen < 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (empty || tooLong || badCompensation || scope.block) return;
    const body: { text: string; compensationYen?: number } = { text: draft };
    if (complaint && compensationYen !== undefined) body.compensationYen = compensationYen;
    void action.run(body);
  };

  return (
    <form className="team-response" onSubmit={submit} aria-label={t('team.response.label')}>
      {entry.response && (
        <p className="muted" data-testid="response-current">
          {t('team.response.replaceNote', { time: time(entry.response.atMinute, scope.clockStartsAtMinutes) })}
        </p>
      )}
      {status === 'closed' && <p className="team-warning">{t('team.response.closedNote')}</p>}
      <label className="field">
        <span>{t('team.response.text')}</span>
        <textarea
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          maxLength={MAX_RESPONSE_CHARS}
          aria-describedby={`${id}-count`}
          data-testid="response-text"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
          }}
        />
        <small id={`${id}-count`} className={`num${tooLong ? ' team-warning' : ''}`}>
          {t('team.response.count', { count: length, max: MAX_RESPONSE_CHARS })} · {t('team.response.shortcut')}
        </small>
      </label>
      {complaint && (
        <AmountField
          label={t('team.response.compensation')}
          value={compensation}
          onChange={setCompensation}
          testId="response-compensation"
          min={0}
          required={false}
          describedBy={`${id}-comp`}
        >
          <small id={`${id}-comp`}>
            {compensationYen !== undefined && !badCompensation
              ? t('team.response.compensationHint', { amount: yen(compensationYen) })
              : t('team.response.compensationHelp')}
          </small>
        </AmountField>
      )}
      <ErrorNotice error={action.error} testId="response-error" />
      {action.result && (
        <p className="ok-notice" role="status" data-testid="response-saved">
          {action.result.applied ? t('team.response.saved') : t('team.response.alreadySaved')}
        </p>
      )}
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          disabled={action.pending || empty || tooLong || badCompensation || scope.block !== null}
          data-testid="response-submit"
        >
          {action.pending
            ? t('common.working')
            : entry.response
              ? t('team.response.replace')
              : t('team.response.submit')}
        </button>
        <BlockNote scope={scope} />
      </div>
    </form>
  );
}
