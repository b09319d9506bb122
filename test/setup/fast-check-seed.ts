import fc from 'fast-check';

// Property tests are reproducible in CI: one fixed seed unless FC_SEED says otherwise
// (`FC_SEED=random npm test` explores new cases; `FC_SEED=123` replays a reported failure).
const seed = process.env.FC_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed ? Number(seed) : 20261129 });
