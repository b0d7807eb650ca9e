/** Seed data of the 2022 Hubei festival (seed 003): counties, organisations, projects, sponsors, quiz. */
export * from './districts';
export * from './orgs';
export { HUBEI_THEMES, HUBEI_DOMAINS, type HubeiDomain, type HubeiTheme } from './themes';
export * from './projects';
export * from './sponsors';
export * from './quiz';
