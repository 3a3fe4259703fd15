import { hashString } from './random';

/**
 * The arm of a controlled pilot a case falls in: a share of eligible cases goes without AI (the
 * control group), drawn by a hash of the case id and the pilot's name rather than by anyone's
 * choice, so the draw is random, reproducible and cannot be steered. Intake records the arm on the
 * case (event `pilot.assigned` with data.arm, or the flag `ai_control`) and leaves AI off for controls.
 */
export function pilotArm(input: { caseId: string; pilot: string; controlShare: number }): 'ai' | 'control' {
  if (!(input.controlShare > 0)) return 'ai';
  return hashString(`${input.pilot}:${input.caseId}`) / 4294967296 < input.controlShare ? 'control' : 'ai';
}
