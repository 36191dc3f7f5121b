import { mappingWorkflow, runWorkflow } from './harness';

const invoice = {
	type: 'salesInvoice',
	header: { number: 'INV-1001', date: '2026-03-31', currency: 'GBP', source: { system: 'streamtime', id: '1001' } },
	party: { code: 'ACME', name: 'Acme Ltd' },
	lines: [{ description: 'Design work', net: '100.00', taxCode: 'S', taxAmount: '20.00', account: '4000' }],
	totals: { net: '100.00', tax: '20.00', gross: '120.00' },
};

test('smoke', async () => {
	const result = await runWorkflow(mappingWorkflow([invoice, { ...invoice, party: { name: 'No code' }, header: { ...invoice.header, number: 'INV-1002' } }], { targetProfile: 'generic', batchMode: 'perDocument' }));
	const [valid, rejected] = result.output('Ledger Mapping');
	console.log(JSON.stringify(valid, null, 1).slice(0, 1500));
	console.log(JSON.stringify(rejected, null, 1).slice(0, 2500));
	console.log(await result.binaryText(rejected[1].binary!.importLog));
});
