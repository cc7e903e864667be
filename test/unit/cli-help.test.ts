import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { COMMAND_LOADERS, loadCommands } from '../../src/cli/commands/index.js';
import { buildProgram } from '../../src/cli/program.js';
import { EXIT } from '../../src/exit-codes.js';

const ALL = await loadCommands();

function commandNames(): string[] {
  const out = memoryOutput();
  const program = buildProgram({ output: out, env: {}, cwd: process.cwd(), exitCode: 0, confirm: async () => false }, ALL);
  return program.commands.map((c) => c.name());
}

describe('--help everywhere', () => {
  it('the program lists every command', async () => {
    const out = memoryOutput();
    expect(await runCli(['--help'], out)).toBe(EXIT.OK);
    const text = out.stdout.join('\n');
    expect(text).toContain('Usage: squashbase');
    for (const name of commandNames()) expect(text).toContain(name);
  });

  it.each(commandNames())('%s --help exits 0 with usage and options', async (name) => {
    const out = memoryOutput();
    expect(await runCli([name, '--help'], out)).toBe(EXIT.OK);
    const text = out.stdout.join('\n');
    expect(text).toContain(`Usage: squashbase ${name}`);
    expect(text).toMatch(/Options:/);
  });

  it('every command is loadable on its own under its own name', async () => {
    expect(commandNames()).toEqual(Object.keys(COMMAND_LOADERS));
  });

  it('an unknown command is a usage error (exit 2)', async () => {
    const out = memoryOutput();
    expect(await runCli(['frobnicate'], out)).toBe(EXIT.USAGE);
  });
});
