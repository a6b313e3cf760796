import type { Command } from 'commander';
import { action } from '../run.ts';
import { AnonymatError } from '../../errors.ts';

/** `anonymat verdict` — placeholder until its issue lands: exits 2 with a clear message. */
export function register(program: Command): void {
  program.command('verdict').description('(not yet available)').allowUnknownOption().argument('[args...]')
    .action(action(async () => { throw new AnonymatError('invalid-usage', 'anonymat verdict is not available in this version'); }));
}
