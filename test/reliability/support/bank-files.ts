/** An ING CSV export of one account: `count` transfers received on one day, each different. */
export function ingCsv(iban: string, count: number, day = '20290115'): string {
  const header = '"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen";"Saldo na mutatie";"Tag"';
  const rows = Array.from({ length: count }, (_, i) => {
    const cents = 1000 + i;
    const amount = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
    return `"${day}";"Gever ${i + 1}";"${iban}";"NL44RABO0123456789";"OV";"Bij";"${amount}";"Overschrijving";"Naam: Gever ${i + 1} Omschrijving: gift ${i + 1} IBAN: NL44RABO0123456789";"";""`;
  });
  return [header, ...rows].join('\r\n');
}
