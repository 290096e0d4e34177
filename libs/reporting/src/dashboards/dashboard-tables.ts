import { AgeBucket } from '@buurtcoop/finance';
import { ReportTable } from '../report-table';
import { AgeingResponse, BoardDashboardResponse, TreasurerDashboardResponse } from './dto/dashboard.dto';

const AGE_LABELS: Record<AgeBucket, string> = {
  not_due: 'Nog niet vervallen',
  '1-30': '1–30 dagen over de vervaldatum',
  '31-60': '31–60 dagen over de vervaldatum',
  '61-90': '61–90 dagen over de vervaldatum',
  '90+': 'Meer dan 90 dagen over de vervaldatum',
};

const HELP_STATUS_LABELS = { open: 'Nog niet gekoppeld', proposed: 'Aanbieder voorgesteld' } as const;

function ageingTable(name: string, title: string, ageing: AgeingResponse): ReportTable {
  return {
    name,
    title,
    columns: [
      { key: 'age', label: 'Ouderdom', kind: 'text' },
      { key: 'invoices', label: 'Facturen', kind: 'count' },
      { key: 'outstanding', label: 'Openstaand', kind: 'cents' },
    ],
    rows: [
      ...ageing.buckets.map((b) => ({ age: AGE_LABELS[b.bucket], invoices: b.invoices, outstanding: b.outstandingCents })),
      { age: 'Totaal', invoices: ageing.invoices, outstanding: ageing.outstandingCents },
    ],
  };
}

/** The board's dashboard as tables for the CSV and XLSX downloads. */
export function boardTables(d: BoardDashboardResponse): ReportTable[] {
  return [
    {
      name: 'leden-per-maand',
      title: 'Leden per maand',
      columns: [
        { key: 'month', label: 'Maand', kind: 'month' },
        { key: 'members', label: 'Leden aan het eind van de maand', kind: 'count' },
        { key: 'joined', label: 'Nieuwe leden', kind: 'count' },
        { key: 'left', label: 'Vertrokken leden', kind: 'count' },
      ],
      rows: d.members.map((m) => ({ month: m.month, members: m.members, joined: m.joined, left: m.left })),
    },
    {
      name: 'uren-per-categorie',
      title: 'Boekingen en uren per categorie',
      columns: [
        { key: 'month', label: 'Maand', kind: 'month' },
        { key: 'category', label: 'Categorie', kind: 'text' },
        { key: 'bookings', label: 'Afgeronde boekingen', kind: 'count' },
        { key: 'minutes', label: 'Uren', kind: 'minutes' },
      ],
      rows: d.hours.map((h) => ({ month: h.month, category: h.categoryName, bookings: h.bookings, minutes: h.minutes })),
    },
    ageingTable('achterstallige-facturen', 'Achterstallige facturen', d.overdue),
    {
      name: 'open-hulpvragen',
      title: 'Open hulpvragen',
      columns: [
        { key: 'category', label: 'Categorie', kind: 'text' },
        { key: 'status', label: 'Stand', kind: 'text' },
        { key: 'requests', label: 'Hulpvragen', kind: 'count' },
        { key: 'oldest', label: 'Oudste vraag', kind: 'date' },
      ],
      rows: d.helpRequests.map((h) => ({ category: h.categoryName, status: HELP_STATUS_LABELS[h.status], requests: h.requests, oldest: h.oldestOn })),
    },
  ];
}

/** The treasurer's dashboard as tables for the CSV and XLSX downloads. */
export function treasurerTables(d: TreasurerDashboardResponse): ReportTable[] {
  return [
    ageingTable('openstaande-debiteuren', 'Openstaande debiteuren', d.receivables),
    {
      name: 'fondsen',
      title: 'Fondsen',
      columns: [
        { key: 'code', label: 'Code', kind: 'text' },
        { key: 'name', label: 'Fonds', kind: 'text' },
        { key: 'received', label: 'Ontvangen', kind: 'cents' },
        { key: 'spent', label: 'Besteed', kind: 'cents' },
        { key: 'committed', label: 'Toegezegd', kind: 'cents' },
        { key: 'unspent', label: 'Onbesteed', kind: 'cents' },
        { key: 'available', label: 'Vrij beschikbaar', kind: 'cents' },
      ],
      rows: d.funds.map((f) => ({ code: f.code, name: f.name, received: f.receivedCents, spent: f.spentCents, committed: f.committedCents, unspent: f.unspentCents, available: f.availableCents })),
    },
    {
      name: 'liquide-middelen',
      title: 'Liquide middelen',
      columns: [
        { key: 'account', label: 'Rekening', kind: 'text' },
        { key: 'balance', label: 'Saldo', kind: 'cents' },
      ],
      rows: [
        { account: '1100 Bank', balance: d.cash.bankCents },
        { account: '1150 Stripe (onderweg)', balance: d.cash.stripeClearingCents },
        { account: 'Totaal', balance: d.cash.totalCents },
      ],
    },
    {
      name: 'bankaansluiting',
      title: 'Bankaansluiting',
      columns: [
        { key: 'lines', label: 'Niet verklaarde afschriftregels', kind: 'count' },
        { key: 'amount', label: 'Bedrag (saldo)', kind: 'cents' },
        { key: 'last', label: 'Laatste afschrift t/m', kind: 'date' },
      ],
      rows: [{ lines: d.reconciliation.unmatchedLines, amount: d.reconciliation.unmatchedCents, last: d.reconciliation.lastStatementDate }],
    },
  ];
}
