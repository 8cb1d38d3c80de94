import { writeFileSync } from 'node:fs';
import { ladderProtocol } from './ladder-protocol.js';

// write-ladder N clean|waits FILE
writeFileSync(process.argv[4], ladderProtocol(Number(process.argv[2]), process.argv[3] === 'waits' ? 'waits' : 'clean'));
