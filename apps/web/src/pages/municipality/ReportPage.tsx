/**
 * One accountability report under review: a version's narrative and figures, its PDF, the comments, and the
 * reviewer's actions that the report's status allows — approve or ask for changes while it is submitted, record
 * the settlement (vaststelling) once it is approved and the agreement is in review.
 */
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, download } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Async, Badge, DataTable, Notice, Page } from '../../ui/components';
import { FormErrors, SelectField, SubmitButton, TextArea, TextField } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';
import { AccountabilityReport, AgreementFigures, MunicipalAgreement, NARRATIVE_SECTIONS, REPORT_TONE, ReportVersion, useMunicipalityPath } from './api';
import { FiguresView } from './FiguresView';

export function ReportPage() {
  const { t, date } = useI18n();
  const { reportId = '' } = useParams();
  const base = useMunicipalityPath();
  const path = `${base}/accountability-reports/${reportId}`;
  const [notice, setNotice] = useState<string>();
  const loaded = useLoad(
    async (signal) => {
      const [report, agreements] = await Promise.all([api<AccountabilityReport>(path, { signal }), api<MunicipalAgreement[]>(`${base}/agreements`, { signal })]);
      return { report, agreement: agreements.find((a) => a.id === report.agreementId) };
    },
    [path],
  );
  const done = (message: string) => {
    setNotice(message);
    loaded.reload();
  };
  const title = loaded.data ? t('municipality.reports.name', { reference: loaded.data.report.agreementReference, from: date(loaded.data.report.from), through: date(loaded.data.report.through) }) : t('municipality.report.title');

  return (
    <Page title={title}>
      <p>
        <Link to="/municipality/reports">{t('municipality.report.back')}</Link>
      </p>
      {notice && <Notice>{notice}</Notice>}
      <Async loaded={loaded}>
        {({ report, agreement }) => (
          <>
            <dl className="facts">
              <dt>{t('common.status')}</dt>
              <dd>
                <Badge tone={REPORT_TONE[report.status]}>{t(`municipality.reportStatus.${report.status}`)}</Badge>
              </dd>
              {agreement && (
                <>
                  <dt>{t('municipality.agreements.cooperative')}</dt>
                  <dd>{agreement.cooperativeName}</dd>
                  <dt>{t('municipality.report.agreement')}</dt>
                  <dd>
                    <Link to={`/municipality/dashboard?agreement=${agreement.id}`}>{agreement.reference}</Link> · <Badge tone="neutral">{t(`municipality.agreementStatus.${agreement.status}`)}</Badge>
                  </dd>
                </>
              )}
              <dt>{t('municipality.agreements.period')}</dt>
              <dd>
                {date(report.from)} – {date(report.through)}
              </dd>
              <dt>{t('municipality.reports.version')}</dt>
              <dd>{report.currentVersion}</dd>
            </dl>
            <Review report={report} agreement={agreement} path={path} onDone={done} />
            <Versions report={report} path={path} />
            <Comments report={report} path={path} onDone={done} />
          </>
        )}
      </Async>
    </Page>
  );
}

interface PartProps {
  report: AccountabilityReport;
  path: string;
  onDone(message: string): void;
}

