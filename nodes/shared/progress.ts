/**
 * Long waits said where people look: a rate-limit pause, a retry after a dropped connection or a
 * token refresh go into n8n's log, and in a run started from the editor also to the browser's
 * console (n8n's sendMessageToUI), so a run that seems stuck says why.
 */
import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

export interface ProgressEvent {
	type: string;
	detail: string;
	waitMs?: number;
}

export function progressReporter(context: IExecuteFunctions | ILoadOptionsFunctions, service: string): (event: ProgressEvent) => void {
	return (event) => {
		const waiting = event.waitMs !== undefined && event.waitMs > 0 ? `; waiting ${(event.waitMs / 1000).toFixed(1)} s` : '';
		const line = `${service}: ${event.detail}${waiting}`;
		context.logger.info(line, { node: context.getNode().name });
		const execute = context as Partial<IExecuteFunctions>;
		if (typeof execute.sendMessageToUI === 'function' && execute.getMode?.() === 'manual') execute.sendMessageToUI(line);
	};
}
