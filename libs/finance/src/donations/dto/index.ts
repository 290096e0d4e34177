export * from './donor.dto';
export * from './donation.dto';