/** The decision: only what the report's status (and, for the settlement, the agreement's) allows. */
function Review({ report, agreement, path, onDone }: PartProps & { agreement: MunicipalAgreement | undefined }) {
  const { t, money } = useI18n();
  const approval = useForm();
  const changes = useForm();
  const [reason, setReason] = useState('');
  const name = report.agreementReference;

  if (report.status === 'submitted')
    return (
      <section className="card" aria-labelledby="review-title">
        <h2 id="review-title">{t('municipality.review.title')}</h2>
        <p>{t('municipality.review.submittedText', { version: report.currentVersion })}</p>
        <FormErrors form={approval} />
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            disabled={approval.submitting}
            aria-label={approval.submitting ? undefined : t('municipality.review.approveLabel', { reference: name, version: report.currentVersion })}
            onClick={async () => (await approval.run(() => api(`${path}/approve`, { method: 'POST' }))) && onDone(t('municipality.review.approved', { reference: name }))}
          >
            {approval.submitting ? t('common.busy') : t('municipality.review.approve')}
          </button>
        </div>
        <form
          className="form"
          noValidate
          onSubmit={async (event) => {
            if (await changes.submit(() => api(`${path}/request-changes`, { method: 'POST', body: { reason } }))(event)) {
              setReason('');
              onDone(t('municipality.review.changesRequested', { reference: name }));
            }
          }}
        >
          <h3>{t('municipality.review.changesTitle')}</h3>
          <FormErrors form={changes} />
          <TextArea form={changes} name="reason" label={t('municipality.review.reason')} hint={t('municipality.review.reasonHint')} rows={4} value={reason} onValue={setReason} />
          <SubmitButton form={changes} className="button">
            {t('municipality.review.requestChanges')}
          </SubmitButton>
        </form>
      </section>
    );
  if (report.status === 'changes_requested')
    return (
      <Notice tone="info">
        <p>{t('municipality.review.waitingForBoard')}</p>
      </Notice>
    );
  if (report.status === 'approved' && agreement?.status === 'settled')
    return (
      <Notice tone="info">
        <p>{t('municipality.review.settledText', { amount: money(agreement.settledCents ?? 0) })}</p>
      </Notice>
    );
  if (report.status === 'approved' && agreement?.status === 'in_review') return <Settlement report={report} agreement={agreement} path={path} onDone={onDone} />;
  return null;
}

/** The vaststelling: the amount the municipality settles on, with a reason when it is below the amount granted. */
function Settlement({ report, agreement, path, onDone }: PartProps & { agreement: MunicipalAgreement }) {
  const { t, money } = useI18n();
  const form = useForm();
  const [euros, setEuros] = useState((agreement.grantedCents / 100).toFixed(2).replace('.', ','));
  const [reason, setReason] = useState('');
  const [settledOn, setSettledOn] = useState('');
  const settledCents = toCents(euros);
  return (
    <section className="card" aria-labelledby="settlement-title">
      <h2 id="settlement-title">{t('municipality.settlement.title')}</h2>
      <p>{t('municipality.settlement.text', { granted: money(agreement.grantedCents), received: money(agreement.receivedCents) })}</p>
      <form
        className="form form--narrow"
        noValidate
        onSubmit={async (event) => {
          const body = { settledCents: settledCents ?? -1, reason: reason.trim() || undefined, settledOn: settledOn || undefined };
          if (await form.submit(() => api(`${path}/settlement`, { method: 'POST', body }))(event)) onDone(t('municipality.settlement.done', { reference: report.agreementReference, amount: money(body.settledCents) }));
        }}
      >
        <FormErrors form={form} />
        <TextField form={form} name="settledCents" label={t('municipality.settlement.amount')} hint={t('municipality.settlement.amountHint')} inputMode="decimal" value={euros} onValue={setEuros} />
        <TextArea form={form} name="reason" label={t('municipality.settlement.reason')} hint={t('municipality.settlement.reasonHint')} rows={3} value={reason} onValue={setReason} />
        <TextField form={form} name="settledOn" type="date" label={t('municipality.settlement.date')} hint={t('municipality.settlement.dateHint')} value={settledOn} onValue={setSettledOn} />
        <SubmitButton form={form}>{t('municipality.settlement.submit')}</SubmitButton>
      </form>
    </section>
  );
}

/** "18.000,50" or "18000.5" as cents; undefined when it is no amount (the API then names the field). */
function toCents(text: string): number | undefined {
  const normalised = text.replace(/[€\s]/g, '').replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return undefined;
  return Math.round(Number(normalised) * 100);
}

