import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, download } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Badge, DataTable, ErrorNotice, Notice, Page } from '../../ui/components';
import { FormErrors, SubmitButton, TextField } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';
import { BatchStatus, CollectionBatch } from './types';

const TONE: Record<BatchStatus, 'neutral' | 'good' | 'warn' | 'bad'> = { draft: 'warn', exported: 'neutral', booked: 'good', cancelled: 'bad' };

export function BatchStatusBadge({ status }: { status: BatchStatus }) {
  const { t } = useI18n();
  return <Badge tone={TONE[status]}>{t(`treasurer.batchStatus.${status}`)}</Badge>;
}

/** SEPA direct debits: the batches, and a new draft of every open invoice of members with a mandate. */
export function SepaBatchesPage() {
  const { t, money, date } = useI18n();
  const base = useCooperativePath();
  const batches = useLoad((signal) => api<CollectionBatch[]>(`${base}/sepa/batches`, { signal }), [base]);
  const form = useForm();
  const [collectionDate, setCollectionDate] = useState('');
  const [dueThrough, setDueThrough] = useState('');
  const [created, setCreated] = useState<CollectionBatch>();

  const create = form.submit(async () => {
    setCreated(await api<CollectionBatch>(`${base}/sepa/batches`, { method: 'POST', body: { collectionDate, dueThrough: dueThrough || undefined } }));
    batches.reload();
  });

  return (
    <Page title={t('treasurer.sepa.title')}>
      <section className="card" aria-labelledby="new-batch">
        <h2 id="new-batch">{t('treasurer.sepa.new')}</h2>
        <p className="muted">{t('treasurer.sepa.newIntro')}</p>
        <form className="form form--inline" onSubmit={create} noValidate>
          <FormErrors form={form} />
          <TextField form={form} name="collectionDate" type="date" label={t('treasurer.sepa.collectionDate')} hint={t('treasurer.sepa.collectionDateHint')} value={collectionDate} onValue={setCollectionDate} required />
          <TextField form={form} name="dueThrough" type="date" label={t('treasurer.sepa.dueThrough')} hint={t('treasurer.sepa.dueThroughHint')} value={dueThrough} onValue={setDueThrough} />
          <SubmitButton form={form}>{t('treasurer.sepa.create')}</SubmitButton>
        </form>
        {created && (
          <Notice>
            {t('treasurer.sepa.created', { number: created.number, count: created.itemCount, amount: money(created.totalCents) })} <Link to={`/treasury/sepa/${created.id}`}>{t('treasurer.sepa.open', { number: created.number })}</Link>
          </Notice>
        )}
      </section>

      <h2>{t('treasurer.sepa.batches')}</h2>
      <Async loaded={batches}>
        {(list) => (
          <DataTable
            caption={t('treasurer.sepa.caption')}
            rows={list}
            rowKey={(b) => b.id}
            empty={t('treasurer.sepa.empty')}
            columns={[
              { header: t('treasurer.sepa.batch'), cell: (b) => <Link to={`/treasury/sepa/${b.id}`}>{t('treasurer.sepa.batchNumber', { number: b.number })}</Link> },
              { header: t('treasurer.sepa.collectionDate'), cell: (b) => date(b.collectionDate) },
              { header: t('treasurer.sepa.items'), numeric: true, cell: (b) => b.itemCount },
              { header: t('treasurer.sepa.total'), numeric: true, cell: (b) => money(b.totalCents) },
              { header: t('common.status'), cell: (b) => <BatchStatusBadge status={b.status} /> },
            ]}
          />
        )}
      </Async>
    </Page>
  );
}

