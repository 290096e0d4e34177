import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Async, Notice, Page } from '../../ui/components';
import { fieldId, FormErrors, SelectField, SubmitButton, TextField } from '../../ui/form';
import { FormState, useForm, useLoad } from '../../ui/hooks';

interface SignUpInfo {
  name: string;
  membershipTypes: Array<{ id: string; name: string; kind: string; mayBook: boolean; mayProvide: boolean }>;
  privacyStatement: { version: number; text: string; publishedAt: string };
}

interface Person {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

const EMPTY = { firstName: '', lastName: '', organisationName: '', email: '', phone: '', street: '', houseNumber: '', postcode: '', city: '' };

/** The public sign-up form: `/sign-up?cooperative=<slug>`. Without a cooperative in the link it asks which one. */
export function SignUpPage() {
  const [params] = useSearchParams();
  const slug = params.get('cooperative')?.trim();
  return slug ? <ApplicationForm slug={slug} /> : <ChooseCooperative />;
}

function ChooseCooperative() {
  const { t } = useI18n();
  const [, setParams] = useSearchParams();
  const [slug, setSlug] = useState('');
  const choose = (event: FormEvent) => {
    event.preventDefault();
    if (slug.trim()) setParams({ cooperative: slug.trim().toLowerCase() });
  };
  return (
    <Page title={t('board.signUp.title')}>
      <p>{t('board.signUp.whichIntro')}</p>
      <form className="form form--narrow" onSubmit={choose}>
        <TextField name="cooperative" label={t('board.signUp.which')} hint={t('board.signUp.whichHint')} value={slug} onValue={setSlug} required autoCapitalize="none" />
        <div>
          <button type="submit" className="button button--primary">
            {t('board.signUp.continue')}
          </button>
        </div>
      </form>
    </Page>
  );
}

function ApplicationForm({ slug }: { slug: string }) {
  const { t, date } = useI18n();
  const info = useLoad((signal) => api<SignUpInfo>(`/public/cooperatives/${encodeURIComponent(slug)}`, { signal }), [slug]);
  const form = useForm();
  const [fields, setFields] = useState(EMPTY);
  const [typeId, setTypeId] = useState('');
  const [role, setRole] = useState<'consumer' | 'provider' | 'both'>('consumer');
  const [persons, setPersons] = useState<Person[]>([]);
  const [consent, setConsent] = useState(false);
  const [sent, setSent] = useState(false);
  const set = (name: keyof typeof EMPTY) => (value: string) => setFields((previous) => ({ ...previous, [name]: value }));

  return (
    <Page title={info.data ? t('board.signUp.titleOf', { name: info.data.name }) : t('board.signUp.title')}>
      <Async loaded={info}>
        {(coop) => {
          // No type chosen in advance: joining as the wrong kind of member is worse than one more click.
          const type = coop.membershipTypes.find((candidate) => candidate.id === typeId);
          const organisation = type?.kind === 'organisation';
          const household = type?.kind === 'household';
          if (sent)
            return (
              <>
                <Notice>{t('board.signUp.sent', { email: fields.email, name: coop.name })}</Notice>
                <p>
                  <Link to="/login">{t('board.signUp.toLogin')}</Link>
                </p>
              </>
            );
          const submit = form.submit(async () => {
            const optional = (value: string) => value.trim() || undefined;
            await api(`/public/cooperatives/${encodeURIComponent(slug)}/applications`, {
              method: 'POST',
              body: {
                membershipTypeId: type?.id ?? '',
                role,
                firstName: organisation ? undefined : optional(fields.firstName),
                lastName: organisation ? undefined : optional(fields.lastName),
                organisationName: organisation ? optional(fields.organisationName) : undefined,
                email: fields.email.trim(),
                phone: optional(fields.phone),
                street: fields.street.trim(),
                houseNumber: fields.houseNumber.trim(),
                postcode: fields.postcode.trim(),
                city: fields.city.trim(),
                householdPersons: household ? persons.map((p) => ({ firstName: p.firstName.trim(), lastName: p.lastName.trim(), dateOfBirth: p.dateOfBirth || undefined })) : undefined,
                privacyConsent: consent,
                privacyStatementVersion: coop.privacyStatement.version,
              },
            });
            setSent(true);
          });
          return (
            <>
              <p>{t('board.signUp.intro', { name: coop.name })}</p>
              <form className="form" noValidate onSubmit={submit}>
                <FormErrors form={form} />
                <SelectField
                  form={form}
                  name="membershipTypeId"
                  label={t('board.signUp.type')}
                  value={type?.id ?? ''}
                  onValue={setTypeId}
                  options={[{ value: '', label: t('board.signUp.chooseType') }, ...coop.membershipTypes.map((candidate) => ({ value: candidate.id, label: candidate.name }))]}
                />
                <SelectField
                  form={form}
                  name="role"
                  label={t('board.signUp.role')}
                  hint={t('board.signUp.roleHint')}
                  value={role}
                  onValue={(value) => setRole(value as typeof role)}
                  options={(['consumer', 'provider', 'both'] as const).map((value) => ({ value, label: t(`board.signUp.role.${value}`) }))}
                />
                <fieldset className="fieldset">
                  <legend>{organisation ? t('board.signUp.organisation') : t('board.signUp.you')}</legend>
                  {organisation ? (
                    <TextField form={form} name="organisationName" label={t('board.signUp.organisationName')} value={fields.organisationName} onValue={set('organisationName')} required />
                  ) : (
                    <div className="field-pair">
                      <TextField form={form} name="firstName" label={t('board.signUp.firstName')} autoComplete="given-name" value={fields.firstName} onValue={set('firstName')} required />
                      <TextField form={form} name="lastName" label={t('board.signUp.lastName')} autoComplete="family-name" value={fields.lastName} onValue={set('lastName')} required />
                    </div>
                  )}
                  <TextField form={form} name="email" type="email" label={t('board.signUp.email')} hint={t('board.signUp.emailHint')} autoComplete="email" value={fields.email} onValue={set('email')} required />
                  <TextField form={form} name="phone" type="tel" label={t('board.signUp.phone')} autoComplete="tel" value={fields.phone} onValue={set('phone')} />
                </fieldset>
                <fieldset className="fieldset">
                  <legend>{t('board.signUp.address')}</legend>
                  <div className="field-pair">
                    <TextField form={form} name="street" label={t('board.signUp.street')} autoComplete="address-line1" value={fields.street} onValue={set('street')} required />
                    <TextField form={form} name="houseNumber" label={t('board.signUp.houseNumber')} value={fields.houseNumber} onValue={set('houseNumber')} required size={6} />
                  </div>
                  <div className="field-pair">
                    <TextField form={form} name="postcode" label={t('board.signUp.postcode')} hint={t('board.signUp.postcodeHint')} autoComplete="postal-code" value={fields.postcode} onValue={set('postcode')} required size={8} />
                    <TextField form={form} name="city" label={t('board.signUp.city')} autoComplete="address-level2" value={fields.city} onValue={set('city')} required />
                  </div>
                </fieldset>
                {household && <HouseholdFields form={form} persons={persons} onChange={setPersons} />}
                <fieldset className="fieldset">
                  <legend>{t('board.signUp.privacy')}</legend>
                  <p className="muted">{t('board.signUp.privacyVersion', { version: coop.privacyStatement.version, date: date(coop.privacyStatement.publishedAt) })}</p>
                  <div className="privacy-text" tabIndex={0} role="region" aria-label={t('board.signUp.privacy')}>
                    {coop.privacyStatement.text.split(/\n{2,}/).map((paragraph, index) => (
                      <p key={index}>{paragraph}</p>
                    ))}
                  </div>
                  <Checkbox form={form} name="privacyConsent" alsoFor={['privacyStatementVersion']} checked={consent} onChange={setConsent} label={t('board.signUp.consent', { name: coop.name })} />
                </fieldset>
                <div>
                  <SubmitButton form={form}>{t('board.signUp.submit')}</SubmitButton>
                </div>
              </form>
            </>
          );
        }}
      </Async>
      <p>
        {t('board.signUp.member')} <Link to="/login">{t('board.signUp.toLogin')}</Link>
      </p>
    </Page>
  );
}

/** The other persons of a household membership; each row's fields carry the API's message for that person. */
function HouseholdFields({ form, persons, onChange }: { form: FormState; persons: Person[]; onChange(persons: Person[]): void }) {
  const { t } = useI18n();
  const update = (index: number, name: keyof Person, value: string) => onChange(persons.map((person, i) => (i === index ? { ...person, [name]: value } : person)));
  const message = form.fieldErrors.householdPersons;
  return (
    <fieldset className="fieldset" id={fieldId('householdPersons')}>
      <legend>{t('board.signUp.household')}</legend>
      <p className="field__hint">{t('board.signUp.householdHint')}</p>
      {message && <p className="field__error">{message}</p>}
      {persons.map((person, index) => (
        <div key={index} className="household-person">
          <TextField form={form} name={`householdPersons[${index}].firstName`} label={t('board.signUp.personFirstName', { n: index + 1 })} value={person.firstName} onValue={(v) => update(index, 'firstName', v)} />
          <TextField form={form} name={`householdPersons[${index}].lastName`} label={t('board.signUp.personLastName', { n: index + 1 })} value={person.lastName} onValue={(v) => update(index, 'lastName', v)} />
          <TextField form={form} name={`householdPersons[${index}].dateOfBirth`} type="date" label={t('board.signUp.personBirth', { n: index + 1 })} value={person.dateOfBirth} onValue={(v) => update(index, 'dateOfBirth', v)} />
          <button type="button" className="button button--small" onClick={() => onChange(persons.filter((_, i) => i !== index))}>
            {t('board.signUp.removePerson', { n: index + 1 })}
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="button" onClick={() => onChange([...persons, { firstName: '', lastName: '', dateOfBirth: '' }])} disabled={persons.length >= 12}>
          {t('board.signUp.addPerson')}
        </button>
      </div>
    </fieldset>
  );
}

/** A checkbox with its label after it and the API's message above it, as the other fields have. */
function Checkbox({ form, name, alsoFor = [], checked, onChange, label }: { form: FormState; name: string; alsoFor?: string[]; checked: boolean; onChange(checked: boolean): void; label: string }) {
  const id = fieldId(name);
  const message = [name, ...alsoFor].map((field) => form.fieldErrors[field]).filter(Boolean).join(' ');
  return (
    <div className={message ? 'field field--error' : 'field'}>
      {message && (
        <p className="field__error" id={`${id}-error`}>
          {message}
        </p>
      )}
      <label className="checkbox" htmlFor={id}>
        <input id={id} type="checkbox" name={name} checked={checked} onChange={(event) => onChange(event.target.checked)} aria-invalid={message ? true : undefined} aria-describedby={message ? `${id}-error` : undefined} />
        <span>{label}</span>
      </label>
    </div>
  );
}
