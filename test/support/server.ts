import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const repoRoot = join(__dirname, '..', '..');

export interface RunningServer {
  child: ChildProcess;
  url: string;
  stdout: string[];
  exited: Promise<number | null>;
}

/** Starts `src/main.ts` in a child process on a free port and waits for its banner. */
export async function startServer(
  env: Record<string, string>,
  command: readonly string[] = [process.execPath, '--import', 'tsx', 'src/main.ts'],
): Promise<RunningServer> {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let listening = '';
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      stdout.push(line);
      listening ||= /listening on (http:\/\/[\d.]+:\d+)/.exec(line)?.[1] ?? '';
      if (listening && line.includes('Try:')) resolve(listening);
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return { child, url, stdout, exited };
}