/** One batch: its items, the pain.008 for the bank, and booking or cancelling it where its state allows. */
export function SepaBatchPage() {
  const { id = '' } = useParams();
  const { t, money, date, dateTime } = useI18n();
  const base = useCooperativePath();
  const batch = useLoad((signal) => api<CollectionBatch>(`${base}/sepa/batches/${id}`, { signal }), [base, id]);
  const action = useForm();
  const book = useForm();
  const [bookedOn, setBookedOn] = useState('');
  const [notice, setNotice] = useState<string>();
  const title = batch.data ? t('treasurer.sepa.batchNumber', { number: batch.data.number }) : t('treasurer.sepa.batch');

  const exportFile = (b: CollectionBatch) =>
    action.run(async () => {
      await download(`${base}/sepa/batches/${b.id}/pain008`, `incasso-${b.number}.xml`);
      setNotice(t('treasurer.sepa.downloaded', { number: b.number }));
      batch.reload();
    });
  const cancel = (b: CollectionBatch) =>
    action.run(async () => {
      await api(`${base}/sepa/batches/${b.id}/cancel`, { method: 'POST' });
      setNotice(t('treasurer.sepa.cancelled', { number: b.number }));
      batch.reload();
    });

  return (
    <Page title={title}>
      <p>
        <Link to="/treasury/sepa">← {t('treasurer.sepa.back')}</Link>
      </p>
      {notice && <Notice>{notice}</Notice>}
      {action.error && <ErrorNotice error={action.error} />}
      <Async loaded={batch}>
        {(b) => (
          <>
            <dl className="facts card">
              <dt>{t('common.status')}</dt>
              <dd>
                <BatchStatusBadge status={b.status} />
              </dd>
              <dt>{t('treasurer.sepa.collectionDate')}</dt>
              <dd>{date(b.collectionDate)}</dd>
              <dt>{t('treasurer.sepa.total')}</dt>
              <dd>{t('treasurer.sepa.itemsTotal', { count: b.itemCount, amount: money(b.totalCents) })}</dd>
              {b.skippedCount > 0 && (
                <>
                  <dt>{t('treasurer.sepa.skipped')}</dt>
                  <dd>{b.skippedCount}</dd>
                </>
              )}
              {b.messageId && (
                <>
                  <dt>{t('treasurer.sepa.file')}</dt>
                  <dd>
                    {b.messageId} ({b.painVersion}), {dateTime(b.exportedAt)}
                  </dd>
                </>
              )}
              {b.bookedOn && (
                <>
                  <dt>{t('treasurer.sepa.bookedOn')}</dt>
                  <dd>{date(b.bookedOn)}</dd>
                </>
              )}
            </dl>
            <div className="button-row">
              {(b.status === 'draft' || b.status === 'exported' || b.status === 'booked') && (
                <button type="button" className="button button--primary" disabled={action.submitting} onClick={() => void exportFile(b)}>
                  {b.status === 'draft' ? t('treasurer.sepa.export') : t('treasurer.sepa.downloadAgain')}
                </button>
              )}
              {b.status === 'draft' && (
                <button type="button" className="button button--danger" disabled={action.submitting} onClick={() => void cancel(b)}>
                  {t('treasurer.sepa.cancel', { number: b.number })}
                </button>
              )}
            </div>
            {b.status === 'draft' && <p className="muted">{t('treasurer.sepa.exportHint')}</p>}
            {b.status === 'exported' && (
              <form
                className="form form--inline card"
                noValidate
                onSubmit={book.submit(async () => {
                  await api(`${base}/sepa/batches/${b.id}/book`, { method: 'POST', body: { bookedOn } });
                  setNotice(t('treasurer.sepa.booked', { number: b.number }));
                  batch.reload();
                })}
              >
                <FormErrors form={book} />
                <TextField form={book} name="bookedOn" type="date" label={t('treasurer.sepa.bookedOn')} hint={t('treasurer.sepa.bookedOnHint')} value={bookedOn} onValue={setBookedOn} required />
                <SubmitButton form={book}>{t('treasurer.sepa.book', { number: b.number })}</SubmitButton>
              </form>
            )}
            <h2>{t('treasurer.sepa.itemsHeading')}</h2>
            <DataTable
              caption={t('treasurer.sepa.itemsCaption', { number: b.number })}
              rows={b.items ?? []}
              rowKey={(i) => i.id}
              columns={[
                { header: t('treasurer.sepa.invoice'), cell: (i) => i.invoiceNumber },
                { header: t('treasurer.sepa.member'), cell: (i) => i.memberName ?? i.debtorName },
                { header: t('treasurer.sepa.account'), cell: (i) => `${i.iban} (${i.sequenceType})` },
                { header: t('common.amount'), numeric: true, cell: (i) => money(i.amountCents) },
                { header: t('common.status'), cell: (i) => (i.skipReason ? `${t(`treasurer.itemStatus.${i.status}`)}: ${i.skipReason}` : t(`treasurer.itemStatus.${i.status}`)) },
              ]}
            />
          </>
        )}
      </Async>
    </Page>
  );
}
