import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createRpcstateLanguageServices } from './rpcstate-lsp-module.js';
import { registerWorkspaceCheck } from './features/workspace-check.js';
import { registerDiagramRequest } from './features/diagram-request.js';
import { registerGenerateHandlers } from './features/generate-handlers.js';
import { answerNullForUnknownDocuments } from './unknown-document-requests.js';
import { answerCommandLine } from './command-line.js';
import { registerConfiguration } from './features/configuration.js';
import { registerComposition } from './features/composition-request.js';
import { isCompositionWorker, serveCompositionJobs } from './features/composition-worker.js';
import { logWhenReady } from './ready-notice.js';

if (isCompositionWorker()) {
    // This bundle, started again as the client × server check's worker thread (composition-runner.ts).
    serveCompositionJobs();
} else {
    startServer();
}

function startServer(): void {
    const answered = answerCommandLine(process.argv.slice(2));
    if (answered) {
        if (answered.stdout) process.stdout.write(answered.stdout);
        if (answered.stderr) process.stderr.write(answered.stderr);
        process.exit(answered.exitCode);
    }

    // The transport (--stdio, --node-ipc, --socket=N) is chosen by
    // vscode-languageserver from the command line, as every LSP client expects.
    const connection = createConnection(ProposedFeatures.all);
    const { shared, Rpcstate } = createRpcstateLanguageServices({ connection, ...NodeFileSystem });
    // Custom requests are registered before the connection reads its first message.
    registerWorkspaceCheck(shared);
    registerDiagramRequest(shared);
    registerGenerateHandlers(shared, Rpcstate);
    registerConfiguration(shared, Rpcstate);
    answerNullForUnknownDocuments(connection, shared);
    // The bundle is its own worker script: `__filename` is out/server.cjs (or the npm package's copy).
    const composition = registerComposition(shared, Rpcstate, __filename);
    startLanguageServer(shared);
    logWhenReady(shared);
    composition.publishAfterValidation();
}
