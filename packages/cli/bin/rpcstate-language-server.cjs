#!/usr/bin/env node
'use strict';
require('./start.cjs')('server.cjs', 'rpcstate-language-server');
