/**
 * A small seeded generator (32-bit state, xorshift steps, then an odd multiplier to mix the
 * high bits into the low ones). Not for secrets; it only makes schedules repeatable.
 */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0 || 1;
	return () => {
		state ^= state << 13;
		state >>>= 0;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		return (Math.imul(state, 0x2c1b3c6d) >>> 0) / 2 ** 32;
	};
}

/** `count` finish times spread at random over [low, high) ms. */
export function finishTimes(random: () => number, count: number, [low, high]: readonly number[]) {
	return Array.from({ length: count }, () => Math.round(low + random() * (high - low)));
}
