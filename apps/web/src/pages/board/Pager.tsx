import { useI18n } from '../../i18n/i18n';

/** Previous / next through a paged list, with where the reader is ("21–40 of 57"). */
export function Pager({ page, pageSize, total, onPage, label }: { page: number; pageSize: number; total: number; onPage(page: number): void; label: string }) {
  const { t } = useI18n();
  if (total <= pageSize) return null;
  const last = Math.ceil(total / pageSize);
  const first = (page - 1) * pageSize + 1;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button button--small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('board.pager.previous')}
      </button>
      <span aria-live="polite">{t('board.pager.range', { from: first, to: Math.min(total, page * pageSize), total })}</span>
      <button type="button" className="button button--small" disabled={page >= last} onClick={() => onPage(page + 1)}>
        {t('board.pager.next')}
      </button>
    </nav>
  );
}
