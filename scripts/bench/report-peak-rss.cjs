// Preloaded into a benchmarked process: writes its peak RSS (KiB) and, when
// asked, its CPU time (ms, all threads, user + system) on exit. The CPU time
// depends far less on the machine's load than the wall time does.
process.on('exit', () => {
    const { writeFileSync } = require('node:fs');
    if (process.env.RPCSTATE_RSS_FILE) writeFileSync(process.env.RPCSTATE_RSS_FILE, String(process.resourceUsage().maxRSS));
    if (process.env.RPCSTATE_CPU_FILE) {
        const { user, system } = process.cpuUsage();
        writeFileSync(process.env.RPCSTATE_CPU_FILE, String(Math.round((user + system) / 1000)));
    }
});
