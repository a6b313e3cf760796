/**
 * anonymat <verb> [options] [<input>] — a thin shell over the library.
 * Exit codes: 0 ok; 1 internal failure; 2 invalid usage or input; 3 the data fail the policy; 4 (audit verify) intact only
 * since a re-anchoring.
 * Each verb lives in commands/<verb>.ts and imports its heavy modules lazily, inside its action.
 */
import { Command, CommanderError } from 'commander';
import { runAbortHandlers } from '../io/abort.ts';
import { systemReason } from './run.ts';
import { withoutKeyText } from '../pseudonymize/key.ts';
import { register as assess } from './commands/assess.ts';
import { register as init } from './commands/init.ts';
import { register as anonymize } from './commands/anonymize.ts';
import { register as ingest } from './commands/ingest.ts';
import { register as pseudonymize } from './commands/pseudonymize.ts';
import { register as redact } from './commands/redact.ts';
import { register as verdict } from './commands/verdict.ts';
import { register as dp } from './commands/dp.ts';
import { register as serve } from './commands/serve.ts';
import { register as audit } from './commands/audit.ts';

export function buildProgram(): Command {
  const program = new Command('anonymat')
    .description('Measure whether health data are anonymous or only pseudonymous; anonymize them; answer statistics with differential privacy.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    // (an unknown option is echoed: "--key=<the key>" must not be — a key is never written to a terminal or a log)
    .configureOutput({ outputError: (str, write) => write(withoutKeyText(str)) });
  for (const reg of [init, assess, anonymize, ingest, pseudonymize, redact, verdict, dp, audit, serve]) reg(program);
  program.addHelpText('after', `
Exit codes: 0 ok · 1 internal failure · 2 invalid usage or input · 3 data fail the policy / budget exhausted · 4 (audit verify) log intact only since a re-anchoring
Run "anonymat <verb> --help" for each verb's options and an example.`);
  return program;
}

async function main(): Promise<void> {
  // stopped by Ctrl-C or SIGTERM: the temporary outputs of atomic writes (partial records) are removed first
  // (the service installs its own handlers, which close the store)
  const stop = (signal: NodeJS.Signals, code: number) => () => {
    if (process.listenerCount(signal) > 1) return;
    runAbortHandlers();
    process.exit(code);
  };
  process.on('SIGINT', stop('SIGINT', 130));
  process.on('SIGTERM', stop('SIGTERM', 143));
  // a closed pipe (anonymat … | head) is not an error
  // (any other failure of standard output — a full disk, /dev/full — is one line, exit 2, not a stack trace)
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`error: cannot write to standard output: ${systemReason(e) ?? e.message}\n`);
    runAbortHandlers();
    process.exit(2);
  });
  // a closed standard error (anonymat … 2>&1 | head -1) loses the messages, not the exit code: the command ends as it
  // would have, with its own code (an unhandled EPIPE on stderr was an internal failure, exit 1)
  process.stderr.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; usage errors exit 2
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    throw e;
  }
}

await main();
