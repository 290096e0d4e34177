import { useI18n } from '../i18n/i18n';
import { Page } from '../ui/components';

/** Scaffolding while a section is being built; no section ships with it. */
export function Placeholder({ title }: { title: string }) {
  const { t } = useI18n();
  return (
    <Page title={t(title)}>
      <p>…</p>
    </Page>
  );
}
