import type { MatrixAreaInput, Owner } from './model.js';

/** One default area: after hours the MSP covers everything, and nobody is named yet. */
function area(name: string, businessOwner: Owner, aliases: string[], note = ''): MatrixAreaInput {
  return { name, businessOwner, afterHoursOwner: 'msp', contact: null, aliases, note };
}

/** Frozen all the way down, so that a caller editing "its" copy cannot change every later setup. */
function freezeArea(a: MatrixAreaInput): MatrixAreaInput {
  Object.freeze(a.aliases);
  return Object.freeze(a);
}

/**
 * The matrix a channel starts with: the common co-managed split from the guide (PRODUCT.md,
 * capability 1), in the table's order. Aliases are the table's examples plus the words people
 * actually type; none contains a comma, so the CSV export can list them in one cell.
 */
export const DEFAULT_MATRIX: readonly MatrixAreaInput[] = Object.freeze(
  [
    area('L1 support / help desk', 'internal', [
      'password reset',
      'forgot password',
      'locked account',
      'account locked',
      'locked out',
      'printer',
      'my laptop',
      'laptop',
      'helpdesk',
      'service desk',
      'level 1',
      'tier 1',
      'first line',
    ]),
    area('L2 support', 'internal', [
      'desktop issues',
      'desktop support',
      'escalated tickets',
      'level 2',
      'tier 2',
      'second line',
    ]),
    area(
      'help desk overflow',
      'shared',
      ['peak periods', 'ticket backlog', 'overflow', 'backlog', 'busy periods'],
      'internal first, MSP on overflow',
    ),
    area('onboarding and offboarding', 'internal', [
      'new hire',
      'joiner',
      'leaver',
      'starter',
      'new starter',
      'new user',
      'account setup',
      'onboarding',
      'offboarding',
    ]),
    area('business applications', 'internal', [
      'erp',
      'crm',
      'line-of-business apps',
      'lob apps',
      'business apps',
      'apps running in the cloud',
    ]),
    area('access provisioning', 'internal', [
      'permissions',
      'group membership',
      'mfa reset',
      'mfa',
      '2fa',
      'access request',
      'access rights',
    ]),
    area('security policy and hygiene', 'internal', [
      'security awareness',
      'policy questions',
      'security training',
      'acceptable use policy',
    ]),
    area('IT strategy and roadmap', 'internal', ['leadership alignment', 'budget', 'it budget', 'strategy', 'roadmap']),
    area('security monitoring and response', 'msp', [
      'soc',
      'mdr',
      'edr',
      'siem',
      'alerts',
      'security alerts',
      'incident response',
      'security incident',
      'breach',
      'phishing report',
      'phishing',
      'malware',
      'ransomware',
    ]),
    area('vulnerability scanning', 'msp', [
      'vuln scan',
      'vulnerability scan',
      'cve',
      'pen test findings',
      'pen test',
      'pentest',
      'penetration test',
    ]),
    area('cloud infrastructure', 'msp', ['aws', 'azure', 'google cloud', 'gcp', 'cloud', 'cloud cost', 'provisioning']),
    area('complex network issues', 'msp', [
      'firewall',
      'vpn',
      'wan',
      'sd-wan',
      'routing',
      'router',
      'switches',
      'network',
      'networking',
      'wifi',
      'wi-fi',
      'lan',
      'dns',
    ]),
    area('compliance and audits', 'msp', [
      'hipaa',
      'pci-dss',
      'pci',
      'cmmc',
      'sox',
      'gdpr',
      'soc 2',
      'iso 27001',
      'audit evidence',
      'compliance',
      'audit',
    ]),
    area('backup and disaster recovery', 'msp', [
      'backups',
      'backup',
      'restore',
      'dr plan',
      'disaster recovery',
      'test restore',
      'dr',
    ]),
    area('patching', 'msp', ['updates', 'patch tuesday', 'os patches', 'patches', 'windows updates']),
    area('projects and migrations', 'msp', [
      'm365 migration',
      'office 365 migration',
      'migration',
      'office move',
      'infrastructure refresh',
      'hardware refresh',
      'new site',
      'project',
    ]),
    area('after-hours and weekend coverage', 'msp', [
      'nights',
      'weekends',
      'on call',
      'after hours',
      'out of hours',
      'overnight',
      '24/7',
    ]),
  ].map(freezeArea),
);
