import { writeFileSync } from 'node:fs';
import { syntheticProtocol } from './synthetic-protocol.js';

writeFileSync(process.argv[3], syntheticProtocol(Number(process.argv[2])));
