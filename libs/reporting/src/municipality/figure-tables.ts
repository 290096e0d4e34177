import type { AgreementMatching, FundReport } from '@buurtcoop/finance';
import { VULNERABILITY_CATEGORIES, VulnerabilityCategory } from '@buurtcoop/membership';
import { ReportColumn, ReportTable } from '../report-table';
import { CountCell, OutputCell, OutputFigures } from './output-figures';

export type TargetUnit = 'hours' | 'residents' | 'activities';

/** A target of the agreement next to what was achieved, in the target's unit. */
export interface TargetFigure {
  kind: string;
  target: number;
  unit: TargetUnit;
  /** Achieved (whole hours, rounded down, for hours), "<5"/"x" when hidden, null when it cannot be measured. */
  achieved: CountCell | null;
  /** For hours: the integer minutes behind `achieved`. */
  achievedMinutes: number | null;
  /** Why a target cannot be measured, when it cannot. */
  note: string | null;
}

/** The exchange books individual services between residents; it has no notion of a group activity. */
export const ACTIVITIES_NOT_RECORDED = 'Niet te meten: de ruil registreert boekingen tussen bewoners, geen activiteiten.';

const UNITS: Record<string, TargetUnit> = { hours_delivered: 'hours', residents_helped: 'residents', vulnerable_residents_helped: 'residents', activities_held: 'activities' };

export function targetsAgainst(targets: ReadonlyArray<{ kind: string; target: number }>, outputs: OutputFigures): TargetFigure[] {
  const t = outputs.total;
  return targets.map(({ kind, target }) => {
    const base = { kind, target, unit: UNITS[kind] ?? 'residents', achievedMinutes: null, note: null };
    switch (kind) {
      case 'hours_delivered':
        return { ...base, achieved: t.deliveredMinutes === null ? t.residents : Math.floor(t.deliveredMinutes / 60), achievedMinutes: t.deliveredMinutes };
      case 'residents_helped':
        return { ...base, achieved: t.residents };
      case 'vulnerable_residents_helped':
        return { ...base, achieved: t.vulnerable.residents };
      default:
        return { ...base, achieved: null, note: ACTIVITIES_NOT_RECORDED };
    }
  });
}

const CATEGORY_LABELS: Record<VulnerabilityCategory, string> = {
  age_65_plus: '65 jaar en ouder',
  minimum_income: 'minimuminkomen',
  disability: 'met een beperking',
  informal_carer: 'mantelzorger',
};

const TARGET_LABELS: Record<string, string> = {
  hours_delivered: 'Geleverde uren',
  residents_helped: 'Geholpen bewoners',
  vulnerable_residents_helped: 'Geholpen kwetsbare bewoners',
  activities_held: 'Gehouden activiteiten',
};

const OUTPUT_COLUMNS: ReportColumn[] = [
  { key: 'residents', label: 'Bewoners', kind: 'count' },
  { key: 'minutes', label: 'Minuten', kind: 'minutes' },
  { key: 'vulnerable', label: 'Kwetsbare bewoners', kind: 'count' },
  { key: 'vulnerablePercent', label: 'Kwetsbaar (%)', kind: 'percent' },
  ...VULNERABILITY_CATEGORIES.flatMap((c): ReportColumn[] => [
    { key: c, label: `Bewoners ${CATEGORY_LABELS[c]}`, kind: 'count' },
    { key: `${c}Percent`, label: `${CATEGORY_LABELS[c]} (%)`, kind: 'percent' },
  ]),
];

const outputRow = (cell: OutputCell) => ({
  residents: cell.residents,
  minutes: cell.deliveredMinutes,
  vulnerable: cell.vulnerable.residents,
  vulnerablePercent: cell.vulnerable.sharePercent,
  ...Object.fromEntries(VULNERABILITY_CATEGORIES.flatMap((c) => [[c, cell.categories[c].residents], [`${c}Percent`, cell.categories[c].sharePercent]])),
});

