import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const communityRules = n8nCommunityNodesPlugin.configs.recommended;
const nodesBase = { 'n8n-nodes-base': n8nNodesBase };

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
	{
		files: ['package.json'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
		plugins: { ...communityRules.plugins, ...nodesBase },
		rules: { ...communityRules.rules, ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		plugins: { ...communityRules.plugins, ...nodesBase },
		rules: { ...communityRules.rules, 'no-console': 'error' },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Superseded by @n8n/community-nodes/credential-documentation-url, as in n8n's node CLI.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Superseded by @n8n/community-nodes/node-connection-type-literal, which asks for
			// NodeConnectionTypes where these legacy rules ask for 'main'; n8n's node CLI does the same.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		// Tests, the simulator and scripts run on the developer's machine, never inside n8n.
		files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
		extends: [tseslint.configs.recommended],
	},
);
