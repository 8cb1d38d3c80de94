#!/usr/bin/env node
'use strict';
require('./run-with-node22.cjs')('server.cjs');
