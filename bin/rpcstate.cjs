#!/usr/bin/env node
'use strict';
require('./run-with-node22.cjs')('cli.cjs');
