/**
 * The mmucheck command-line program, built in a factory so tests run it in-process with captured
 * output. Every usage error and bad input maps to exit code 2 here, in one place.
 */
import { Command, CommanderError } from 'commander';
import { InputError, expectedOneOf } from '../model/InputError.js';
import { capText, quoteValue } from '../model/safeText.js';
import { addCheckCommand } from './commands/checkCommand.js';
import { addScenariosCommand } from './commands/scenariosCommand.js';
import { addExplainCommand } from './commands/explainCommand.js';
import { addReplayCommand } from './commands/replayCommand.js';
import { addHistoryCommand } from './commands/historyCommand.js';
import { addNecessityCommand } from './commands/necessityCommand.js';
import { addExploreCommand } from './commands/exploreCommand.js';
import { addSimulateCommand } from './commands/simulateCommand.js';
import { addResumeCommand } from './commands/resumeCommand.js';
import { addWorkerCommand } from './commands/workerCommand.js';
import { EXIT } from './exitCodes.js';
import { MMUCHECK_VERSION } from './version.js';
import { OutputError } from './OutputError.js';
import type { Io } from './Io.js';

const QUIET_EXITS = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/** How long a line of commander's own usage errors may be: they quote the argument as given, which may be of any length. */
const USAGE_LINE_MAX_CHARS = 300;

/** A usage error from commander, each line escaped and capped. */
function usageError(message: string): string {
  return `mmucheck: ${message
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => capText(line, USAGE_LINE_MAX_CHARS))
    .join('\n')}\n`;
}

/** Builds the program; `run(argv)` parses user arguments (without `node` and the script) and resolves to the exit code. */
export function createProgram(io: Io): { program: Command; run(args: readonly string[]): Promise<number> } {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('mmucheck')
    .description('Exhaustive model checker for the Linux mmu_notifier SRCU object-lifetime protocol')
    .version(MMUCHECK_VERSION)
    .option('--debug', 'show stack traces of errors')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(usageError(s)),
    })
    .showHelpAfterError('(run mmucheck --help for usage)');
  // An unknown command is bad input like any other: name it and the commands there are.
  program.on('command:*', (operands: string[]) => {
    const names = program.commands.map((c) => c.name());
    throw new InputError(
      `unknown command ${quoteValue(operands[0] ?? '')}; ${expectedOneOf(operands[0] ?? '', names)}`,
    );
  });
  addCheckCommand(program, io, setExit);
  addScenariosCommand(program, io, setExit);
  addExplainCommand(program, io, setExit);
  addReplayCommand(program, io, setExit);
  addHistoryCommand(program, io, setExit);
  addNecessityCommand(program, io, setExit);
  addExploreCommand(program, io, setExit);
  addSimulateCommand(program, io, setExit);
  addResumeCommand(program, io, setExit);
  addWorkerCommand(program, io, setExit);
  for (const sub of program.commands)
    sub.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });

  async function run(args: readonly string[]): Promise<number> {
    exitCode = EXIT.ok;
    if (args.length === 0) {
      // No command is a usage error, not a success: a CI step that lost its arguments must fail.
      io.err(`${program.helpInformation()}\nmmucheck: error: no command given (try: mmucheck check)\n`);
      return EXIT.badInput;
    }
    try {
      await program.parseAsync([...args], { from: 'user' });
      return exitCode;
    } catch (e) {
      if (e instanceof CommanderError) return QUIET_EXITS.has(e.code) ? EXIT.ok : EXIT.badInput;
      const debug = args.includes('--debug');
      if (e instanceof InputError) {
        io.err(`mmucheck: error: ${e.message}\n`);
        if (debug && e.stack) io.err(`${e.stack}\n`);
        return EXIT.badInput;
      }
      if (e instanceof OutputError) {
        io.err(`mmucheck: error: ${e.message}\n`);
        if (debug && e.stack) io.err(`${e.stack}\n`);
        return EXIT.outputFailed;
      }
      const err = e as Error;
      io.err(
        `mmucheck: internal error: ${err.message ?? String(e)}\n${debug ? `${err.stack}\n` : '(run with --debug for the stack trace)\n'}`,
      );
      return EXIT.modelError;
    }
  }
  return { program, run };
}
