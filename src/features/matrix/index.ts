import type { Feature } from '../../kernel/feature.js';
import { matrixExport, matrixImport } from './matrix-export-import.js';
import { matrixRemove } from './matrix-remove.js';
import { matrixSet } from './matrix-set.js';
import { matrixShow } from './matrix-show.js';
import { matrixHistory, matrixRestore } from './matrix-versions.js';
import { whoOwns } from './who-owns.js';

/** "Who owns X?" and the responsibility matrix. */
export const matrixFeature: Feature = {
  name: 'matrix',
  commands: [whoOwns, matrixShow, matrixSet, matrixRemove, matrixExport, matrixImport, matrixHistory, matrixRestore],
};
