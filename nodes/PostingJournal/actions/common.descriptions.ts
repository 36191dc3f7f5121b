import type { INodeProperties } from 'n8n-workflow';

import type { JournalState } from '../../../lib/posting/journal/types';
import { journalProperty } from '../../shared/posting';

/** The targets as the journal names them, with the words a bookkeeper knows them by. */
export const TARGETS: Array<{ name: string; value: string }> = [
	{ name: 'ConnectWise Manage Batches', value: 'connectWiseBatches' },
	{ name: 'ConnectWise Manage Payments', value: 'connectWisePayments' },
	{ name: 'Exact Online', value: 'exactOnline' },
	{ name: 'Opera 3', value: 'opera3' },
	{ name: 'Sage 100 (France)', value: 'sage100fr' },
	{ name: 'Sage 50 (UK)', value: 'sage50uk' },
	{ name: 'Sage 50 (US)', value: 'sage50us' },
	{ name: 'Writable ODBC Database', value: 'generic' },
];
export const TARGET_LABELS = new Map(TARGETS.map(({ name, value }) => [value, name]));

export const STATES: Array<{ name: string; value: JournalState; description: string }> = [
	{ name: 'Claimed', value: 'claimed', description: 'A run is sending it now, or stopped while sending; the next run looks in the target first' },
	{ name: 'Not Sent', value: 'notSent', description: 'A run claimed it and stopped before sending it' },
	{ name: 'Posted', value: 'posted', description: 'In the ledger: the target confirmed it' },
	{ name: 'Rejected', value: 'rejected', description: 'Turned away with a reason; it is sent once corrected' },
	{ name: 'Skipped', value: 'skipped', description: 'Left out on purpose, e.g. dated before the ledger\'s period; a later run decides again' },
	{ name: 'Unconfirmed', value: 'unconfirmed', description: 'Sent, but the target did not confirm it; the next run looks before sending again' },
	{ name: 'Written', value: 'written', description: 'In an import file published for the target (Sage 50, Opera)' },
];

export const journal: INodeProperties = journalProperty();
