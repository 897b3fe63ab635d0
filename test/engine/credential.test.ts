import { runCredentialTest } from '../harness/credentialTest';
import { TEST_API_KEY, useSimulator } from '../harness/fixture';

const simulator = useSimulator();

describe('CometAPI credential test', () => {
	test('passes for a good key with a read-only request to /v1/models', async () => {
		const status = await runCredentialTest({ apiKey: TEST_API_KEY, baseUrl: simulator().url });

		expect(status).toBe(200);
		expect(simulator().requests.map((request) => [request.method, request.path])).toEqual([
			['GET', '/v1/models'],
		]);
		expect(simulator().requests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
	});

	test('fails for a bad key', async () => {
		const status = await runCredentialTest({ apiKey: 'sk-not-valid', baseUrl: simulator().url });

		expect(status).toBe(401);
	});

	test('tolerates whitespace around the key and a trailing slash on the base URL', async () => {
		const status = await runCredentialTest({
			apiKey: ` ${TEST_API_KEY} \n`,
			baseUrl: ` ${simulator().url}/ `,
		});

		expect(status).toBe(200);
		expect(simulator().requests[0].path).toBe('/v1/models');
	});
});
