import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install -y chromium`); tests that need it skip, and say why, when it is absent. */
export const CHROMIUM_PATH = process.env.RPCSTATE_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
if (!HAS_CHROMIUM) {
    console.warn(`[rpcstate tests] ${CHROMIUM_PATH} is absent: the browser tests are skipped (apt-get install -y chromium, or set RPCSTATE_CHROMIUM).`);
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface HeadlessBrowser {
    readonly context: BrowserContext;
    readonly page: Page;
    /** Every alert/confirm/prompt a page opened: a script ran that should not have. */
    readonly dialogs: string[];
    /** Uncaught page errors and console errors. */
    readonly errors: string[];
    close(): Promise<void>;
}

/** Headless chromium on a scratch profile, with no network beyond what a test routes itself. */
export async function launchHeadless(): Promise<HeadlessBrowser> {
    const profile = mkdtempSync(join(tmpdir(), 'rpcstate-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: ARGS,
        env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
        viewport: { width: 1000, height: 700 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', dialog => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
    });
    page.on('pageerror', error => errors.push(`pageerror: ${error.message}`));
    page.on('console', message => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    return {
        context, page, dialogs, errors,
        close: async () => {
            await context.close();
            rmSync(profile, { recursive: true, force: true });
        },
    };
}
