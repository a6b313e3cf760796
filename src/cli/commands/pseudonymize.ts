import type { Command } from 'commander';
import { action } from '../run.ts';
import { AnonymatError } from '../../errors.ts';

/** `anonymat pseudonymize` — placeholder until its issue lands: exits 2 with a clear message. */
export function register(program: Command): void {
  program.command('pseudonymize').description('(not yet available)').allowUnknownOption().argument('[args...]')
    .action(action(async () => { throw new AnonymatError('invalid-usage', 'anonymat pseudonymize is not available in this version'); }));
}
