import { CsvParser, CsvRecord, CsvTextDecoder, decodeCsv, detectDelimiter, parseCsv } from './csv';

const fieldsOf = (records: CsvRecord[]) => records.map((r) => r.fields);

describe(CsvParser.name, () => {
  it('reads plain comma-separated lines with LF or CRLF', () => {
    for (const text of ['a,b,c\n1,2,3\n', 'a,b,c\r\n1,2,3\r\n', 'a,b,c\r\n1,2,3']) {
      const sut = parseCsv(text);
      expect(sut.delimiter).toBe(',');
      expect(sut.records).toEqual([
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['1', '2', '3'] },
      ]);
      expect(sut.errors).toEqual([]);
    }
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks inside them', () => {
    const sut = parseCsv('naam,opmerking,plaats\n"Jansen, Piet","zegt ""hallo""\nen ""dag""",Deventer\r\nBos,"",Olst\n');
    expect(sut.records).toEqual([
      { line: 1, fields: ['naam', 'opmerking', 'plaats'] },
      { line: 2, fields: ['Jansen, Piet', 'zegt "hallo"\nen "dag"', 'Deventer'] },
      { line: 4, fields: ['Bos', '', 'Olst'] },
    ]);
  });

  it('keeps a CRLF inside quotes and counts it as one line', () => {
    const sut = parseCsv('a;b\r\n"x\r\ny";z\r\nlast;row\r\n');
    expect(sut.records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\r\ny', 'z'] },
      { line: 4, fields: ['last', 'row'] },
    ]);
  });

  it('skips empty lines but keeps counting them, so line numbers match the file', () => {
    const sut = parseCsv('a,b\n\n1,2\r\n\r\n\r\n3,4\n\n');
    expect(sut.records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 6, fields: ['3', '4'] },
    ]);
  });

  it('keeps empty fields, also at the end of a line', () => {
    expect(fieldsOf(parseCsv('a;b;c\n1;;\n;;\n').records)).toEqual([
      ['a', 'b', 'c'],
      ['1', '', ''],
      ['', '', ''],
    ]);
  });

  it('reports a quote that is never closed, on the line where it opened', () => {
    const sut = parseCsv('a,b\n1,2\n3,"open\n4,5\n6,7\n');
    expect(sut.records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
    expect(sut.errors).toEqual([{ line: 3, message: expect.stringContaining('line 3') }]);
  });

  it('is lenient about text after a closing quote and quotes inside an unquoted field', () => {
    expect(fieldsOf(parseCsv('a,b\n"12" a,5"x\n').records)).toEqual([
      ['a', 'b'],
      ['12 a', '5"x'],
    ]);
  });

  it('gives the same records whatever the chunks the text arrives in', () => {
    const text = 'Voornaam;Achternaam;Opmerking\r\n"Renée";"van ""de"" Berg";"twee\r\nregels"\r\n\r\nZoë;Bos;;\r\n';
    const whole = parseCsv(text);
    for (let size = 1; size <= 7; size++) {
      const sut = new CsvParser(';');
      const records: CsvRecord[] = [];
      for (let i = 0; i < text.length; i += size) records.push(...sut.write(text.slice(i, i + size)));
      records.push(...sut.end());
      expect(records).toEqual(whole.records);
    }
    expect(whole.records).toHaveLength(3);
  });
});

