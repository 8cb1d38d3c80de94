import type { LangiumDocument } from 'langium';
import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken } from 'vscode-languageserver';
import { CancellationTokenSource } from 'vscode-languageserver';
import { compositionPair } from '../../language/analysis/composition/analyze-composition.js';
import type { CompositionReport } from '../../language/analysis/composition/composition-report.js';
import type { Protocol } from '../../language/generated/ast.js';
import type { ProtocolModel } from '../../language/model/machine-model.js';
import { plainMachine, plainRange } from '../../language/model/plain-model.js';
import type { RpcstateServices } from '../../language/rpcstate-module.js';
import { findingToDiagnostic } from '../../language/validation/finding-diagnostics.js';
import { parsedText } from '../../language/workspace/parsed-text.js';
import type { Finding } from '../../language/analysis/finding.js';
import { applyConfiguration } from '../../language/config/apply-config.js';
import type { RpcstateConfig } from '../../language/config/rpcstate-config.js';
import type { CompositionRunner } from './composition-runner.js';
import { InlineCompositionRunner } from './composition-runner.js';

/**
 * How long a document must stay unchanged before its check starts. Measured
 * on the 2-core test machine under load, edits to a 2,500-state pair landed
 * 0.3-0.9 s apart from each other's single-machine diagnostics when every
 * keystroke started a check (then a worker loading the server bundle,
 * terminated by the next keystroke; the worker now stays), against 0.1-0.3 s with no check at all.
 */
const QUIET_MS = 250;

/** The check of one parse of a document (a re-parse makes a new root, so a new entry). */
interface Entry {
    readonly root: Protocol;
    readonly source: CancellationTokenSource;
    readonly report: Promise<CompositionReport | undefined>;
}

/**
 * The client × server check in the language server, kept out of the edit
 * loop. Langium publishes a document's single-machine diagnostics as soon as
 * it is validated (the analyzer runs without the composition); then this
 * service checks the two machines off the loop (a worker thread in the
 * bundled server) and, when it finds something, publishes the diagnostics
 * again with its findings added. It starts once the text has been still
 * for QUIET_MS; the next edit of the document cancels a check waiting or in
 * flight; a check whose two machines are equal, as plain models, to
 * the last one checked is answered from the cache instead of run again.
 */
export class CompositionDiagnostics {
    private runner: CompositionRunner = new InlineCompositionRunner();
    private readonly entries = new Map<string, Entry>();
    private readonly cache = new Map<string, { key: string; report: CompositionReport }>();

    constructor(private readonly shared: LangiumSharedServices) {
        shared.workspace.DocumentBuilder.onUpdate((changed, deleted) => {
            for (const uri of [...changed, ...deleted]) this.cancel(uri.toString());
            for (const uri of deleted) this.cache.delete(uri.toString());
        });
    }

    useRunner(runner: CompositionRunner): void {
        this.runner.dispose();
        this.runner = runner;
    }

    /**
     * Publishes the composition's findings after Langium's publish of each
     * validated document. Call it after `startLanguageServer`: listeners run
     * in the order they were added, so Langium's publish always comes first.
     */
    publishAfterValidation(): void {
        const connection = this.shared.lsp.Connection;
        if (!connection) return;
        this.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
            const root = document.parseResult.value as Protocol;
            void this.check(document).then(async report => {
                // Published only for the parse it was made from, and only when it adds something to the first publish.
                if (!report || report.findings.length === 0 || document.parseResult.value !== root || !document.diagnostics) return;
                const findings = await this.configured(document, report);
                if (findings.length === 0 || document.parseResult.value !== root || !document.diagnostics) return;
                const uri = document.uri.toString();
                const diagnostics = [...document.diagnostics, ...findings.map(f => findingToDiagnostic(f, uri))];
                void connection.sendDiagnostics({ uri, diagnostics });
            });
        });
    }

    /** What the editor shows of the check for the document as parsed now: its findings, configured as the validator configures the rest. */
    async publishedFindings(document: LangiumDocument): Promise<Finding[]> {
        const report = await this.report(document);
        return report ? this.configured(document, report) : [];
    }

    /** The report's findings with the document's rpcstate.json and suppression comments applied, as the validator applies them to the rest. */
    private async configured(document: LangiumDocument, report: CompositionReport): Promise<Finding[]> {
        const resolver = (this.shared.ServiceRegistry.getServices(document.uri) as RpcstateServices).config.ConfigResolver;
        let config: RpcstateConfig | undefined;
        if (document.uri.scheme === 'file' || resolver.explicitFile !== undefined) {
            config = await resolver.configFor(document.uri.fsPath).catch(() => undefined); // a broken one was reported by the validator
        }
        return applyConfiguration(report.findings, parsedText(document), config, { reportUnused: false });
    }

    /**
     * The report for the document as parsed now: the check in flight for it,
     * or a new one. Undefined when a newer edit cancelled it (or `token` did).
     */
    async report(document: LangiumDocument, token?: CancellationToken): Promise<CompositionReport | undefined> {
        const report = this.check(document);
        if (!token) return report;
        return Promise.race([report, new Promise<undefined>(resolve => token.onCancellationRequested(() => resolve(undefined)))]);
    }

    dispose(): void {
        for (const uri of [...this.entries.keys()]) this.cancel(uri);
        this.runner.dispose();
    }

    private check(document: LangiumDocument): Promise<CompositionReport | undefined> {
        const uri = document.uri.toString();
        const root = document.parseResult.value as Protocol;
        const current = this.entries.get(uri);
        if (current?.root === root) return current.report;
        current?.source.cancel();
        const source = new CancellationTokenSource();
        const report = this.compose(document, root, source.token);
        this.entries.set(uri, { root, source, report });
        return report;
    }

    private cancel(uri: string): void {
        const entry = this.entries.get(uri);
        if (!entry) return;
        entry.source.cancel();
        this.entries.delete(uri);
    }

    private async compose(document: LangiumDocument, root: Protocol, token: CancellationToken): Promise<CompositionReport | undefined> {
        const services = this.shared.ServiceRegistry.getServices(document.uri) as RpcstateServices;
        const { model, analysis } = services.analysis.ProtocolAnalyzer.analyze(root);
        // The gate reads the single-machine errors only, should the analyzer have run the composition too.
        const machineFindings = analysis.findings.filter(f => f.code !== 'protocol-deadlock' && f.code !== 'composition-skipped');
        // Whether each machine is well formed is what the analysis found (pathChecked): building both graphs again here cost two graph builds per keystroke.
        const gate = compositionPair(model, machineFindings, machine => analysis.machines.some(m => m.machine === machine && m.pathChecked));
        if ('reason' in gate) return { status: 'not-run', reason: gate.reason, points: 0, steps: 0, findings: [], deadlocks: [] };
        // While the user types, each keystroke would start a worker only for the next one to end it: wait for a pause first.
        await new Promise<void>(resolve => setTimeout(resolve, QUIET_MS));
        if (token.isCancellationRequested) return undefined;
        const protocol: ProtocolModel = {
            name: model.name,
            ...(model.nameRange ? { nameRange: plainRange(model.nameRange) } : {}),
            machines: [plainMachine(gate.client), plainMachine(gate.server)],
        };
        const uri = document.uri.toString();
        const key = JSON.stringify(protocol);
        const cached = this.cache.get(uri);
        if (cached?.key === key) return cached.report;
        const report = await this.runner.run({ protocol }, token);
        if (report && !token.isCancellationRequested) this.cache.set(uri, { key, report });
        return token.isCancellationRequested ? undefined : report;
    }
}
