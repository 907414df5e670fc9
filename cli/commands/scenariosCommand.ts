/** `mmucheck scenarios`: the bundled scenarios with their description and expected verdict. */
import type { Command } from 'commander';
import { bundledScenarioNames, loadScenario } from '../../model/kernel/loadScenario.js';
import { escapeText } from '../../model/safeText.js';
import type { Io } from '../Io.js';
import { EXIT } from '../exitCodes.js';
import { choiceOption } from '../parseOptions.js';

/** Adds the `scenarios` command. */
export function addScenariosCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('scenarios')
    .description('list the bundled scenarios with their expected verdicts')
    .option('--format <format>', 'text or json', choiceOption(['text', 'json'] as const), 'text')
    .option('--no-color', 'no colour (the list has none; accepted like every other command)')
    .action((flags: { format: 'text' | 'json' }) => {
      const scenarios = bundledScenarioNames().map((name) => loadScenario(name));
      const expected = (s: (typeof scenarios)[number]) =>
        !s.expect ? '?' : s.expect.verdict === 'ok' ? 'all hold' : `${s.expect.property} violated`;
      if (flags.format === 'json') {
        io.out(
          JSON.stringify(
            scenarios.map((s) => ({ name: s.name, description: s.description, expect: s.expect ?? null })),
            null,
            2,
          ) + '\n',
        );
      } else {
        const width = Math.max(...scenarios.map((s) => escapeText(s.name).length));
        const ewidth = Math.max(...scenarios.map((s) => expected(s).length));
        for (const s of scenarios)
          io.out(`${escapeText(s.name).padEnd(width)}  ${expected(s).padEnd(ewidth)}  ${escapeText(s.description)}\n`);
      }
      setExit(EXIT.ok);
    });
}
