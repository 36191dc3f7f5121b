import { exactOnlineProfile } from '../targets/exactOnline/profile';
import { genericProfile } from './generic';
import { operaProfile } from '../targets/opera/profile';
import { sage100Profile } from '../targets/sage100/profile';
import { sage50UkProfile } from '../targets/sage50/profileUk';
import { sage50UsProfile } from '../targets/sage50/profileUs';
import type { ConstraintProfile } from './types';

export type { ConstraintProfile, FieldRule } from './types';

/** Every target profile the Ledger Mapping node offers. Add a target by adding its profile here. */
export const CONSTRAINT_PROFILES: readonly ConstraintProfile[] = [genericProfile, operaProfile, sage50UkProfile, sage50UsProfile, sage100Profile, exactOnlineProfile];

export function findProfile(id: string): ConstraintProfile | undefined {
	return CONSTRAINT_PROFILES.find((profile) => profile.id === id);
}
