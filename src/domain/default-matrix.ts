import type { MatrixAreaInput, Owner } from './model.js';

/**
 * One default area: after hours the MSP covers everything, and nobody is named yet. Aliases are
 * written as one comma-separated list (an alias never holds a comma, so the CSV export can list
 * them in one cell).
 */
function area(name: string, businessOwner: Owner, aliases: string, note = ''): MatrixAreaInput {
  const list = aliases
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return Object.freeze({
    name,
    businessOwner,
    afterHoursOwner: 'msp',
    contact: null,
    aliases: Object.freeze(list) as string[],
    note,
  });
}

/**
 * The matrix a channel starts with: the common co-managed split from the guide (PRODUCT.md,
 * capability 1), in the table's order, then the areas a mid-size company's people ask about that
 * the guide leaves inside those (e-mail, identity, devices, servers, phones, certificates and
 * domains, file shares, printers, licences and vendors). Aliases are the words people type for
 * each: products, plurals that stemming would not meet, and the common phrases.
 */
export const DEFAULT_MATRIX: readonly MatrixAreaInput[] = Object.freeze([
  area(
    'L1 support / help desk',
    'internal',
    'password reset, forgot password, password, locked account, account locked, locked out, lockout, ' +
      'my laptop, laptop, computer, pc, keyboard, mouse, headset, external monitor, docking station, ' +
      'helpdesk, service desk, level 1, tier 1, first line, l1, software install',
  ),
  area(
    'L2 support',
    'internal',
    'desktop issues, desktop support, escalated tickets, level 2, tier 2, second line, l2, hard tickets',
  ),
  area(
    'help desk overflow',
    'shared',
    'peak periods, ticket backlog, overflow, backlog, busy periods, ticket queue, too many tickets',
    'internal first, MSP on overflow',
  ),
  area(
    'onboarding and offboarding',
    'internal',
    'new hire, joiner, leaver, starter, new starter, new user, new employee, account setup, onboarding, ' +
      'offboarding, joiners and leavers, termination, disable account, someone leaving',
  ),
  area(
    'business applications',
    'internal',
    'erp, crm, line-of-business apps, lob apps, business apps, apps running in the cloud, salesforce, ' +
      'dynamics, netsuite, sap, hubspot, accounting software, finance system, hr system, payroll system, intranet',
  ),
  area(
    'access provisioning',
    'internal',
    'permissions, group membership, security groups, mfa reset, mfa, 2fa, access request, access rights, ' +
      'admin rights, admin access, local admin, new access, system access, user provisioning, account provisioning',
  ),
  area(
    'security policy and hygiene',
    'internal',
    'security awareness, policy questions, security training, acceptable use policy, phishing simulation, ' +
      'phishing test, password policy, security policy, it policy',
  ),
  area(
    'IT strategy and roadmap',
    'internal',
    'leadership alignment, budget, it budget, strategy, roadmap, technology strategy, it priorities, ' +
      'long-term planning',
  ),
  area(
    'security monitoring and response',
    'msp',
    'soc, mdr, edr, xdr, siem, sentinel, crowdstrike, alerts, security alerts, incident response, ' +
      'security incident, breach, hacked, compromised account, phishing report, phishing, phishing email, ' +
      'suspicious email, malware, ransomware, virus, suspicious login, threat',
  ),
  area(
    'vulnerability scanning',
    'msp',
    'vuln scan, vulnerability scan, vulnerabilities, cve, pen test findings, pen test, pentest, ' +
      'penetration test, qualys, tenable, nessus, rapid7',
  ),
  area(
    'cloud infrastructure',
    'msp',
    'aws, azure, google cloud, gcp, cloud, cloud cost, cloud provisioning, azure subscription, ec2, s3, ' +
      'cloud hosting, iaas',
  ),
  area(
    'complex network issues',
    'msp',
    'firewall, firewall rules, vpn, wan, sd-wan, routing, router, switches, network, networking, wifi, ' +
      'wi-fi, wireless, guest wifi, access points, lan, vlan, internet, internet connection, isp, meraki, ' +
      'fortinet, palo alto, network outage',
  ),
  area(
    'compliance and audits',
    'msp',
    'hipaa, pci-dss, pci, cmmc, sox, gdpr, soc 2, iso 27001, audit evidence, compliance, audit, auditor, ' +
      'compliance documentation, cyber insurance, questionnaire, data retention',
  ),
  area(
    'backup and disaster recovery',
    'msp',
    'backups, backup, restore, restore files, dr plan, disaster recovery, test restore, dr, veeam, ' +
      'business continuity, deleted files',
  ),
  area(
    'patching',
    'msp',
    'updates, patch tuesday, os patches, patches, windows updates, security updates, firmware updates, ' +
      'third-party patching',
  ),
  area(
    'projects and migrations',
    'msp',
    'm365 migration, office 365 migration, migration, office move, infrastructure refresh, hardware refresh, ' +
      'new site, new office, project, rollout, upgrade project',
  ),
  area(
    'after-hours and weekend coverage',
    'msp',
    'nights, weekends, on call, after hours, out of hours, overnight, 24/7, holidays, public holidays, ' +
      'evenings, night shift, saturday, sunday',
  ),
  area(
    'email and collaboration',
    'internal',
    'email, e-mail, mail, mailbox, shared mailbox, outlook, exchange, exchange online, microsoft 365, m365, ' +
      'office 365, o365, google workspace, g suite, gmail, teams, microsoft teams, sharepoint, onedrive, ' +
      'calendar, distribution list, mail flow, spam, junk mail, email signature, bounced email',
  ),
  area(
    'identity and single sign-on',
    'msp',
    'identity, sso, single sign-on, saml, okta, entra, entra id, azure ad, active directory, ad, ldap, ' +
      'conditional access, ad connect, entra connect, login, sign-in, directory, user accounts',
  ),
  area(
    'endpoints and device management',
    'internal',
    'endpoints, intune, mdm, device management, endpoint management, sccm, mecm, jamf, autopilot, ' +
      'device enrollment, enrollment, enrolment, enroll devices, imaging, laptop imaging, bitlocker, ' +
      'deploy software, software deployment, mobile devices, ipad, iphone, company phones, devices, antivirus',
  ),
  area(
    'servers and virtualisation',
    'msp',
    'server, servers, windows server, linux server, vmware, esxi, vsphere, hyper-v, virtualization, ' +
      'virtual machine, vm, vms, domain controller, sql server, database server, server room, datacenter, ' +
      'data center, san, storage, ups, rack',
  ),
  area(
    'phones and conferencing',
    'internal',
    'phone, phones, phone system, telephony, voip, desk phone, softphone, pbx, teams calling, teams phone, ' +
      'call quality, voicemail, extension, zoom, webex, conference room, meeting room, video conferencing, ' +
      'audio visual, av, projector, ringcentral',
  ),
  area(
    'certificates, domains and DNS',
    'msp',
    'certificate, certificates, cert, certs, ssl, tls, ssl certificate, wildcard cert, expired certificate, ' +
      'domain, domains, domain names, domain renewal, registrar, dns, dns records, mx record, spf, dkim, ' +
      'dmarc, cloudflare, godaddy, website',
  ),
  area(
    'file shares and permissions',
    'internal',
    'file share, file shares, shared drive, shared drives, network drive, mapped drive, s drive, ' +
      'shared folder, folder permissions, share permissions, nas, dfs, file access',
  ),
  area(
    'printers and scanners',
    'internal',
    'printer, printers, printing, print queue, print server, scanner, scanners, scan to email, copier, ' +
      'copiers, mfp, toner, label printer, papercut, plotter, print',
  ),
  area(
    'licences and vendors',
    'internal',
    'licence, licences, license, licenses, licensing, software licence, subscription, subscriptions, ' +
      'renewals, vendor, vendors, vendor management, procurement, purchasing, quotes, contracts, invoices, ' +
      'adobe, hardware orders, seats',
  ),
]);