/** Every version of the report; one at a time is read in full, the newest by default. */
function Versions({ report, path }: Omit<PartProps, 'onDone'>) {
  const { t, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const chosen = Number(params.get('version')) || report.currentVersion;
  const pdf = useForm();
  const version = useLoad((signal) => api<ReportVersion>(`${path}/versions/${chosen}`, { signal }), [path, chosen, report.currentVersion]);
  const downloadPdf = (n: number) => pdf.run(() => download(`${path}/versions/${n}/pdf`, `verantwoording-${report.agreementReference}-v${n}.pdf`));
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">{t('municipality.versions.title')}</h2>
      <FormErrors form={pdf} />
      <DataTable
        caption={t('municipality.versions.caption')}
        rows={[...(report.versions ?? [])].reverse()}
        rowKey={(v) => String(v.version)}
        columns={[
          { header: t('municipality.reports.version'), cell: (v) => (v.version === chosen ? <strong>{t('municipality.versions.shown', { version: v.version })}</strong> : v.version) },
          { header: t('municipality.versions.kind'), cell: (v) => t(`municipality.versionKind.${v.kind}`) },
          { header: t('municipality.versions.made'), cell: (v) => dateTime(v.createdAt) },
          {
            header: t('common.actions'),
            cell: (v) => (
              <div className="button-row">
                {v.version !== chosen && (
                  <button type="button" className="button button--small" onClick={() => setParams({ version: String(v.version) }, { replace: true })} aria-label={t('municipality.versions.readLabel', { version: v.version })}>
                    {t('municipality.versions.read')}
                  </button>
                )}
                <button type="button" className="button button--small" onClick={() => downloadPdf(v.version)} aria-label={t('municipality.versions.pdfLabel', { version: v.version })}>
                  {t('municipality.versions.pdf')}
                </button>
              </div>
            ),
          },
        ]}
      />
      <Async loaded={version}>
        {(v) => (
          <article className="card" aria-labelledby="version-title">
            <h3 id="version-title">{t('municipality.versions.heading', { version: v.version, kind: t(`municipality.versionKind.${v.kind}`) })}</h3>
            {NARRATIVE_SECTIONS.map((section) => (
              <div key={section} className="narrative">
                <h4>{t(`municipality.narrative.${section}`)}</h4>
                {v.narrative[section]?.trim() ? <p>{v.narrative[section]}</p> : <p className="muted">{t('municipality.narrative.empty')}</p>}
              </div>
            ))}
            {isFigures(v.figures) && (
              <details className="version-figures">
                <summary>{t('municipality.versions.figures', { version: v.version })}</summary>
                <FiguresView figures={v.figures} headingLevel={4} />
              </details>
            )}
          </article>
        )}
      </Async>
    </section>
  );
}

function isFigures(figures: Partial<AgreementFigures>): figures is AgreementFigures {
  return !!figures.spending && !!figures.matching && !!figures.outputs && !!figures.targets;
}

/** The reviewer's comments and the reasons changes were asked for, and a new comment on a version. */
function Comments({ report, path, onDone }: PartProps) {
  const { t, dateTime } = useI18n();
  const form = useForm();
  const [body, setBody] = useState('');
  const [version, setVersion] = useState(String(report.currentVersion));
  const comments = report.comments ?? [];
  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title">{t('municipality.comments.title')}</h2>
      {comments.length === 0 ? (
        <p className="muted">{t('municipality.comments.none')}</p>
      ) : (
        <ol className="comments">
          {comments.map((c) => (
            <li key={`${c.createdAt}-${c.kind}`} className="card">
              <p className="muted">
                {t(`municipality.commentKind.${c.kind}`)} · {t('municipality.comments.onVersion', { version: c.version })} · {dateTime(c.createdAt)}
              </p>
              <p>{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form
        className="form"
        noValidate
        onSubmit={async (event) => {
          if (await form.submit(() => api(path + '/comments', { method: 'POST', body: { version: Number(version), body } }))(event)) {
            setBody('');
            onDone(t('municipality.comments.added', { version }));
          }
        }}
      >
        <h3>{t('municipality.comments.add')}</h3>
        <FormErrors form={form} />
        <SelectField form={form} name="version" label={t('municipality.comments.version')} value={version} onValue={setVersion} options={[...(report.versions ?? [])].reverse().map((v) => ({ value: String(v.version), label: t('municipality.comments.versionOption', { version: v.version, kind: t(`municipality.versionKind.${v.kind}`) }) }))} />
        <TextArea form={form} name="body" label={t('municipality.comments.body')} rows={3} value={body} onValue={setBody} />
        <SubmitButton form={form} className="button">
          {t('municipality.comments.submit')}
        </SubmitButton>
      </form>
    </section>
  );
}
