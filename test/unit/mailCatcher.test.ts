/**
 * The mail catcher the e2e suite and the demo read the error workflow's e-mails with: a subject
 * n8n's mailer splits into several encoded words reads as the sentence it was.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readableMail } = require('../../scripts/lib/services') as { readableMail: (raw: string) => string };

describe('a caught e-mail made readable', () => {
	test('encoded words side by side are one text, whether folded onto the next line or only a space apart', () => {
		const folded = 'Subject: =?UTF-8?Q?Ledger_Bridge_=E2=80=93_sales_f?=\r\n =?UTF-8?Q?ailed?=\r\nTo: bookkeeping@example.test\r\n\r\nbody';
		const spaced = 'Subject: =?UTF-8?Q?Ledger_Bridge_=E2=80=93_sales_f?= =?UTF-8?Q?ailed?=\r\n\r\nbody';
		expect(readableMail(folded).split('\n')[0]).toBe('Subject: Ledger Bridge – sales failed');
		expect(readableMail(spaced).split('\n')[0]).toBe('Subject: Ledger Bridge – sales failed');
	});

	test('a space between plain text and an encoded word stays', () => {
		expect(readableMail('Subject: Re: =?UTF-8?Q?June_failed?=\r\n\r\nbody').split('\n')[0]).toBe('Subject: Re: June failed');
	});
});
