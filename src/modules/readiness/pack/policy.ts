/**
 * Who may make an evidence pack: the rule lives in the module's policy.ts, which the web app shares (so the
 * download button shows exactly when the server allows); the pack's files take it from here.
 */
export { evidencePackMakers, mayMakeEvidencePack } from '../policy.ts';