function outputTable<T extends OutputCell>(name: string, title: string, dimension: ReportColumn, cells: T[], label: (c: T) => string | number, total: OutputCell): ReportTable {
  return {
    name,
    title,
    columns: [dimension, ...OUTPUT_COLUMNS],
    rows: [...cells.map((c) => ({ [dimension.key]: label(c), ...outputRow(c) })), { [dimension.key]: 'Totaal', ...outputRow(total) }],
  };
}

/** The agreement's figures as export tables; suppressed cells carry their marker, never the number. */
export function figureTables(f: { spending: FundReport; matching: AgreementMatching; outputs: OutputFigures; targets: TargetFigure[] }): ReportTable[] {
  const { figures } = f.spending;
  const o = f.outputs;
  return [
    {
      name: 'besteding',
      title: 'Begroting en besteding van het fonds',
      columns: [
        { key: 'accountCode', label: 'Kostensoort', kind: 'text' },
        { key: 'accountName', label: 'Omschrijving', kind: 'text' },
        { key: 'budgetCents', label: 'Begroot', kind: 'cents' },
        { key: 'actualCents', label: 'Besteed', kind: 'cents' },
        { key: 'remainingCents', label: 'Resterend', kind: 'cents' },
      ],
      rows: [
        ...f.spending.budget.map((b) => ({ accountCode: b.accountCode, accountName: b.accountName, budgetCents: b.budgetCents, actualCents: b.actualCents, remainingCents: b.remainingCents })),
        { accountCode: 'Totaal', accountName: null, budgetCents: f.spending.fund.budgetCents, actualCents: figures.spentCents, remainingCents: f.spending.fund.budgetCents - figures.spentCents },
      ],
    },
    {
      name: 'geld',
      title: 'Ontvangsten, besteding en matching',
      columns: [
        { key: 'figure', label: 'Onderdeel', kind: 'text' },
        { key: 'amountCents', label: 'Bedrag', kind: 'cents' },
      ],
      rows: [
        { figure: 'Verleend', amountCents: f.matching.grantedCents },
        { figure: 'Ontvangen op het fonds', amountCents: figures.receivedCents },
        { figure: 'Besteed uit het fonds', amountCents: figures.spentCents },
        { figure: 'Verplicht, nog niet besteed', amountCents: figures.committedCents },
        { figure: 'Onbesteed', amountCents: figures.unspentCents },
        { figure: 'Eigen inkomsten', amountCents: f.matching.ownSourcesCents },
        { figure: 'Matching volgens de verhouding', amountCents: f.matching.earnedCents },
        { figure: 'Matching (na plafond)', amountCents: f.matching.matchingCents },
      ],
    },
    {
      name: 'doelen',
      title: 'Doelen en resultaten',
      columns: [
        { key: 'target', label: 'Doel', kind: 'text' },
        { key: 'planned', label: 'Beoogd', kind: 'count' },
        { key: 'achieved', label: 'Gerealiseerd', kind: 'count' },
        { key: 'note', label: 'Toelichting', kind: 'text' },
      ],
      rows: f.targets.map((t) => ({ target: TARGET_LABELS[t.kind] ?? t.kind, planned: t.target, achieved: t.achieved, note: t.note })),
    },
    outputTable('uitvoer-per-dienstcategorie', 'Uren en bewoners per dienstcategorie', { key: 'category', label: 'Dienstcategorie', kind: 'text' }, o.byServiceCategory, (c) => c.name, o.total),
    outputTable('uitvoer-per-maand', 'Uren en bewoners per maand', { key: 'month', label: 'Maand', kind: 'month' }, o.byMonth, (c) => c.month, o.total),
    outputTable('uitvoer-per-postcodegebied', 'Uren en bewoners per postcodegebied', { key: 'postcode4', label: 'Postcode', kind: 'text' }, o.byPostcode, (c) => (c.postcode4 === null ? 'onbekend' : String(c.postcode4)), o.total),
  ];
}
