import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, DataTable, Notice, Page } from '../../ui/components';
import { FormErrors } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';
import { Booking, BookingStatusBadge, hasStarted, OwnMember, useCategories, useWhen } from '../resident/exchange';

/** The bookings where the member provides: what is asked of them, in the order it happens. */
export function useProvided() {
  const path = useCooperativePath();
  return useLoad(async (signal) => {
    const [me, all] = await Promise.all([api<OwnMember>(`${path}/members/me`, { signal }), api<Booking[]>(`${path}/bookings/mine`, { signal })]);
    return all.filter((b) => b.providerMemberId === me.id).sort((a, b) => a.start.localeCompare(b.start));
  }, [path]);
}

const OPEN: Booking['status'][] = ['requested', 'confirmed', 'delivered', 'disputed'];

/**
 * Requests from residents: confirm or decline what is asked, cancel what no longer fits, and once a booking has
 * started, log the hours on the hours page.
 */
export function IncomingRequestsPage() {
  const { t } = useI18n();
  const path = useCooperativePath();
  const when = useWhen();
  const categories = useCategories();
  const provided = useProvided();
  const actions = useForm();
  const [notice, setNotice] = useState<string | undefined>();
  const [showAll, setShowAll] = useState(false);

  const service = (b: Booking) => categories.byId.get(b.categoryId)?.name ?? t('provider.requests.service');
  const label = (b: Booking) => `${service(b)}, ${when.span(b.start, b.end)}`;
  const act = (b: Booking, action: 'confirm' | 'decline' | 'cancel', done: string) =>
    actions.run(async () => {
      await api(`${path}/bookings/${b.id}/${action}`, { method: 'POST' });
      setNotice(done);
      provided.reload();
    });

  return (
    <Page title={t('provider.requests.title')}>
      {notice && <Notice>{notice}</Notice>}
      <FormErrors form={actions} />
      <Async loaded={provided}>
        {(bookings) => {
          const requested = bookings.filter((b) => b.status === 'requested').length;
          const rows = showAll ? [...bookings].reverse() : bookings.filter((b) => OPEN.includes(b.status));
          return (
            <>
              <p>{requested > 0 ? t(`provider.requests.waiting.${requested === 1 ? 'one' : 'other'}`, { count: requested }) : t('provider.requests.nothingWaiting')}</p>
              <DataTable
                caption={showAll ? t('provider.requests.captionAll') : t('provider.requests.caption')}
                rows={rows}
                rowKey={(b) => b.id}
                empty={t('provider.requests.empty')}
                columns={[
                  { header: t('provider.requests.when'), cell: (b) => when.span(b.start, b.end) },
                  { header: t('provider.requests.service'), cell: (b) => service(b) },
                  { header: t('common.status'), cell: (b) => <BookingStatusBadge status={b.status} /> },
                  { header: t('provider.requests.note'), cell: (b) => b.notes ?? <span className="muted">—</span> },
                  {
                    header: t('common.actions'),
                    cell: (b) => (
                      <div className="button-row">
                        {b.status === 'requested' && (
                          <>
                            <button type="button" className="button button--small button--primary" disabled={actions.submitting} aria-label={t('provider.requests.confirmLabel', { booking: label(b) })} onClick={() => void act(b, 'confirm', t('provider.requests.confirmed', { booking: label(b) }))}>
                              {t('provider.requests.confirm')}
                            </button>
                            <button type="button" className="button button--small button--danger" disabled={actions.submitting} aria-label={t('provider.requests.declineLabel', { booking: label(b) })} onClick={() => void act(b, 'decline', t('provider.requests.declined', { booking: label(b) }))}>
                              {t('provider.requests.decline')}
                            </button>
                          </>
                        )}
                        {b.status === 'confirmed' && !hasStarted(b) && (
                          <button type="button" className="button button--small" disabled={actions.submitting} aria-label={t('provider.requests.cancelLabel', { booking: label(b) })} onClick={() => void act(b, 'cancel', t('provider.requests.cancelled', { booking: label(b) }))}>
                            {t('provider.requests.cancel')}
                          </button>
                        )}
                        {b.status === 'confirmed' && hasStarted(b) && (
                          <Link className="button button--small button--primary" to="/my-hours" aria-label={t('provider.requests.logLabel', { booking: label(b) })}>
                            {t('provider.requests.log')}
                          </Link>
                        )}
                        {b.status === 'delivered' && <span className="muted">{t('provider.requests.awaitingResident')}</span>}
                      </div>
                    ),
                  },
                ]}
              />
              <button type="button" className="link-button" aria-pressed={showAll} onClick={() => setShowAll(!showAll)}>
                {showAll ? t('provider.requests.showOpen') : t('provider.requests.showAll')}
              </button>
            </>
          );
        }}
      </Async>
    </Page>
  );
}
