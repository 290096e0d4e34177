import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Page } from '../../ui/components';
import { FormErrors, SelectField, SubmitButton, TextArea, TextField } from '../../ui/form';
import { useForm } from '../../ui/hooks';
import { displayName, Member } from '../board/board-api';
import { HelpRequest } from './exchange-api';
import { ResidentPicker } from './ResidentPicker';
import { useCategories } from './use-people';

/** Local date and time (from a datetime-local input) as an instant the API reads. */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** A coordinator writes down the request of a resident who called or came by (often someone without internet). */
export function NewHelpRequestPage() {
  const { t } = useI18n();
  const base = useCooperativePath();
  const navigate = useNavigate();
  const categories = useCategories();
  const form = useForm();
  const [resident, setResident] = useState<Member>();
  const [categoryId, setCategoryId] = useState('');
  const [description, setDescription] = useState('');
  const [preferredFrom, setPreferredFrom] = useState('');
  const [preferredTo, setPreferredTo] = useState('');
  const active = (categories.data ?? []).filter((c) => c.active);
  const category = categoryId || active[0]?.id || '';

  const save = form.submit(async () => {
    // Without a resident the API would file the request under the coordinator's own membership.
    if (!resident) throw new ApiError({ status: 400, title: t('coordinator.resident.missing'), errors: [{ field: 'consumerMemberId', messages: [t('coordinator.resident.missing')] }] });
    const request = await api<HelpRequest>(`${base}/help-requests`, {
      method: 'POST',
      body: { consumerMemberId: resident?.id, categoryId: category, description, preferredFrom: instant(preferredFrom), preferredTo: instant(preferredTo) },
    });
    navigate(`/help-requests/${request.id}`, { state: { created: t('coordinator.newRequest.saved', { name: resident ? displayName(resident) : '' }) } });
  });

  return (
    <Page title={t('coordinator.newRequest.title')} actions={<Link to="/help-requests">{t('coordinator.helpRequest.back')}</Link>}>
      <p className="muted">{t('coordinator.newRequest.intro')}</p>
      <form className="form" noValidate onSubmit={save}>
        <FormErrors form={form} />
        <ResidentPicker value={resident} onChange={setResident} error={form.fieldErrors.consumerMemberId} />
        <SelectField form={form} name="categoryId" label={t('coordinator.field.category')} value={category} onValue={setCategoryId} options={active.map((c) => ({ value: c.id, label: c.name }))} />
        <TextArea form={form} name="description" label={t('coordinator.field.question')} hint={t('coordinator.newRequest.questionHint')} value={description} onValue={setDescription} rows={4} required />
        <div className="form form--inline">
          <TextField form={form} name="preferredFrom" type="datetime-local" label={t('coordinator.newRequest.from')} value={preferredFrom} onValue={setPreferredFrom} />
          <TextField form={form} name="preferredTo" type="datetime-local" label={t('coordinator.newRequest.to')} value={preferredTo} onValue={setPreferredTo} />
        </div>
        <div>
          <SubmitButton form={form}>{t('coordinator.newRequest.submit')}</SubmitButton>
        </div>
      </form>
    </Page>
  );
}
