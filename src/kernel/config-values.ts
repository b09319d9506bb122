import * as z from 'zod';

/** A secret or id from the environment; empty means "not set". */
export const optionalSecret = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A yes/no variable: `1` or `true` is yes; unset, empty, `0` or `false` is no. */
export const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');
