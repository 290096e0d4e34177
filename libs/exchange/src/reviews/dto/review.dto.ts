import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Review } from '../entities/review.entity';

export class WriteReviewDto {
  @ApiProperty({ description: 'Rating from 1 to 5', example: 5 }) @IsInt() @Min(1) @Max(5) rating: number;
  @ApiPropertyOptional({ description: 'A few words', example: 'Sanne was precies op tijd en heel vriendelijk.' }) @IsOptional() @IsString() @Length(1, 2000) comment?: string;
}

export class ReviewResponse {
  @ApiProperty({ format: 'uuid', description: 'Review id' }) id: string;
  @ApiProperty({ enum: ['consumer', 'provider'], description: 'Who wrote it' }) authorSide: string;
  @ApiProperty({ description: 'Rating 1–5' }) rating: number;
  @ApiProperty({ nullable: true, type: String, description: 'Comment' }) comment: string | null;
  @ApiProperty({ format: 'date-time', description: 'Written at' }) createdAt: string;
}

export function mapReview(r: Review): ReviewResponse {
  return { id: r.id, authorSide: r.authorSide, rating: r.rating, comment: r.comment, createdAt: r.createdAt.toISOString() };
}
