/** A candidate name and its edit distance to the name looked up (case ignored). */
export interface NearName {
    readonly name: string;
    readonly distance: number;
}

/** Every candidate near enough to `name` to be a likely typo, nearest first (ties in the candidates' order). */
export function nearNames(name: string, candidates: Iterable<string>): NearName[] {
    const limit = Math.max(2, Math.floor(name.length / 3));
    const near: NearName[] = [];
    for (const candidate of candidates) {
        if (Math.abs(candidate.length - name.length) > limit) continue;
        const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
        if (distance <= limit) near.push({ name: candidate, distance });
    }
    return near.sort((a, b) => a.distance - b.distance);
}

/** The candidate nearest to `name` by edit distance, if it is near enough to be a likely typo. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
    return nearNames(name, candidates)[0]?.name;
}

/**
 * The correction a tool may make without asking (`rpcstate check --fix`):
 * the one candidate equal to the name but for case; or else the one
 * candidate a single slip away (a letter missing, extra or wrong) when no
 * other is within two. Otherwise (WCmp is one slip from both WComp and
 * Comp; Retry is two from Ready) the name may be meant as another one, or
 * as a new one: a person decides.
 */
export function unmistakableName(name: string, candidates: Iterable<string>): string | undefined {
    const [best, runnerUp] = nearNames(name, new Set(candidates));
    if (best?.distance === 0) return runnerUp?.distance === 0 ? undefined : best.name;
    return best?.distance === 1 && (runnerUp === undefined || runnerUp.distance > 2) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
