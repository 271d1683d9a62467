// Every test process stays local and quiet.
require('reflect-metadata');
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
process.env.NX_DAEMON = 'false';
process.env.NX_NO_CLOUD = 'true';
