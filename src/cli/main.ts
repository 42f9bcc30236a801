#!/usr/bin/env node
// plantrace command line: one subcommand per stage of the pipeline, plus the local database and the API.
import { Command } from 'commander';
import { registerDbCommands } from './db.js';
import { registerServeCommands } from './serve.js';
import { registerParseCommand } from './parse.js';
import { registerAlignCommand } from './align.js';
import { registerLoadCommands } from './load.js';
import { registerCalibrateCommand } from './calibrate.js';
import { reportFatal } from './errors.js';

const program = new Command()
  .name('plantrace')
  .description(
    'Trace Chinese local implementation plans to the national plan, in a Neo4j graph with a GraphQL API.',
  )
  .showHelpAfterError();

registerDbCommands(program);
registerServeCommands(program);
registerParseCommand(program);
registerAlignCommand(program);
registerLoadCommands(program);
registerCalibrateCommand(program);

program.parseAsync(process.argv).catch(reportFatal);
