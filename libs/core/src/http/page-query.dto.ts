import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?page=&pageSize=` for every paged list. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Page number, from 1', default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ description: 'Page size, 1 to 200', default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

/** The page a `PageQueryDto` asks for, with the defaults filled in. */
export function pageOf(query: PageQueryDto): { page: number; pageSize: number } {
  return { page: query.page ?? 1, pageSize: query.pageSize ?? 25 };
}
