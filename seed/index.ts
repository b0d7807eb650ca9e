/**
 * Seed data: the 2022 乡村振兴·重庆专场 (districts, organisations, projects, quiz, step sponsors, coupons) and the Hubei
 * festival (seed/hubei).
 */
export * from './districts';
export * from './orgs';
export * from './themes';
export { PROJECTS, PROJECT_BY_ID, PROJECT_COUNT, ACTIVE_ORGS, type SeedProject } from './projects';
export * from './quiz';
export * from './sponsors';
export * from './coupons';
export * from './hubei';
