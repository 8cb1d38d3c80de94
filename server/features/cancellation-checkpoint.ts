import { interruptAndCheck } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

/**
 * Lets a loop over thousands of states give way to other requests and stop
 * when the client cancels (Langium's `interruptAndCheck` throws
 * OperationCancelled, which its request handler answers properly). Checking
 * on every item would cost a promise per state, so it checks every `every`.
 */
export class CancellationCheckpoint {
    private count = 0;

    constructor(private readonly token: CancellationToken | undefined, private readonly every = 256) {}

    async tick(): Promise<void> {
        if (this.token && ++this.count % this.every === 0) await interruptAndCheck(this.token);
    }
}
