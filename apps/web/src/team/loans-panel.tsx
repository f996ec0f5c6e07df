import type { TeamView } from '@mamoru/domain';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { useAction } from '../ui/use-action';
import { ActionRow, AmountField } from './panel-bits';
import { teamAction } from './team-api';
import type { TeamScope } from './team-scope';

/** Management: borrow up to the limit, repay any time. */
export function LoansPanel({ view, scope }: { view: TeamView; scope: TeamScope }) {
  const { t, yen } = useI18n();
  const [amount, setAmount] = useState('');
  const take = useAction((key: string, amountYen: number) =>
    teamAction(scope.api, `${scope.base}/loans`, { amountYen }, key),
  );
  const repay = useAction((key: string, amountYen: number) =>
    teamAction(scope.api, `${scope.base}/loans/repayments`, { amountYen }, key),
  );
  const amountYen = Number(amount);
  const valid = amount.trim() !== '' && Number.isInteger(amountYen) && amountYen >= 1;
  const room = Math.max(0, view.team.loanLimitYen - view.team.loanYen);
  const busy = take.pending || repay.pending;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid || scope.block) return;
    repay.reset();
    void take.run(amountYen);
  };
  return (
    <section className="panel" data-testid="loans-panel" aria-labelledby="team-loans-title">
      <h2 id="team-loans-title">{t('team.loans.title')}</h2>
      <dl className="team-facts">
        <div>
          <dt>{t('team.loans.balance')}</dt>
          <dd className="num" data-testid="loan-balance" data-value={view.team.loanYen}>
            {yen(view.team.loanYen)}
          </dd>
        </div>
        <div>
          <dt>{t('team.loans.limit')}</dt>
          <dd className="num">{yen(view.team.loanLimitYen)}</dd>
        </div>
        <div>
          <dt>{t('team.loans.room')}</dt>
          <dd className="num">{yen(room)}</dd>
        </div>
        <div>
          <dt>{t('team.figure.cash')}</dt>
          <dd className="num">{yen(view.team.cashYen)}</dd>
        </div>
      </dl>
      <form onSubmit={submit}>
        <AmountField label={t('team.loans.amount')} value={amount} onChange={setAmount} testId="loan-amount">
          {valid && <small className="num">{yen(amountYen)}</small>}
        </AmountField>
        <ActionRow
          state={{ pending: busy, error: take.error ?? repay.error, result: take.result ?? repay.result }}
          scope={scope}
          testId="loan"
          done={take.result ? 'team.done.loan' : 'team.done.repayment'}
          button={{ label: t('team.loans.take'), testId: 'loan-take', disabled: !valid }}
        >
          <button
            type="button"
            className="button button--secondary"
            disabled={busy || !valid || scope.block !== null || view.team.loanYen === 0}
            onClick={() => {
              take.reset();
              void repay.run(amountYen);
            }}
            data-testid="loan-repay"
          >
            {t('team.loans.repay')}
          </button>
        </ActionRow>
      </form>
      <p className="muted">{t('team.loans.interestNote')}</p>
    </section>
  );
}
