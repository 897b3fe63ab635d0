import { dirname } from 'node:path';

import { freeLoopbackPort } from './freePort';
import type { N8nInstallation } from './install';
import { n8nMajor } from './versions';

// Only these come from the caller's environment. Everything else is left out on purpose:
// jest's NODE_ENV=test makes n8n refuse to load nodes, a proxy variable could route requests
// off the machine, and COMETAPI_KEY has no business inside n8n's process.
const INHERITED = ['HOME', 'TMPDIR', 'LANG', 'LC_ALL'];

export interface N8nEnvironmentOptions {
	installation: N8nInstallation;
	/** Becomes N8N_USER_FOLDER; n8n keeps its database and settings in `<folder>/.n8n`. */
	userFolder: string;
	encryptionKey: string;
	/** Each n8n process that runs at the same time needs its own task broker port. */
	brokerPort: number;
	/** Set last, over the defaults: queue mode, ports, binary data mode... */
	extra?: NodeJS.ProcessEnv;
}

/** The environment of a quiet, offline, isolated n8n (see /work/shared/REAL-N8N.md). */
export function n8nEnvironment(options: N8nEnvironmentOptions): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const name of INHERITED) {
		if (process.env[name] !== undefined) env[name] = process.env[name];
	}
	return {
		...env,
		// Node 24 first, so the task runner n8n spawns runs on the same Node as n8n.
		PATH: [dirname(options.installation.nodeBinary), process.env.PATH ?? ''].join(':'),
		N8N_USER_FOLDER: options.userFolder,
		N8N_ENCRYPTION_KEY: options.encryptionKey,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		DB_TYPE: 'sqlite',
		EXECUTIONS_MODE: 'regular',
		// Nothing phones home: telemetry, version checks, templates, the MCP registry.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		// 2.x only: 1.x has no such module and refuses to start when asked to disable it.
		...(n8nMajor(options.installation.version) >= 2
			? { N8N_DISABLED_MODULES: 'mcp-registry' }
			: {}),
		// Community packages load from the user folder, but must never be fetched from npm.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// `n8n execute` prints a failed run's data through the logger at level info: below
		// info, a failed run would print no run data at all. Text format keeps it parseable.
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_FORMAT: 'text',
		...options.extra,
	};
}

/** What every n8n command or process of one user folder shares, with its own broker port. */
export async function commandEnvironment(options: {
	installation: N8nInstallation;
	userFolder: string;
	encryptionKey: string;
	env?: NodeJS.ProcessEnv;
}): Promise<NodeJS.ProcessEnv> {
	return n8nEnvironment({
		installation: options.installation,
		userFolder: options.userFolder,
		encryptionKey: options.encryptionKey,
		brokerPort: await freeLoopbackPort(),
		extra: options.env,
	});
}
