import { ReactNode, useEffect } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Loaded } from './hooks';

/** A page: its heading, which the frame focuses after each navigation (AppShell), and the document title. */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Buurtcoop`;
  }, [title]);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page__header">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="page__actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/** Shows a loading line, the API's refusal, or the loaded data. */
export function Async<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (loaded.error) return <ErrorNotice error={loaded.error} />;
  if (loaded.data === undefined)
    return (
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    );
  return <>{children(loaded.data)}</>;
}

export function ErrorNotice({ error }: { error: Error }) {
  const { t } = useI18n();
  const problem = error instanceof ApiError ? error.problem : undefined;
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{problem?.title ?? t('common.error.network')}</p>
      <p>{problem?.detail ?? error.message}</p>
    </div>
  );
}

/** A confirmation after an action, announced politely. */
export function Notice({ children, tone = 'success' }: { children: ReactNode; tone?: 'success' | 'info' | 'warning' }) {
  return (
    <div className={`alert alert--${tone}`} role="status">
      {children}
    </div>
  );
}

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Right-aligned (amounts, counts). */
  numeric?: boolean;
}

/** A table with a caption; on a phone each row becomes a card with the column names as labels. */
export function DataTable<T>({ caption, rows, columns, rowKey, empty }: { caption: string; rows: T[]; columns: Array<Column<T>>; rowKey: (row: T) => string; empty?: string }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p className="muted">{empty ?? t('common.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.header} data-label={column.header} className={column.numeric ? 'numeric' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A status as a coloured label; the text itself carries the meaning (colour is never the only cue). */
export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'good' | 'warn' | 'bad'; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

export interface Bar {
  label: string;
  value: number;
  /** A second figure drawn beside it (e.g. budget against spent). */
  compare?: number;
}

/**
 * A horizontal bar chart in SVG that stays readable at any width: the bars are sized in percent of the width,
 * the text keeps the page's own size, and each label stands above its bar (label left, figure right), so a
 * 360 px phone shows it as well as a desk. It is described for screen readers by the table it is drawn from,
 * which follows it (visually hidden).
 */
export function BarChart({ title, bars, format, legend }: { title: string; bars: Bar[]; format: (value: number) => string; legend?: [string, string] }) {
  const max = Math.max(1, ...bars.flatMap((bar) => [bar.value, bar.compare ?? 0]));
  const row = legend ? 52 : 40;
  const percent = (value: number) => `${Math.max(0.4, (value / max) * 100)}%`;
  return (
    <figure className="chart chart--fluid">
      <figcaption>{title}</figcaption>
      {legend && (
        <p className="chart__legend" aria-hidden="true">
          <span className="swatch swatch--a" /> {legend[0]} <span className="swatch swatch--b" /> {legend[1]}
        </p>
      )}
      <svg width="100%" height={bars.length * row} role="img" aria-label={title}>
        {bars.map((bar, index) => {
          const y = index * row;
          return (
            <g key={bar.label}>
              <text x="0" y={y + 14} className="chart__label">
                {bar.label}
              </text>
              <text x="100%" y={y + 14} textAnchor="end" className="chart__value">
                {bar.compare === undefined ? format(bar.value) : `${format(bar.value)} / ${format(bar.compare)}`}
              </text>
              <rect x="0" y={y + 20} width={percent(bar.value)} height="12" className="chart__bar" />
              {bar.compare !== undefined && <rect x="0" y={y + 34} width={percent(bar.compare)} height="8" className="chart__bar chart__bar--compare" />}
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        {legend && (
          <thead>
            <tr>
              <td />
              <th scope="col">{legend[0]}</th>
              <th scope="col">{legend[1]}</th>
            </tr>
          </thead>
        )}
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td>{format(bar.value)}</td>
              {bar.compare !== undefined && <td>{format(bar.compare)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
