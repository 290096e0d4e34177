/**
 * Form fields with their label, hint and the API's message for that field right beside them, and an error
 * summary at the top that links to each field (the GOV.UK pattern: screen readers hear it first).
 */
import { ChangeEvent, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes, useEffect, useRef } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { FormState } from './hooks';

export const fieldId = (name: string) => `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

interface FieldShell {
  form?: FormState;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Further field paths whose messages belong to this field (e.g. `ratio` for `ratio.municipality`). */
  alsoFor?: string[];
}

function messageFor(form: FormState | undefined, names: string[]): string | undefined {
  if (!form) return undefined;
  const messages = names.map((name) => form.fieldErrors[name]).filter(Boolean);
  return messages.length > 0 ? messages.join(' ') : undefined;
}

function Shell({ form, name, label, hint, alsoFor = [], children }: FieldShell & { children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) {
  const id = fieldId(name);
  const message = messageFor(form, [name, ...alsoFor]);
  const describedBy = [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={message ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {message && (
        <p className="field__error" id={`${id}-error`}>
          {message}
        </p>
      )}
      {children({ id, 'aria-invalid': message ? true : undefined, 'aria-describedby': describedBy })}
    </div>
  );
}

type InputProps = FieldShell & Omit<InputHTMLAttributes<HTMLInputElement>, 'form' | 'name' | 'onChange'> & { onValue?: (value: string) => void; onChange?: (event: ChangeEvent<HTMLInputElement>) => void };

export function TextField({ form, name, label, hint, alsoFor, onValue, onChange, ...input }: InputProps) {
  return (
    <Shell form={form} name={name} label={label} hint={hint} alsoFor={alsoFor}>
      {(props) => <input {...props} name={name} {...input} onChange={onChange ?? ((event) => onValue?.(event.target.value))} />}
    </Shell>
  );
}

type SelectProps = FieldShell & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'form' | 'name'> & { onValue?: (value: string) => void; options: Array<{ value: string; label: string }> };

export function SelectField({ form, name, label, hint, alsoFor, onValue, options, ...select }: SelectProps) {
  return (
    <Shell form={form} name={name} label={label} hint={hint} alsoFor={alsoFor}>
      {(props) => (
        <select {...props} name={name} {...select} onChange={(event) => onValue?.(event.target.value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Shell>
  );
}

type AreaProps = FieldShell & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'form' | 'name'> & { onValue?: (value: string) => void };

export function TextArea({ form, name, label, hint, alsoFor, onValue, ...area }: AreaProps) {
  return (
    <Shell form={form} name={name} label={label} hint={hint} alsoFor={alsoFor}>
      {(props) => <textarea {...props} name={name} {...area} onChange={(event) => onValue?.(event.target.value)} />}
    </Shell>
  );
}

/** A file picker; `onFile` receives the chosen file. */
export function FileField({ form, name, label, hint, accept, onFile, required }: FieldShell & { accept?: string; required?: boolean; onFile(file: File | undefined): void }) {
  return (
    <Shell form={form} name={name} label={label} hint={hint}>
      {(props) => <input {...props} type="file" name={name} accept={accept} required={required} onChange={(event) => onFile(event.target.files?.[0])} />}
    </Shell>
  );
}

/** What went wrong with the last submit: the API's explanation, with a link to each field it names. */
export function FormErrors({ form }: { form: FormState }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const error = form.error;
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const fields = problem?.errors ?? [];
  return (
    <div className="alert alert--error" role="alert" tabIndex={-1} ref={ref}>
      <p className="alert__title">{problem?.title ?? t('common.error.network')}</p>
      {fields.length > 0 ? (
        <ul>
          {fields.map((field) => (
            <li key={field.field}>
              <a href={`#${fieldId(field.field)}`}>{field.messages.join(' ')}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{problem?.detail ?? error.message}</p>
      )}
    </div>
  );
}

export function SubmitButton({ form, children, className }: { form: FormState; children: ReactNode; className?: string }) {
  const { t } = useI18n();
  return (
    <button type="submit" className={className ?? 'button button--primary'} disabled={form.submitting} aria-busy={form.submitting}>
      {form.submitting ? t('common.busy') : children}
    </button>
  );
}
