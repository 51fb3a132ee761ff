/**
 * Duplicate/conflict detection for lead registrations (DESIGN.md, "Duplicate/conflict
 * detection"): registrable domains, free-mail providers, company-name normalisation and
 * similarity, and an index of open leads to check a registration against.
 */
export { registrableDomain, emailDomain } from './domain';
export { isFreeMailDomain } from './free-mail';
export { normaliseCompanyName, companySimilarity, COMPANY_SIMILARITY_THRESHOLD } from './company-name';
export { ConflictIndex, describeConflict, matchKeysOf } from './conflicts';
export type { MatchableLead, MatchKeys, RegistrationToMatch, ConflictBasis, Conflict } from './conflicts';
