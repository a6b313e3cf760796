import type { Command } from 'commander';
import { action } from '../run.ts';
import { AnonymatError } from '../../errors.ts';

/** `anonymat dp` — placeholder until its issue lands: exits 2 with a clear message. */
export function register(program: Command): void {
  program.command('dp').description('(not yet available)').allowUnknownOption().argument('[args...]')
    .action(action(async () => { throw new AnonymatError('invalid-usage', 'anonymat dp is not available in this version'); }));
}
