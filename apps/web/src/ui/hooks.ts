import { DependencyList, FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload(): void;
}

/** Loads data when the page opens and whenever `deps` change; `reload()` fetches again after a change. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ data: previous.data, loading: true }));
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, loading: false }),
      (error: Error) => !controller.signal.aborted && setState({ error, loading: false }),
    );
    return () => controller.abort();
    // `load` is a new closure each render; `deps` say when what it loads changes.
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export interface FormState {
  /** Messages per field path, from the API's problem+json. */
  fieldErrors: Record<string, string>;
  /** The refusal as a whole (or a network failure), if the last submit failed. */
  error: ApiError | Error | undefined;
  submitting: boolean;
  /** Wraps a submit handler: prevents the page load, runs the action, keeps its refusal. Answers true on success. */
  submit(action: () => Promise<unknown>): (event?: FormEvent) => Promise<boolean>;
  /** Runs an action outside a form submit (a button in a list) with the same error handling. */
  run(action: () => Promise<unknown>): Promise<boolean>;
  reset(): void;
}

/** The state of one form: whether it is being sent, and what the API said was wrong with it. */
export function useForm(): FormState {
  const [error, setError] = useState<ApiError | Error | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const busy = useRef(false);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    if (busy.current) return false;
    busy.current = true;
    setSubmitting(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
      return false;
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  }, []);
  const submit = useCallback(
    (action: () => Promise<unknown>) => async (event?: FormEvent) => {
      event?.preventDefault();
      return run(action);
    },
    [run],
  );
  return {
    fieldErrors: error instanceof ApiError ? error.fieldErrors() : {},
    error,
    submitting,
    submit,
    run,
    reset: () => setError(undefined),
  };
}
