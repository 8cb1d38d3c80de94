/** The client command that steps through a deadlock's interleaving (client/step-interleaving.ts). */
export const STEP_INTERLEAVING_COMMAND = 'rpcstate.stepInterleaving';

export { compositionVerdict } from '../../language/analysis/composition/composition-report.js';
