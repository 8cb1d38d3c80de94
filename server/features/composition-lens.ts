export { STEP_INTERLEAVING_COMMAND } from './composition-protocol.js';
export { compositionVerdict } from '../../language/analysis/composition/composition-report.js';
