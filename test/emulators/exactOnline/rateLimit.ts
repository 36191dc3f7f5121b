/**
 * Exact's rate limits (§5): a minutely and a daily allowance per app per division, reported on
 * every answer in X-RateLimit-* headers whose resets are epoch milliseconds. Windows are aligned
 * to multiples of `minuteMs` (and of 1440 of them for the day), so a benchmark can shrink time.
 */
import type { UsageCounters } from './state';

export interface RateLimits {
	minuteMs: number;
	minutelyLimit: number;
	dailyLimit: number;
}

export interface RateDecision {
	allowed: boolean;
	headers: Record<string, string>;
}

function minutelyHeaders(limits: RateLimits, window: number, remaining: number): Record<string, string> {
	return {
		'X-RateLimit-Minutely-Limit': String(limits.minutelyLimit),
		'X-RateLimit-Minutely-Remaining': String(Math.max(0, remaining)),
		'X-RateLimit-Minutely-Reset': String((window + 1) * limits.minuteMs),
	};
}

function dailyHeaders(limits: RateLimits, window: number, remaining: number): Record<string, string> {
	return {
		'X-RateLimit-Limit': String(limits.dailyLimit),
		'X-RateLimit-Remaining': String(Math.max(0, remaining)),
		'X-RateLimit-Reset': String((window + 1) * limits.minuteMs * 1440),
	};
}

function countersFor(usage: Map<number, UsageCounters>, division: number, limits: RateLimits, now: number): UsageCounters {
	const minuteWindow = Math.floor(now / limits.minuteMs);
	const dayWindow = Math.floor(now / (limits.minuteMs * 1440));
	const counters = usage.get(division) ?? { minuteWindow, minuteCalls: 0, dayWindow, dayCalls: 0 };
	if (counters.minuteWindow !== minuteWindow) Object.assign(counters, { minuteWindow, minuteCalls: 0 });
	if (counters.dayWindow !== dayWindow) Object.assign(counters, { dayWindow, dayCalls: 0 });
	usage.set(division, counters);
	return counters;
}

/**
 * Counts one call, or refuses it. A refusal carries only the headers of the limit that was hit,
 * so a client reading the daily headers after a minutely 429 finds none (§5, picqer #646).
 */
export function takeCall(usage: Map<number, UsageCounters>, division: number, limits: RateLimits, now: number): RateDecision {
	const counters = countersFor(usage, division, limits, now);
	if (counters.dayCalls >= limits.dailyLimit) {
		return { allowed: false, headers: dailyHeaders(limits, counters.dayWindow, 0) };
	}
	if (counters.minuteCalls >= limits.minutelyLimit) {
		return { allowed: false, headers: minutelyHeaders(limits, counters.minuteWindow, 0) };
	}
	counters.minuteCalls += 1;
	counters.dayCalls += 1;
	return {
		allowed: true,
		headers: {
			...dailyHeaders(limits, counters.dayWindow, limits.dailyLimit - counters.dayCalls),
			...minutelyHeaders(limits, counters.minuteWindow, limits.minutelyLimit - counters.minuteCalls),
		},
	};
}

/** The minutely headers a forced 429 (FaultSwitches.burst429) carries: nothing left until the window ends. */
export function exhaustedMinutelyHeaders(limits: RateLimits, now: number): Record<string, string> {
	return minutelyHeaders(limits, Math.floor(now / limits.minuteMs), 0);
}
