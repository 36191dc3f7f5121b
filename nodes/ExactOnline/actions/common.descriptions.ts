import type { INodeProperties } from 'n8n-workflow';

import { postingProperties } from '../../shared/posting';

/** The fields several Exact Online operations show; each operation's file lists what it shows, in order. */
export const [journalProperty, dryRunProperty] = postingProperties();

export const divisionProperty: INodeProperties = {
	displayName: 'Division Name or ID',
	name: 'division',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getDivisions' },
	default: '',
	description:
		'The Exact company (division) to work in. Empty means the connected user\'s current division, which follows the last company picked in Exact\'s web screens — choose one explicitly for scheduled runs. By expression, use the division code the API uses (e.g. 1234567), NOT the small number Exact\'s company list shows under "Code" (that is the HID). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const exactJournalProperty: INodeProperties = {
	...journalProperty,
	description:
		'Where Ledger Bridge records what it sent, so that a rerun, a run overlapping another, or a second worker never posts an entry twice; workers sharing the Exact credential also take turns there to refresh its one-time token',
};
