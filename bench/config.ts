/**
 * The scale of the benchmark. Real Kling tasks take 20 to 60 s and CometAPI recommends
 * polling every 20 to 30 s; here everything is shrunk so that one run stays short, while
 * the ratio of poll interval to task duration stays realistic.
 */
export const SCALE = {
	/** Poll Interval P, in seconds, for every contender. */
	pollSeconds: 2,
	/** Latency the simulator adds to every API answer and every image download. */
	latencyMs: 300,
	/** Tasks finish at a random time in this window (ms after the contender's first read). */
	finishWindowMs: [4_000, 12_000] as const,
	/** Seed of the random generator: the same schedule on every run. */
	seed: 20_260_101,
	maxWaitSeconds: 120,
};

export const SCENARIO_SIZES = {
	waitOn: [1, 10, 50],
	throughputTasks: 1_000,
	throughputConcurrency: [100, 10, 50, 200],
	createPrompts: 20,
	memoryImages: 100,
	imageBytes: 5 * 1024 * 1024,
};

/** Every n8n run gets at most this long; a run that hangs fails the bench instead. */
export const N8N_RUN_TIMEOUT_MS = 180_000;

/** The route of task reads; requests are counted by this prefix. */
export const TASK_PATH = '/kling/v1/images/omni-image/';
