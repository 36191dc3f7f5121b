import { exactOnlineProfile } from './exactOnline';
import { genericProfile } from './generic';
import { operaProfile } from './opera';
import { sage100Profile } from './sage100';
import { sage50UkProfile } from './sage50uk';
import { sage50UsProfile } from './sage50us';
import type { ConstraintProfile } from './types';

export type { ConstraintProfile, FieldRule } from './types';

/** Every target profile the Ledger Mapping node offers. Add a target by adding its profile here. */
export const CONSTRAINT_PROFILES: readonly ConstraintProfile[] = [genericProfile, operaProfile, sage50UkProfile, sage50UsProfile, sage100Profile, exactOnlineProfile];

export function findProfile(id: string): ConstraintProfile | undefined {
	return CONSTRAINT_PROFILES.find((profile) => profile.id === id);
}
