/**
 * A count with its thousands grouped by commas, as `toLocaleString('en-US')`
 * writes it (`1,000,000`), without Intl: the first call of a locale method
 * loads ICU's data, and the `check` command's help text made every `rpcstate`
 * start pay about 17 ms for one number. Integers only (the counts it writes).
 */
export function groupedDigits(n: number): string {
    if (!Number.isInteger(n) || Math.abs(n) < 1000) return String(n);
    const digits = String(Math.abs(n));
    let grouped = digits.slice(0, digits.length % 3 || 3);
    for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
    return n < 0 ? `-${grouped}` : grouped;
}
