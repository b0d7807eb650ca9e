import { DOMAINS, type Domain } from '@domain/api';

export { DOMAINS };

/** Cover colour block per domain (no remote images: keeps the package small and the list fast). */
export const DOMAIN_COLORS: Record<Domain, string> = {
  产业帮扶: '#f08c3a',
  养老帮扶: '#c26fd8',
  教育帮扶: '#3a8df0',
  人才帮扶: '#2fb3a0',
  儿童关爱帮扶: '#f06b8c',
  扶弱济困: '#e8443a',
  生态振兴: '#4caf50',
};
