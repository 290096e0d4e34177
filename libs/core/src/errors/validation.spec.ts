import { ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';
import { MAX_INPUT_DEPTH, ValidationFailed, createValidationPipe, namedParam } from './validation';

class NoteDto {
  @IsOptional()
  @IsString()
  note?: string;
}

function nested(depth: number): unknown {
  let value: unknown = 'bodem';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('validation', () => {
  describe(namedParam.name, () => {
    it('names the path parameter a Parse…Pipe refused, with what was expected', async () => {
      const sut = namedParam(new ParseUUIDPipe());
      const refusal = await sut.transform('1 OR 1=1', { type: 'param', data: 'memberId' }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(ValidationFailed);
      expect((refusal as ValidationFailed).errors).toEqual([{ field: 'memberId', messages: ['uuid is expected'] }]);
    });

    it('passes what the pipe accepts, transformed', async () => {
      await expect(namedParam(new ParseIntPipe()).transform('2026', { type: 'param', data: 'year' })).resolves.toBe(2026);
    });
  });

  describe('the global pipe', () => {
    const sut = createValidationPipe();

    it('refuses a body nested deeper than it can walk, naming the field, instead of overflowing the stack', async () => {
      const refusal = await sut.transform({ note: nested(50_000) }, { type: 'body', metatype: NoteDto }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(ValidationFailed);
      expect((refusal as ValidationFailed).errors[0]).toEqual({ field: `note${'[0]'.repeat(MAX_INPUT_DEPTH - 1)}`, messages: [expect.stringContaining('nested deeper than')] });
    });

    it.each([
      ['the NUL character', 'Jan\u0000', 'contains the NUL character'],
      ['a lone surrogate', 'Jan \uD800', 'not valid Unicode text'],
    ])('refuses text with %s, naming the field', async (_what, note, message) => {
      const refusal = await sut.transform({ note }, { type: 'body', metatype: NoteDto }).catch((e: unknown) => e);
      expect((refusal as ValidationFailed).errors).toEqual([{ field: 'note', messages: [expect.stringContaining(message)] }]);
    });

    it('checks query strings too', async () => {
      const refusal = await sut.transform({ note: ['a', 'b\u0000'] }, { type: 'query', metatype: NoteDto }).catch((e: unknown) => e);
      expect((refusal as ValidationFailed).errors[0].field).toBe('note[1]');
    });

    it('still validates a body nested as deep as allowed', async () => {
      const refusal = await sut.transform({ note: nested(MAX_INPUT_DEPTH - 1) }, { type: 'body', metatype: NoteDto }).catch((e: unknown) => e);
      expect((refusal as ValidationFailed).errors).toEqual([{ field: 'note', messages: ['note must be a string'] }]);
    });
  });
});
