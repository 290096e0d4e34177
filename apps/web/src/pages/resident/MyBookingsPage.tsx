import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, DataTable, ErrorNotice, Notice, Page } from '../../ui/components';
import { FormErrors, SelectField, SubmitButton, TextArea } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';
import { Booking, BookingStatusBadge, hasStarted, OwnMember, PanelHeading, Review, useCategories, useWhen } from './exchange';

interface Mine {
  bookings: Booking[];
  /** The resident's own review per completed booking, if written. */
  reviewed: Map<string, Review>;
}

type Panel = { kind: 'review' | 'dispute'; booking: Booking };

/**
 * The services the resident booked, newest first, with what each status allows: cancel before the start,
 * confirm or dispute the work the provider logged, review it once completed.
 */
export function MyBookingsPage() {
  const { t } = useI18n();
  const path = useCooperativePath();
  const when = useWhen();
  const categories = useCategories();
  const actions = useForm();
  const [notice, setNotice] = useState<string | undefined>();
  const [panel, setPanel] = useState<Panel | undefined>();
  const [cancelling, setCancelling] = useState<string | undefined>();
  const mine = useLoad(async (signal): Promise<Mine> => {
    const [me, all] = await Promise.all([api<OwnMember>(`${path}/members/me`, { signal }), api<Booking[]>(`${path}/bookings/mine`, { signal })]);
    const bookings = all.filter((b) => b.consumerMemberId === me.id).sort((a, b) => b.start.localeCompare(a.start));
    const reviews = await Promise.all(bookings.filter((b) => b.status === 'completed').map(async (b) => [b.id, (await api<Review[]>(`${path}/bookings/${b.id}/reviews`, { signal })).find((r) => r.authorSide === 'consumer')] as const));
    return { bookings, reviewed: new Map(reviews.filter((entry): entry is readonly [string, Review] => entry[1] !== undefined)) };
  }, [path]);

  const act = (booking: Booking, action: 'cancel' | 'complete', done: string) =>
    actions.run(async () => {
      await api(`${path}/bookings/${booking.id}/${action}`, { method: 'POST' });
      setNotice(done);
      setCancelling(undefined);
      mine.reload();
    });

  const service = (booking: Booking) => categories.byId.get(booking.categoryId)?.name ?? t('resident.bookings.service');
  const label = (booking: Booking) => `${service(booking)}, ${when.span(booking.start, booking.end)}`;

  return (
    <Page title={t('resident.bookings.title')} actions={<Link className="button" to="/services">{t('resident.bookings.findMore')}</Link>}>
      {notice && <Notice>{notice}</Notice>}
      <FormErrors form={actions} />
      <Async loaded={mine}>
        {({ bookings, reviewed }) => (
          <>
            <DataTable
              caption={t('resident.bookings.caption')}
              rows={bookings}
              rowKey={(b) => b.id}
              empty={t('resident.bookings.empty')}
              columns={[
                { header: t('resident.bookings.when'), cell: (b) => when.span(b.start, b.end) },
                { header: t('resident.bookings.service'), cell: (b) => service(b) },
                { header: t('common.status'), cell: (b) => <BookingStatusBadge status={b.status} /> },
                { header: t('common.details'), cell: (b) => <BookingDetails booking={b} review={reviewed.get(b.id)} /> },
                {
                  header: t('common.actions'),
                  cell: (b) => (
                    <div className="button-row">
                      {(b.status === 'requested' || b.status === 'confirmed') && !hasStarted(b) &&
                        (cancelling === b.id ? (
                          <>
                            <button type="button" className="button button--small button--danger" disabled={actions.submitting} onClick={() => void act(b, 'cancel', t('resident.bookings.cancelled', { booking: label(b) }))}>
                              {t('resident.bookings.cancelConfirm')}
                            </button>
                            <button type="button" className="button button--small" onClick={() => setCancelling(undefined)}>
                              {t('resident.bookings.keep')}
                            </button>
                          </>
                        ) : (
                          <button type="button" className="button button--small" aria-label={t('resident.bookings.cancelLabel', { booking: label(b) })} onClick={() => setCancelling(b.id)}>
                            {t('resident.bookings.cancel')}
                          </button>
                        ))}
                      {b.status === 'delivered' && (
                        <>
                          <button type="button" className="button button--small button--primary" disabled={actions.submitting} aria-label={t('resident.bookings.completeLabel', { booking: label(b) })} onClick={() => void act(b, 'complete', t('resident.bookings.completed', { booking: label(b) }))}>
                            {t('resident.bookings.complete')}
                          </button>
                          <button type="button" className="button button--small" aria-label={t('resident.bookings.disputeLabel', { booking: label(b) })} onClick={() => setPanel({ kind: 'dispute', booking: b })}>
                            {t('resident.bookings.dispute')}
                          </button>
                        </>
                      )}
                      {b.status === 'completed' && !reviewed.has(b.id) && (
                        <button type="button" className="button button--small" aria-label={t('resident.bookings.reviewLabel', { booking: label(b) })} onClick={() => setPanel({ kind: 'review', booking: b })}>
                          {t('resident.bookings.review')}
                        </button>
                      )}
                    </div>
                  ),
                },
              ]}
            />
            {panel?.kind === 'review' && (
              <ReviewForm
                booking={panel.booking}
                label={label(panel.booking)}
                onClose={() => setPanel(undefined)}
                onDone={() => {
                  setNotice(t('resident.bookings.reviewed', { booking: label(panel.booking) }));
                  setPanel(undefined);
                  mine.reload();
                }}
              />
            )}
            {panel?.kind === 'dispute' && (
              <DisputeForm
                booking={panel.booking}
                label={label(panel.booking)}
                onClose={() => setPanel(undefined)}
                onDone={() => {
                  setNotice(t('resident.bookings.disputed', { booking: label(panel.booking) }));
                  setPanel(undefined);
                  mine.reload();
                }}
              />
            )}
          </>
        )}
      </Async>
      {categories.error && <ErrorNotice error={categories.error} />}
    </Page>
  );
}

