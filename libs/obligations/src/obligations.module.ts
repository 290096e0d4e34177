import { Module } from '@nestjs/common';

/** The obligations both sides of the exchange, and the cooperative itself, carry; and their escalation. */
@Module({})
export class ObligationsModule {}
