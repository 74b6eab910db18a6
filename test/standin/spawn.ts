import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const tsx = join(__dirname, '../../node_modules/.bin/tsx');

/** A stand-in server started in its own process, once it has printed the port it listens on. */
export interface SpawnedStandIn {
  port: number;
  /** Every line the process wrote, stdout and stderr. */
  output: string[];
  stop(): Promise<void>;
}

/** Runs `test/standin/<script>` with `args` and waits for its `{"listening":port}` line. */
export async function spawnStandIn(script: string, args: string[]): Promise<SpawnedStandIn> {
  const child: ChildProcess = spawn(tsx, [join(__dirname, script), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr!.on('data', (c: Buffer) => output.push(c.toString('utf8')));
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`${script} exited ${code}: ${output.join('')}`)));
    lines.on('line', (line) => {
      output.push(line);
      const m = /"listening":(\d+)/.exec(line);
      if (m) ok(Number(m[1]));
    });
  });
  return {
    port,
    output,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}
