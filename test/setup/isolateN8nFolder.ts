import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes its settings on first use: each test file gets its own folder and a fixed
// key, so runs never trip over a settings file with another encryption key.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'kling-engine-'));
process.env.N8N_ENCRYPTION_KEY = 'engine-tests-only';
process.env.N8N_LOG_LEVEL = 'silent';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
