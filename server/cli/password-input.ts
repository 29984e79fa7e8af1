/** Password input for the admin CLI: from piped stdin, or typed on the terminal without echo. */
import { AdminError } from './admin-error';

export async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (password === '') throw new AdminError('No password arrived on stdin.');
  return password;
}

function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (outcome: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      outcome();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish(() => {
            resolve(value);
          });
          return;
        }
        if (ch === '\u0003') {
          finish(() => {
            reject(new AdminError('Cancelled.'));
          });
          return;
        }
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}

export async function readPasswordFromTerminal(): Promise<string> {
  if (!process.stdin.isTTY) throw new AdminError('No terminal to ask for the password on; pipe it in with --password-stdin.');
  const first = await promptHidden('New password: ');
  const second = await promptHidden('Repeat it: ');
  if (first !== second) throw new AdminError('The two passwords differ; nothing was changed.');
  return first;
}
