import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Badge, ErrorNotice, Notice, Page } from '../../ui/components';
import { useForm, useLoad } from '../../ui/hooks';
import { address, displayName, Member } from '../board/board-api';
import { HELP_REQUEST_TONE, HelpRequest, Offer, slotTime } from './exchange-api';
import { SlotFinder } from './SlotFinder';
import { useCategories } from './use-people';

/**
 * One help request and the matching: the offers in its category that serve the resident's postcode, with their
 * free times. Proposing one asks both sides; the resident's yes can be given here on their behalf.
 */
export function HelpRequestPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const base = useCooperativePath();
  const location = useLocation();
  const [notice, setNotice] = useState<string | undefined>((location.state as { created?: string } | null)?.created);
  const request = useLoad((signal) => api<HelpRequest>(`${base}/help-requests/${id}`, { signal }), [base, id]);
  const consumerId = request.data?.consumerMemberId;
  const resident = useLoad((signal) => (consumerId ? api<Member>(`${base}/members/${consumerId}`, { signal }) : Promise.resolve(undefined)), [base, consumerId]);
  const offerId = request.data?.proposedOfferId;
  const provider = useLoad(
    async (signal) => {
      if (!offerId) return null;
      const offer = await api<Offer>(`${base}/offers/${offerId}`, { signal });
      return api<Member>(`${base}/members/${offer.providerMemberId}`, { signal });
    },
    [base, offerId],
  );
  const categories = useCategories();
  const action = useForm();
  const name = resident.data ? displayName(resident.data) : '';

  const act = (path: 'accept' | 'decline' | 'withdraw', message: string) =>
    action.run(async () => {
      await api(`${base}/help-requests/${id}/${path}`, { method: 'POST' });
      setNotice(message);
      request.reload();
    });
  const propose = (offerId: string, start: string, providerName: string) =>
    action.run(async () => {
      await api(`${base}/help-requests/${id}/propose`, { method: 'POST', body: { offerId, start } });
      setNotice(t('coordinator.helpRequest.proposed', { provider: providerName, time: slotTime(locale, start) }));
      request.reload();
    });

  return (
    <Page title={name ? t('coordinator.helpRequest.title', { name }) : t('coordinator.helpRequest.titleLoading')} actions={<Link to="/help-requests">{t('coordinator.helpRequest.back')}</Link>}>
      {notice && <Notice>{notice}</Notice>}
      {action.error && <ErrorNotice error={action.error} />}
      <Async loaded={request}>
        {(r) => {
          const category = categories.data?.find((c) => c.id === r.categoryId);
          const matching = r.status === 'open' || r.status === 'proposed';
          return (
            <>
              <div className="card">
                <dl className="facts">
                  <dt>{t('common.status')}</dt>
                  <dd>
                    <Badge tone={HELP_REQUEST_TONE[r.status]}>{t(`coordinator.helpRequest.status.${r.status}`)}</Badge>
                  </dd>
                  <dt>{t('coordinator.field.resident')}</dt>
                  <dd>
                    {name || '…'}
                    {resident.data && (
                      <span className="muted">
                        {' '}
                        · {address(resident.data)}
                        {resident.data.phone && ` · ${resident.data.phone}`}
                      </span>
                    )}
                  </dd>
                  <dt>{t('coordinator.field.category')}</dt>
                  <dd>{category?.name ?? '…'}</dd>
                  <dt>{t('coordinator.field.question')}</dt>
                  <dd>{r.description}</dd>
                </dl>
              </div>
              {r.status === 'proposed' && r.proposedStart && (
                <section aria-labelledby="proposal" className="card">
                  <h2 id="proposal">{t('coordinator.helpRequest.proposal')}</h2>
                  <p>{t('coordinator.helpRequest.proposalText', { provider: provider.data ? displayName(provider.data) : '…', time: slotTime(locale, r.proposedStart) })}</p>
                  <ul className="checklist">
                    <li>{t(r.consumerAccepted ? 'coordinator.helpRequest.residentYes' : 'coordinator.helpRequest.residentWaiting')}</li>
                    <li>{t(r.providerAccepted ? 'coordinator.helpRequest.providerYes' : 'coordinator.helpRequest.providerWaiting')}</li>
                  </ul>
                  <div className="button-row">
                    {!r.consumerAccepted && (
                      <button type="button" className="button button--primary" disabled={action.submitting} onClick={() => act('accept', t('coordinator.helpRequest.accepted', { name }))}>
                        {t('coordinator.helpRequest.acceptFor', { name })}
                      </button>
                    )}
                    <button type="button" className="button" disabled={action.submitting} onClick={() => act('decline', t('coordinator.helpRequest.declined'))}>
                      {t('coordinator.helpRequest.decline')}
                    </button>
                  </div>
                </section>
              )}
              {r.status === 'booked' && <Notice tone="info">{t('coordinator.helpRequest.isBooked')}</Notice>}
              {matching && (
                <section aria-labelledby="matching">
                  <h2 id="matching">{t('coordinator.helpRequest.matching')}</h2>
                  <p className="muted">{t('coordinator.helpRequest.matchingHint', { postcode: resident.data?.postcode ?? '…' })}</p>
                  {resident.data && (
                    <SlotFinder
                      categoryId={r.categoryId}
                      postcode={resident.data.postcode}
                      busy={action.submitting}
                      action={{
                        text: t('coordinator.helpRequest.propose'),
                        label: (result, slot) => t('coordinator.helpRequest.proposeLabel', { provider: result.providerName, time: slotTime(locale, slot.start) }),
                        run: (result, slot) => propose(result.offerId, slot.start, result.providerName),
                      }}
                    />
                  )}
                  <p>
                    <button type="button" className="button button--danger" disabled={action.submitting} onClick={() => act('withdraw', t('coordinator.helpRequest.withdrawn'))}>
                      {t('coordinator.helpRequest.withdraw', { name })}
                    </button>
                  </p>
                </section>
              )}
            </>
          );
        }}
      </Async>
    </Page>
  );
}
