import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { ErrorNotice, Notice, Page } from '../../ui/components';
import { SelectField, TextArea } from '../../ui/form';
import { useForm } from '../../ui/hooks';
import { displayName, Member } from '../board/board-api';
import { Booking, slotTime } from './exchange-api';
import { ResidentPicker } from './ResidentPicker';
import { SlotFinder } from './SlotFinder';
import { useCategories } from './use-people';

/**
 * Booking on behalf of a resident without internet: the resident is the consumer of the booking (they pay and
 * confirm the work), the coordinator only did the clicking. The provider confirms it as any other booking.
 */
export function BookForResidentPage() {
  const { t, locale } = useI18n();
  const base = useCooperativePath();
  const categories = useCategories();
  const form = useForm();
  const [resident, setResident] = useState<Member>();
  const [categoryId, setCategoryId] = useState('');
  const [notes, setNotes] = useState('');
  const [booked, setBooked] = useState<string>();
  const active = (categories.data ?? []).filter((c) => c.active);
  const category = categoryId || active[0]?.id || '';

  const book = (offerId: string, start: string, providerName: string) =>
    form.run(async () => {
      if (!resident) return;
      await api<Booking>(`${base}/bookings`, { method: 'POST', body: { offerId, start, consumerMemberId: resident.id, notes: notes.trim() || undefined } });
      setBooked(t('coordinator.book.done', { name: displayName(resident), provider: providerName, time: slotTime(locale, start) }));
      setNotes('');
    });

  return (
    <Page title={t('coordinator.book.title')}>
      {booked && <Notice>{booked}</Notice>}
      <p className="muted">{t('coordinator.book.intro')}</p>
      <div className="form">
        <ResidentPicker
          value={resident}
          onChange={(member) => {
            setResident(member);
            setBooked(undefined);
          }}
        />
        <SelectField form={form} name="categoryId" label={t('coordinator.field.category')} value={category} onValue={setCategoryId} options={active.map((c) => ({ value: c.id, label: c.name }))} />
        <TextArea form={form} name="notes" label={t('coordinator.book.notes')} hint={t('coordinator.book.notesHint')} value={notes} onValue={setNotes} rows={2} />
      </div>
      {form.error && <ErrorNotice error={form.error} />}
      {resident && category && (
        <section aria-labelledby="slots">
          <h2 id="slots">{t('coordinator.book.slots', { name: displayName(resident) })}</h2>
          <SlotFinder
            categoryId={category}
            postcode={resident.postcode}
            busy={form.submitting}
            action={{
              text: t('coordinator.book.book'),
              label: (result, slot) => t('coordinator.book.bookLabel', { name: displayName(resident), provider: result.providerName, time: slotTime(locale, slot.start) }),
              run: (result, slot) => book(result.offerId, slot.start, result.providerName),
            }}
          />
        </section>
      )}
    </Page>
  );
}
