#!/usr/bin/env node
// The `mws-connector` CLI: the built commands in dist/cli/commands (run `npm run build` first).
require('@oclif/core').execute({ dir: __dirname });
