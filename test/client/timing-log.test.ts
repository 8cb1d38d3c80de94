import { describe, expect, it } from 'vitest';
import { TimingLog } from '../../client/timing-log.js';

/** A TimingLog on a hand-moved clock, collecting its lines. */
function logWithClock() {
    let now = 1000;
    const lines: string[] = [];
    const log = new TimingLog({ write: line => lines.push(line), now: () => now });
    return { log, lines, advance: (ms: number) => (now += ms) };
}

describe('TimingLog', () => {
    it('times activation to server ready, and a restart from its own start', () => {
        const { log, lines, advance } = logWithClock();
        log.activationStarted();
        advance(212.4);
        expect(log.serverReady('activate')).toBe(212);
        const restartAt = log.mark();
        advance(90);
        log.serverReady('restart', restartAt);
        expect(lines).toEqual(['activate → server ready: 212 ms', 'restart → server ready: 90 ms']);
    });

    it('logs only the first diagnostics after an open, with the file name and count', () => {
        const { log, lines, advance } = logWithClock();
        log.activationStarted();
        const uri = 'file:///ws/lint/broken%20one.rpcstate';
        log.diagnosticsArrived(uri, 3); // never opened: a workspace check, not timed
        log.documentOpened(uri);
        advance(64);
        log.diagnosticsArrived(uri, 2);
        advance(10);
        log.diagnosticsArrived(uri, 1); // a later edit's diagnostics: not the first
        expect(lines).toEqual(['first diagnostics for broken one.rpcstate: 64 ms after open (2 diagnostics)']);
    });

    it('counts documents opened before activation from activation, and says so', () => {
        const { log, lines, advance } = logWithClock();
        log.activationStarted();
        advance(5);
        log.documentOpened('file:///a.rpcstate', true);
        advance(300);
        log.diagnosticsArrived('file:///a.rpcstate', 0);
        expect(lines).toEqual(['first diagnostics for a.rpcstate: 305 ms after activate (opened before activation) (0 diagnostics)']);
    });

    it('forgets a closed document and times it again from a reopen', () => {
        const { log, lines, advance } = logWithClock();
        log.documentOpened('untitled:Untitled-1');
        log.documentClosed('untitled:Untitled-1');
        advance(50);
        log.diagnosticsArrived('untitled:Untitled-1', 1);
        expect(lines).toEqual([]);
        log.documentOpened('untitled:Untitled-1');
        advance(7);
        log.diagnosticsArrived('untitled:Untitled-1', 1);
        expect(lines).toEqual(['first diagnostics for Untitled-1: 7 ms after open (1 diagnostic)']);
    });
});
