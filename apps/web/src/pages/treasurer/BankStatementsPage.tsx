import { FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Badge, DataTable, Notice, Page } from '../../ui/components';
import { FileField, FormErrors, SubmitButton } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';
import { BankStatement, ImportResult, Page as ApiPage } from './types';
import { UploadProgress, uploadWithProgress } from './upload';

/** Bank statements: import a file from the bank with a progress bar, see what it did, and the earlier imports. */
export function BankStatementsPage() {
  const { t, money, date } = useI18n();
  const base = useCooperativePath();
  const statements = useLoad((signal) => api<ApiPage<BankStatement>>(`${base}/bank-statements`, { query: { pageSize: 50 }, signal }), [base]);
  const form = useForm();
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<UploadProgress>();
  const [result, setResult] = useState<ImportResult>();

  const upload = (event: FormEvent) =>
    form.submit(async () => {
      setResult(undefined);
      if (!file) throw new ApiError({ status: 400, title: t('treasurer.import.noFile.title'), errors: [{ field: 'file', messages: [t('treasurer.import.noFile')] }] });
      setProgress({ loaded: 0, total: file.size });
      try {
        setResult(await uploadWithProgress<ImportResult>(`${base}/bank-statements`, file, setProgress));
      } catch (error) {
        setProgress(undefined);
        throw error;
      }
      statements.reload();
    })(event);

  const percent = progress ? Math.round((progress.loaded / Math.max(1, progress.total)) * 100) : 0;
  const uploaded = progress !== undefined && percent >= 100;

  return (
    <Page title={t('treasurer.statements.title')}>
      <section className="card" aria-labelledby="import-heading">
        <h2 id="import-heading">{t('treasurer.import.heading')}</h2>
        <p className="muted">{t('treasurer.import.intro')}</p>
        <form className="form" onSubmit={upload} noValidate>
          <FormErrors form={form} />
          <FileField form={form} name="file" label={t('treasurer.import.file')} hint={t('treasurer.import.fileHint')} accept=".xml,.sta,.940,.mt940,.txt,.csv" onFile={setFile} />
          <div className="button-row">
            <SubmitButton form={form}>{t('treasurer.import.submit')}</SubmitButton>
          </div>
        </form>
        {progress && (
          <div className="upload-progress">
            <label htmlFor="upload-progress">{uploaded ? (result ? t('treasurer.import.uploaded') : t('treasurer.import.processing')) : t('treasurer.import.uploading', { percent })}</label>
            <progress id="upload-progress" max={100} value={percent}>
              {percent}%
            </progress>
          </div>
        )}
      </section>

      {result && <ImportOutcome result={result} />}

      <h2>{t('treasurer.statements.earlier')}</h2>
      <Async loaded={statements}>
        {(page) => (
          <DataTable
            caption={t('treasurer.statements.caption', { count: page.total })}
            rows={page.items}
            rowKey={(s) => s.id}
            empty={t('treasurer.statements.empty')}
            columns={[
              { header: t('treasurer.statements.file'), cell: (s) => <Link to={`/treasury/bank-statements/${s.id}`}>{s.fileName ?? t('treasurer.statements.unnamed')}</Link> },
              { header: t('treasurer.statements.period'), cell: (s) => periodText(s, date) },
              { header: t('treasurer.statements.lines'), numeric: true, cell: (s) => s.lineCount },
              { header: t('treasurer.statements.total'), numeric: true, cell: (s) => money(s.totalCents) },
              { header: t('treasurer.statements.balanced'), cell: (s) => <BalancedBadge balanced={s.balanced} /> },
            ]}
          />
        )}
      </Async>
    </Page>
  );
}

export function periodText(s: BankStatement, date: (value: string | null) => string): string {
  if (!s.openingDate && !s.closingDate) return '—';
  if (s.openingDate === s.closingDate) return date(s.openingDate);
  return `${date(s.openingDate)} – ${date(s.closingDate)}`;
}

export function BalancedBadge({ balanced }: { balanced: boolean | null }) {
  const { t } = useI18n();
  if (balanced === null) return <Badge>{t('treasurer.balanced.unknown')}</Badge>;
  return balanced ? <Badge tone="good">{t('treasurer.balanced.yes')}</Badge> : <Badge tone="bad">{t('treasurer.balanced.no')}</Badge>;
}

function ImportOutcome({ result }: { result: ImportResult }) {
  const { t, money, date } = useI18n();
  return (
    <section className="card" aria-labelledby="result-heading">
      <h2 id="result-heading">{t('treasurer.import.result')}</h2>
      {result.duplicate ? (
        <Notice tone="warning">{t('treasurer.import.duplicate')}</Notice>
      ) : (
        <Notice>{t('treasurer.import.done', { lines: result.newLineCount, matched: result.matched, unmatched: result.unmatched })}</Notice>
      )}
      <dl className="stats">
        <div className="stat">
          <dt>{t('treasurer.import.lines')}</dt>
          <dd>{result.lineCount}</dd>
        </div>
        <div className="stat">
          <dt>{t('treasurer.import.new')}</dt>
          <dd>{result.newLineCount}</dd>
        </div>
        <div className="stat">
          <dt>{t('treasurer.import.matched')}</dt>
          <dd>{result.matched}</dd>
        </div>
        <div className="stat">
          <dt>{t('treasurer.import.unmatched')}</dt>
          <dd>{result.unmatched}</dd>
        </div>
      </dl>
      {Object.keys(result.byKind).length > 0 && (
        <p>
          {t('treasurer.import.byKind')}{' '}
          {Object.entries(result.byKind)
            .map(([kind, count]) => `${t(`treasurer.matchKind.${kind}`)}: ${count}`)
            .join(', ')}
        </p>
      )}
      {result.statements.map((s) => (
        <div key={s.id}>
          {s.gap && <Notice tone="warning">{t('treasurer.import.gap', { from: date(s.gap.from), through: date(s.gap.through), amount: money(s.gap.missingCents) })}</Notice>}
          {s.balanced === false && <Notice tone="warning">{t('treasurer.import.unbalanced')}</Notice>}
        </div>
      ))}
      {result.unmatched > 0 && !result.duplicate && (
        <p>
          <Link className="button button--primary" to="/treasury/reconciliation">
            {t('treasurer.import.toWorklist')}
          </Link>
        </p>
      )}
    </section>
  );
}
