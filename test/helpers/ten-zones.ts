/**
 * The zones every time test runs in: the usual ones, Santiago and Havana (changes at midnight), Gaza
 * (changes at odd hours), Lord Howe (a 30-minute change), Chatham (+12:45/+13:45) and Kolkata (none).
 */
export const TEN_ZONES = [
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Santiago',
  'Asia/Gaza',
  'America/Havana',
  'Australia/Lord_Howe',
] as const;
