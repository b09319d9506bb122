/**
 * How large one area of the matrix and the matrix itself may be: the same whether an area comes
 * from `matrix set` or from a CSV import, so that every area can be shown, exported and imported back.
 */
export const MAX_AREA_NAME = 80;
export const MAX_ALIAS = 60;
export const MAX_ALIASES = 30;
export const MAX_AREA_NOTE = 500;
/** Areas in one channel's matrix. */
export const MAX_AREAS = 1000;
