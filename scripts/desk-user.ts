/**
 * Desk accounts from the command line (README, "The desk"):
 *
 *   npm run desk:user -- add --email <e> --role <reporter|editor|admin> [--name <n>]
 *   npm run desk:user -- reset-password --email <e>
 *   npm run desk:user -- set-role --email <e> --role <reporter|editor|admin>
 *   npm run desk:user -- disable --email <e>      (and enable)
 *   npm run desk:user -- end-sessions --email <e>
 *   npm run desk:user -- list
 *
 * The password comes from DESK_PASSWORD, else a prompt that does not echo it. Data goes to the
 * desk's store (DESK_DB, default data/desk.sqlite). Exit codes: 0 done, 1 refused (the message
 * says why), 2 usage.
 */
import { parseArgs } from 'node:util';
import { AccountError, addAccount, disableAccount, enableAccount, endSessions, listAccounts, resetPassword, setRole } from '@/lib/desk/accounts';
import { closeDesk } from '@/lib/desk/auth';
import { DeskStoreUnavailableError } from '@/lib/desk/config';
import { isDeskRole } from '@/lib/desk/roles';

const USAGE = `Usage: npm run desk:user -- <command> [options]
  add --email <e> --role <reporter|editor|admin> [--name <n>]
  reset-password --email <e>
  set-role --email <e> --role <reporter|editor|admin>
  disable --email <e>
  enable --email <e>
  end-sessions --email <e>
  list
The password is read from DESK_PASSWORD, or asked for.`;

class UsageError extends Error {}

const ACTOR = 'cli';

async function readPassword(): Promise<string> {
  const fromEnv = process.env.DESK_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new UsageError('No password: set DESK_PASSWORD, or run the command in a terminal to be asked for one.');
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(question);
      const stdin = process.stdin;
      stdin.setRawMode(true);
      stdin.resume();
      let typed = '';
      const onData = (data: Buffer) => {
        for (const ch of data.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            stdin.setRawMode(false);
            stdin.pause();
            stdin.off('data', onData);
            process.stdout.write('\n');
            resolve(typed);
            return;
          }
          if (ch === '\u0003') process.exit(130);
          typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
        }
      };
      stdin.on('data', onData);
    });
  const first = await ask('Password: ');
  const again = await ask('Again: ');
  if (first !== again) throw new AccountError('The two passwords differ.');
  return first;
}

async function main(argv: string[]): Promise<string> {
  const { positionals, values } = (() => {
    try {
      return parseArgs({ args: argv, allowPositionals: true, options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } } });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  })();
  const [command, ...extra] = positionals;
  if (extra.length) throw new UsageError(`Unexpected: ${extra.join(' ')}`);
  const need = (name: 'email' | 'role') => {
    const value = values[name];
    if (!value) throw new UsageError(`${command} needs --${name}.`);
    return value;
  };
  switch (command) {
    case 'add': {
      const email = need('email');
      const role = need('role');
      // Asked before the password, so a typo costs no typing.
      if (!isDeskRole(role)) throw new AccountError(`"${role}" is not a role: reporter, editor or admin.`);
      const user = await addAccount({ email, role, name: values.name, password: await readPassword() }, ACTOR);
      return `Added ${user.email} (${user.role}).`;
    }
    case 'reset-password': {
      const email = need('email');
      await resetPassword({ email, password: await readPassword() }, ACTOR);
      return `New password set for ${email}; its sessions have ended.`;
    }
    case 'set-role': {
      const email = need('email');
      const role = need('role');
      await setRole({ email, role }, ACTOR);
      return `${email} is now ${role}.`;
    }
    case 'disable':
      await disableAccount({ email: need('email') }, ACTOR);
      return `${values.email} is disabled; its sessions have ended.`;
    case 'enable':
      await enableAccount({ email: need('email') }, ACTOR);
      return `${values.email} is enabled.`;
    case 'end-sessions': {
      const ended = await endSessions({ email: need('email') }, ACTOR);
      return `Ended ${ended} session(s) of ${values.email}.`;
    }
    case 'list': {
      const accounts = await listAccounts();
      if (!accounts.length) return 'No accounts yet: add the first admin with `npm run desk:user -- add --email <e> --role admin`.';
      return accounts.map((a) => `${a.email}\t${a.role}${a.disabled ? '\tdisabled' : ''}`).join('\n');
    }
    case undefined:
      throw new UsageError('No command.');
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

main(process.argv.slice(2))
  .then((message) => {
    console.log(message);
  })
  .catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`desk:user: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof AccountError || error instanceof DeskStoreUnavailableError) {
      console.error(`desk:user: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  })
  .finally(closeDesk);
