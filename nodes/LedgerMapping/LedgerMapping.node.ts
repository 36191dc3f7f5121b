import { ApplicationError, NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import type { BatchMode } from '../../lib/mapping/pipeline';
import { findProfile } from '../../lib/profiles';
import { buildImportLog } from '../../lib/report/importLog';
import { ledgerMappingProperties } from './description';
import { pairedIndexes, parseCustomProfile, readTables } from './helpers';
import { mapIncoming, type MappedRun } from './run';
import { operationError } from '../shared/errors';

export class LedgerMapping implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ledger Mapping',
		name: 'ledgerMapping',
		icon: { light: 'file:ledgerMapping.svg', dark: 'file:ledgerMapping.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ "Map and check for " + ({ sage50uk: "Sage 50 UK", sage50us: "Sage 50 US", sage100fr: "Sage 100", opera3: "Opera 3", exactOnline: "Exact Online", generic: "any ledger", custom: "a custom profile" }[$parameter["targetProfile"]] ?? $parameter["targetProfile"]) }}',
		description:
			'Map account, tax and party codes and check ledger documents against a target ledger before posting',
		defaults: { name: 'Ledger Mapping' },
		// An AI agent may call it as a tool: look-ups and statuses read; a posting it asks for goes through the journal like any other.
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Rejected holds one item per rejected document; the import log has its own output.
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Valid', 'Rejected', 'Import Log'],
		properties: ledgerMappingProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		let run: MappedRun;
		let profile: NonNullable<ReturnType<typeof findProfile>>;
		try {
			// Settings are read once per run, from the first item: tables fed by an expression
			// come from a previous node once, not once per document.
			const profileId = this.getNodeParameter('targetProfile', 0) as string;
			const found =
				profileId === 'custom'
					? parseCustomProfile(this.getNodeParameter('customProfile', 0))
					: findProfile(profileId);
			if (!found) throw new ApplicationError(`There is no target profile called "${profileId}".`);
			profile = found;
			const mode = this.getNodeParameter('batchMode', 0) as BatchMode;
			const tables = readTables.call(this);
			run = await mapIncoming(this, items, this.getNodeParameter('documentsField', 0, '') as string, { tables, profile, mode });
		} catch (error) {
			if (this.continueOnFail()) {
				return [[], [{ json: { error: (error as Error).message }, pairedItem: items.map((_, item) => ({ item })) }], []];
			}
			throw operationError(this.getNode(), error as Error, {
				description: 'Fix the node settings named in the message; no document was processed.',
			});
		}
		const { valid, rejected, validCount, documentCount } = run;

		const writeLog = this.getNodeParameter('options.importLog', 0, true) as boolean;
		if (writeLog && rejected.length > 0) {
			const runAt = new Date();
			const fileName = (this.getNodeParameter('options.importLogFileName', 0, '') as string) ||
				`ledger-bridge-import-log-${runAt.toISOString().replace(/[:.]/g, '-')}.csv`;
			const log = buildImportLog({ runAt, target: profile.name, documentCount, validCount, rejections: run.rejections });
			const logItem: INodeExecutionData = {
				json: { kind: 'importLog', fileName, documents: documentCount, valid: validCount, rejected: rejected.length },
				binary: {
					importLog: await this.helpers.prepareBinaryData(Buffer.from(log, 'utf8'), fileName, 'text/csv'),
				},
				pairedItem: [...new Set(rejected.flatMap((item) => pairedIndexes(item)))].map((index) => ({ item: index })),
			};
			return [valid, rejected, [logItem]];
		}
		return [valid, rejected, []];
	}
}
