import type { Feature } from '../../kernel/feature.js';
import { peopleList } from './people-list.js';
import { peopleOrg, peopleSet } from './people-set.js';

/** Who is on which side of the channel: the platform's organisations, mapped by managers, and their word. */
export const peopleFeature: Feature = {
  name: 'people',
  commands: [peopleList, peopleSet, peopleOrg],
};
