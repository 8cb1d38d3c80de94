import type { ActionModel, EffectModel } from '../model/machine-model.js';

/** How an action or effect reads in a message: `call FetchRecord`, `RpcAsyncCancelCall`, `await RpcCallComplete`. */
export function actionLabel(action: ActionModel | EffectModel): string {
    switch (action.kind) {
        case 'invoke': return action.name ?? 'invoke';
        case 'await': return `await ${action.name ?? ''}`.trim();
        default: return action.name ? `${action.kind} ${action.name}` : action.kind;
    }
}
