/**
 * The evidence pack (docs/check-and-act.md, "Evidence pack"): what the readiness module's face passes on to
 * the command line and the server. The route plugin is registered by the module's routes.
 */
export { keelMaker, type MadePack, makeEvidencePack, type PackMaker } from './make.ts';
export type { Difference, Manifest } from './manifest.ts';
export { type Period, parsePeriod } from './period.ts';
export { evidencePackMakers, mayMakeEvidencePack } from './policy.ts';
export { evidencePackRoutes } from './routes.ts';
export { type Verification, verifyEvidencePack } from './verify.ts';