/** What there is to know beyond the status: the note, the time logged, who cancelled. */
export function BookingDetails({ booking, review }: { booking: Booking; review?: Review }) {
  const { t, money } = useI18n();
  const lines: string[] = [];
  if (booking.notes) lines.push(t('resident.bookings.note', { note: booking.notes }));
  if (booking.actualMinutes !== null) lines.push(t('resident.bookings.logged', { minutes: booking.actualMinutes }));
  if (booking.materialCents) lines.push(t('resident.bookings.materials', { amount: money(booking.materialCents) }));
  if (booking.noShow) lines.push(t(`resident.bookings.noShow.${booking.noShow}`));
  else if (booking.cancelledBy) lines.push(t(`resident.bookings.cancelledBy.${booking.cancelledBy}`) + (booking.lateCancellation ? ` ${t('resident.bookings.late')}` : ''));
  if (review) lines.push(t('resident.bookings.yourReview', { rating: review.rating }));
  if (booking.status === 'requested') lines.push(t('resident.bookings.waiting'));
  if (lines.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="plain-list">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

function ReviewForm({ booking, label, onClose, onDone }: { booking: Booking; label: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const path = useCooperativePath();
  const form = useForm();
  const [rating, setRating] = useState('5');
  const [comment, setComment] = useState('');
  const submit = form.submit(async () => {
    await api(`${path}/bookings/${booking.id}/reviews`, { method: 'POST', body: { rating: Number(rating), comment: comment.trim() || undefined } });
    onDone();
  });
  return (
    <section className="card panel" aria-labelledby="review-title">
      <PanelHeading id="review-title">
        {t('resident.bookings.reviewTitle', { booking: label })}
      </PanelHeading>
      <form className="form form--narrow" onSubmit={submit}>
        <FormErrors form={form} />
        <SelectField form={form} name="rating" label={t('resident.bookings.rating')} value={rating} onValue={setRating} options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t(`resident.bookings.stars.${n}`) }))} />
        <TextArea form={form} name="comment" label={t('resident.bookings.comment')} hint={t('resident.bookings.commentHint')} value={comment} onValue={setComment} maxLength={2000} />
        <div className="button-row">
          <SubmitButton form={form}>{t('resident.bookings.sendReview')}</SubmitButton>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

function DisputeForm({ booking, label, onClose, onDone }: { booking: Booking; label: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const path = useCooperativePath();
  const form = useForm();
  const [reason, setReason] = useState('');
  const submit = form.submit(async () => {
    await api(`${path}/bookings/${booking.id}/dispute`, { method: 'POST', body: { reason } });
    onDone();
  });
  return (
    <section className="card panel" aria-labelledby="dispute-title">
      <PanelHeading id="dispute-title">
        {t('resident.bookings.disputeTitle', { booking: label })}
      </PanelHeading>
      <form className="form form--narrow" onSubmit={submit}>
        <FormErrors form={form} />
        <TextArea form={form} name="reason" label={t('resident.bookings.reason')} hint={t('resident.bookings.reasonHint')} value={reason} onValue={setReason} required maxLength={1000} />
        <div className="button-row">
          <SubmitButton form={form}>{t('resident.bookings.sendDispute')}</SubmitButton>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
