import { useState } from 'react';
import { api, download } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Badge, DataTable, Notice, Page } from '../../ui/components';
import { FormErrors, SubmitButton, TextField } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';

type InvoiceStatus = 'open' | 'paid' | 'cancelled';

interface Invoice {
  id: string;
  number: string;
  kind: 'dues' | 'contribution' | 'late_cancellation_fee' | 'manual';
  issueDate: string;
  dueDate: string;
  amountCents: number;
  paidCents: number;
  openCents: number;
  status: InvoiceStatus;
  paymentReference: string;
}

interface Mandate {
  id: string;
  reference: string;
  debtorName: string;
  iban: string;
  bic: string | null;
  signedOn: string;
  status: 'active' | 'revoked';
  revokedOn: string | null;
}

const STATUS_TONE: Record<InvoiceStatus, 'good' | 'warn' | 'neutral'> = { open: 'warn', paid: 'good', cancelled: 'neutral' };

/** The resident's invoices: what is still open, paying it with iDEAL, the PDF; and the SEPA mandate for the dues. */
export function MyInvoicesPage() {
  const { t, money, date } = useI18n();
  const path = useCooperativePath();
  const invoices = useLoad((signal) => api<{ items: Invoice[]; total: number }>(`${path}/me/invoices`, { query: { pageSize: 200 }, signal }), [path]);
  const actions = useForm();
  const today = new Date().toISOString().slice(0, 10);

  const pay = (invoice: Invoice) =>
    actions.run(async () => {
      const { url } = await api<{ url: string }>(`${path}/me/invoices/${invoice.id}/checkout`, { method: 'POST' });
      window.location.assign(url);
    });

  return (
    <Page title={t('resident.invoices.title')}>
      <FormErrors form={actions} />
      <Async loaded={invoices}>
        {({ items }) => {
          const open = items.filter((i) => i.status === 'open');
          const openCents = open.reduce((sum, i) => sum + i.openCents, 0);
          return (
            <>
              <dl className="stats">
                <div className="stat">
                  <dt>{t('resident.invoices.toPay')}</dt>
                  <dd>{money(openCents)}</dd>
                </div>
                <div className="stat">
                  <dt>{t('resident.invoices.openCount')}</dt>
                  <dd>{open.length}</dd>
                </div>
              </dl>
              <DataTable
                caption={t('resident.invoices.caption')}
                rows={items}
                rowKey={(i) => i.id}
                empty={t('resident.invoices.empty')}
                columns={[
                  { header: t('resident.invoices.number'), cell: (i) => i.number },
                  { header: t('resident.invoices.kind'), cell: (i) => t(`resident.invoices.kind.${i.kind}`) },
                  { header: t('resident.invoices.due'), cell: (i) => (i.status === 'open' && i.dueDate < today ? <strong>{t('resident.invoices.overdue', { date: date(i.dueDate) })}</strong> : date(i.dueDate)) },
                  { header: t('common.amount'), numeric: true, cell: (i) => money(i.amountCents) },
                  { header: t('resident.invoices.open'), numeric: true, cell: (i) => money(i.openCents) },
                  { header: t('common.status'), cell: (i) => <Badge tone={STATUS_TONE[i.status]}>{t(`resident.invoices.status.${i.status}`)}</Badge> },
                  {
                    header: t('common.actions'),
                    cell: (i) => (
                      <div className="button-row">
                        {i.status === 'open' && i.openCents > 0 && (
                          <button type="button" className="button button--small button--primary" disabled={actions.submitting} aria-label={t('resident.invoices.payLabel', { number: i.number, amount: money(i.openCents) })} onClick={() => void pay(i)}>
                            {t('resident.invoices.pay')}
                          </button>
                        )}
                        <button type="button" className="button button--small" aria-label={t('resident.invoices.pdfLabel', { number: i.number })} onClick={() => void actions.run(() => download(`${path}/me/invoices/${i.id}/pdf`, `factuur-${i.number}.pdf`))}>
                          {t('resident.invoices.pdf')}
                        </button>
                      </div>
                    ),
                  },
                ]}
              />
              {open.length > 0 && <p className="muted">{t('resident.invoices.transfer')}</p>}
            </>
          );
        }}
      </Async>
      <SepaMandates />
    </Page>
  );
}

function SepaMandates() {
  const { t, date } = useI18n();
  const path = useCooperativePath();
  const mandates = useLoad((signal) => api<Mandate[]>(`${path}/me/sepa-mandates`, { signal }), [path]);
  const form = useForm();
  const [signed, setSigned] = useState<Mandate | undefined>();
  const [iban, setIban] = useState('');
  const [holder, setHolder] = useState('');
  const [bic, setBic] = useState('');
  const [agree, setAgree] = useState(false);
  const submit = form.submit(async () => {
    setSigned(await api<Mandate>(`${path}/me/sepa-mandates`, { method: 'POST', body: { iban, accountHolderName: holder, bic: bic.trim() || undefined, agree } }));
    setIban('');
    setBic('');
    setAgree(false);
    mandates.reload();
  });

  return (
    <section aria-labelledby="sepa-title">
      <h2 id="sepa-title">{t('resident.sepa.title')}</h2>
      {signed && <Notice>{t('resident.sepa.signed', { reference: signed.reference })}</Notice>}
      <Async loaded={mandates}>
        {(list) => {
          const active = list.filter((m) => m.status === 'active');
          return (
            <>
              {list.length > 0 && (
                <DataTable
                  caption={t('resident.sepa.caption')}
                  rows={list}
                  rowKey={(m) => m.id}
                  columns={[
                    { header: t('resident.sepa.reference'), cell: (m) => m.reference },
                    { header: t('resident.sepa.account'), cell: (m) => `${m.iban} (${m.debtorName})` },
                    { header: t('resident.sepa.signedOn'), cell: (m) => date(m.signedOn) },
                    { header: t('common.status'), cell: (m) => <Badge tone={m.status === 'active' ? 'good' : 'neutral'}>{t(`resident.sepa.status.${m.status}`)}</Badge> },
                  ]}
                />
              )}
              {active.length > 0 ? (
                <p className="muted">{t('resident.sepa.activeText')}</p>
              ) : (
                <form className="form card" onSubmit={submit}>
                  <p>{t('resident.sepa.intro')}</p>
                  <FormErrors form={form} />
                  <TextField form={form} name="iban" label={t('resident.sepa.iban')} value={iban} onValue={setIban} autoComplete="off" required />
                  <TextField form={form} name="accountHolderName" label={t('resident.sepa.holder')} value={holder} onValue={setHolder} autoComplete="name" required />
                  <TextField form={form} name="bic" label={t('resident.sepa.bic')} hint={t('resident.sepa.bicHint')} value={bic} onValue={setBic} />
                  <div className={form.fieldErrors.agree ? 'field field--error' : 'field'}>
                    {form.fieldErrors.agree && (
                      <p className="field__error" id="field-agree-error">
                        {form.fieldErrors.agree}
                      </p>
                    )}
                    <label className="checkbox">
                      <input type="checkbox" id="field-agree" name="agree" checked={agree} onChange={(event) => setAgree(event.target.checked)} aria-describedby={form.fieldErrors.agree ? 'field-agree-error' : undefined} />
                      <span>{t('resident.sepa.agree')}</span>
                    </label>
                  </div>
                  <div className="button-row">
                    <SubmitButton form={form}>{t('resident.sepa.sign')}</SubmitButton>
                  </div>
                </form>
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}
