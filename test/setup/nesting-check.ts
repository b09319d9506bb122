import { checkNesting } from '../../db/nesting-check.js';

// A store called inside its own transaction (instead of the `tx` it is handed) would wait for that
// transaction for ever on SQLite; in the tests it fails at once, naming the mistake.
checkNesting();
