/**
 * One agreement's figures for a period as the reviewer reads them: key figures, spending against the budget,
 * targets against what was achieved, and the hours of help per category and month. Both the live figures and a
 * report version's snapshot have this shape. Hidden cells ("<5", "x") are shown as such, never as zero.
 */
import { useI18n } from '../../i18n/i18n';
import { Bar, BarChart, DataTable } from '../../ui/components';
import { AgreementFigures, Count, VULNERABLE_CATEGORIES } from './api';

export function useFigureFormats() {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 });
  return {
    number: (value: number) => number.format(value),
    hours: (minutes: number) => t('municipality.figures.hoursValue', { hours: number.format(minutes / 60) }),
    /** A count of residents, or what stands in for a hidden one. */
    count: (value: Count | null) => (value === null ? '—' : typeof value === 'number' ? number.format(value) : t(`municipality.figures.hidden.${value === '<5' ? 'few' : 'derived'}`)),
  };
}

export function FiguresView({ figures, headingLevel = 2 }: { figures: AgreementFigures; headingLevel?: 2 | 3 | 4 }) {
  const { t, money } = useI18n();
  const format = useFigureFormats();
  const Heading = `h${headingLevel}` as const;
  const { spending, matching, outputs } = figures;
  const total = outputs.total;

  const budgetBars: Bar[] = [
    { label: t('municipality.figures.fundTotal'), value: spending.spentCents, compare: spending.budgetCents },
    ...spending.budget.map((line) => ({ label: line.accountName, value: line.actualCents, compare: line.budgetCents })),
  ];
  const targetBars: Bar[] = figures.targets
    .filter((target) => typeof target.achieved === 'number')
    .map((target) => ({ label: t(`municipality.target.${target.kind}`), value: target.achieved as number, compare: target.target }));
  const hoursBars = (cells: Array<{ label: string; deliveredMinutes: number | null; suppressed: boolean }>): Bar[] =>
    cells.filter((cell) => !cell.suppressed && cell.deliveredMinutes !== null).map((cell) => ({ label: cell.label, value: cell.deliveredMinutes as number }));
  const byCategory = outputs.byServiceCategory.map((cell) => ({ ...cell, label: cell.name }));
  const byMonth = outputs.byMonth.map((cell) => ({ ...cell, label: monthLabel(cell.month, t) }));
  const hiddenCells = [...byCategory, ...byMonth].filter((cell) => cell.suppressed).length;

  return (
    <>
      <dl className="stats">
        <Stat label={t('municipality.figures.granted')} value={money(matching.grantedCents)} />
        <Stat label={t('municipality.figures.received')} value={money(spending.receivedCents)} />
        <Stat label={t('municipality.figures.spent')} value={money(spending.spentCents)} />
        <Stat label={t('municipality.figures.unspent')} value={money(spending.unspentCents)} />
        <Stat label={t('municipality.figures.matching')} value={money(matching.matchingCents)} />
        <Stat label={t('municipality.figures.hours')} value={total.deliveredMinutes === null ? format.count(total.residents) : format.hours(total.deliveredMinutes)} />
        <Stat label={t('municipality.figures.residents')} value={format.count(total.residents)} />
        <Stat label={t('municipality.figures.vulnerable')} value={shareText(total.vulnerable.residents, total.vulnerable.sharePercent)} />
      </dl>
      <p className="muted">{t('municipality.figures.privacy', { minimum: figures.minimumCount })}</p>

      <Heading>{t('municipality.figures.spendingTitle')}</Heading>
      <BarChart title={t('municipality.figures.budgetChart')} bars={budgetBars} format={money} legend={[t('municipality.figures.legendSpent'), t('municipality.figures.legendBudget')]} />
      <dl className="facts">
        <dt>{t('municipality.figures.ratio')}</dt>
        <dd>{t('municipality.figures.ratioValue', { numerator: matching.ratio.numerator, denominator: matching.ratio.denominator, cap: money(matching.capCents) })}</dd>
        <dt>{t('municipality.figures.ownSources')}</dt>
        <dd>{money(matching.ownSourcesCents)}</dd>
        <dt>{t('municipality.figures.earned')}</dt>
        <dd>{money(matching.earnedCents)}</dd>
        <dt>{t('municipality.figures.binding')}</dt>
        <dd>{t(`municipality.binding.${matching.binding}`)}</dd>
        <dt>{t('municipality.figures.committed')}</dt>
        <dd>{money(spending.committedCents)}</dd>
      </dl>

      <Heading>{t('municipality.figures.outcomesTitle')}</Heading>
      {targetBars.length > 0 && <BarChart title={t('municipality.figures.targetChart')} bars={targetBars} format={format.number} legend={[t('municipality.figures.legendAchieved'), t('municipality.figures.legendTarget')]} />}
      <DataTable
        caption={t('municipality.figures.targetTable')}
        rows={figures.targets}
        rowKey={(target) => target.kind}
        columns={[
          { header: t('municipality.figures.target'), cell: (target) => t(`municipality.target.${target.kind}`) },
          { header: t('municipality.figures.targetValue'), cell: (target) => `${format.number(target.target)} ${t(`municipality.unit.${target.unit}`)}`, numeric: true },
          { header: t('municipality.figures.achieved'), cell: (target) => (target.achieved === null ? '—' : `${format.count(target.achieved)} ${t(`municipality.unit.${target.unit}`)}`), numeric: true },
          { header: t('municipality.figures.note'), cell: (target) => target.note ?? '' },
        ]}
      />

      <Heading>{t('municipality.figures.helpTitle')}</Heading>
      {byCategory.length + byMonth.length === 0 ? (
        <p className="muted">{t('municipality.figures.noHelp')}</p>
      ) : (
        <>
          <BarChart title={t('municipality.figures.hoursByCategory')} bars={hoursBars(byCategory)} format={format.hours} />
          <BarChart title={t('municipality.figures.hoursByMonth')} bars={hoursBars(byMonth)} format={format.hours} />
          {hiddenCells > 0 && <p className="muted">{t('municipality.figures.hiddenCells', { count: hiddenCells })}</p>}
        </>
      )}
      <DataTable
        caption={t('municipality.figures.reachTable')}
        rows={[...VULNERABLE_CATEGORIES]}
        rowKey={(category) => category}
        columns={[
          { header: t('municipality.figures.group'), cell: (category) => t(`municipality.category.${category}`) },
          { header: t('municipality.figures.residents'), cell: (category) => shareText(total.categories[category].residents, total.categories[category].sharePercent), numeric: true },
        ]}
      />
    </>
  );

  function shareText(residents: Count, percent: number | null): string {
    return percent === null ? format.count(residents) : t('municipality.figures.share', { residents: format.count(residents), percent });
  }
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function monthLabel(month: string, t: (key: string) => string): string {
  const [year, number] = month.split('-');
  return `${t(`municipality.month.${Number(number)}`)} ${year}`;
}
