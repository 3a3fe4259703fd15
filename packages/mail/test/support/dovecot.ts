import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

/** The Debian dovecot binary, or null when it is not installed. */
export const dovecotBinary = ['/usr/sbin/dovecot', '/usr/bin/dovecot'].find((p) => existsSync(p)) ?? null;
if (!dovecotBinary) {
  const reason = 'IMAP tests skipped: Dovecot is not installed (apt-get install dovecot-imapd; scripts/test-all.sh does it)';
  // CI always has it: there a missing server is a failure, not a skip.
  if (process.env.CI) throw new Error(reason);
  console.warn(reason);
}

async function systemUser(name: string): Promise<{ uid: number; gid: number }> {
  const line = (await readFile('/etc/passwd', 'utf8')).split('\n').find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) throw new Error(`no system user ${name}`);
  return { uid: Number(uid), gid: Number(gid) };
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  /** imap://user:pass@127.0.0.1:port */
  url: string;
  dir: string;
  /** The maildir of the user (for tests that change the server behind its back). */
  maildir: string;
  client(): Promise<ImapFlow>;
  stop(): Promise<void>;
}

/**
 * Starts a private Dovecot: own config and state in a temp folder, a passwd-file user, a maildir,
 * plain-text login on a free loopback port. Runs as root (CI and this machine) with the mail user
 * mapped to root, or as the current user otherwise.
 */
export async function startDovecot(): Promise<Dovecot> {
  if (!dovecotBinary) throw new Error('dovecot is not installed (apt-get install dovecot-imapd)');
  const dir = await mkdtemp(join(tmpdir(), 'ekspedit-dovecot-'));
  // Dovecot's auth process runs as its own user and must reach the passwd file (test credentials only).
  await chmod(dir, 0o755);
  const port = await freePort();
  const user = 'postkasse';
  const password = 'hemmelig';
  const isRoot = process.getuid?.() === 0;
  // Dovecot refuses uid 0 for mail; as root the maildir belongs to Debian's `mail` user instead.
  const mailUser = isRoot ? await systemUser('mail') : null;
  const uid = mailUser?.uid ?? process.getuid?.() ?? 0;
  const gid = mailUser?.gid ?? process.getgid?.() ?? 0;
  const home = join(dir, 'home', user);
  await mkdir(home, { recursive: true });
  if (isRoot) {
    await chown(join(dir, 'home'), uid, gid);
    await chown(home, uid, gid);
  }
  await mkdir(join(dir, 'run'), { recursive: true });
  await mkdir(join(dir, 'state'), { recursive: true });
  await writeFile(join(dir, 'passwd'), `${user}:{PLAIN}${password}:${uid}:${gid}::${home}::\n`);
  const conf = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = ekspedit-test-${port}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:~/Maildir
mail_fsync = never
${isRoot ? 'default_internal_user = dovecot\ndefault_login_user = dovenull' : `default_internal_user = ${process.env.USER ?? 'nobody'}\ndefault_login_user = ${process.env.USER ?? 'nobody'}`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service imap {
  process_limit = 32
}
protocol imap {
  mail_max_userip_connections = 50
}
`;
  const confPath = join(dir, 'dovecot.conf');
  await writeFile(confPath, conf);
  const child: ChildProcess = spawn(dovecotBinary, ['-F', '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const url = `imap://${user}:${password}@127.0.0.1:${port}`;
  const client = async () => {
    const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
    c.on('error', () => {});
    await c.connect();
    return c;
  };
  // Wait until it accepts a login.
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const c = await client();
      await c.logout();
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        const log = await readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => '');
        child.kill('SIGKILL');
        throw new Error(`dovecot did not start: ${(error as Error).message}\n${stderr}\n${log.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    user,
    password,
    url,
    dir,
    maildir: join(home, 'Maildir'),
    client,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
