/** The one home of secret redaction, as both API clients and the Exact token store use it. */
import { redactSecrets } from '../../lib/http/redact';

describe('redactSecrets', () => {
	test('known secrets go, the longest first so one containing another goes whole', () => {
		expect(redactSecrets('key pub123456:priv987654 and priv987654', ['priv987654', 'pub123456:priv987654'])).toBe('key *** and ***');
	});

	test('anything shaped like a Basic or Bearer token, or a token or secret field, goes even when not known', () => {
		expect(redactSecrets('sent Bearer eyJhbGciOiJIUzI1NiJ9.abcdefgh and Basic Y29tcGFueStwdWI6cHJpdg==')).toBe('sent Bearer *** and Basic ***');
		expect(redactSecrets('{"access_token":"abc.def.ghi","refresh_token": "r-123", "expires_in": 600} client_secret=s3cr3t&x=1')).toBe(
			'{"access_token":"***","refresh_token": "***", "expires_in": 600} client_secret=***&x=1',
		);
	});

	test('ordinary words after Basic or Bearer, and short values, stay readable', () => {
		expect(redactSecrets('Basic information is missing; Bearer authentication required.', ['abc'])).toBe('Basic information is missing; Bearer authentication required.');
	});
});
