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
 * the only candidate near enough to be a typo, and one slip away from the
 * name (a letter missing, extra or wrong, or only a difference of case).
 * With two near candidates, or one further away (Retry and Ready are two
 * apart), the name may be a new one rather than a typo: a person decides.
 */
export function unmistakableName(name: string, candidates: Iterable<string>): string | undefined {
    const near = nearNames(name, new Set(candidates));
    return near.length === 1 && near[0].distance <= 1 ? near[0].name : undefined;
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
