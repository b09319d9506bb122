import type { AnyFace } from './face.js';
import { slackFace } from './slack/face.js';
import { teamsFace } from './teams/face.js';

/**
 * The faces Tandem can serve, started when the environment asks for them. Adding a face is its
 * folder under adapters/ and one line here. The console is what runs when none is asked for.
 */
export const FACES: readonly AnyFace[] = [slackFace, teamsFace];
