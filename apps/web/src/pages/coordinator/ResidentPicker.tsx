import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { ErrorNotice } from '../../ui/components';
import { useForm } from '../../ui/hooks';
import { address, displayName, Member } from '../board/board-api';

/**
 * Finds the resident a coordinator acts for (by name, e-mail or member number) and lets them pick one. The
 * choice is a radio group so it works with the keyboard and a screen reader says which one is chosen.
 */
export function ResidentPicker({ value, onChange, error }: { value: Member | undefined; onChange(member: Member | undefined): void; error?: string }) {
  const { t } = useI18n();
  const base = useCooperativePath();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Member[]>();
  const lookup = useForm();
  const find = () =>
    lookup.run(async () => {
      const page = await api<{ items: Member[] }>(`${base}/members`, { query: { search: search.trim(), role: 'consumer', status: 'active', pageSize: 10 } });
      setFound(page.items);
    });

  return (
    <fieldset className={error ? 'field field--error resident-picker' : 'field resident-picker'}>
      <legend>{t('coordinator.resident.legend')}</legend>
      {error && (
        <p className="field__error" id="field-consumerMemberId">
          {error}
        </p>
      )}
      {value ? (
        <p>
          <strong>{displayName(value)}</strong> <span className="muted">({t('coordinator.resident.number', { number: value.memberNumber })}, {address(value)})</span>{' '}
          <button type="button" className="link-button" onClick={() => onChange(undefined)}>
            {t('coordinator.resident.other')}
          </button>
        </p>
      ) : (
        <>
          <label htmlFor="resident-search">{t('coordinator.resident.search')}</label>
          <div className="inline-search">
            <input
              id="resident-search"
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void find();
                }
              }}
            />
            <button type="button" className="button" onClick={find} disabled={lookup.submitting}>
              {t('coordinator.resident.find')}
            </button>
          </div>
          {lookup.error && <ErrorNotice error={lookup.error} />}
          {found && found.length === 0 && <p className="muted">{t('coordinator.resident.none')}</p>}
          {found && found.length > 0 && (
            <ul className="choice-list">
              {found.map((member) => (
                <li key={member.id}>
                  <label className="checkbox">
                    <input type="radio" name="resident" onChange={() => onChange(member)} />
                    <span>
                      {displayName(member)} <span className="muted">({t('coordinator.resident.number', { number: member.memberNumber })}, {address(member)})</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </fieldset>
  );
}