describe(detectDelimiter.name, () => {
  it('takes the delimiter of the header line', () => {
    expect(detectDelimiter('Voornaam;Achternaam;Postcode\n1,2,3,4,5\n')).toBe(';');
    expect(detectDelimiter('first name,last name,postcode\r\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
  });

  it('ignores delimiters inside quoted header names', () => {
    expect(detectDelimiter('"Naam, voluit";"Adres, straat";Plaats\n')).toBe(';');
    expect(detectDelimiter('"Soort; lid","a;b;c",Plaats\n')).toBe(',');
  });

  it('falls back to a comma for a single column', () => {
    expect(detectDelimiter('email\nx@example.nl\n')).toBe(',');
  });
});

describe(decodeCsv.name, () => {
  const text = 'Voornaam;Achternaam;Woonplaats\nRenée;Schrödinger;Deventer\n';

  it('reads UTF-8 with and without a byte-order mark', () => {
    const utf8 = Buffer.from(text, 'utf8');
    expect(decodeCsv(utf8)).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toEqual({ text, encoding: 'utf-8' });
  });

  it('reads Windows-1252 when the bytes are not valid UTF-8', () => {
    // é and ö are single bytes (0xE9, 0xF6) in Windows-1252.
    const bytes = Buffer.from(text, 'latin1');
    expect(bytes.includes(0xe9)).toBe(true);
    expect(decodeCsv(bytes)).toEqual({ text, encoding: 'windows-1252' });
  });

  it('maps the Windows-1252 characters that Latin-1 does not have', () => {
    expect(decodeCsv(Buffer.from([0x80, 0x20, 0x93, 0x6a, 0x61, 0x94, 0x20, 0x96, 0x20, 0x85])).text).toBe('€ “ja” – …');
  });

  it('reads UTF-16 with a byte-order mark (Excel’s "Unicode text")', () => {
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual({ text, encoding: 'utf-16le' });
  });
});

describe(parseCsv.name, () => {
  it('reads a Windows-1252, semicolon-separated export with é and ö intact', () => {
    const sut = parseCsv(Buffer.from('\r\nVoornaam;Achternaam\r\n"Renée";"Öztürk; jr."\r\n', 'latin1'));
    expect(sut).toEqual({
      encoding: 'windows-1252',
      delimiter: ';',
      records: [
        { line: 2, fields: ['Voornaam', 'Achternaam'] },
        { line: 3, fields: ['Renée', 'Öztürk; jr.'] },
      ],
      errors: [],
    });
  });

  it('reads the same file saved as UTF-8 with a byte-order mark', () => {
    const sut = parseCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Voornaam,Achternaam\nRenée,Öztürk\n', 'utf8')]));
    expect(sut.encoding).toBe('utf-8');
    expect(fieldsOf(sut.records)).toEqual([
      ['Voornaam', 'Achternaam'],
      ['Renée', 'Öztürk'],
    ]);
  });
});

describe(CsvTextDecoder.name, () => {
  const decodeInChunks = (bytes: Uint8Array, size: number) => {
    const sut = new CsvTextDecoder();
    let text = '';
    for (let i = 0; i < bytes.length; i += size) text += sut.write(bytes.subarray(i, i + size));
    return { text: text + sut.end(), encoding: sut.encoding };
  };

  it('reads UTF-8 with a byte-order mark and characters split over chunks, a byte at a time', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Zoë;€ 12,50;Ĳssel 😀\n', 'utf8')]);
    for (const size of [1, 2, 3, 5, 1000]) expect(decodeInChunks(bytes, size)).toEqual({ text: 'Zoë;€ 12,50;Ĳssel 😀\n', encoding: 'utf-8' });
  });

  it('switches to Windows-1252 at the first byte that is not UTF-8, keeping what came before', () => {
    const bytes = Buffer.concat([Buffer.from('naam;bedrag\nJos;1\n', 'ascii'), Buffer.from([0x5a, 0x6f, 0xeb, 0x3b, 0x80, 0x0a])]);
    for (const size of [1, 4, 1000]) expect(decodeInChunks(bytes, size)).toEqual({ text: 'naam;bedrag\nJos;1\nZoë;€\n', encoding: 'windows-1252' });
  });

  it('reads UTF-16 with its byte-order mark, as decodeCsv does', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a;b\nç;d\n', 'utf16le')]);
    expect(decodeInChunks(bytes, 1)).toEqual({ text: decodeCsv(bytes).text, encoding: 'utf-16le' });
  });
});
