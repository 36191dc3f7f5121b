/**
 * Reading Manage's `Link` header (reference connectwise-manage.md §2): navigable paging gives
 * first/prev/next/last (RFC 5988) and leaves out `next` on the last page; forward-only paging gives
 * a link carrying the next `pageId`. The client takes only the page coordinates from a link and
 * builds the next URL itself, with its own conditions: pyconnectwise #14 lost the `conditions`
 * filter on the next page, and a link is never a reason to send the keys to another host.
 */

export interface LinkTarget {
	url: string;
	rels: string[];
}

/** The links of a `Link` header; empty for a missing or unreadable header. */
export function parseLinkHeader(header: string | undefined): LinkTarget[] {
	if (!header) return [];
	const links: LinkTarget[] = [];
	// URLs sit in <…> and may hold commas (an unencoded `in (1,2)`), so split on the brackets.
	for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
		const parameters = match[2];
		const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(parameters);
		const rels = (rel?.[1] ?? rel?.[2] ?? '')
			.toLowerCase()
			.split(/\s+/)
			.filter(Boolean);
		links.push({ url: match[1].trim(), rels });
	}
	return links;
}

/** The query parameters of a link, names lower-cased (Manage writes pageId, pageid or PageId). */
export function linkParameters(url: string): Map<string, string> {
	const parameters = new Map<string, string>();
	let search: URLSearchParams;
	try {
		search = new URL(url, 'http://link.invalid/').searchParams;
	} catch {
		return parameters;
	}
	search.forEach((value, name) => parameters.set(name.toLowerCase(), value));
	return parameters;
}

/** The link marked rel="next", if any. */
export function nextLink(links: LinkTarget[]): LinkTarget | undefined {
	return links.find((link) => link.rels.includes('next'));
}
