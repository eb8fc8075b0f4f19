// The CommonJS view of the same types.
import hubspot = require('hubspot-webhooks');

const batch = hubspot.parseBatch('[]');
const ids: string[] = batch.events.map((e) => e.eventId);
export = ids;
