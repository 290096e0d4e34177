import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Badge, ErrorNotice, Notice, Page } from '../../ui/components';
import { FormErrors, SelectField, SubmitButton, TextField } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';
import { BankAccount, LedgerAccount, LineStatus, Page as ApiPage, Reconciliation, StatementLine, Suggestion } from './types';

const STATUSES: LineStatus[] = ['unmatched', 'matched', 'dismissed'];
/** Explanations the API can take back from the bank line; the others settle through their batch or payout. */
const UNDOABLE = new Set(['invoice_reference', 'invoice_iban_amount', 'invoice_manual', 'split', 'account', 'donation']);

/**
 * The reconciliation worklist: bank lines the import could not explain, with the invoices they likely pay. Each
 * is matched, booked on an account or dismissed; an explanation can be undone. Above it, bank against books.
 */
export function ReconciliationPage() {
  const { t } = useI18n();
  const base = useCooperativePath();
  const [status, setStatus] = useState<LineStatus>('unmatched');
  const [notice, setNotice] = useState<string>();
  const lines = useLoad((signal) => api<ApiPage<StatementLine>>(`${base}/statement-lines`, { query: { status, pageSize: 100 }, signal }), [base, status]);
  const accounts = useLoad((signal) => api<BankAccount[]>(`${base}/bank-accounts`, { signal }), [base]);
  const ledger = useLoad((signal) => api<LedgerAccount[]>(`${base}/ledger/accounts`, { signal }), [base]);
  const [round, setRound] = useState(0);
  // One booking or dismissal form at a time: its fields keep the ids the API's error summary links to.
  const [active, setActive] = useState<ActiveForm>();

  const done = (message: string) => {
    setActive(undefined);
    setNotice(message);
    lines.reload();
    setRound((r) => r + 1);
  };

  return (
    <Page title={t('treasurer.reconciliation.title')}>
      <Async loaded={accounts}>{(list) => list.map((account) => <BankVsBooks key={`${account.id}-${round}`} account={account} />)}</Async>

      <h2 id="worklist-heading">{t('treasurer.reconciliation.lines')}</h2>
      <fieldset className="segmented">
        <legend>{t('treasurer.reconciliation.show')}</legend>
        {STATUSES.map((option) => (
          <label key={option} className={status === option ? 'segmented__option segmented__option--on' : 'segmented__option'}>
            <input type="radio" name="line-status" value={option} checked={status === option} onChange={() => setStatus(option)} />
            {t(`treasurer.lineStatus.${option}.plural`)}
          </label>
        ))}
      </fieldset>
      {notice && <Notice>{notice}</Notice>}
      <Async loaded={lines}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{t(`treasurer.reconciliation.empty.${status}`)}</p>
          ) : (
            <ul className="worklist" aria-labelledby="worklist-heading">
              {page.items.map((line) => (
                <li key={line.id}>
                  <LineCard line={line} accounts={ledger.data ?? []} active={active?.lineId === line.id ? active.form : undefined} onOpen={(form) => setActive(form && { lineId: line.id, form })} onDone={done} />
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </Page>
  );
}

function BankVsBooks({ account }: { account: BankAccount }) {
  const { t, money, date } = useI18n();
  const base = useCooperativePath();
  const reconciliation = useLoad((signal) => api<Reconciliation>(`${base}/bank-accounts/${account.id}/reconciliation`, { signal }), [base, account.id]);
  return (
    <section className="card" aria-label={t('treasurer.reconciliation.bankVsBooks', { account: account.iban })}>
      <h2 className="card__title">{t('treasurer.reconciliation.bankVsBooks', { account: account.iban })}</h2>
      <Async loaded={reconciliation}>
        {(r) => (
          <>
            <p className="muted">{t('treasurer.reconciliation.at', { date: date(r.date), code: account.ledgerAccountCode })}</p>
            <dl className="stats">
              <div className="stat">
                <dt>{t('treasurer.reconciliation.statementBalance')}</dt>
                <dd>{r.statementBalanceCents === null ? '—' : money(r.statementBalanceCents)}</dd>
              </div>
              <div className="stat">
                <dt>{t('treasurer.reconciliation.ledgerBalance')}</dt>
                <dd>{money(r.ledgerBalanceCents)}</dd>
              </div>
              <div className="stat">
                <dt>{t('treasurer.reconciliation.difference')}</dt>
                <dd>{r.differenceCents === null ? '—' : money(r.differenceCents)}</dd>
              </div>
              <div className="stat">
                <dt>{t('treasurer.reconciliation.unexplained', { count: r.unexplainedLines.length })}</dt>
                <dd>{money(r.unexplainedCents)}</dd>
              </div>
              <div className="stat">
                <dt>{t('treasurer.reconciliation.remaining')}</dt>
                <dd>{r.remainingCents === null ? '—' : money(r.remainingCents)}</dd>
              </div>
            </dl>
            {r.remainingCents !== null && r.remainingCents !== 0 && <p className="muted">{t('treasurer.reconciliation.remainingHint')}</p>}
          </>
        )}
      </Async>
    </section>
  );
}

interface ActiveForm {
  lineId: string;
  form: 'assign' | 'dismiss';
}

interface LineCardProps {
  line: StatementLine;
  accounts: LedgerAccount[];
  active: ActiveForm['form'] | undefined;
  onOpen(form: ActiveForm['form'] | undefined): void;
  onDone(message: string): void;
}

function LineCard({ line, accounts, active, onOpen, onDone }: LineCardProps) {
  const { t, money, date } = useI18n();
  const action = useForm();
  const base = useCooperativePath();
  const what = t('treasurer.line.name', { amount: money(line.amountCents), date: date(line.bookingDate) });

  const match = (suggestion: Suggestion) =>
    action.run(async () => {
      await api(`${base}/statement-lines/${line.id}/match`, { method: 'POST', body: { allocations: [{ invoiceId: suggestion.invoiceId, amountCents: line.amountCents }] } });
      onDone(t('treasurer.line.matchedNotice', { line: what, number: suggestion.number }));
    });
  const undo = () =>
    action.run(async () => {
      await api(`${base}/statement-lines/${line.id}/undo`, { method: 'POST' });
      onDone(t('treasurer.line.undoneNotice', { line: what }));
    });

  return (
    <article className={`line-card line-card--${line.status}`} aria-label={what}>
      <header className="line-card__head">
        <p className={line.amountCents < 0 ? 'line-card__amount line-card__amount--out' : 'line-card__amount'}>
          {money(line.amountCents)} <span className="visually-hidden">{line.amountCents < 0 ? t('treasurer.line.out') : t('treasurer.line.in')}</span>
        </p>
        <Badge tone={line.status === 'matched' ? 'good' : line.status === 'dismissed' ? 'neutral' : 'warn'}>{t(`treasurer.lineStatus.${line.status}`)}</Badge>
      </header>
      <dl className="facts">
        <dt>{t('treasurer.line.date')}</dt>
        <dd>{date(line.bookingDate)}</dd>
        <dt>{line.amountCents < 0 ? t('treasurer.line.to') : t('treasurer.line.from')}</dt>
        <dd className="line-card__wrap">
          {line.counterpartyName ?? '—'}
          {line.counterpartyIban && <span className="muted"> · {line.counterpartyIban}</span>}
        </dd>
        <dt>{t('treasurer.line.remittance')}</dt>
        <dd className="line-card__wrap">{[line.remittance, line.structuredReference].filter(Boolean).join(' · ') || '—'}</dd>
        {line.status === 'matched' && (
          <>
            <dt>{t('treasurer.line.explained')}</dt>
            <dd>{explanation(line, t, money)}</dd>
          </>
        )}
        {line.status === 'dismissed' && (
          <>
            <dt>{t('treasurer.line.dismissedBecause')}</dt>
            <dd className="line-card__wrap">{line.dismissReason}</dd>
          </>
        )}
      </dl>
      {action.error && <ErrorNotice error={action.error} />}

      {line.status === 'unmatched' && (
        <>
          {line.suggestions && line.suggestions.length > 0 ? (
            <div className="suggestions">
              <h3>{t('treasurer.line.suggestions')}</h3>
              <ul>
                {line.suggestions.map((s) => (
                  <li key={s.invoiceId} className="suggestion">
                    <div>
                      <strong>{t('treasurer.line.invoice', { number: s.number })}</strong> {s.memberName && <span>· {s.memberName}</span>}
                      <br />
                      <span className={s.openCents === line.amountCents ? '' : 'muted'}>{t('treasurer.line.open', { amount: money(s.openCents) })}</span>
                      <span className="muted"> · {t('treasurer.line.because', { why: s.why.map((w) => t(`treasurer.why.${w}`)).join(', ') })}</span>
                    </div>
                    <button
                      type="button"
                      className="button button--primary button--small"
                      disabled={action.submitting || s.openCents < line.amountCents}
                      title={s.openCents < line.amountCents ? t('treasurer.line.tooMuch') : undefined}
                      aria-label={t('treasurer.line.matchTo', { line: what, number: s.number })}
                      onClick={() => void match(s)}
                    >
                      {t('treasurer.line.match')}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            line.amountCents > 0 && <p className="muted">{t('treasurer.line.noSuggestions')}</p>
          )}
          <div className="button-row">
            {(['assign', 'dismiss'] as const).map((form) => (
              <button
                key={form}
                type="button"
                className="button button--small"
                aria-expanded={active === form}
                aria-label={t(`treasurer.${form}.openFor`, { line: what })}
                onClick={() => onOpen(active === form ? undefined : form)}
              >
                {t(`treasurer.${form}.open`)}
              </button>
            ))}
          </div>
          {active === 'assign' && <AssignForm line={line} what={what} accounts={accounts} onDone={onDone} />}
          {active === 'dismiss' && <DismissForm line={line} what={what} onDone={onDone} />}
        </>
      )}
      {line.status !== 'unmatched' && (line.status === 'dismissed' || UNDOABLE.has(line.matchKind ?? '')) && (
        <div className="button-row">
          <button type="button" className="button button--small" disabled={action.submitting} aria-label={t('treasurer.line.undoFor', { line: what })} onClick={() => void undo()}>
            {t('treasurer.line.undo')}
          </button>
        </div>
      )}
    </article>
  );
}

function explanation(line: StatementLine, t: (key: string, params?: Record<string, string | number>) => string, money: (cents: number) => string): string {
  const kind = t(`treasurer.matchKind.${line.matchKind ?? 'unknown'}`);
  const invoices = line.matchDetails?.invoices?.filter((i) => i.number).map((i) => `${i.number} (${money(i.amountCents)})`);
  if (invoices && invoices.length > 0) return `${kind}: ${invoices.join(', ')}`;
  if (line.matchDetails?.accountCode) return `${kind}: ${line.matchDetails.accountCode}`;
  return kind;
}

function AssignForm({ line, what, accounts, onDone }: { line: StatementLine; what: string; accounts: LedgerAccount[]; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const base = useCooperativePath();
  const form = useForm();
  const [accountCode, setAccountCode] = useState('');
  const [description, setDescription] = useState(line.remittance ?? '');
  return (
    <form
      className="form line-card__form"
      noValidate
      onSubmit={form.submit(async () => {
        await api(`${base}/statement-lines/${line.id}/assign`, { method: 'POST', body: { accountCode, description } });
        onDone(t('treasurer.assign.done', { line: what, account: accountCode }));
      })}
    >
      <FormErrors form={form} />
      <SelectField
        form={form}
        name="accountCode"
        label={t('treasurer.assign.account')}
        value={accountCode}
        onValue={setAccountCode}
        options={[{ value: '', label: t('treasurer.assign.choose') }, ...accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }))]}
      />
      <TextField form={form} name="description" label={t('treasurer.assign.description')} value={description} onValue={setDescription} />
      <div className="button-row">
        <SubmitButton form={form} className="button button--small">
          <span aria-hidden="true">{t('treasurer.assign.submit')}</span>
          <span className="visually-hidden">{t('treasurer.assign.submitFor', { line: what })}</span>
        </SubmitButton>
      </div>
    </form>
  );
}

function DismissForm({ line, what, onDone }: { line: StatementLine; what: string; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const base = useCooperativePath();
  const form = useForm();
  const [reason, setReason] = useState('');
  return (
    <form
      className="form line-card__form"
      noValidate
      onSubmit={form.submit(async () => {
        await api(`${base}/statement-lines/${line.id}/dismiss`, { method: 'POST', body: { reason } });
        onDone(t('treasurer.dismiss.done', { line: what }));
      })}
    >
      <FormErrors form={form} />
      <TextField form={form} name="reason" label={t('treasurer.dismiss.reason')} hint={t('treasurer.dismiss.hint')} value={reason} onValue={setReason} />
      <div className="button-row">
        <SubmitButton form={form} className="button button--small button--danger">
          <span aria-hidden="true">{t('treasurer.dismiss.submit')}</span>
          <span className="visually-hidden">{t('treasurer.dismiss.submitFor', { line: what })}</span>
        </SubmitButton>
      </div>
    </form>
  );
}
