// Preloaded into a benchmarked process: writes its peak RSS (KiB) on exit.
process.on('exit', () => {
    if (process.env.RPCSTATE_RSS_FILE) require('node:fs').writeFileSync(process.env.RPCSTATE_RSS_FILE, String(process.resourceUsage().maxRSS));
});
